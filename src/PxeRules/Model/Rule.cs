using System;
using System.Collections.Generic;
using PxeRules.Probes;

namespace PxeRules.Model;

/// <summary>Where a rule applies. A rule that does not apply is not applicable, which is not the same as not detected.</summary>
public sealed class Applicability
{
    internal Applicability(IReadOnlyList<ProductLevel> versions, IReadOnlyList<string> roles, Condition? when)
    {
        Versions = versions;
        Roles = roles;
        When = when;
    }

    /// <summary>The ConfigMgr 2007 levels the rule applies to; empty means every level.</summary>
    public IReadOnlyList<ProductLevel> Versions { get; }

    /// <summary>The roles of the machines the rule is evaluated on; empty means every machine.</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>A precondition; when it is false the rule is not applicable.</summary>
    public Condition? When { get; }
}

/// <summary>A named probe call a rule reads. Arguments may refer to other facts with <c>{{ name }}</c>.</summary>
public sealed class FactDefinition
{
    internal FactDefinition(string name, ProbeKind kind, IReadOnlyDictionary<string, object?> arguments, string? on, SourceLocation location)
    {
        Name = name;
        Kind = kind;
        Arguments = arguments;
        On = on;
        Location = location;
    }

    /// <summary>The fact's name within its rule.</summary>
    public string Name { get; }

    /// <summary>The probe kind.</summary>
    public ProbeKind Kind { get; }

    /// <summary>The arguments as written: strings (possibly with <c>{{ }}</c> references), numbers, booleans or lists.</summary>
    public IReadOnlyDictionary<string, object?> Arguments { get; }

    /// <summary>The role of the machine to read it on, or <see langword="null"/> for the rule's subject.</summary>
    public string? On { get; }

    /// <summary>Where it is defined.</summary>
    public SourceLocation Location { get; }

    /// <summary>Other facts its arguments use.</summary>
    public IReadOnlyList<string> Dependencies { get; internal set; } = Array.Empty<string>();

    /// <summary>
    /// Public material (http or https URLs) that quotes real text its patterns match: a log line or an event message
    /// as the machine wrote it. Empty when none is given.
    /// </summary>
    public IReadOnlyList<string> SeenIn { get; internal set; } = Array.Empty<string>();

    /// <summary>
    /// Why its patterns are not backed by real text, when they were written from a description of the issue rather
    /// than from a quoted line; <see langword="null"/> otherwise. Such facts cannot alone make a finding an error.
    /// </summary>
    public string? Unverified { get; internal set; }

    /// <summary>Whether this fact is one the engine defines itself (<c>machine</c>, <c>site</c>).</summary>
    public bool IsBuiltIn { get; internal set; }
}

/// <summary>One step of a remediation.</summary>
public sealed class RemediationStep
{
    internal RemediationStep(string text, string? command, bool disruptive, bool requiresRestart, CommandShell shell = CommandShell.Cmd)
    {
        Text = text;
        Command = command;
        Disruptive = disruptive;
        RequiresRestart = requiresRestart;
        Shell = shell;
    }

    /// <summary>The shell <see cref="Command"/> is written for; values from the machine are quoted for it.</summary>
    public CommandShell Shell { get; }

    /// <summary>The sentence, possibly with <c>{{ }}</c> references to facts.</summary>
    public string Text { get; }

    /// <summary>A command a person could run; shown, never executed.</summary>
    public string? Command { get; }

    /// <summary>Whether the step interrupts service.</summary>
    public bool Disruptive { get; }

    /// <summary>Whether the step may require a restart.</summary>
    public bool RequiresRestart { get; }
}

/// <summary>A document describing the issue.</summary>
public sealed class Reference
{
    internal Reference(string title, Uri? url, string? kb)
    {
        Title = title;
        Url = url;
        Kb = kb;
    }

    /// <summary>The document's title.</summary>
    public string Title { get; }

    /// <summary>Its address.</summary>
    public Uri? Url { get; }

    /// <summary>Its Microsoft KB number (<c>KB2510665</c>).</summary>
    public string? Kb { get; }
}

/// <summary>Example facts of a rule and the outcome they must produce: the rule's own test.</summary>
public sealed class RuleExample
{
    internal RuleExample(
        string name,
        Outcome expect,
        Machine machine,
        IReadOnlyDictionary<string, object?> facts,
        IReadOnlyList<string> notFound,
        IReadOnlyDictionary<string, string> unavailable,
        SourceLocation location)
    {
        Name = name;
        Expect = expect;
        Machine = machine;
        Facts = facts;
        NotFound = notFound;
        Unavailable = unavailable;
        Location = location;
    }

    /// <summary>What the example shows.</summary>
    public string Name { get; }

    /// <summary>The outcome the facts must produce.</summary>
    public Outcome Expect { get; }

    /// <summary>The machine the example is evaluated on.</summary>
    public Machine Machine { get; }

    /// <summary>Fact name to value.</summary>
    public IReadOnlyDictionary<string, object?> Facts { get; }

    /// <summary>Facts that are not found.</summary>
    public IReadOnlyList<string> NotFound { get; }

    /// <summary>Facts that are unavailable, with the reason.</summary>
    public IReadOnlyDictionary<string, string> Unavailable { get; }

    /// <summary>Where the example is written.</summary>
    public SourceLocation Location { get; }
}

/// <summary>
/// One known issue: what it is, where it applies, how to detect it, how bad it is, what to do, and where it is
/// documented. Rules are loaded from YAML (see <c>docs/rule-format.md</c>) and never change afterwards.
/// </summary>
public sealed class Rule
{
    internal Rule(RuleData data) => this.data = data;

    private readonly RuleData data;

    /// <summary>The stable id, unique in a knowledge base.</summary>
    public string Id => data.Id;

    /// <summary>Former ids.</summary>
    public IReadOnlyList<string> Aliases => data.Aliases;

    /// <summary>The rule's inputs and the values in force (the default, or the value a site set when loading).</summary>
    public IReadOnlyDictionary<string, string> Inputs => data.Inputs;

    /// <summary>
    /// The rules whose findings this rule's finding explains (by id): when both are detected on the same machine, the
    /// report lists theirs under this one, the root cause to fix first.
    /// </summary>
    public IReadOnlyList<string> Explains => data.Explains;

    /// <summary>One line saying what the issue is.</summary>
    public string Title => data.Title;

    /// <summary>Two or three sentences about the issue.</summary>
    public string Summary => data.Summary;

    /// <summary>The life-cycle state.</summary>
    public RuleStatus Status => data.Status;

    /// <summary>Keywords for filtering.</summary>
    public IReadOnlyList<string> Tags => data.Tags;

    /// <summary>How bad the issue is when detected.</summary>
    public Severity Severity => data.Severity;

    /// <summary>How sure the detection is.</summary>
    public Confidence Confidence => data.Confidence;

    /// <summary>Where the rule applies.</summary>
    public Applicability AppliesTo => data.AppliesTo;

    /// <summary>What a person sees.</summary>
    public IReadOnlyList<string> Symptoms => data.Symptoms;

    /// <summary>Why it happens.</summary>
    public string? Cause => data.Cause;

    /// <summary>The facts the rule reads, including the built-in ones it uses.</summary>
    public IReadOnlyList<FactDefinition> Facts => data.Facts;

    /// <summary>The detection condition.</summary>
    public Condition Condition => data.Condition;

    /// <summary>Ordered remediation steps.</summary>
    public IReadOnlyList<RemediationStep> Remediation => data.Remediation;

    /// <summary>Where the issue is documented.</summary>
    public IReadOnlyList<Reference> References => data.References;

    /// <summary>Example facts and the outcome they must produce.</summary>
    public IReadOnlyList<RuleExample> Examples => data.Examples;

    /// <summary>Where the rule is written.</summary>
    public SourceLocation Source => data.Source;

    /// <summary>Finds a fact definition by name, or returns <see langword="null"/>.</summary>
    public FactDefinition? FindFact(string name)
    {
        foreach (var fact in data.Facts)
        {
            if (string.Equals(fact.Name, name, StringComparison.Ordinal))
            {
                return fact;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => Id;

    internal RuleData Data => data;
}

/// <summary>The loaded content of a rule; <see cref="Rule"/> exposes it read-only.</summary>
internal sealed class RuleData
{
    public string Id { get; set; } = string.Empty;
    public IReadOnlyList<string> Aliases { get; set; } = Array.Empty<string>();
    public IReadOnlyList<string> Explains { get; set; } = Array.Empty<string>();
    public IReadOnlyDictionary<string, string> Inputs { get; set; } = new Dictionary<string, string>();
    public IReadOnlyList<SourceLocation> ExplainsAt { get; set; } = Array.Empty<SourceLocation>();
    public string Title { get; set; } = string.Empty;
    public string Summary { get; set; } = string.Empty;
    public RuleStatus Status { get; set; }
    public IReadOnlyList<string> Tags { get; set; } = Array.Empty<string>();
    public Severity Severity { get; set; }
    public Confidence Confidence { get; set; }
    public Applicability AppliesTo { get; set; } = new(Array.Empty<ProductLevel>(), Array.Empty<string>(), null);
    public IReadOnlyList<string> Symptoms { get; set; } = Array.Empty<string>();
    public string? Cause { get; set; }
    public IReadOnlyList<FactDefinition> Facts { get; set; } = Array.Empty<FactDefinition>();
    public Condition Condition { get; set; } = null!;
    public IReadOnlyList<RemediationStep> Remediation { get; set; } = Array.Empty<RemediationStep>();
    public IReadOnlyList<Reference> References { get; set; } = Array.Empty<Reference>();
    public IReadOnlyList<RuleExample> Examples { get; set; } = Array.Empty<RuleExample>();
    public SourceLocation Source { get; set; }
}
