using System.Linq;
using System.Management.Automation;
using PxeRules.Evaluation;

namespace PxeRules.PowerShell;

/// <summary>
/// <c>Test-PxeRule</c>: runs the examples written in rules (as <c>pxerules test</c> does, at the fixed reference time
/// the examples are written against) and writes one <see cref="PxeExampleResult"/> per example. With
/// <c>-Quiet</c>, writes only whether every example passed.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "PxeRule")]
[OutputType(typeof(PxeExampleResult), typeof(bool))]
public sealed class TestPxeRuleCommand : PSCmdlet
{
    /// <summary>Rule files or folders; without it, the bundled knowledge base.</summary>
    [Parameter(Position = 0)]
    public string[]? Path { get; set; }

    /// <summary>Only the examples of these rules (wildcards allowed).</summary>
    [Parameter]
    [SupportsWildcards]
    public string[]? Id { get; set; }

    /// <summary>Write $true when every example passed, else $false.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var knowledgeBase = Evidence.LoadRules(this, Path, noBundled: Path is { Length: > 0 });
        var patterns = (Id ?? new string[0]).Select(i => new WildcardPattern(i, WildcardOptions.IgnoreCase)).ToArray();
        if (patterns.Length > 0) knowledgeBase = knowledgeBase.Where(r => patterns.Any(p => p.IsMatch(r.Id)));
        var results = RuleExamples.RunAll(knowledgeBase, RuleExamples.ReferenceTime).Select(r => new PxeExampleResult(r)).ToArray();
        foreach (var rule in knowledgeBase.Rules.Where(r => r.Examples.Count == 0))
        {
            WriteVerbose($"{rule.Id} has no examples.");
        }

        if (Quiet)
        {
            WriteObject(results.All(r => r.Passed));
            return;
        }

        WriteObject(results, enumerateCollection: true);
    }
}
