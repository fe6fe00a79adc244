using System;
using PxeRules.Model;

namespace PxeRules.Loading;

/// <summary>How serious a diagnostic is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Worth knowing; the input is still used.</summary>
    Warning = 0,

    /// <summary>The input cannot be used.</summary>
    Error = 1,
}

/// <summary>
/// A problem found in a rule file or snapshot: where it is, a stable code and a sentence saying what was
/// expected. <see cref="ToString"/> gives the <c>path(line,col): error PXR0012: message</c> form that MSBuild,
/// Visual Studio and VS Code problem matchers read. Immutable.
/// </summary>
public sealed class Diagnostic
{
    /// <summary>Creates a diagnostic.</summary>
    public Diagnostic(string code, DiagnosticSeverity severity, string message, SourceLocation location)
    {
        Code = code ?? throw new ArgumentNullException(nameof(code));
        Severity = severity;
        Message = message ?? throw new ArgumentNullException(nameof(message));
        Location = location;
    }

    /// <summary>The stable code, <c>PXR0001</c>…, listed in <c>docs/diagnostics.md</c>.</summary>
    public string Code { get; }

    /// <summary>How serious it is.</summary>
    public DiagnosticSeverity Severity { get; }

    /// <summary>A sentence saying what is wrong and what was expected.</summary>
    public string Message { get; }

    /// <summary>Where it is.</summary>
    public SourceLocation Location { get; }

    /// <summary>The diagnostic as <c>path(line,col): error PXR0012: message</c>.</summary>
    public override string ToString() =>
        $"{Location}: {(Severity == DiagnosticSeverity.Error ? "error" : "warning")} {Code}: {Message}";
}
