using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using PxeRules.Probes.Windows;

namespace PxeRules.Cli;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        // Redirected standard output is buffered and flushed at the end, so a large
        // report costs a few writes, not one per token. On a terminal it stays line by line.
        var redirected = Console.IsOutputRedirected;
        var output = redirected
            ? new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 64 * 1024) { AutoFlush = false }
            : Console.Out;
        try
        {
            return await new CliApp(new CliConsole(output, Console.Error, !redirected, Environment.GetEnvironmentVariable))
            {
                // Live machines are read with the Windows provider: this computer, or named servers remotely.
                LiveProviders = builder => builder.AddWindowsProbes(),
            }.RunAsync(args).ConfigureAwait(false);
        }
        finally
        {
            await output.FlushAsync().ConfigureAwait(false);
        }
    }
}
