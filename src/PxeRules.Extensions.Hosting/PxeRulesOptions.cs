using System;
using System.Collections.Generic;

namespace PxeRules.Extensions.Hosting;

/// <summary>
/// How the hosted engine is configured: which rules, and how facts are gathered. Bind it from configuration
/// (<c>services.Configure&lt;PxeRulesOptions&gt;(configuration.GetSection("PxeRules"))</c>) or set it in
/// <c>AddPxeRules</c>. Validated when the host starts (see <see cref="PxeRulesOptionsValidator"/>).
/// </summary>
public sealed class PxeRulesOptions
{
    /// <summary>Whether the bundled knowledge base is loaded (default true).</summary>
    public bool IncludeBundledRules { get; set; } = true;

    /// <summary>Rule files, folders or globs loaded after the bundled rules (default none).</summary>
    public IList<string> RulePaths { get; } = new List<string>();

    /// <summary>Rule ids or former ids to leave out (default none); each must name a rule.</summary>
    public IList<string> DisabledRules { get; } = new List<string>();

    /// <summary>How many probe calls may run at once (default 4, at least 1).</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>How long one probe call may take before its fact is unavailable (default 30 seconds, above zero).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a probe call may take before it is logged as slow (default 5 seconds, above zero).</summary>
    public TimeSpan SlowProbeThreshold { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most list items and record fields one probe value may hold (default 100,000, at least 1).</summary>
    public int MaxValueItems { get; set; } = 100_000;

    /// <summary>The time one evaluation may lose to regular expressions that time out (default 10 seconds, above zero).</summary>
    public TimeSpan RegexBudget { get; set; } = TimeSpan.FromSeconds(10);
}
