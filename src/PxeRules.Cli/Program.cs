using System;
using System.Threading.Tasks;
using PxeRules.Probes.Windows;

namespace PxeRules.Cli;

internal static class Program
{
    private static Task<int> Main(string[] args) =>
        new CliApp(new CliConsole(Console.Out, Console.Error, !Console.IsOutputRedirected, Environment.GetEnvironmentVariable))
        {
            // Live machines are read with the Windows provider: this computer, or named servers remotely.
            LiveProviders = builder => builder.AddWindowsProbes(),
        }.RunAsync(args);
}
