using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Options;
using PxeRules.Loading;
using PxeRules.Model;

namespace PxeRules.Extensions.Hosting;

/// <summary>
/// Checks <see cref="PxeRulesOptions"/> whole and reports every problem at once: numbers out of range, rule files that
/// do not load (each diagnostic with its file, line and column), no rules at all, and disabled rules that do not exist.
/// <c>AddPxeRules</c> registers it and asks for validation when the host starts.
/// </summary>
public sealed class PxeRulesOptionsValidator : IValidateOptions<PxeRulesOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PxeRulesOptions options)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        var failures = new List<string>();
        if (options.MaxConcurrency < 1) failures.Add($"PxeRules:MaxConcurrency is {options.MaxConcurrency}; at least one probe call must be allowed at a time.");
        if (options.ProbeTimeout <= TimeSpan.Zero) failures.Add($"PxeRules:ProbeTimeout is {options.ProbeTimeout}; it must be above zero.");
        if (options.SlowProbeThreshold <= TimeSpan.Zero) failures.Add($"PxeRules:SlowProbeThreshold is {options.SlowProbeThreshold}; it must be above zero.");
        if (options.MaxValueItems < 1) failures.Add($"PxeRules:MaxValueItems is {options.MaxValueItems}; at least one item must be allowed.");
        if (options.RegexBudget <= TimeSpan.Zero) failures.Add($"PxeRules:RegexBudget is {options.RegexBudget}; it must be above zero.");
        if (!options.IncludeBundledRules && options.RulePaths.Count == 0) failures.Add("PxeRules:IncludeBundledRules is false and PxeRules:RulePaths is empty; there are no rules to evaluate.");

        var result = RuleSets.Load(options);
        failures.AddRange(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => "PxeRules:RulePaths: " + d));
        if (result.KnowledgeBase is { } knowledgeBase)
        {
            failures.AddRange(options.DisabledRules.Where(id => knowledgeBase.Find(id) is null).Select(id => $"PxeRules:DisabledRules names '{id}', which is not a rule."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Loads the rules the options name.</summary>
internal static class RuleSets
{
    public static LoadResult Load(PxeRulesOptions options)
    {
        var loader = new RuleLoader();
        if (options.IncludeBundledRules) loader.AddBundled();
        foreach (var path in options.RulePaths) loader.AddPath(path);
        return loader.Load();
    }

    public static KnowledgeBase LoadOrThrow(PxeRulesOptions options)
    {
        var result = Load(options);
        return result.KnowledgeBase ?? throw new InvalidOperationException("The rules of PxeRulesOptions do not load:\n" + string.Join("\n", result.Diagnostics));
    }
}
