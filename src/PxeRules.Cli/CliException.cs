using System;

namespace PxeRules.Cli;

/// <summary>Bad usage or bad input: reported as one line and exit code 2.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message)
        : base(message)
    {
    }
}

/// <summary>The tool's exit codes (<c>docs/cli.md</c>).</summary>
internal static class ExitCodes
{
    /// <summary>Nothing detected at or above the threshold; lint found no error; every example passed.</summary>
    public const int Ok = 0;

    /// <summary>Findings at or above the threshold; lint errors; failing examples.</summary>
    public const int Findings = 1;

    /// <summary>Bad usage or bad input.</summary>
    public const int BadInput = 2;

    /// <summary>Interrupted (Ctrl-C, SIGTERM) before the work was done; no file was written (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
