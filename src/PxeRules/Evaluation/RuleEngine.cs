using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using PxeRules.Facts;
using PxeRules.Loading;
using PxeRules.Model;
using PxeRules.Probes;

namespace PxeRules.Evaluation;

/// <summary>
/// Configures a <see cref="RuleEngine"/>: the rules, the probe providers and how facts are gathered.
/// <see cref="Build"/> returns an immutable engine; the builder can be reused.
/// </summary>
public sealed partial class RuleEngineBuilder
{
    private readonly List<KnowledgeBase> knowledgeBases = new();
    private readonly List<IProbeProvider> providers = new();
    private readonly List<IProbeProvider> fallbacks = new();
    private int maxConcurrency = 4;
    private TimeSpan probeTimeout = TimeSpan.FromSeconds(30);
    private int maxValueItems = 100_000;
    private TimeSpan regexBudget = RuleEngine.DefaultRegexBudget;
    private TimeProvider? timeProvider;
    private DateTimeOffset? evidenceTime;
    private bool discoverRoles = true;
    private IEngineListener? listener;
    private TimeSpan slowProbeThreshold = TimeSpan.FromSeconds(5);

    internal RuleEngineBuilder()
    {
    }

    /// <summary>Adds the rules of a knowledge base. Rules of later knowledge bases follow those of earlier ones.</summary>
    public RuleEngineBuilder AddRules(KnowledgeBase knowledgeBase)
    {
        knowledgeBases.Add(knowledgeBase ?? throw new ArgumentNullException(nameof(knowledgeBase)));
        return this;
    }

    /// <summary>
    /// Adds a probe provider. A call goes to the first provider added that serves its kind; plug-in packages
    /// offer an extension method on this builder that calls this.
    /// </summary>
    public RuleEngineBuilder AddProvider(IProbeProvider provider)
    {
        providers.Add(provider ?? throw new ArgumentNullException(nameof(provider)));
        return this;
    }

    /// <summary>How many probe calls may run at once (default 4).</summary>
    public RuleEngineBuilder WithMaxConcurrency(int value)
    {
        maxConcurrency = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one call must be allowed.");
        return this;
    }

    /// <summary>How long one probe call may take before its fact is unavailable (default 30 seconds).</summary>
    public RuleEngineBuilder WithProbeTimeout(TimeSpan value)
    {
        probeTimeout = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The timeout must be positive.");
        return this;
    }

    /// <summary>
    /// The most list items and record fields one probe value may hold in all (default 100,000). A provider that returns
    /// more, or a value nested deeper than 32 levels, makes its fact unavailable with that reason, so a runaway log or a
    /// list that never ends cannot exhaust the memory or the run's time.
    /// </summary>
    public RuleEngineBuilder WithMaxValueItems(int value)
    {
        maxValueItems = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one item must be allowed.");
        return this;
    }

    /// <summary>
    /// The time one evaluation may lose to regular expressions that time out, in all (default 10 seconds). A pattern
    /// that timed out once is not run again in the evaluation; once the timeouts add up to this, no pattern runs and
    /// the rules that need one end in error with the reason.
    /// </summary>
    public RuleEngineBuilder WithRegexBudget(TimeSpan value)
    {
        regexBudget = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The budget must be positive.");
        return this;
    }

    /// <summary>
    /// The clock for time windows such as <c>within: 7d</c> (default <see cref="TimeProvider.System"/>, or, after
    /// <c>AddSnapshot</c>, the time the snapshot was collected).
    /// </summary>
    public RuleEngineBuilder WithTimeProvider(TimeProvider value)
    {
        timeProvider = value ?? throw new ArgumentNullException(nameof(value));
        return this;
    }

    /// <summary>
    /// Whether machine roles are discovered from facts (default true): the site's lists of site systems and PXE
    /// service points, <c>configmgr.site</c>, <c>configmgr.pxe</c> and the DHCP Server service decide a machine's
    /// roles, typed roles are hints, and machines the site lists that the run did not collect are added as not
    /// collected (see <see cref="EvaluationReport.Coverage"/>). Off, the roles given are taken as they are.
    /// </summary>
    public RuleEngineBuilder WithRoleDiscovery(bool value)
    {
        discoverRoles = value;
        return this;
    }

    /// <summary>
    /// Hears about probe failures, timeouts, slow calls and budget hits as they happen (default none); see
    /// <see cref="IEngineListener"/> for the contract. A later call replaces the listener.
    /// </summary>
    public RuleEngineBuilder WithListener(IEngineListener value)
    {
        listener = value ?? throw new ArgumentNullException(nameof(value));
        return this;
    }

    /// <summary>How long a probe call may take before the listener hears it was slow (default 5 seconds).</summary>
    public RuleEngineBuilder WithSlowProbeThreshold(TimeSpan value)
    {
        slowProbeThreshold = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The threshold must be positive.");
        return this;
    }

    /// <summary>Prepares the rules and returns the engine.</summary>
    /// <exception cref="InvalidOperationException">Two knowledge bases define the same rule id.</exception>
    public RuleEngine Build()
    {
        var rules = new List<Rule>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in knowledgeBases.SelectMany(k => k.Rules))
        {
            if (!ids.Add(rule.Id))
            {
                throw new InvalidOperationException($"The rule id '{rule.Id}' is defined twice: at {rule.Source} and in an earlier knowledge base.");
            }

            rules.Add(rule);
        }

        var layered = ApplyLayers(rules);
        // Evidence gathered earlier (a snapshot) is judged at the time it was gathered, whichever way the caller
        // evaluates it, unless a clock was set.
        var clock = timeProvider ?? (evidenceTime is { } at ? new EvidenceClock(at) : TimeProvider.System);
        return new RuleEngine(layered, providers.Concat(fallbacks).ToArray(), maxConcurrency, probeTimeout, maxValueItems, clock, Policy(layered)) { RegexBudget = regexBudget, DiscoversRoles = discoverRoles, Listener = listener, SlowProbeThreshold = slowProbeThreshold };
    }

    /// <summary>
    /// Notes that facts were gathered at <paramref name="collectedAt"/> (a snapshot added with its provider): time
    /// windows are then measured from the earliest such time when no clock is set with <see cref="WithTimeProvider"/>.
    /// </summary>
    internal RuleEngineBuilder EvidenceFrom(DateTimeOffset collectedAt)
    {
        if (collectedAt != DateTimeOffset.MinValue && (evidenceTime is null || collectedAt < evidenceTime)) evidenceTime = collectedAt;
        return this;
    }

    /// <summary>
    /// Adds a provider consulted after every provider added with <see cref="AddProvider"/>, whenever those were added:
    /// evidence read from files supplies what the tool supplies beside it (no symptoms reported), and a provider the
    /// host adds, before or after, still wins.
    /// </summary>
    internal RuleEngineBuilder AddFallback(IProbeProvider provider)
    {
        fallbacks.Add(provider);
        return this;
    }

    /// <summary>A clock that stands at the time the evidence was gathered.</summary>
    private sealed class EvidenceClock : TimeProvider
    {
        private readonly DateTimeOffset at;

        public EvidenceClock(DateTimeOffset at) => this.at = at;

        public override DateTimeOffset GetUtcNow() => at;
    }
}

/// <summary>
/// Finds out which known issues are present on a machine or a site: gathers the facts the rules need through
/// the probe providers (each distinct probe call once, dependencies first, concurrently, with timeouts) and
/// evaluates the rules over them. Immutable and thread-safe: one engine can serve many evaluations at once.
/// </summary>
public sealed class RuleEngine
{
    private readonly PreparedRule[] prepared;
    private readonly IProbeProvider[] providers;
    private readonly Dictionary<string, (IProbeProvider Provider, ProbeKind Kind)> routes = new(StringComparer.Ordinal);
    private readonly SharedCalls shared = new();

    // A fact table is immutable, so the shared slots of its machines are worked out once per table and engine.
    private readonly ConditionalWeakTable<FactTable, MachineFacts[]> resolved = new();

    // And so are the roles discovered from it.
    private readonly ConditionalWeakTable<FactTable, DiscoveredSite> discovered = new();

    private readonly ResultPolicy policy;

    internal RuleEngine(IReadOnlyList<Rule> rules, IProbeProvider[] providers, int maxConcurrency, TimeSpan probeTimeout, int maxValueItems, TimeProvider timeProvider, ResultPolicy policy)
    {
        MaxValueItems = maxValueItems;
        Rules = rules;
        this.policy = policy;
        this.providers = providers;
        MaxConcurrency = maxConcurrency;
        ProbeTimeout = probeTimeout;
        TimeProvider = timeProvider;
        prepared = new PreparedRule[rules.Count];
        for (var i = 0; i < prepared.Length; i++)
        {
            prepared[i] = new PreparedRule(rules[i], shared);
        }

        foreach (var provider in providers)
        {
            foreach (var kind in provider.Kinds)
            {
                if (!routes.ContainsKey(kind.Name))
                {
                    routes[kind.Name] = (provider, kind);
                }
            }
        }
    }

    /// <summary>The default of <see cref="RegexBudget"/>: 10 seconds.</summary>
    internal static readonly TimeSpan DefaultRegexBudget = TimeSpan.FromSeconds(10);

    /// <summary>Starts configuring an engine.</summary>
    public static RuleEngineBuilder CreateBuilder() => new();

    /// <summary>The time one evaluation may lose to regular expressions that time out (see <see cref="RuleEngineBuilder.WithRegexBudget"/>).</summary>
    public TimeSpan RegexBudget { get; internal init; } = DefaultRegexBudget;

    /// <summary>How long a probe call may take before the listener hears it was slow (see <see cref="RuleEngineBuilder.WithSlowProbeThreshold"/>).</summary>
    public TimeSpan SlowProbeThreshold { get; internal init; } = TimeSpan.FromSeconds(5);

    /// <summary>The listener set with <see cref="RuleEngineBuilder.WithListener"/>, or null.</summary>
    public IEngineListener? Listener { get; internal init; }

    /// <summary>The rules, in evaluation order.</summary>
    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>Whether machine roles are discovered from facts (see <see cref="RuleEngineBuilder.WithRoleDiscovery"/>).</summary>
    public bool DiscoversRoles { get; internal init; } = true;

    /// <summary>How many probe calls may run at once.</summary>
    public int MaxConcurrency { get; }

    /// <summary>How long one probe call may take.</summary>
    public TimeSpan ProbeTimeout { get; }

    /// <summary>The most list items and record fields one probe value may hold.</summary>
    public int MaxValueItems { get; }

    /// <summary>The clock for time windows.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Probe kinds the rules use that no provider serves; their facts will be unavailable.</summary>
    public IReadOnlyList<string> UnservedKinds =>
        prepared.SelectMany(p => p.Facts).Select(f => f.Kind.Name).Distinct(StringComparer.Ordinal)
            .Where(k => !routes.ContainsKey(k)).OrderBy(k => k, StringComparer.Ordinal).ToArray();

    /// <summary>Gathers the facts the rules need on <paramref name="machines"/> and evaluates every rule.</summary>
    /// <param name="machines">The machines of the run, each with its roles: one server, or a site server and its PXE service points.</param>
    /// <param name="progress">Receives a report as each probe call finishes.</param>
    /// <param name="cancellationToken">Stops the run; pending probe calls are cancelled.</param>
    public async Task<EvaluationReport> EvaluateAsync(IEnumerable<Machine> machines, IProgress<CollectionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var facts = await CollectAsync(machines, progress, cancellationToken).ConfigureAwait(false);
        return Evaluate(facts);
    }

    /// <summary>
    /// Gathers every fact the rules need on <paramref name="machines"/> without evaluating: the table a snapshot
    /// writes down. Each distinct probe call runs once; calls whose arguments use other facts run after them.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<FactTable> CollectAsync(IEnumerable<Machine> machines, IProgress<CollectionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var run = CheckMachines(machines);
        var startedAt = TimeProvider.GetUtcNow();
        using var gatherer = new FactGatherer(routes, MaxConcurrency, ProbeTimeout, MaxValueItems, TimeProvider, progress, cancellationToken) { Listener = Listener, SlowThreshold = SlowProbeThreshold };
        var subjects = run;
        if (DiscoversRoles)
        {
            // The roles decide which rules' facts to gather, so they are worked out first, from the facts that show them.
            await Task.WhenAll(run.SelectMany(SiteDiscovery.FirstCalls).Select(gatherer.GetAsync)).ConfigureAwait(false);
            var first = new FactTable(run, gatherer.Records, startedAt);
            await Task.WhenAll(run.SelectMany(m => SiteDiscovery.SiteServerCalls(m, first)).Select(gatherer.GetAsync)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            var site = SiteDiscovery.Discover(new FactTable(run, gatherer.Records, startedAt));
            subjects = site.Table.Machines.Take(run.Count).ToArray();
        }

        var work = new List<Task>();
        foreach (var rule in prepared)
        {
            foreach (var machine in subjects)
            {
                if (rule.IsSubject(machine))
                {
                    work.Add(ResolveAsync(rule, machine, subjects, gatherer));
                }
            }
        }

        await Task.WhenAll(work).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return new FactTable(run, gatherer.Records, startedAt);
    }

    /// <summary>
    /// Evaluates every rule over facts already gathered (a collection or a snapshot). Never throws for bad facts.
    /// Time windows such as <c>within: 7d</c> are measured from <see cref="FactTable.CollectedAt"/>, so a snapshot
    /// evaluated later gives the results it gave when it was collected.
    /// </summary>
    public EvaluationReport Evaluate(FactTable facts)
    {
        if (facts is null) throw new ArgumentNullException(nameof(facts));
        var now = facts.CollectedAt == DateTimeOffset.MinValue ? TimeProvider.GetUtcNow() : facts.CollectedAt;
        SiteCoverage? coverage = null;
        if (DiscoversRoles)
        {
            var site = discovered.GetValue(facts, SiteDiscovery.Discover);
            facts = site.Table;
            coverage = site.Coverage;
        }

        var machines = facts.Machines;
        var machineFacts = resolved.GetValue(facts, shared.Resolve);

        // One byte per rule and machine; result objects are made when a caller reads them (see RuleResults).
        var codes = new byte[prepared.Length * machines.Count];
        var budget = new RegexBudget(RegexBudget) { Listener = Listener };
        var context = new EvalContext(default, now, budget);
        Dictionary<int, RuleResult>? planned = null;
        var position = 0;
        for (var r = 0; r < prepared.Length; r++)
        {
            var rule = prepared[r];
            if (rule.IsPlain)
            {
                // The common case, kept short: the condition alone decides, on every machine.
                for (var m = 0; m < machines.Count; m++)
                {
                    if (context.Shared != machineFacts[m]) context.UseMachine(machineFacts[m]);
                    context.NextRule(rule.SharedMap!);
                    codes[(r * machines.Count) + m] = ConditionCodes[(int)rule.When.Eval(context)];
                }

                position += machines.Count;
                continue;
            }

            var any = false;
            for (var m = 0; m < machines.Count; m++)
            {
                var machine = machines[m];
                if (!rule.IsSubject(machine)) continue;
                any = true;
                if (rule.SharedMap is not null)
                {
                    if (context.Shared != machineFacts[m]) context.UseMachine(machineFacts[m]);
                    context.NextRule(rule.SharedMap);
                    var outcome = Judge(rule, context, out var stage);
                    codes[(r * machines.Count) + m] = RuleResults.Encode(outcome, stage);
                }
                else
                {
                    // Facts whose arguments use other facts: planned per rule, as collection planned them.
                    var result = Decide(rule, machine, LookUp(rule, machine, facts), now, budget);
                    codes[(r * machines.Count) + m] = RuleResults.Encode(result.Outcome, result.DecidedBy);
                    (planned ??= new Dictionary<int, RuleResult>())[position] = result;
                }

                position++;
            }

            if (!any)
            {
                position++;
            }
        }

        var wallNow = TimeProvider.GetUtcNow();
        return new EvaluationReport(facts, coverage, new RuleResults(prepared, machines, machineFacts, codes, position, now, planned, policy.IsEmpty ? null : result => policy.Apply(result, wallNow), budget), now);
    }

    internal static RuleResult NoSubject(Rule rule, DateTimeOffset now) =>
        new(rule, null, Outcome.NotApplicable, null, Array.Empty<FactSlot>(), now, RuleResult.Stage.Roles,
            $"Not applicable: no machine in this run holds the role {string.Join(" or ", rule.AppliesTo.Roles)}.");

    private static FactSlot[] LookUp(PreparedRule rule, Machine machine, FactTable facts)
    {
        var slots = new FactSlot[rule.SlotCount];
        slots[PreparedRule.MachineSlot] = FactSlot.Found(PreparedRule.MachineValue(machine));
        foreach (var index in rule.Order)
        {
            var call = rule.PlanCall(index, slots, machine, facts.Machines, out var settled, out var partial);
            if (call is null)
            {
                slots[index + 1] = settled;
                continue;
            }

            var record = facts.Find(call.Key);
            slots[index + 1] = record is null ? FactSlot.NotInEvidence(call, facts.MissingReasonFor(call.Machine))
                : partial is not null && record.Result.Status == ProbeStatus.NotFound && record.InvalidReason is null
                    ? FactSlot.Unavailable(call, $"Not found in the places that could be read; a place was left out because {partial}")
                    : FactSlot.From(record);
        }

        return slots;
    }

    private static async Task ResolveAsync(PreparedRule rule, Machine machine, IReadOnlyList<Machine> run, FactGatherer gatherer)
    {
        var slots = new FactSlot[rule.SlotCount];
        slots[PreparedRule.MachineSlot] = FactSlot.Found(PreparedRule.MachineValue(machine));
        var pending = new Dictionary<int, Task<FactRecord>>();
        foreach (var index in rule.Order)
        {
            // Start every call whose dependencies are known; wait only when a later call needs a value.
            foreach (var dependency in rule.Facts[index].Dependencies)
            {
                if (rule.TryGetSlot(dependency, out var slot) && slot > 0 && pending.TryGetValue(slot - 1, out var task))
                {
                    slots[slot] = FactSlot.From(await task.ConfigureAwait(false));
                    pending.Remove(slot - 1);
                }
            }

            var call = rule.PlanCall(index, slots, machine, run, out var settled, out _);
            if (call is null)
            {
                slots[index + 1] = settled;
            }
            else
            {
                pending[index] = gatherer.GetAsync(call);
            }
        }

        foreach (var task in pending.Values)
        {
            await task.ConfigureAwait(false);
        }
    }

    internal static RuleResult Decide(PreparedRule rule, Machine machine, SlotView slots, DateTimeOffset now, RegexBudget? budget = null)
    {
        budget ??= new RegexBudget(DefaultRegexBudget);
        var context = new EvalContext(slots, now, budget);
        var outcome = Judge(rule, context, out var stage);
        return Result(rule, machine, outcome, stage, slots, now, budget);
    }

    /// <summary>The result object of an outcome <see cref="Judge"/> gave; the reason of a version check is worked out again.</summary>
    internal static RuleResult Result(PreparedRule rule, Machine machine, Outcome outcome, RuleResult.Stage stage, SlotView slots, DateTimeOffset now, RegexBudget? budget = null)
    {
        string? reason = null;
        if (stage == RuleResult.Stage.Versions)
        {
            SiteApplies(rule.Rule, slots[rule.SiteSlot], out reason);
        }

        return new RuleResult(rule.Rule, machine, outcome, rule, slots, now, stage, reason, budget);
    }

    /// <summary>The result code of each <see cref="Truth"/> of a rule's condition.</summary>
    private static readonly byte[] ConditionCodes =
    {
        RuleResults.Encode(Outcome.NotDetected, RuleResult.Stage.Condition),
        RuleResults.Encode(Outcome.Detected, RuleResult.Stage.Condition),
        RuleResults.Encode(Outcome.Inconclusive, RuleResult.Stage.Condition),
        RuleResults.Encode(Outcome.Error, RuleResult.Stage.Condition),
    };

    /// <summary>Decides a rule's outcome and the stage that decided it, allocating nothing.</summary>
    internal static Outcome Judge(PreparedRule rule, EvalContext context, out RuleResult.Stage stage)
    {
        if (rule.HasVersions)
        {
            var verdict = SiteApplies(rule.Rule, context.Slots[rule.SiteSlot], out _, explain: false);
            if (verdict != Truth.True)
            {
                stage = RuleResult.Stage.Versions;
                return verdict switch { Truth.False => Outcome.NotApplicable, Truth.Unknown => Outcome.Inconclusive, _ => Outcome.Error };
            }
        }

        if (rule.Applies is not null)
        {
            var applies = rule.Applies.Eval(context);
            if (applies != Truth.True)
            {
                stage = RuleResult.Stage.Precondition;
                return applies switch { Truth.False => Outcome.NotApplicable, Truth.Unknown => Outcome.Inconclusive, _ => Outcome.Error };
            }
        }

        stage = RuleResult.Stage.Condition;
        return rule.When.Eval(context) switch { Truth.True => Outcome.Detected, Truth.False => Outcome.NotDetected, Truth.Unknown => Outcome.Inconclusive, _ => Outcome.Error };
    }

    private static Truth SiteApplies(Rule rule, in FactSlot site, out string reason, bool explain = true)
    {
        reason = string.Empty;
        if (site.InvalidReason is not null)
        {
            if (explain) reason = $"Error: the site's version cannot be read: {site.InvalidReason}";
            return Truth.Error;
        }

        switch (site.Status)
        {
            case ProbeStatus.Unavailable:
                if (explain) reason = $"Inconclusive: the rule applies to {Wanted(rule)}, and the site's version is unavailable: {site.Reason}";
                return Truth.Unknown;
            case ProbeStatus.NotFound:
                if (explain) reason = $"Not applicable: the rule applies to ConfigMgr 2007 {Wanted(rule)}, and no ConfigMgr site was found.";
                return Truth.False;
        }

        var record = site.Value as IReadOnlyDictionary<string, object?>;
        ProductLevel? level = null;
        Version? version = null;
        string? levelText = null;
        if (record is not null && record.TryGetValue("version", out var v) && v is Version found)
        {
            version = found;
            level = LevelOf(found);
        }
        else if (record is not null && record.TryGetValue("level", out var l) && l is string text && TryLevel(text, out var parsed))
        {
            levelText = text;
            level = parsed;
        }
        else
        {
            if (explain) reason = $"Inconclusive: the rule applies to {Wanted(rule)}, and the site's version is not known.";
            return Truth.Unknown;
        }

        var addOns = record!.TryGetValue("addOns", out var a) && a is IEnumerable<object?> list ? list : null;
        foreach (var wantedLevel in rule.AppliesTo.Versions)
        {
            if (wantedLevel == level) return Truth.True;
            if (wantedLevel is ProductLevel.R2 or ProductLevel.R3 && addOns is not null && HasAddOn(addOns, LevelName(wantedLevel)))
            {
                return Truth.True;
            }
        }

        if (explain)
        {
            var shown = version is not null ? $"{LevelName(level.Value)} ({version})" : levelText!;
            var names = addOns?.OfType<string>().ToArray() ?? Array.Empty<string>();
            reason = $"Not applicable: the rule applies to {Wanted(rule)}, and the site is {shown}{(names.Length > 0 ? " with " + string.Join(", ", names) : string.Empty)}.";
        }

        return Truth.False;
    }

    private static string Wanted(Rule rule) => string.Join(", ", rule.AppliesTo.Versions.Select(LevelName));

    private static bool HasAddOn(IEnumerable<object?> addOns, string name)
    {
        foreach (var item in addOns)
        {
            if (item is string text && string.Equals(text, name, StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }

    /// <summary>The level of a ConfigMgr 2007 site version: RTM below 4.00.6221, SP1 below 4.00.6487, SP2 from there.</summary>
    internal static ProductLevel LevelOf(Version version)
    {
        if (FactValues.CompareVersions(version, new Version(4, 0, 6221)) < 0) return ProductLevel.Rtm;
        return FactValues.CompareVersions(version, new Version(4, 0, 6487)) < 0 ? ProductLevel.Sp1 : ProductLevel.Sp2;
    }

    internal static string LevelName(ProductLevel level) => level switch
    {
        ProductLevel.Rtm => "RTM",
        ProductLevel.Sp1 => "SP1",
        ProductLevel.Sp2 => "SP2",
        ProductLevel.R2 => "R2",
        _ => "R3",
    };

    private static bool TryLevel(string text, out ProductLevel level)
    {
        foreach (ProductLevel candidate in Enum.GetValues(typeof(ProductLevel)))
        {
            if (string.Equals(LevelName(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                level = candidate;
                return true;
            }
        }

        level = default;
        return false;
    }

    private static IReadOnlyList<Machine> CheckMachines(IEnumerable<Machine> machines)
    {
        var list = (machines ?? throw new ArgumentNullException(nameof(machines))).ToArray();
        if (list.Length == 0) throw new ArgumentException("A run needs at least one machine.", nameof(machines));
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var machine in list)
        {
            if (machine is null) throw new ArgumentException("A machine is null.", nameof(machines));
            if (!names.Add(machine.Name)) throw new ArgumentException($"The machine '{machine.Name}' appears twice.", nameof(machines));
        }

        return list;
    }
}

/// <summary>The results of one evaluation, with the facts they were computed from. Immutable.</summary>
public sealed class EvaluationReport
{
    internal EvaluationReport(FactTable facts, SiteCoverage? coverage, IReadOnlyList<RuleResult> results, DateTimeOffset evaluatedAt)
    {
        Facts = facts;
        Coverage = coverage;
        Results = results;
        EvaluatedAt = evaluatedAt;
    }

    /// <summary>The facts, with the machines as judged: roles as discovered, and machines the site lists that were not collected.</summary>
    public FactTable Facts { get; }

    /// <summary>
    /// What the run saw of the site and what it did not (machines expected and collected, roles and where they came
    /// from, facts unavailable by reason); null when the engine was built without role discovery.
    /// </summary>
    public SiteCoverage? Coverage { get; }

    /// <summary>One result per rule and machine it was evaluated on, in rule order.</summary>
    public IReadOnlyList<RuleResult> Results { get; }

    /// <summary>The time the rules were evaluated at: when the facts were collected, which time windows are measured from.</summary>
    public DateTimeOffset EvaluatedAt { get; }

    /// <summary>
    /// Every result's outcome, in the order of <see cref="Results"/>, read without making the result objects: for a
    /// host that needs outcomes (counts, a pass/fail gate) and not their evidence.
    /// </summary>
    public ResultOutcomes Outcomes => outcomes ??= new ResultOutcomes(Results);

    /// <summary>The results whose outcome is <see cref="Outcome.Detected"/>, waived ones included.</summary>
    public IEnumerable<RuleResult> Detected => Results is RuleResults results ? results.Detected() : Results.Where(r => r.Outcome == Outcome.Detected);

    /// <summary>
    /// The results that need a look, in the order of <see cref="Results"/>: detected (waived ones included),
    /// inconclusive and error. As with <see cref="Detected"/>, no result object is made for a rule that passed or did
    /// not apply.
    /// </summary>
    public IReadOnlyList<RuleResult> Problems => problems ??= FindProblems();

    /// <summary>The detected results that no waiver covers: what needs a person's attention.</summary>
    public IEnumerable<RuleResult> Findings => Detected.Where(r => r.Waiver is null);

    /// <summary>
    /// The detected results grouped by cause: each finding that no other finding on its machine explains, with those it
    /// explains (see <see cref="Rule.Explains"/>). Every detected result is in exactly one group, as cause or consequence.
    /// </summary>
    public IReadOnlyList<RootCause> RootCauses => rootCauses ??= RootCause.Group(Detected);

    /// <summary>The detected result on the same machine whose rule explains <paramref name="result"/>, or null.</summary>
    public RuleResult? ExplainedBy(RuleResult result) =>
        RootCause.CauseOf(result ?? throw new ArgumentNullException(nameof(result)), RootCauses.SelectMany(g => g.Consequences.Prepend(g.Cause)).ToArray());

    private IReadOnlyList<RootCause>? rootCauses;
    private ResultOutcomes? outcomes;
    private IReadOnlyList<RuleResult>? problems;

    private RuleResult[] FindProblems() => Results is RuleResults results
        ? results.Problems().ToArray()
        : Results.Where(r => r.Outcome is Outcome.Detected or Outcome.Inconclusive or Outcome.Error).ToArray();
}
