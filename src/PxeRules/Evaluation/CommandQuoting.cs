using System;
using System.Text;
using PxeRules.Model;

namespace PxeRules.Evaluation;

/// <summary>
/// Places values read from a machine into a remediation command so that they stay one argument of the shell the
/// command is for, or says why a value cannot be placed safely. An engineer pastes these commands into a console
/// as administrator: a folder name such as <c>D:\RemoteInstall" &amp; rd /s /q "C:\</c> must never become a second
/// command.
/// </summary>
/// <remarks>
/// Where the reference stands inside a quoted part of the rule's command (<c>rd /s /q "{{ wds.rootFolder }}"</c>),
/// the value is placed inside those quotes; elsewhere it is quoted when it holds anything but letters, digits and
/// <c>\ / : . - _</c>.
/// <list type="bullet">
/// <item><description><c>cmd.exe</c> has no escape inside double quotes, and expands <c>%name%</c> even there: a value
/// with <c>"</c> or <c>%</c> cannot be placed; outside quotes <c>&amp; | &lt; &gt; ^</c> would end the command, so a
/// value with those is quoted.</description></item>
/// <item><description>PowerShell: inside single quotes a <c>'</c> is doubled; inside double quotes a value with
/// <c>" ` $</c> cannot be placed; elsewhere the value is put in single quotes.</description></item>
/// </list>
/// A line break, a NUL or any other control character cannot be placed in either shell.
/// </remarks>
internal static class CommandQuoting
{
    /// <summary>Renders <paramref name="command"/> for <paramref name="shell"/>; null with <paramref name="withheld"/> saying why when a value cannot be placed.</summary>
    /// <param name="command">The command with its references.</param>
    /// <param name="shell">The shell the command is for.</param>
    /// <param name="resolve">A reference's value, or null when it is not known (it is then shown as <c>&lt;path: not known&gt;</c> and the command is withheld).</param>
    /// <param name="withheld">Why the command is not shown.</param>
    public static string? Render(Template command, CommandShell shell, Func<FactPath, string?> resolve, out string? withheld)
    {
        withheld = null;
        var builder = new StringBuilder(command.Text.Length + 16);
        var quote = '\0';
        foreach (var part in command.Parts)
        {
            if (part is string literal)
            {
                builder.Append(literal);
                quote = QuoteAfter(literal, quote, shell);
                continue;
            }

            var path = (FactPath)part;
            var value = resolve(path);
            if (value is null)
            {
                withheld = $"'{path}' is not known, so the command cannot be completed.";
                return null;
            }

            var placed = Place(value, quote, shell, out var reason);
            if (placed is null)
            {
                withheld = $"The value of '{path}' ({DisplayText.Escape(value)}) {reason}, so the command is not shown; do the step by hand.";
                return null;
            }

            builder.Append(placed);
        }

        return builder.ToString();
    }

    /// <summary>The value as it can stand in the command at a place inside <paramref name="quote"/> (or none), or null with the reason.</summary>
    internal static string? Place(string value, char quote, CommandShell shell, out string? reason)
    {
        reason = null;
        foreach (var c in value)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085')
            {
                reason = "holds a line break or a control character";
                return null;
            }
        }

        if (shell == CommandShell.PowerShell)
        {
            switch (quote)
            {
                case '\'':
                    return value.Replace("'", "''");
                case '"':
                    if (value.IndexOfAny(new[] { '"', '`', '$' }) >= 0)
                    {
                        reason = "holds \", ` or $, which PowerShell would interpret inside double quotes";
                        return null;
                    }

                    return value;
                default:
                    return IsPlain(value) ? value : "'" + value.Replace("'", "''") + "'";
            }
        }

        if (value.IndexOf('"') >= 0 || value.IndexOf('%') >= 0)
        {
            reason = "holds \" or %, which cmd.exe cannot take as part of one argument";
            return null;
        }

        if (quote == '"' || IsPlain(value)) return value;
        return "\"" + value + "\"";
    }

    /// <summary>Letters, digits and <c>\ / : . - _</c>: a value no shell splits or interprets.</summary>
    private static bool IsPlain(string value)
    {
        if (value.Length == 0) return false;
        foreach (var c in value)
        {
            if (!(char.IsLetterOrDigit(c) || c is '\\' or '/' or ':' or '.' or '-' or '_')) return false;
        }

        return true;
    }

    /// <summary>Which quote is open after <paramref name="literal"/>, given the one open before it.</summary>
    private static char QuoteAfter(string literal, char quote, CommandShell shell)
    {
        foreach (var c in literal)
        {
            if (quote == '\0')
            {
                if (c == '"' || (shell == CommandShell.PowerShell && c == '\'')) quote = c;
            }
            else if (c == quote)
            {
                quote = '\0';
            }
        }

        return quote;
    }
}
