using System;
using System.Collections.Generic;
using System.Linq;
using PxeRules.Probes;

namespace PxeRules.Facts;

/// <summary>One probe call made during a collection, with what it returned and how long it took. Immutable.</summary>
public sealed class FactRecord
{
    internal FactRecord(ProbeCall call, ProbeResult result, TimeSpan duration, object? value, string? invalidReason)
    {
        Source = result.Source;
        Call = call;
        Result = result;
        Duration = duration;
        Value = value;
        InvalidReason = invalidReason;
    }

    /// <summary>The call.</summary>
    public ProbeCall Call { get; }

    /// <summary>What the provider returned.</summary>
    public ProbeResult Result { get; }

    /// <summary>How long the call took.</summary>
    public TimeSpan Duration { get; }

    /// <summary>
    /// Why the value the provider returned does not fit the shape its kind declares, or <see langword="null"/>.
    /// Rules that use such a value end in <c>Error</c>.
    /// </summary>
    public string? InvalidReason { get; }

    /// <summary>The value in the engine's types (numbers as double, date-times as DateTimeOffset…).</summary>
    internal object? Value { get; }

    /// <summary>
    /// Where the record was read from: a snapshot's file, line and column; null for a call made live. Reports point
    /// at it (SARIF locations).
    /// </summary>
    public Model.SourceLocation? Source { get; internal init; }

    /// <inheritdoc />
    public override string ToString() => $"{Call} -> {(InvalidReason is null ? Result.ToString() : "invalid: " + InvalidReason)}";

    /// <summary>
    /// Creates the record of a call a host made itself, checking the value against the shape the catalogue declares
    /// for its kind (default: <see cref="ProbeCatalog.Default"/>); a value that does not fit is recorded as invalid.
    /// </summary>
    public static FactRecord From(ProbeCall call, ProbeResult result, TimeSpan duration = default, ProbeCatalog? catalog = null)
    {
        if (call is null) throw new ArgumentNullException(nameof(call));
        if (result is null) throw new ArgumentNullException(nameof(result));
        return Create(call, result, duration, (catalog ?? ProbeCatalog.Default).Find(call.Kind)?.Result);
    }

    internal static FactRecord Create(ProbeCall call, ProbeResult result, TimeSpan duration, ValueShape? shape)
    {
        if (result.Status != ProbeStatus.Value || shape is null)
        {
            return new FactRecord(call, result, duration, result.Value, null);
        }

        var error = FactValues.Conform(result.Value, shape, call.Kind, out var value);
        return error is null
            ? new FactRecord(call, result, duration, value, null)
            : new FactRecord(call, result, duration, null, error);
    }
}

/// <summary>
/// The facts of a run: the machines and every probe call made on them with its result. Collecting fills one;
/// a snapshot is one written down; evaluation reads one. Immutable and thread-safe.
/// </summary>
public sealed class FactTable
{
    private readonly Dictionary<string, FactRecord> byKey;

    /// <summary>Creates a table.</summary>
    /// <param name="machines">The machines of the run.</param>
    /// <param name="records">The probe calls made and their results.</param>
    /// <param name="collectedAt">When the facts were collected.</param>
    public FactTable(IEnumerable<Machine> machines, IEnumerable<FactRecord> records, DateTimeOffset collectedAt)
    {
        Machines = (machines ?? throw new ArgumentNullException(nameof(machines))).ToArray();
        var all = (records ?? throw new ArgumentNullException(nameof(records))).ToArray();
        Records = all;
        CollectedAt = collectedAt;
        byKey = new Dictionary<string, FactRecord>(all.Length, StringComparer.OrdinalIgnoreCase);
        foreach (var record in all)
        {
            byKey[record.Call.Key] = record;
        }
    }

    // The same records (and so the same index) over other machines.
    private FactTable(FactTable table, IEnumerable<Machine> machines)
    {
        Machines = machines.ToArray();
        Records = table.Records;
        CollectedAt = table.CollectedAt;
        byKey = table.byKey;
        MissingReason = table.MissingReason;
    }

    /// <summary>The machines of the run.</summary>
    public IReadOnlyList<Machine> Machines { get; }

    /// <summary>Every probe call made, in the order they completed.</summary>
    public IReadOnlyList<FactRecord> Records { get; }

    /// <summary>When the facts were collected.</summary>
    public DateTimeOffset CollectedAt { get; }

    /// <summary>
    /// What could not be read, grouped by reason, most frequent first: the summary to show after a collection,
    /// since every rule that needed one of these facts will be inconclusive.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<ProbeCall>>> UnavailableByReason =>
        Records.Where(r => r.Result.Status == ProbeStatus.Unavailable || r.InvalidReason is not null)
            .GroupBy(r => r.InvalidReason ?? r.Result.Reason ?? "unavailable", StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, IReadOnlyList<ProbeCall>>(g.Key, g.Select(r => r.Call).ToArray()))
            .ToArray();

    /// <summary>
    /// Returns a table with <paramref name="records"/> added; a record of a call the table already holds replaces it.
    /// The machines, the collection time and what a missing call means stay as they are.
    /// </summary>
    public FactTable With(IEnumerable<FactRecord> records)
    {
        var added = (records ?? throw new ArgumentNullException(nameof(records))).ToArray();
        var replaced = new HashSet<string>(added.Select(r => r.Call.Key), StringComparer.OrdinalIgnoreCase);
        return new FactTable(Machines, Records.Where(r => !replaced.Contains(r.Call.Key)).Concat(added), CollectedAt) { MissingReason = MissingReason };
    }

    /// <summary>
    /// Combines tables of different machines into one, such as the snapshots of a site server and its PXE service
    /// points, so rules that read facts on several machines can be evaluated.
    /// </summary>
    /// <exception cref="ArgumentException">Two tables hold the same machine.</exception>
    public static FactTable Combine(IEnumerable<FactTable> tables)
    {
        var all = (tables ?? throw new ArgumentNullException(nameof(tables))).ToArray();
        if (all.Length == 0) throw new ArgumentException("At least one table is needed.", nameof(tables));
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var machine in all.SelectMany(t => t.Machines))
        {
            if (!names.Add(machine.Name))
            {
                throw new ArgumentException($"The machine '{machine.Name}' is in more than one table.", nameof(tables));
            }
        }

        return new FactTable(all.SelectMany(t => t.Machines), all.SelectMany(t => t.Records), all.Min(t => t.CollectedAt))
        {
            MissingReason = all[0].MissingReason,
        };
    }

    /// <summary>Finds the record of a call, or returns <see langword="null"/>.</summary>
    public FactRecord? Find(ProbeCall call) => byKey.TryGetValue((call ?? throw new ArgumentNullException(nameof(call))).Key, out var record) ? record : null;

    internal FactRecord? Find(string key) => byKey.TryGetValue(key, out var record) ? record : null;

    /// <summary>
    /// Finds the record of the call whose <see cref="ProbeCall.Key"/> is <paramref name="machine"/> followed by
    /// <paramref name="keySuffix"/> (see <c>ProbeCall.KeySuffix</c>), without building the key where the runtime allows.
    /// </summary>
    internal FactRecord? Find(string machine, string keySuffix)
    {
#if NET9_0_OR_GREATER
        var length = machine.Length + keySuffix.Length;
        char[]? rented = null;
        var key = length <= 256 ? stackalloc char[length] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(length)).AsSpan(0, length);
        machine.AsSpan().CopyTo(key);
        keySuffix.AsSpan().CopyTo(key.Slice(machine.Length));
        var found = byKey.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key, out var record);
        if (rented is not null) System.Buffers.ArrayPool<char>.Shared.Return(rented);
        return found ? record : null;
#else
        return Find(machine + keySuffix);
#endif
    }

    /// <summary>Why a call the table does not hold is unavailable ("not collected", "not in snapshot").</summary>
    internal string MissingReason { get; init; } = "The fact was not collected in this run.";

    /// <summary>Machines of the run whose facts were not collected at all, with why they are in the run.</summary>
    private IReadOnlyDictionary<string, string>? notCollected;

    /// <summary>Why a call on <paramref name="machine"/> that the table does not hold is unavailable.</summary>
    internal string MissingReasonFor(Machine machine) =>
        notCollected is not null && notCollected.TryGetValue(machine.Name, out var reason) ? reason : MissingReason;

    /// <summary>
    /// The same records over other machine descriptions (roles as discovered), with machines added that were not
    /// collected; a call on one of those is unavailable for the reason given.
    /// </summary>
    internal FactTable WithMachines(IEnumerable<Machine> machines, IReadOnlyDictionary<string, string> notCollectedReasons) =>
        new(this, machines) { notCollected = notCollectedReasons };
}

/// <summary>Progress of fact collection, for a host's progress bar.</summary>
public readonly struct CollectionProgress
{
    /// <summary>Creates a progress report.</summary>
    public CollectionProgress(int completed, int requested, ProbeCall? last)
    {
        Completed = completed;
        Requested = requested;
        Last = last;
    }

    /// <summary>Probe calls finished so far.</summary>
    public int Completed { get; }

    /// <summary>Probe calls requested so far (grows as dependent calls become known).</summary>
    public int Requested { get; }

    /// <summary>The call that just finished.</summary>
    public ProbeCall? Last { get; }
}
