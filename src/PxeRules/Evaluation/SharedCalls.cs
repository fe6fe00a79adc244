using System;
using System.Collections.Generic;
using PxeRules.Facts;
using PxeRules.Model;
using PxeRules.Probes;

namespace PxeRules.Evaluation;

/// <summary>
/// The distinct probe calls with constant arguments that an engine's rules read, each given one shared slot when
/// the engine is built. An evaluation looks each one up in the fact table once per machine, instead of once per
/// rule that reads it; rules then see those slots through their <see cref="PreparedRule.SharedMap"/>.
/// Filled while the engine is built; read-only afterwards.
/// </summary>
internal sealed class SharedCalls
{
    /// <summary>Shared slot 0 holds the built-in <c>machine</c> fact of the machine.</summary>
    public const int MachineSlot = 0;

    private readonly Dictionary<CallKey, int> slots = new();
    private readonly List<(FactDefinition Fact, string KeySuffix)> calls = new();
    private readonly Dictionary<(int Slot, string Fields), int> paths = new();
    private readonly List<(int Slot, FactPath Path)> pathList = new();
    private readonly Dictionary<(int Path, System.Text.RegularExpressions.Regex Regex), int> matches = new();

    /// <summary>Shared slots, counting the machine's.</summary>
    public int Count => calls.Count + 1;

    /// <summary>The shared slot of a fact; <paramref name="arguments"/> are its arguments in ordinal order of their names.</summary>
    public int Intern(FactDefinition fact, KeyValuePair<string, object?>[] arguments)
    {
        // Compared field by field, ignoring case as probe call keys do, so that only a new call builds its key.
        var key = new CallKey(fact.Kind.Name, fact.On, arguments);
        if (!slots.TryGetValue(key, out var slot))
        {
            calls.Add((fact, ProbeCall.KeySuffix(fact.Kind.Name, fact.Arguments)));
            slot = calls.Count;
            slots.Add(key, slot);
        }

        return slot;
    }

    /// <summary>
    /// A shared path: a field path (<c>state</c> of <c>wds</c>) read from a shared slot. An evaluation reads each
    /// one once per machine, so comparisons over shared facts do not walk records per rule.
    /// </summary>
    public int InternPath(int slot, FactPath path)
    {
        var fields = path.Fields.Count switch
        {
            0 => string.Empty,
            1 => path.Fields[0],
            _ => string.Join(".", path.Fields),
        };
        var identity = (slot, fields);
        if (!paths.TryGetValue(identity, out var index))
        {
            index = pathList.Count;
            pathList.Add((slot, path));
            paths.Add(identity, index);
        }

        return index;
    }

    /// <summary>A regex applied to a shared path; its result is kept per machine and table once worked out.</summary>
    public int InternMatch(int path, System.Text.RegularExpressions.Regex regex)
    {
        if (!matches.TryGetValue((path, regex), out var index))
        {
            index = matches.Count;
            matches.Add((path, regex), index);
        }

        return index;
    }

    /// <summary>The shared facts of every machine of <paramref name="facts"/>, in machine order.</summary>
    public MachineFacts[] Resolve(FactTable facts)
    {
        var machines = new MachineFacts[facts.Machines.Count];
        for (var m = 0; m < machines.Length; m++)
        {
            var slots = Resolve(facts.Machines[m], facts);
            var values = new PathValue[pathList.Count];
            for (var i = 0; i < values.Length; i++)
            {
                var (slot, path) = pathList[i];
                var read = PathNode.Read(slots[slot], path, out var value, out var error);
                values[i] = new PathValue(read, value, error);
            }

            machines[m] = new MachineFacts(slots, values, new byte[matches.Count]);
        }

        return machines;
    }

    /// <summary>
    /// The shared slots of <paramref name="machine"/>: what <see cref="PreparedRule.PlanCall"/> and
    /// <see cref="FactTable.Find(ProbeCall)"/> give each call, worked out once.
    /// </summary>
    private FactSlot[] Resolve(Machine machine, FactTable facts)
    {
        var resolved = new FactSlot[Count];
        resolved[MachineSlot] = FactSlot.Found(PreparedRule.MachineValue(machine));
        for (var i = 0; i < calls.Count; i++)
        {
            var (fact, suffix) = calls[i];
            var target = PreparedRule.TargetOf(fact, machine, facts.Machines);
            if (target is null)
            {
                resolved[i + 1] = FactSlot.NotInEvidence(null, PreparedRule.NoMachineReason(fact));
                continue;
            }

            var record = facts.Find(target.Name, suffix);
            resolved[i + 1] = record is null
                ? FactSlot.NotInEvidence(new ProbeCall(target, fact.Kind.Name, fact.Arguments), facts.MissingReasonFor(target))
                : FactSlot.From(record);
        }

        return resolved;
    }
}

/// <summary>One machine's shared slots and shared paths for one fact table.</summary>
internal sealed class MachineFacts
{
    public MachineFacts(FactSlot[] slots, PathValue[] paths, byte[] matches)
    {
        Slots = slots;
        Paths = paths;
        Matches = matches;
    }

    /// <summary>Per shared regex and path: 0 not yet run, 1 matched, 2 did not match. Written racily; every writer writes the same.</summary>
    public byte[] Matches { get; }

    public FactSlot[] Slots { get; }

    public PathValue[] Paths { get; }
}

/// <summary>What reading a path gave: <see cref="Truth.True"/> with a value, False when not found, Unknown, or Error with why.</summary>
internal readonly struct PathValue
{
    public PathValue(Truth read, object? value, string? error)
    {
        Read = read;
        Value = value;
        Error = error;
    }

    public Truth Read { get; }

    public object? Value { get; }

    public string? Error { get; }
}

/// <summary>A probe call with constant arguments, equal to another when their probe call keys would be (ignoring case).</summary>
internal readonly struct CallKey : IEquatable<CallKey>
{
    private readonly string kind;
    private readonly string? on;
    private readonly KeyValuePair<string, object?>[] arguments;

    public CallKey(string kind, string? on, KeyValuePair<string, object?>[] arguments)
    {
        this.kind = kind;
        this.on = on;
        this.arguments = arguments;
    }

    public bool Equals(CallKey other)
    {
        if (!string.Equals(kind, other.kind, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(on, other.on, StringComparison.OrdinalIgnoreCase)
            || arguments.Length != other.arguments.Length)
        {
            return false;
        }

        for (var i = 0; i < arguments.Length; i++)
        {
            if (!string.Equals(arguments[i].Key, other.arguments[i].Key, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(Text(arguments[i].Value), Text(other.arguments[i].Value), StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is CallKey other && Equals(other);

    public override int GetHashCode()
    {
        var comparer = StringComparer.OrdinalIgnoreCase;
        var hash = comparer.GetHashCode(kind);
        if (on is not null) hash = (hash * 31) + comparer.GetHashCode(on);
        foreach (var pair in arguments)
        {
            hash = (hash * 31) + comparer.GetHashCode(pair.Key);
            hash = (hash * 31) + comparer.GetHashCode(Text(pair.Value));
        }

        return hash;
    }

    // Strings as they are; other values (numbers, lists) in the canonical text the call key uses.
    private static string Text(object? value) => value as string ?? ProbeCall.KeySuffix(string.Empty, new Dictionary<string, object?> { [string.Empty] = value });
}
