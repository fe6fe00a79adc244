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

    private readonly Dictionary<string, int> slots = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(FactDefinition Fact, string KeySuffix)> calls = new();

    /// <summary>Shared slots, counting the machine's.</summary>
    public int Count => calls.Count + 1;

    public int Intern(FactDefinition fact)
    {
        var suffix = ProbeCall.KeySuffix(fact.Kind.Name, fact.Arguments);
        var identity = fact.On is null ? suffix : fact.On + "\n" + suffix;
        if (!slots.TryGetValue(identity, out var slot))
        {
            calls.Add((fact, suffix));
            slot = calls.Count;
            slots.Add(identity, slot);
        }

        return slot;
    }

    /// <summary>
    /// The shared slots of <paramref name="machine"/>: what <see cref="PreparedRule.PlanCall"/> and
    /// <see cref="FactTable.Find(ProbeCall)"/> give each call, worked out once.
    /// </summary>
    public FactSlot[] Resolve(Machine machine, FactTable facts)
    {
        var resolved = new FactSlot[Count];
        resolved[MachineSlot] = FactSlot.Found(PreparedRule.MachineValue(machine));
        for (var i = 0; i < calls.Count; i++)
        {
            var (fact, suffix) = calls[i];
            var target = PreparedRule.TargetOf(fact, machine, facts.Machines);
            if (target is null)
            {
                resolved[i + 1] = FactSlot.Unavailable(null, PreparedRule.NoMachineReason(fact));
                continue;
            }

            var record = facts.Find(target.Name + suffix);
            resolved[i + 1] = record is null
                ? FactSlot.Unavailable(new ProbeCall(target, fact.Kind.Name, fact.Arguments), facts.MissingReason)
                : FactSlot.From(record);
        }

        return resolved;
    }
}
