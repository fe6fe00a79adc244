using System;
using PxeRules.Evaluation;

namespace PxeRules.Probes.Windows;

/// <summary>Attaches the Windows provider to a rule engine.</summary>
public static class WindowsProbesRuleEngineBuilderExtensions
{
    /// <summary>
    /// Adds a <see cref="WindowsProbeProvider"/>: live facts of Windows machines, read locally or remotely. Add it
    /// after providers that should win for the same kinds (a snapshot, say), since a call goes to the first
    /// provider that serves its kind.
    /// </summary>
    /// <param name="builder">The engine builder.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The builder, for chaining.</returns>
    public static RuleEngineBuilder AddWindowsProbes(this RuleEngineBuilder builder, WindowsProbeOptions? options = null)
    {
        if (builder is null) throw new ArgumentNullException(nameof(builder));
        return builder.AddProvider(new WindowsProbeProvider(options));
    }
}
