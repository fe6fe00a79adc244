using PxeRules.Facts;
using PxeRules.Probes;

namespace PxeRules.Evaluation;

/// <summary>A fact as one evaluation sees it: the call that produced it and its status, value or reason.</summary>
internal readonly struct FactSlot
{
    public FactSlot(ProbeCall? call, ProbeStatus status, object? value, string? reason, string? invalidReason, bool missing = false)
    {
        Missing = missing;
        Call = call;
        Status = status;
        Value = value;
        Reason = reason;
        InvalidReason = invalidReason;
    }

    public ProbeCall? Call { get; }

    public ProbeStatus Status { get; }

    public object? Value { get; }

    public string? Reason { get; }

    public string? InvalidReason { get; }

    /// <summary>Whether the evidence does not hold the fact at all (not collected, not in the snapshot): nobody tried to read it.</summary>
    public bool Missing { get; }

    /// <summary>A fact the evidence does not hold: unavailable, and <see cref="Missing"/>.</summary>
    public static FactSlot NotInEvidence(ProbeCall? call, string reason) => new(call, ProbeStatus.Unavailable, null, reason, null, missing: true);

    public static FactSlot From(FactRecord record) =>
        new(record.Call, record.Result.Status, record.Value, record.Result.Reason, record.InvalidReason);

    public static FactSlot Unavailable(ProbeCall? call, string reason) => new(call, ProbeStatus.Unavailable, null, reason, null);

    public static FactSlot NotFound(ProbeCall? call, string? note) => new(call, ProbeStatus.NotFound, null, note, null);

    public static FactSlot Found(object? value) => new(null, ProbeStatus.Value, value, null, null);
}

/// <summary>
/// A rule's fact slots: its own array, or the slots a whole evaluation shares for one machine seen through the
/// rule's map from its slot numbers to shared ones (so evaluating a rule copies nothing).
/// </summary>
internal readonly struct SlotView
{
    private readonly FactSlot[] slots;
    private readonly int[]? map;

    public SlotView(FactSlot[] slots, int[]? map = null)
    {
        this.slots = slots;
        this.map = map;
    }

    public ref readonly FactSlot this[int slot] => ref map is null ? ref slots[slot] : ref slots[map[slot]];

    public FactSlot[] Array => slots;

    public int[]? Map => map;

    public static implicit operator SlotView(FactSlot[] slots) => new(slots);
}
