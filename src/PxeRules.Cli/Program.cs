using System;
using System.Threading.Tasks;

namespace PxeRules.Cli;

internal static class Program
{
    private static Task<int> Main(string[] args) =>
        new CliApp(new CliConsole(Console.Out, Console.Error, !Console.IsOutputRedirected, Environment.GetEnvironmentVariable)).RunAsync(args);
}
