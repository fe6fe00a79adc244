using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using PxeRules.Loading;
using PxeRules.Model;
using PxeRules.Probes;

namespace PxeRules.Evaluation;

/// <summary>
/// A rule prepared for evaluation: its facts resolved to slot indexes (slot 0 is the built-in <c>machine</c>),
/// their arguments parsed into templates, a dependency order, and its conditions prepared into nodes.
/// Immutable and shared by every evaluation.
/// </summary>
internal sealed class PreparedRule
{
    public const int MachineSlot = 0;

    private (Template Text, Template? Command)[]? remediation;

    /// <summary>Prepares <paramref name="rule"/> on its own (rule examples).</summary>
    public PreparedRule(Rule rule)
        : this(rule, null)
    {
    }

    /// <summary>
    /// Prepares <paramref name="rule"/>; when every fact's arguments are constants, its facts are also entered in
    /// <paramref name="shared"/>, whose slots an evaluation resolves once per machine for all rules.
    /// </summary>
    public PreparedRule(Rule rule, SharedCalls? shared)
    {
        Rule = rule;
        // The loader's array is reused: neither side changes it.
        Facts = rule.Facts as FactDefinition[] ?? rule.Facts.ToArray();
        Arguments = new KeyValuePair<string, object?>[Facts.Length][];
        var constant = true;
        for (var i = 0; i < Facts.Length; i++)
        {
            Arguments[i] = PrepareArguments(Facts[i], ref constant);
        }

        SlotCount = Facts.Length + 1;
        SiteSlot = TryGetSlot("site", out var site) ? site : -1;
        Order = TopologicalOrder();
        Roles = rule.AppliesTo.Roles.Count == 0 ? null : rule.AppliesTo.Roles.ToArray();
        HasVersions = rule.AppliesTo.Versions.Count > 0;
        (SharedCalls, int[])? sharedPathOf = null;
        if (constant && shared is not null)
        {
            var map = new int[SlotCount];
            map[MachineSlot] = SharedCalls.MachineSlot;
            for (var i = 0; i < Facts.Length; i++)
            {
                map[i + 1] = shared.Intern(Facts[i], Arguments[i]);
            }

            SharedMap = map;
            sharedPathOf = (shared, map);
        }

        Func<string, int> slotOf = SlotOf;
        Applies = rule.AppliesTo.When is null ? null : Node.Prepare(rule.AppliesTo.When, slotOf, sharedPathOf);
        When = Node.Prepare(rule.Condition, slotOf, sharedPathOf);
        IsPlain = SharedMap is not null && Roles is null && !HasVersions && Applies is null;
    }

    public Rule Rule { get; }

    public FactDefinition[] Facts { get; }

    public int SlotCount { get; }

    public int SiteSlot { get; }

    /// <summary>Per fact: argument name to a constant, a <see cref="Template"/>, or an array of those.</summary>
    public KeyValuePair<string, object?>[][] Arguments { get; }

    /// <summary>Fact indexes (into <see cref="Facts"/>) with every fact after the facts it depends on.</summary>
    public int[] Order { get; }

    public Node? Applies { get; }

    public Node When { get; }

    /// <summary>
    /// This rule's slot numbers mapped to the evaluation's shared slots, or null when a fact's arguments use other
    /// facts (<c>{{ }}</c>), so its calls are planned per evaluation.
    /// </summary>
    public int[]? SharedMap { get; }

    /// <summary>The remediation steps as templates, parsed when a result is first rendered.</summary>
    public (Template Text, Template? Command)[] Remediation
    {
        get
        {
            var steps = System.Threading.Volatile.Read(ref remediation);
            if (steps is null)
            {
                steps = new (Template, Template?)[Rule.Remediation.Count];
                for (var i = 0; i < steps.Length; i++)
                {
                    var step = Rule.Remediation[i];
                    steps[i] = (Template.TryParse(step.Text, out _, out _)!, step.Command is null ? null : Template.TryParse(step.Command, out _, out _));
                }

                steps = System.Threading.Interlocked.CompareExchange(ref remediation, steps, null) ?? steps;
            }

            return steps;
        }
    }

    public int SlotOf(string name) => TryGetSlot(name, out var slot)
        ? slot
        : throw new InvalidOperationException($"The rule '{Rule.Id}' has no fact '{name}'.");

    /// <summary>The slot of a fact name; a linear search, as rules define a handful of facts.</summary>
    public bool TryGetSlot(string name, out int slot)
    {
        if (string.Equals(name, "machine", StringComparison.Ordinal))
        {
            slot = MachineSlot;
            return true;
        }

        for (var i = 0; i < Facts.Length; i++)
        {
            if (string.Equals(Facts[i].Name, name, StringComparison.Ordinal))
            {
                slot = i + 1;
                return true;
            }
        }

        slot = -1;
        return false;
    }

    /// <summary>Whether the rule is evaluated on <paramref name="machine"/>: it holds one of the rule's roles, or the rule names none.</summary>
    public bool IsSubject(Machine machine)
    {
        if (Roles is null) return true;
        foreach (var role in Roles)
        {
            if (machine.HasRole(role)) return true;
        }

        return false;
    }

    /// <summary>The roles of <c>appliesTo</c>, or null when the rule names none.</summary>
    public string[]? Roles { get; }

    /// <summary>Whether <c>appliesTo</c> names ConfigMgr versions, read from the <c>site</c> fact.</summary>
    public bool HasVersions { get; }

    /// <summary>Shared facts, every machine a subject, no versions and no precondition: only <see cref="When"/> decides.</summary>
    public bool IsPlain { get; }

    /// <summary>
    /// Works out the probe call of fact <paramref name="index"/> once the facts it depends on are in
    /// <paramref name="values"/>. Returns the call, or null with <paramref name="settled"/> holding the fact's slot
    /// when no call can be made (no machine holds the role; a dependency was not found or unavailable).
    /// </summary>
    public ProbeCall? PlanCall(int index, FactSlot[] values, Machine subject, IReadOnlyList<Machine> machines, out FactSlot settled)
    {
        settled = default;
        var fact = Facts[index];
        var target = TargetOf(fact, subject, machines);
        if (target is null)
        {
            settled = FactSlot.NotInEvidence(null, NoMachineReason(fact));
            return null;
        }

        var arguments = Arguments[index];
        if (arguments.Length == 0)
        {
            return new ProbeCall(target, fact.Kind.Name);
        }

        var rendered = new Dictionary<string, object?>(arguments.Length, StringComparer.Ordinal);
        foreach (var pair in arguments)
        {
            if (!TryRender(pair.Value, values, out var value, out settled))
            {
                return null;
            }

            rendered[pair.Key] = value;
        }

        return new ProbeCall(target, fact.Kind.Name, rendered);
    }

    /// <summary>The machine a fact is read on: the subject, or the first machine of the run holding the fact's role.</summary>
    internal static Machine? TargetOf(FactDefinition fact, Machine subject, IReadOnlyList<Machine> machines)
    {
        if (fact.On is null || subject.HasRole(fact.On)) return subject;
        foreach (var machine in machines)
        {
            if (machine.HasRole(fact.On)) return machine;
        }

        return null;
    }

    internal static string NoMachineReason(FactDefinition fact) => $"No machine in this run holds the role '{fact.On}'.";

    private bool TryRender(object? argument, FactSlot[] values, out object? rendered, out FactSlot settled)
    {
        settled = default;
        rendered = argument;
        switch (argument)
        {
            case Template template:
                string? problem = null;
                var status = ProbeStatus.Value;
                var text = template.Render(path =>
                {
                    var slot = values[SlotOf(path.Root)];
                    var value = TemplateValue(slot, path, out var missing);
                    if (missing is not null && problem is null)
                    {
                        problem = missing;
                        status = slot.Status == ProbeStatus.Unavailable || slot.InvalidReason is not null ? ProbeStatus.Unavailable : ProbeStatus.NotFound;
                    }

                    return value ?? string.Empty;
                });
                if (problem is not null)
                {
                    settled = status == ProbeStatus.NotFound ? FactSlot.NotFound(null, problem) : FactSlot.Unavailable(null, problem);
                    return false;
                }

                rendered = text;
                return true;
            case object?[] items:
                // An item of a list (a path among several places a log may be) whose reference was not found is left
                // out: the machine says nothing about that place. Unavailable or invalid still settles the fact, as
                // the place left out might be the one that matters; so does a list left with no item.
                var list = new List<object?>(items.Length);
                FactSlot notFound = default;
                var skipped = false;
                foreach (var item in items)
                {
                    if (TryRender(item, values, out var one, out var itemSettled))
                    {
                        list.Add(one);
                    }
                    else if (itemSettled.Status == ProbeStatus.NotFound && itemSettled.InvalidReason is null)
                    {
                        notFound = skipped ? notFound : itemSettled;
                        skipped = true;
                    }
                    else
                    {
                        settled = itemSettled;
                        return false;
                    }
                }

                if (skipped && list.Count == 0)
                {
                    settled = notFound;
                    return false;
                }

                rendered = list.ToArray();
                return true;
            default:
                return true;
        }
    }

    /// <summary>The text a template reference renders to, or null with the reason it cannot be rendered.</summary>
    internal static string? TemplateValue(FactSlot slot, FactPath path, out string? missing)
    {
        missing = null;
        if (slot.InvalidReason is not null)
        {
            missing = $"it depends on '{path}', whose value is invalid: {slot.InvalidReason}";
            return null;
        }

        switch (slot.Status)
        {
            case ProbeStatus.Unavailable:
                missing = $"it depends on '{path}', which is unavailable: {slot.Reason}";
                return null;
            case ProbeStatus.NotFound:
                missing = $"it depends on '{path}', which was not found";
                return null;
        }

        object? current = slot.Value;
        foreach (var field in path.Fields)
        {
            current = current is IReadOnlyDictionary<string, object?> record && record.TryGetValue(field, out var next) ? next : null;
        }

        if (current is null)
        {
            missing = $"it depends on '{path}', which was not found";
            return null;
        }

        return current is string s ? s : current is IEnumerable<object?> list && current is not string
            ? string.Join(", ", list.Select(i => i is null ? string.Empty : FactValues.ToInvariantString(i)))
            : FactValues.ToInvariantString(current);
    }

    private static KeyValuePair<string, object?>[] PrepareArguments(FactDefinition fact, ref bool constant)
    {
        if (fact.Arguments is ArgumentMap map && !NeedsPreparing(map.Pairs))
        {
            // The loader's sorted array, shared: nothing in it needs preparing.
            return map.Pairs;
        }

        var arguments = new KeyValuePair<string, object?>[fact.Arguments.Count];
        var i = 0;
        foreach (var pair in fact.Arguments.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            arguments[i++] = new KeyValuePair<string, object?>(pair.Key, PrepareArgument(pair.Value, ref constant));
        }

        return arguments;
    }

    /// <summary>Whether an argument is a list or has a <c>{{</c>: only those change when prepared.</summary>
    private static bool NeedsPreparing(KeyValuePair<string, object?>[] pairs)
    {
        foreach (var pair in pairs)
        {
            if (pair.Value is object?[] || (pair.Value is string s && s.IndexOf("{{", StringComparison.Ordinal) >= 0)) return true;
        }

        return false;
    }

    private static object? PrepareArgument(object? value, ref bool constant)
    {
        switch (value)
        {
            case string s when s.IndexOf("{{", StringComparison.Ordinal) >= 0:
                var template = Template.TryParse(s, out _, out _);
                if (template is null) return s;
                constant = false;
                return template;
            case object?[] items:
                var prepared = new object?[items.Length];
                for (var i = 0; i < items.Length; i++) prepared[i] = PrepareArgument(items[i], ref constant);
                return prepared;
            default:
                return value;
        }
    }

    private int[] TopologicalOrder()
    {
        var independent = true;
        foreach (var fact in Facts) independent &= fact.Dependencies.Count == 0;
        if (independent)
        {
            return Identity(Facts.Length);
        }

        var order = new List<int>(Facts.Length);
        var done = new bool[Facts.Length];
        void Visit(int index)
        {
            if (done[index]) return;
            done[index] = true;
            foreach (var dependency in Facts[index].Dependencies)
            {
                var slot = TryGetSlot(dependency, out var s) ? s : 0;
                if (slot > 0) Visit(slot - 1);
            }

            order.Add(index);
        }

        for (var i = 0; i < Facts.Length; i++) Visit(i);
        return order.ToArray();
    }

    private static readonly int[][] Identities = new int[16][];

    /// <summary>0, 1, …, n - 1; shared between rules for small n (never written).</summary>
    private static int[] Identity(int count)
    {
        if (count < Identities.Length && Volatile.Read(ref Identities[count]) is { } cached) return cached;
        var identity = new int[count];
        for (var i = 0; i < identity.Length; i++) identity[i] = i;
        if (count < Identities.Length) Volatile.Write(ref Identities[count], identity);
        return identity;
    }

    internal static IReadOnlyDictionary<string, object?> MachineValue(Machine machine) =>
        new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = machine.Name,
            ["roles"] = machine.Roles.Cast<object?>().ToArray(),
        };
}
