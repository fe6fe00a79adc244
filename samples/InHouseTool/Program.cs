using InHouseTool;
using PxeRules.Evaluation;
using PxeRules.Loading;
using PxeRules.Probes;
using PxeRules.Snapshots;
using PxeRules.Model;

// Usage: InHouseTool <inventory.csv> <site-server-snapshot.json>
// The site server's facts come from a snapshot; the PXE service points' from the inventory export.
var inventory = new InventoryProvider(args[0]);
var site = SnapshotFile.Read(args[1]);
if (site.Facts is null)
{
    foreach (var diagnostic in site.Diagnostics) Console.Error.WriteLine(diagnostic);
    return 2;
}

var pxeServers = File.ReadLines(args[0]).Skip(1).Select(l => l.Split(',')[0].Trim())
    .Select(name => new Machine(name, MachineRoles.PxeServicePoint));
var engine = RuleEngine.CreateBuilder()
    .AddRules(KnowledgeBase.LoadBundled())
    .AddProvider(inventory)
    .AddSnapshot(site.Facts)
    .DisableRulesTagged("advisory")
    .Build();

var report = await engine.EvaluateAsync(site.Facts.Machines.Concat(pxeServers));

foreach (var finding in report.Findings)
{
    Console.WriteLine($"{finding.Severity} {finding.Rule.Id} on {finding.Machine?.Name}: {finding.Explanation}");
    foreach (var step in finding.Remediation) Console.WriteLine($"  {step}");
}

Console.WriteLine($"{report.Findings.Count()} finding(s), {report.Results.Count(r => r.Outcome == PxeRules.Model.Outcome.Inconclusive)} inconclusive.");
return report.Findings.Any() ? 1 : 0;
