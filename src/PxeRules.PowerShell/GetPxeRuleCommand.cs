using System;
using System.Linq;
using System.Management.Automation;
using PxeRules.Model;

namespace PxeRules.PowerShell;

/// <summary><c>Get-PxeRule</c>: the rules of the knowledge base (bundled, or from files), filtered by id, tag or severity.</summary>
[Cmdlet(VerbsCommon.Get, "PxeRule")]
[OutputType(typeof(Rule))]
public sealed class GetPxeRuleCommand : PSCmdlet
{
    /// <summary>Rule ids or former ids; wildcards are allowed.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    public string[]? Id { get; set; }

    /// <summary>Only rules with one of these tags.</summary>
    [Parameter]
    public string[]? Tag { get; set; }

    /// <summary>Only rules of this severity or worse.</summary>
    [Parameter]
    public Severity? Severity { get; set; }

    /// <summary>Rule files or folders to add to (or, with <see cref="NoBundledRules"/>, use instead of) the bundled rules.</summary>
    [Parameter]
    public string[]? RulePath { get; set; }

    /// <summary>Leave the bundled knowledge base out.</summary>
    [Parameter]
    public SwitchParameter NoBundledRules { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var knowledgeBase = Evidence.LoadRules(this, RulePath, NoBundledRules);
        var patterns = (Id ?? Array.Empty<string>()).Select(i => new WildcardPattern(i, WildcardOptions.IgnoreCase)).ToArray();
        var tags = Tag ?? Array.Empty<string>();
        foreach (var id in (Id ?? Array.Empty<string>()).Where(i => !WildcardPattern.ContainsWildcardCharacters(i) && knowledgeBase.Find(i) is null))
        {
            WriteError(new ErrorRecord(new ItemNotFoundException($"No rule has the id '{DisplayText.Escape(id)}'."), "RuleNotFound", ErrorCategory.ObjectNotFound, id));
        }

        foreach (var rule in knowledgeBase.Rules)
        {
            if (patterns.Length > 0 && !patterns.Any(p => p.IsMatch(rule.Id) || rule.Aliases.Any(p.IsMatch))) continue;
            if (tags.Length > 0 && !rule.Tags.Any(t => tags.Contains(t, StringComparer.OrdinalIgnoreCase))) continue;
            if (Severity is not null && rule.Severity < Severity) continue;
            WriteObject(rule);
        }
    }
}
