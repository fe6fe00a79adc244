using System;
using System.Collections.Generic;
using PxeRules.Benchmarks.Baselines;
using PxeRules.Benchmarks.Synthetic;

namespace PxeRules.Benchmarks;

/// <summary>
/// Every system of every suite computing the workload's checksum once, the way the suites measure it. The suites'
/// set-ups call these, <c>--verify</c> runs them all at small sizes, and a test runs that too.
/// </summary>
public static class Checksums
{
    /// <summary>Each system's count of rules true (or detected) over one machine, by name.</summary>
    public static IReadOnlyList<(string System, int Count)> Systems(Workload work)
    {
        var list = new List<(string, int)>
        {
            ("Ast_Slots", AstSlots.CountTrue(AstSlots.Build(work.Rules).Evaluate(SyntheticSnapshot.Slots()))),
            ("Compiled_Poco", AstSlots.CountTrue(CompiledPoco.Build(work.Rules).Evaluate(work.Poco))),
            ("RulesEngine default", RulesEngineSystem.CountTrueAsync(RulesEngineSystem.Create(work.Rules, tuned: false), work.Poco).GetAwaiter().GetResult()),
            ("RulesEngine tuned", RulesEngineSystem.CountTrueAsync(RulesEngineSystem.Create(work.Rules, tuned: true), work.Poco).GetAwaiter().GetResult()),
            ("RulesEngine default from JSON", RulesEngineSystem.CountTrueAsync(RulesEngineSystem.FromJson(RulesEngineSystem.Json(work.Rules), tuned: false), work.Poco).GetAwaiter().GetResult()),
            ("RulesEngine tuned from JSON", RulesEngineSystem.CountTrueAsync(RulesEngineSystem.FromJson(RulesEngineSystem.Json(work.Rules), tuned: true), work.Poco).GetAwaiter().GetResult()),
        };
        var engine = PxeRulesSystem.Build(work.KnowledgeBase);
        list.Add(("PxeRules, warm table, Detected", PxeRulesSystem.CountDetected(engine.Evaluate(work.Facts))));
        list.Add(("PxeRules, new table, outcomes", PxeRulesSystem.ReadOutcomes(engine.Evaluate(work.NewTable()))));
        list.Add(("PxeRules, new table, result objects", PxeRulesSystem.ReadResultObjects(engine.Evaluate(work.NewTable()))));
        list.Add(("PxeRules, new table, as the tool reads", PxeRulesSystem.ReadAsTheTool(engine.Evaluate(work.NewTable()))));
        list.Add(("PxeRules, from text", PxeRulesSystem.ReadOutcomes(PxeRulesSystem.Build(PxeRulesSystem.Load(work.Yaml)).Evaluate(work.NewTable()))));
        return list;
    }

    /// <summary>Throws unless every system of <see cref="Systems"/> finds <see cref="Workload.Expected"/>.</summary>
    public static void Verify(Workload work)
    {
        foreach (var (system, count) in Systems(work)) work.Check(system, count);
    }

    /// <summary>Throws unless our engine and the interpreter over <paramref name="machines"/> machines each find the checksum on every machine.</summary>
    public static void VerifyMachines(Workload work, int machines)
    {
        var engine = PxeRulesSystem.Build(work.KnowledgeBase);
        Check(work, "PxeRules over machines, outcomes", machines, PxeRulesSystem.ReadOutcomes(engine.Evaluate(work.Fleet(machines))));
        Check(work, "PxeRules over machines, result objects", machines, PxeRulesSystem.ReadResultObjects(engine.Evaluate(work.Fleet(machines))));
        Check(work, "PxeRules over machines, as the tool reads", machines, PxeRulesSystem.ReadAsTheTool(engine.Evaluate(work.Fleet(machines))));
        Check(work, "Ast_Slots over machines", machines, AstSlotsFleet.CountTrue(AstSlots.Build(work.Rules), machines));
    }

    /// <summary>
    /// Runs the set-ups of the suites that check their own answer (rules read, calls made, facts in a snapshot) at
    /// small sizes; each throws on a wrong answer. The bundle suite is left out: its set-up writes 200 MB.
    /// </summary>
    public static void VerifySetUps()
    {
        foreach (var rules in new[] { "bundled", "100" }) new Suites.LoadBenchmarks { Rules = rules }.Setup();
        new Suites.FactsBenchmarks { Calls = 10 }.Setup();
        new Suites.SnapshotBenchmarks().Setup();
    }

    /// <summary>Throws unless <paramref name="actual"/> is the checksum on each of <paramref name="machines"/> machines.</summary>
    public static void Check(Workload work, string system, int machines, int actual)
    {
        if (actual != work.Expected * machines)
        {
            throw new InvalidOperationException($"{system} found {actual} results detected over {machines} machines; the checksum is {work.Expected * machines}.");
        }
    }

}

/// <summary>The hand-written interpreter over many machines: one slot array per machine, built from the facts.</summary>
public static class AstSlotsFleet
{
    public static int CountTrue(AstSlots interpreter, int machines)
    {
        var count = 0;
        for (var m = 0; m < machines; m++) count += AstSlots.CountTrue(interpreter.Evaluate(SyntheticSnapshot.Slots()));
        return count;
    }
}
