using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace PxeRules.Tests.PowerShell;

/// <summary>
/// PowerShell 7 from the repository's tool manifest (dotnet-tools.json), restored once. In CI (CI=true) a pwsh that
/// cannot be restored fails every test that needs it, with the restore's output; elsewhere those tests are skipped
/// with that reason.
/// </summary>
internal static class Pwsh
{
    private static readonly Lazy<string?> Unavailable = new(Restore);
    private static string pwshDll = string.Empty;

    public static string ModuleFolder { get; } = Path.GetFullPath(typeof(Pwsh).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PowerShellModuleFolder").Value!);

    /// <summary>Why pwsh cannot run here, or null when it can.</summary>
    public static string? WhyUnavailable => Unavailable.Value;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs <paramref name="script"/> in a new pwsh with the module imported; returns its exit code and output.</summary>
    public static (int Code, string Output, string Error) Run(string script, string? workingDirectory = null)
    {
        if (WhyUnavailable is { } reason) throw new InvalidOperationException("pwsh cannot run: " + reason);
        var folder = Directory.CreateTempSubdirectory("pxerules-pwsh-").FullName;
        try
        {
            var file = Path.Combine(folder, "test.ps1");
            File.WriteAllText(file, "$ErrorActionPreference = 'Stop'\n$PSStyle.OutputRendering = 'PlainText'\nImport-Module '" + Path.Combine(ModuleFolder, "PxeRules.psd1").Replace("'", "''") + "'\n" + script);
            // Run in a folder of its own: PSResourceGet keeps its repositories in a folder it works out from XDG_DATA_HOME
            // (relative to the working directory, as seen), and a test's repositories must not reach the user's.
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory ?? folder, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { pwshDll, "-NoProfile", "-NonInteractive", "-File", file }) start.ArgumentList.Add(argument);
            foreach (var name in new[] { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME" }) start.Environment[name] = Path.Combine(folder, name);
            start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
            start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5))) process.Kill(entireProcessTree: true);
            return (process.ExitCode, output.Result, error.Result);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (int Code, string Output) Dotnet(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) process.Kill(entireProcessTree: true);
        return (process.ExitCode, output.Result + error.Result);
    }

    public static string Quote(string path) => "'" + path.Replace("'", "''") + "'";

    private static string? Restore()
    {
        try
        {
            var (code, output) = Dotnet("tool", "restore");
            if (code != 0) return $"'dotnet tool restore' exited with {code}:\n{output}";

            // Where the restored tool is, so each test can start it from a folder of its own.
            (code, output) = Dotnet("tool", "run", "pwsh", "--", "-NoProfile", "-NonInteractive", "-Command", "Join-Path $PSHOME pwsh.dll");
            var dll = output.Trim();
            if (code != 0 || !File.Exists(dll)) return $"pwsh from the tool manifest did not start (exit code {code}):\n{output}";
            pwshDll = dll;
            return null;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return "dotnet cannot be started: " + ex.Message;
        }
    }
}

/// <summary>A test that needs PowerShell 7: skipped with the reason outside CI when pwsh cannot be restored; never skipped in CI.</summary>
public sealed class PwshFactAttribute : FactAttribute
{
    public PwshFactAttribute()
    {
        if (!Pwsh.InCi && Pwsh.WhyUnavailable is { } reason) Skip = "PowerShell 7 cannot be restored from the tool manifest here: " + reason;
    }
}
