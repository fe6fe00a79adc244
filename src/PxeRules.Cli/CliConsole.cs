using System;
using System.IO;
using Spectre.Console;

namespace PxeRules.Cli;

/// <summary>Where the tool writes, whether that is a terminal, and the environment it reads; replaced by tests.</summary>
internal sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error, bool isTerminal, Func<string, string?> environment)
    {
        Output = output;
        Error = error;
        IsTerminal = isTerminal;
        Environment = environment;
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    /// <summary>Whether standard output is a terminal (not redirected to a file or a pipe).</summary>
    public bool IsTerminal { get; }

    public Func<string, string?> Environment { get; }

    /// <summary>Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).</summary>
    public bool UseColor => IsTerminal && string.IsNullOrEmpty(Environment("NO_COLOR"));

    public IAnsiConsole Render(TextWriter writer, bool color)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!color || !IsTerminal)
        {
            console.Profile.Width = 120;
        }

        return console;
    }
}
