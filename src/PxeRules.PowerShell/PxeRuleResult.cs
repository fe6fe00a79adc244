using System;
using System.Collections.Generic;
using System.Linq;
using PxeRules.Evaluation;
using PxeRules.Model;

namespace PxeRules.PowerShell;

/// <summary>
/// One rule's outcome on one machine, as <c>Invoke-PxeRules</c> writes it to the pipeline. Text read from machines is
/// escaped for a console (control characters shown as <c>\u001b</c> and the like); <see cref="Result"/> holds the
/// engine's own result with the raw values.
/// </summary>
public sealed class PxeRuleResult
{
    internal PxeRuleResult(RuleResult result, EvaluationReport report)
    {
        Result = result;
        RuleId = result.Rule.Id;
        Title = result.Rule.Title;
        Severity = result.Severity;
        Outcome = result.Outcome;
        Machine = result.Machine is null ? null : DisplayText.Escape(result.Machine.Name);
        Explanation = DisplayText.Escape(result.Explanation);
        Evidence = result.Evidence.Select(e => DisplayText.Escape(e.ToString())).ToArray();
        WouldClear = result.WouldClear.Select(w => DisplayText.Escape(w)).ToArray();
        NextSteps = result.NextSteps.Select(s => DisplayText.Escape(s)).ToArray();
        Remediation = result.Remediation.Select(Step).ToArray();
        ExplainedBy = report.ExplainedBy(result)?.Rule.Id;
    }

    /// <summary>The rule's id, such as <c>pxe-remote-wimgapi-not-updated-sp1</c>.</summary>
    public string RuleId { get; }

    /// <summary>The rule's title.</summary>
    public string Title { get; }

    /// <summary>The severity of a finding (after any override).</summary>
    public Severity Severity { get; }

    /// <summary>Detected, NotDetected, Inconclusive, NotApplicable or Error.</summary>
    public Outcome Outcome { get; }

    /// <summary>The machine, or null when no machine of the run holds the rule's role.</summary>
    public string? Machine { get; }

    /// <summary>Why the outcome is what it is, in one sentence or a few.</summary>
    public string Explanation { get; }

    /// <summary>The facts the outcome rests on, one line each, as <c>pxerules check</c> prints them.</summary>
    public IReadOnlyList<string> Evidence { get; }

    /// <summary>For a finding: the smallest changes that would clear it.</summary>
    public IReadOnlyList<string> WouldClear { get; }

    /// <summary>For an inconclusive result: what to do so the facts can be read.</summary>
    public IReadOnlyList<string> NextSteps { get; }

    /// <summary>For a finding: the numbered remediation steps, each with its command on a second line when it has one.</summary>
    public IReadOnlyList<string> Remediation { get; }

    /// <summary>The id of the finding that explains this one (its root cause), or null.</summary>
    public string? ExplainedBy { get; }

    /// <summary>The engine's result, with the rule, the machine and the evidence as objects.</summary>
    public RuleResult Result { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Severity} {RuleId} on {Machine ?? "(no machine)"}: {Outcome}";

    private static string Step(RenderedStep step)
    {
        var notes = (step.Disruptive ? " (disruptive)" : string.Empty) + (step.RequiresRestart ? " (may require a restart)" : string.Empty);
        var text = $"{step.Number}. {DisplayText.Escape(step.Text)}{notes}";
        return step.Command is null ? text : $"{text}{Environment.NewLine}   > {DisplayText.Escape(step.Command)}";
    }
}

/// <summary>The whole evaluation, as <c>Invoke-PxeRules -AsReport</c> writes it: coverage, root causes and every result.</summary>
public sealed class PxeReport
{
    internal PxeReport(EvaluationReport report, IReadOnlyList<string> sources)
    {
        Report = report;
        Sources = sources;
        Results = report.Results.Select(r => new PxeRuleResult(r, report)).ToArray();
        Findings = Results.Where(r => r.Outcome == Outcome.Detected).ToArray();
        Machines = report.Facts.Machines.Select(m => DisplayText.Escape(m.ToString())).ToArray();
        CollectedAt = report.Facts.CollectedAt;
        Coverage = report.Coverage;
        CoverageSummary = report.Coverage is null ? "not assessed (role discovery off)"
            : report.Coverage.IsComplete ? $"complete: {report.Coverage.Collected} of {report.Coverage.Expected} machine(s) collected"
            : $"incomplete: {report.Coverage.Collected} of {report.Coverage.Expected} machine(s) collected; " + string.Join("; ", report.Coverage.Gaps.Select(g => DisplayText.Escape(g)));
        RootCauses = report.RootCauses.Select(c => DisplayText.Escape(c.ToString())).ToArray();
    }

    /// <summary>The snapshots, bundles, folders of logs or computers evaluated.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>The machines of the run, with their roles.</summary>
    public IReadOnlyList<string> Machines { get; }

    /// <summary>When the facts were collected; time windows are measured from it.</summary>
    public DateTimeOffset CollectedAt { get; }

    /// <summary>Whether every PXE service point and distribution point the site lists was collected, in a sentence.</summary>
    public string CoverageSummary { get; }

    /// <summary>The site coverage as the engine gives it, or null when roles were not discovered.</summary>
    public SiteCoverage? Coverage { get; }

    /// <summary>Findings grouped by cause: each line a root cause and the findings it explains.</summary>
    public IReadOnlyList<string> RootCauses { get; }

    /// <summary>The detected results.</summary>
    public IReadOnlyList<PxeRuleResult> Findings { get; }

    /// <summary>Every rule's outcome on every machine.</summary>
    public IReadOnlyList<PxeRuleResult> Results { get; }

    /// <summary>The engine's report.</summary>
    public EvaluationReport Report { get; }
}

/// <summary>One example of a rule run by <c>Test-PxeRule</c>.</summary>
public sealed class PxeExampleResult
{
    internal PxeExampleResult(ExampleResult result)
    {
        Result = result;
        RuleId = result.Rule.Id;
        Example = result.Example.Name;
        Passed = result.Passed;
        Expected = result.Example.Expect;
        Actual = result.Actual.Outcome;
        Explanation = result.Actual.Explanation;
        Location = result.Example.Location.ToString();
    }

    /// <summary>Whether the rule gave the outcome the example expects.</summary>
    public bool Passed { get; }

    /// <summary>The rule's id.</summary>
    public string RuleId { get; }

    /// <summary>The example's name.</summary>
    public string Example { get; }

    /// <summary>The outcome the example expects.</summary>
    public Outcome Expected { get; }

    /// <summary>The outcome the rule gave.</summary>
    public Outcome Actual { get; }

    /// <summary>The rule's explanation of the outcome it gave.</summary>
    public string Explanation { get; }

    /// <summary>Where the example is written: file, line and column.</summary>
    public string Location { get; }

    /// <summary>The engine's example result.</summary>
    public ExampleResult Result { get; }
}
