using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using PxeRules.Model;
using PxeRules.Probes;

namespace PxeRules.Evaluation;

/// <summary>A remediation step with the facts of the evaluation filled in.</summary>
public sealed class RenderedStep
{
    internal RenderedStep(int number, string text, string? command, bool disruptive, bool requiresRestart, CommandShell shell = CommandShell.Cmd, string? commandWithheld = null)
    {
        Number = number;
        Text = text;
        Command = command;
        Disruptive = disruptive;
        RequiresRestart = requiresRestart;
        Shell = shell;
        CommandWithheld = commandWithheld;
    }

    /// <summary>The shell the command is for; values from the machine in it are quoted for that shell.</summary>
    public CommandShell Shell { get; }

    /// <summary>
    /// Why the step's command is not shown, when a value from the machine could not be placed in it safely (a quote,
    /// <c>%</c> or a line break for <c>cmd.exe</c>); <see cref="Command"/> is then null. Null otherwise.
    /// </summary>
    public string? CommandWithheld { get; }

    /// <summary>The step's number, from 1.</summary>
    public int Number { get; }

    /// <summary>The sentence with fact values filled in, each shown with <see cref="DisplayText.Escape"/>.</summary>
    public string Text { get; }

    /// <summary>The command a person could run, with fact values quoted for <see cref="Shell"/>; shown, never executed.</summary>
    public string? Command { get; }

    /// <summary>Whether the step interrupts service.</summary>
    public bool Disruptive { get; }

    /// <summary>Whether the step may require a restart.</summary>
    public bool RequiresRestart { get; }

    /// <inheritdoc />
    public override string ToString() =>
        Command is not null ? $"{Number}. {Text} ({Command})"
        : CommandWithheld is not null ? $"{Number}. {Text} (command withheld: {CommandWithheld})"
        : $"{Number}. {Text}";
}

/// <summary>
/// The result of one rule on one machine: the outcome, why, the evidence that decided it and the remediation
/// rendered with the facts. Evidence and explanation are worked out on first access, so evaluating many rules
/// stays cheap. Thread-safe.
/// </summary>
public sealed class RuleResult
{
    private readonly PreparedRule? prepared;
    private readonly SlotView slots;
    private readonly DateTimeOffset now;
    private readonly string? fixedReason;

    // The evaluation's budget for regexes that time out: explaining a result runs its patterns again.
    private readonly RegexBudget? budget;

    // Worked out on first access; racing threads may both compute it, and one result wins.
    private Explained? explained;
    private IReadOnlyList<RenderedStep>? remediation;

    internal RuleResult(Rule rule, Machine? machine, Outcome outcome, PreparedRule? prepared, SlotView slots, DateTimeOffset now, Stage stage, string? fixedReason, RegexBudget? budget = null)
    {
        this.budget = budget;
        Rule = rule;
        Machine = machine;
        Outcome = outcome;
        Severity = rule.Severity;
        this.prepared = prepared;
        this.slots = slots;
        this.now = now;
        DecidedBy = stage;
        this.fixedReason = fixedReason;
    }

    internal enum Stage
    {
        Roles,
        Versions,
        Precondition,
        Condition,
    }

    /// <summary>The rule.</summary>
    public Rule Rule { get; }

    /// <summary>The machine the rule was evaluated on; <see langword="null"/> when no machine of the run holds its roles.</summary>
    public Machine? Machine { get; }

    /// <summary>The outcome.</summary>
    public Outcome Outcome { get; }

    /// <summary>The severity in force: the rule's, unless the host overrode it for this engine.</summary>
    public Severity Severity { get; internal set; }

    /// <summary>The waiver that covers this detection, or <see langword="null"/>. A waived finding is still reported, as waived.</summary>
    public Waiver? Waiver { get; internal set; }

    /// <summary>The comparisons that decided the outcome, each with the fact, the probe call, the observed and the expected value.</summary>
    public IReadOnlyList<Evidence> Evidence => Explain().Evidence;

    /// <summary>A short human explanation of the outcome.</summary>
    public string Explanation => Explain().Text;

    /// <summary>
    /// For an inconclusive result, what to do to obtain each fact that was missing (run elevated, open the remote
    /// registry, collect a machine that was not collected), each once. Empty otherwise, or when a reason suggests
    /// nothing.
    /// </summary>
    public IReadOnlyList<string> NextSteps => Explain().NextSteps;

    /// <summary>
    /// What would clear the result. Detected: the smallest set of changes to the facts that would make the rule not
    /// detected (<c>wimgapi.version at least 6.0.6001.18000 (now 6.0.6000.16386) on PXE02</c>), all of them needed.
    /// Inconclusive: the facts whose values would decide it. Empty for other outcomes.
    /// </summary>
    public IReadOnlyList<string> WouldClear => Explain().WouldClear;

    /// <summary>The remediation steps with fact values filled in.</summary>
    public IReadOnlyList<RenderedStep> Remediation
    {
        get
        {
            var steps = Volatile.Read(ref remediation);
            if (steps is null)
            {
                steps = Render();
                steps = Interlocked.CompareExchange(ref remediation, steps, null) ?? steps;
            }

            return steps;
        }
    }

    internal Stage DecidedBy { get; }

    /// <summary>
    /// The rule's facts as this result read them: each fact's name with the probe call that answered it. Facts for
    /// which no call was made (a dependency that was not found, a result decided by the machine's roles) are left out.
    /// </summary>
    internal IEnumerable<KeyValuePair<string, ProbeCall>> ReadFacts()
    {
        if (prepared is null || fixedReason is not null || DecidedBy == Stage.Roles) yield break;
        if (slots.Map is null && slots.Array.Length < prepared.SlotCount) yield break;
        for (var i = 0; i < prepared.Facts.Length; i++)
        {
            var call = slots[i + 1].Call;
            if (call is not null) yield return new KeyValuePair<string, ProbeCall>(prepared.Facts[i].Name, call);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Rule.Id} on {Machine?.Name ?? "(no machine)"}: {Outcome}";

    private Explained Explain()
    {
        var result = Volatile.Read(ref explained);
        if (result is null)
        {
            result = Work();
            result = Interlocked.CompareExchange(ref explained, result, null) ?? result;
        }

        return result;
    }

    private Explained Work()
    {
        if (fixedReason is not null || prepared is null)
        {
            var nextStep = Outcome == Outcome.Inconclusive ? Evaluation.NextSteps.For(fixedReason, Machine?.Name) : null;
            return new Explained(Array.Empty<Evidence>(), fixedReason ?? Outcome.ToString(), nextStep is null ? Array.Empty<string>() : new[] { nextStep }, Array.Empty<string>());
        }

        var evidence = new List<Evidence>();
        var context = new EvalContext(slots, now, budget);
        var node = DecidedBy == Stage.Precondition ? prepared.Applies! : prepared.When;
        var clears = Outcome == Outcome.Detected && DecidedBy == Stage.Condition;
        if (clears) context.Explained = new List<KeyValuePair<Node, (Truth, Evidence?)>>();
        Node.ExplainKept(node, context, evidence);

        // The same comparison reached through two branches is one piece of evidence.
        RemoveRepeated(evidence);
        var lead = Outcome switch
        {
            Outcome.Detected => "Detected",
            Outcome.NotDetected => "Not detected",
            Outcome.NotApplicable => "Not applicable: the precondition is false",
            Outcome.Inconclusive => "Inconclusive: a fact the rule needs is unavailable",
            _ => "Error: the rule could not be evaluated",
        };
        if (Outcome == Outcome.Error && context.ErrorReason is not null)
        {
            return new Explained(evidence, $"{lead}: {context.ErrorReason}", Array.Empty<string>(), Array.Empty<string>());
        }

        if (Outcome == Outcome.Inconclusive)
        {
            // Each reason once: facts that are unknown for the same reason (one unreachable server, one denied
            // registry) are named together.
            var unavailable = evidence.Where(e => e.Result == Truth.Unknown)
                .GroupBy(e => e.Note ?? "unavailable", StringComparer.Ordinal)
                .Select(group =>
                {
                    var subjects = group.Select(e => e.Subject).Distinct(StringComparer.Ordinal).ToArray();
                    var calls = group.Select(e => e.Call?.ToString()).Where(c => c is not null).Distinct(StringComparer.Ordinal).ToArray();
                    return subjects.Length == 1
                        ? $"'{subjects[0]}' ({group.Key}{(calls.Length == 0 ? string.Empty : "; " + string.Join(", ", calls))})"
                        : $"{string.Join(", ", subjects.Select(s => $"'{s}'"))} ({group.Key})";
                })
                .ToArray();
            var unknown = evidence.Where(e => e.Result == Truth.Unknown).ToArray();
            var steps = unknown.Select(e => Evaluation.NextSteps.For(e.Note, e.Call?.Machine.Name)).Where(s => s is not null).Select(s => s!)
                .Distinct(StringComparer.Ordinal).ToArray();
            var deciding = unknown.Select(e => e.Call is null ? $"a known value of {e.Subject}" : $"a known value of {e.Subject} ({e.Call})")
                .Distinct(StringComparer.Ordinal).ToArray();
            var text = unavailable.Length == 0 ? lead + "." : $"{lead}: {string.Join("; ", unavailable)}.";
            if (steps.Length > 0) text += " Next: " + string.Join("; ", steps) + ".";
            return new Explained(evidence, text, steps, deciding);
        }

        // In words: what the rule required and what was seen, the first five that read differently.
        var sentence = Text.Acquire();
        sentence.Append(lead).Append(": ");
        var shown = 0;
        for (var i = 0; i < evidence.Count && shown < 5; i++)
        {
            var repeated = false;
            for (var j = 0; j < i && !repeated; j++) repeated = evidence[j].ReadsAs(evidence[i]);
            if (repeated) continue;
            if (shown++ > 0) sentence.Append("; ");
            evidence[i].AppendPlain(sentence);
        }

        sentence.Append('.');
        IReadOnlyList<string> clear = clears
            ? prepared.When.Flip(new EvalContext(slots, now, budget) { Explained = context.Explained }, false) ?? (IReadOnlyList<string>)Array.Empty<string>()
            : Array.Empty<string>();
        return new Explained(evidence, Text.Release(sentence), Array.Empty<string>(), clear);
    }

    /// <summary>Keeps the first of each run of equal pieces of evidence (same comparison, value, outcome, call and items), in order.</summary>
    private static void RemoveRepeated(List<Evidence> evidence)
    {
        var kept = 0;
        for (var i = 0; i < evidence.Count; i++)
        {
            var candidate = evidence[i];
            var repeated = false;
            for (var j = 0; j < kept && !repeated; j++) repeated = evidence[j].SameAs(candidate);
            if (!repeated) evidence[kept++] = candidate;
        }

        evidence.RemoveRange(kept, evidence.Count - kept);
    }

    private sealed class Explained
    {
        public Explained(IReadOnlyList<Evidence> evidence, string text, IReadOnlyList<string> nextSteps, IReadOnlyList<string> wouldClear)
        {
            Evidence = evidence;
            Text = text;
            NextSteps = nextSteps;
            WouldClear = wouldClear;
        }

        public IReadOnlyList<string> NextSteps { get; }

        public IReadOnlyList<string> WouldClear { get; }

        public IReadOnlyList<Evidence> Evidence { get; }

        public string Text { get; }
    }

    private IReadOnlyList<RenderedStep> Render()
    {
        var steps = new List<RenderedStep>();
        if (prepared is null)
        {
            var n = 0;
            foreach (var step in Rule.Remediation)
            {
                steps.Add(new RenderedStep(++n, step.Text, step.Command, step.Disruptive, step.RequiresRestart, step.Shell));
            }

            return steps;
        }

        string? Value(FactPath path) =>
            prepared.TryGetSlot(path.Root, out var slot) ? PreparedRule.TemplateValue(slots[slot], path, out _) : null;

        string Shown(FactPath path) => Value(path) is { } value ? DisplayText.Escape(value) : $"<{path}: not known>";

        var templates = prepared.Remediation;
        for (var i = 0; i < templates.Length; i++)
        {
            var (text, command) = templates[i];
            var step = Rule.Remediation[i];
            string? withheld = null;
            var rendered = command is null ? null : CommandQuoting.Render(command, step.Shell, Value, out withheld);
            steps.Add(new RenderedStep(i + 1, text.Render(Shown), rendered, step.Disruptive, step.RequiresRestart, step.Shell, withheld));
        }

        return steps;
    }
}
