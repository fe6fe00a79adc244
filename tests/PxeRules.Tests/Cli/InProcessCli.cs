using System.IO;
using System.Threading.Tasks;
using PxeRules.Cli;

namespace PxeRules.Tests.Cli;

/// <summary>The pxerules tool run in this process with its output redirected (no terminal, no environment).</summary>
internal static class InProcessCli
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await new CliApp(new CliConsole(output, error, false, _ => null)).RunAsync(args);
        return (code, output.ToString(), error.ToString());
    }
}
