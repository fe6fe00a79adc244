using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PxeRules.Evaluation;
using PxeRules.Facts;
using PxeRules.Loading;
using PxeRules.Model;
using PxeRules.Probes;
using PxeRules.Reporting;
using PxeRules.Snapshots;

namespace PxeRules.Cli;

internal sealed partial class CliApp
{
    private Command CheckCommand()
    {
        var snapshot = new Option<string[]>("--snapshot", "-s") { Description = "A snapshot to evaluate (repeatable: a site server's and its PXE service points' snapshots form one site).", Arity = ArgumentArity.ZeroOrMore };
        var computer = new Option<string[]>("--computer", "-c") { Description = "A server to probe live, NAME or NAME=role,role (roles: " + string.Join(", ", MachineRoles.All) + "). Roles are discovered from the server's facts; roles given are hints. Repeatable. Without --snapshot and --computer, this machine is probed.", Arity = ArgumentArity.ZeroOrMore };
        var rules = RulesOption();
        var noBundled = NoBundledOption();
        var severity = new Option<string?>("--severity") { Description = "Only rules of this severity or worse: info, warning, error, critical." };
        var tag = new Option<string[]>("--tag") { Description = "Only rules with this tag (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var id = new Option<string[]>("--id") { Description = "Only these rules, by id or former id (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var format = new Option<string>("--format", "-f") { Description = "console, json, sarif, junit, markdown or html (one self-contained page; give -o).", DefaultValueFactory = _ => "console" };
        format.AcceptOnlyFromAmong("console", "json", "sarif", "junit", "markdown", "html");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output." };
        var failOn = new Option<string>("--fail-on") { Description = "Exit with 1 when a finding of this severity or worse is detected: info, warning, error, critical or none.", DefaultValueFactory = _ => "warning" };
        var all = new Option<bool>("--all") { Description = "Also show rules that were not detected or do not apply." };
        var symptom = SymptomOption();
        var timeout = new Option<double?>("--timeout") { Description = "Give up when the check has not finished after this many seconds (exit 2); no file is written." };
        var config = new Option<string?>("--config") { Description = "A settings file (default: pxerules.yaml in the working folder, when there is one): rule folders, rules switched off, severities, waivers, failOn. docs/settings.md." };
        var requireCoverage = new Option<bool>("--require-coverage") { Description = "Exit with 1 unless coverage is complete: a site server is in the run, its list of site systems was read, and every PXE service point and distribution point it lists was collected." };
        var junitInconclusive = new Option<string>("--junit-inconclusive") { Description = "How --format junit writes an inconclusive result: skipped (default; it does not fail the run), error or failure.", DefaultValueFactory = _ => "skipped" };
        junitInconclusive.AcceptOnlyFromAmong("skipped", "error", "failure");
        var bundle = BundleOption();
        var logs = LogsOption();

        var command = new Command("check", "Evaluate the knowledge base on snapshots, bundles, folders of logs or live machines and print findings with evidence and remediation.\n\nExamples:\n  pxerules check --snapshot samples/snapshots/remote-pxe-sp-old-wimgapi.json\n  pxerules check --bundle pxerules-bundle-PXE01-20261125-100000.zip\n  pxerules check --logs PXE01=C:\\Tickets\\4711 --snapshot site01.json\n  pxerules check -s site01.json -s pxe02.json --format sarif -o pxe.sarif\n  pxerules check -s site01.json --format html -o report.html\n  pxerules check --computer SITE01=site-server,sms-provider --computer PXE02 --fail-on error")
        {
            snapshot, computer, bundle, logs, rules, noBundled, severity, tag, id, format, output, failOn, all, symptom, timeout, requireCoverage, junitInconclusive, config,
        };
        command.SetAction(async (parse, interrupted) =>
        {
            var seconds = parse.GetValue(timeout);
            if (seconds is <= 0 or > int.MaxValue / 1000 || (seconds is { } given && double.IsNaN(given)))
            {
                throw new CliException($"'--timeout {seconds}' should be a number of seconds above 0.");
            }

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(interrupted);
            if (seconds is { } after) limit.CancelAfter(TimeSpan.FromSeconds(after));
            var cancellationToken = limit.Token;
            try
            {
                return await Check(parse, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!interrupted.IsCancellationRequested && limit.IsCancellationRequested)
            {
                throw new CliException($"the check did not finish within --timeout {seconds} s; no report was written.");
            }
        });
        return command;

        async Task<int> Check(ParseResult parse, CancellationToken cancellationToken)
        {
            var settings = ReadSettings(parse.GetValue(config));
            var failOnGiven = parse.GetResult(failOn) is { Implicit: false };
            var threshold = !failOnGiven && settings is { FailsNever: true } ? null
                : !failOnGiven && settings?.FailOn is { } fromSettings ? fromSettings
                : parse.GetValue(failOn) == "none" ? (Severity?)null : ParseSeverity(parse.GetValue(failOn), "--fail-on") ?? Severity.Warning;
            var minimum = ParseSeverity(parse.GetValue(severity), "--severity");
            var tags = parse.GetValue(tag) ?? Array.Empty<string>();
            var ids = parse.GetValue(id) ?? Array.Empty<string>();
            var rulePaths = (parse.GetValue(rules) ?? Array.Empty<string>()).Concat(settings?.RulePaths ?? Array.Empty<string>()).ToArray();
            var knowledgeBase = LoadRules(rulePaths, parse.GetValue(noBundled) || settings is { Bundled: false }, settings);
            foreach (var wanted in ids.Where(i => knowledgeBase.Find(i) is null))
            {
                throw new CliException($"no rule has the id '{wanted}'.");
            }

            knowledgeBase = knowledgeBase.Where(r =>
                (minimum is null || r.Severity >= minimum)
                && (tags.Length == 0 || r.Tags.Any(t => tags.Contains(t, StringComparer.OrdinalIgnoreCase)))
                && (ids.Length == 0 || ids.Any(i => knowledgeBase.Find(i) == r)));
            if (knowledgeBase.Rules.Count == 0)
            {
                // A run that checks nothing must not read as a healthy site.
                throw new CliException(tags.Length > 0 || minimum is not null
                    ? $"no rule matches {string.Join(" and ", new[] { tags.Length > 0 ? "--tag " + string.Join(", ", tags) : null, minimum is null ? null : "--severity " + parse.GetValue(severity) }.Where(t => t is not null))}; nothing was checked. 'pxerules list' shows the rules with their tags and severities."
                    : "there are no rules to check (--no-bundled without --rules?); nothing was checked.");
            }

            CheckSymptoms(parse.GetValue(symptom), knowledgeBase);
            var snapshots = parse.GetValue(snapshot) ?? Array.Empty<string>();
            var computers = parse.GetValue(computer) ?? Array.Empty<string>();
            var bundles = parse.GetValue(bundle) ?? Array.Empty<string>();
            var logFolders = parse.GetValue(logs) ?? Array.Empty<string>();
            EvaluationReport report;
            IReadOnlyList<string> sources;
            if (snapshots.Length > 0 || bundles.Length > 0 || logFolders.Length > 0)
            {
                if (computers.Length > 0) throw new CliException("give --snapshot, --bundle or --logs, or --computer, not both.");
                var tables = snapshots.Select(ReadSnapshot).ToList();
                tables.AddRange(await ReadEvidenceAsync(knowledgeBase, bundles, logFolders, cancellationToken).ConfigureAwait(false));
                FactTable facts;
                try
                {
                    facts = FactTable.Combine(tables);
                }
                catch (ArgumentException ex)
                {
                    throw new CliException(ex.Message.Split('\n')[0].Replace(" (Parameter 'tables')", string.Empty));
                }

                facts = WithSymptoms(facts, parse.GetValue(symptom));
                report = Configure(RuleEngine.CreateBuilder().AddRules(knowledgeBase), settings).Build().Evaluate(facts);
                sources = snapshots.Concat(bundles).Concat(logFolders).ToArray();
            }
            else
            {
                var machines = computers.Length > 0 ? computers.Select(ParseComputer).ToArray() : new[] { new Machine(Environment.MachineName) };
                var engine = Configure(Live(RuleEngine.CreateBuilder().AddRules(knowledgeBase).AddProvider(new ReportedSymptomsProvider(parse.GetValue(symptom) ?? Array.Empty<string>()))), settings).WithTimeProvider(Clock).Build();
                var progress = Progress();
                report = await engine.EvaluateAsync(machines, progress, cancellationToken).ConfigureAwait(false);
                progress?.Done();
                sources = machines.Select(m => m.Name).ToArray();
            }

            cancellationToken.ThrowIfCancellationRequested();
            var outputPath = parse.GetValue(output);
            using (var target = OpenOutput(outputPath))
            {
                var chosen = parse.GetValue(format)!;
                var options = new ReportOptions
                {
                    Sources = sources,
                    IncludeAll = parse.GetValue(all),
                    FailOn = threshold,
                    InconclusiveAs = parse.GetValue(junitInconclusive) switch { "error" => JUnitInconclusive.Error, "failure" => JUnitInconclusive.Failure, _ => JUnitInconclusive.Skipped },
                };
                if (chosen == "console")
                {
                    RenderCheck(report, options, target.Writer, outputPath is null && console.UseColor);
                }
                else
                {
                    ReportWriter.Write(report, chosen switch { "json" => ReportFormat.Json, "sarif" => ReportFormat.Sarif, "junit" => ReportFormat.JUnit, "html" => ReportFormat.Html, _ => ReportFormat.Markdown }, target.Writer, options);
                }

                target.Commit();
            }

            // A rule that could not be evaluated fails the check like a finding: it is not a healthy result.
            var failed = report.Findings.Any(r => r.Severity >= threshold) || report.Outcomes.CountOf(Outcome.Error) > 0;
            var uncovered = parse.GetValue(requireCoverage) && report.Coverage is { IsComplete: false };
            // The symptoms are what the person reported, not facts read from a machine.
            var read = report.Facts.Records.Where(r => r.Call.Kind != DefaultProbeKinds.ReportedSymptoms.Name).ToArray();
            if (read.Length > 0 && read.All(r => r.Result.Status == PxeRules.Probes.ProbeStatus.Unavailable && r.InvalidReason is null))
            {
                // Nothing could be read: every result is inconclusive, which is not a healthy site.
                var reasons = report.Facts.UnavailableByReason.Take(3).Select(u => $"{u.Value.Count} × {u.Key.TrimEnd('.')}");
                await console.Error.WriteLineAsync(Printable($"pxerules: error: no fact could be read ({string.Join("; ", reasons)}); nothing was checked.")).ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            return (threshold is not null && failed) || uncovered ? ExitCodes.Findings : ExitCodes.Ok;
        }
    }

    /// <summary>
    /// A reported symptom no rule looks for would be silently ignored: refuse it, listing those the rules know. PXE
    /// error codes (PXE-E53, PXE-T01) are always accepted.
    /// </summary>
    private static void CheckSymptoms(string[]? given, KnowledgeBase knowledgeBase)
    {
        if (given is null || given.Length == 0) return;
        var known = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in knowledgeBase.Rules)
        {
            var facts = rule.Facts.Where(f => f.Kind.Name == DefaultProbeKinds.ReportedSymptoms.Name).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            if (facts.Count == 0) continue;
            foreach (var comparison in Comparisons(rule.Condition).Concat(rule.AppliesTo.When is { } when ? Comparisons(when) : Enumerable.Empty<Comparison>()))
            {
                if (facts.Contains(comparison.Path.Root) && comparison.Literal.Value is string text) known.Add(text);
                if (facts.Contains(comparison.Path.Root) && comparison.Literal.Value is object?[] items) known.UnionWith(items.OfType<string>());
            }
        }

        foreach (var symptom in given)
        {
            if (known.Contains(symptom) || System.Text.RegularExpressions.Regex.IsMatch(symptom, "^PXE-[A-Z][0-9A-F]{2}$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)) continue;
            var near = known.Select(k => (Word: k, Distance: Distance(k.ToLowerInvariant(), symptom.ToLowerInvariant()))).Where(k => k.Distance <= 3).OrderBy(k => k.Distance).Select(k => k.Word).FirstOrDefault();
            throw new CliException($"no rule looks for the symptom '{symptom}'" + (near is null ? string.Empty : $"; did you mean '{near}'?") + $" Known: {string.Join(", ", known)} (and any PXE error code such as PXE-E53).");
        }
    }

    /// <summary>The edit distance of two short words (insertions, deletions, substitutions).</summary>
    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    private static IEnumerable<Comparison> Comparisons(Condition condition) => condition switch
    {
        Comparison comparison => new[] { comparison },
        AllCondition all => all.Members.SelectMany(Comparisons),
        AnyCondition any => any.Members.SelectMany(Comparisons),
        NotCondition not => Comparisons(not.Operand),
        Quantifier { Where: { } where } => Comparisons(where),
        _ => Enumerable.Empty<Comparison>(),
    };

    private static RuleEngineBuilder Configure(RuleEngineBuilder builder, PxeRules.Settings.RunSettings? settings) => settings is null ? builder : settings.ApplyTo(builder);

    /// <summary>The settings file given, or pxerules.yaml in the working folder when there is one; its errors stop the run.</summary>
    private PxeRules.Settings.RunSettings? ReadSettings(string? given)
    {
        var path = given ?? (File.Exists(PxeRules.Settings.RunSettings.FileName) ? PxeRules.Settings.RunSettings.FileName : null);
        if (path is null) return null;
        var read = PxeRules.Settings.RunSettings.Read(path);
        foreach (var diagnostic in read.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning))
        {
            console.Error.WriteLine(Printable(diagnostic.ToString()));
        }

        if (read.Settings is null)
        {
            throw new CliException(string.Join(Environment.NewLine, read.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString())));
        }

        return read.Settings;
    }

    private static Option<string[]> SymptomOption() => new("--symptom")
    {
        Description = "A symptom seen on the clients, such as PXE-E78 or winpe-no-network (repeatable; docs/probes.md lists them).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>The person running the check reports the symptoms: what the snapshot recorded plus what they saw.</summary>
    private static FactTable WithSymptoms(FactTable facts, string[]? given)
    {
        var records = facts.Machines.Select(machine =>
        {
            var call = new ProbeCall(machine, DefaultProbeKinds.ReportedSymptoms.Name);
            var recorded = facts.Find(call)?.Result is { Status: ProbeStatus.Value, Value: IEnumerable<object?> list } ? list.OfType<string>() : Enumerable.Empty<string>();
            var symptoms = new ReportedSymptomsProvider(recorded.Concat(given ?? Array.Empty<string>())).Symptoms.Cast<object?>().ToArray();
            return FactRecord.From(call, ProbeResult.Found(symptoms));
        });
        return facts.With(records);
    }

    private FactTable ReadSnapshot(string path)
    {
        var result = SnapshotFile.Read(path);
        if (result.Facts is null)
        {
            foreach (var diagnostic in result.Diagnostics.Skip(1))
            {
                console.Error.WriteLine(Printable(diagnostic.ToString()));
            }

            throw new CliException(result.Diagnostics.First().ToString());
        }

        return result.Facts;
    }

    private Command CollectCommand()
    {
        var computer = new Option<string[]>("--computer", "-c") { Description = "A server to probe, NAME or NAME=role,role (repeatable; default: this machine). Roles are discovered from its facts; roles given are hints.", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string>("--output", "-o") { Description = "The snapshot file to write.", Required = true };
        var rules = RulesOption();
        var noBundled = NoBundledOption();
        var symptom = SymptomOption();
        var command = new Command("collect", "Collect every fact the knowledge base needs from this machine or named servers into a snapshot file.\n\nExamples:\n  pxerules collect -o pxe01.json\n  pxerules collect --computer PXE02=pxe-service-point -o pxe02.json")
        {
            computer, output, rules, noBundled, symptom,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var knowledgeBase = LoadRules(parse.GetValue(rules), parse.GetValue(noBundled));
            var computers = parse.GetValue(computer) ?? Array.Empty<string>();
            var machines = computers.Length > 0 ? computers.Select(ParseComputer).ToArray() : new[] { new Machine(Environment.MachineName) };
            var engine = Live(RuleEngine.CreateBuilder().AddRules(knowledgeBase).AddProvider(new ReportedSymptomsProvider(parse.GetValue(symptom) ?? Array.Empty<string>()))).WithTimeProvider(Clock).Build();
            var progress = Progress();
            var facts = await engine.CollectAsync(machines, progress, cancellationToken).ConfigureAwait(false);
            progress?.Done();
            var path = parse.GetValue(output)!;
            SnapshotFile.Write(facts, path);
            var unavailable = facts.UnavailableByReason;
            var slowest = facts.Records.OrderByDescending(r => r.Duration).FirstOrDefault();
            console.Output.WriteLine($"Wrote {path}: {facts.Records.Count} probe calls on {facts.Machines.Count} machine(s), {unavailable.Sum(u => u.Value.Count)} unavailable"
                + (slowest is null ? "." : $"; the slowest took {slowest.Duration.TotalMilliseconds:0} ms ({slowest.Call})."));
            foreach (var reason in unavailable.Take(10))
            {
                console.Output.WriteLine(Printable($"  {reason.Value.Count,4} x {reason.Key}"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private Command ExplainCommand()
    {
        var ruleId = new Argument<string>("rule-id") { Description = "The rule's id or former id." };
        var rules = RulesOption();
        var noBundled = NoBundledOption();
        var command = new Command("explain", "Show one rule in full: symptoms, cause, how it is detected, remediation and references.\n\nExample:\n  pxerules explain pxe-remote-wimgapi-not-updated-sp1") { ruleId, rules, noBundled };
        command.SetAction(parse =>
        {
            var knowledgeBase = LoadRules(parse.GetValue(rules), parse.GetValue(noBundled));
            var id = parse.GetValue(ruleId)!;
            var rule = knowledgeBase.Find(id) ?? throw new CliException($"no rule has the id '{id}'; run 'pxerules list' to see them.");
            RenderExplain(rule);
            return ExitCodes.Ok;
        });
        return command;
    }

    private Command CollectorCommand()
    {
        var output = new Option<string>("--output", "-o") { Description = "Where to write the script (default: collect-pxe.cmd in the current folder).", DefaultValueFactory = _ => "collect-pxe.cmd" };
        var command = new Command(
            "collector",
            "Write collect-pxe.cmd, the collector for servers that cannot run .NET (Windows Server 2003 SP2, 2008, 2008 R2): copy it to the server, run it as an administrator, and check the bundle it writes with 'pxerules check --bundle'. docs/bundle-format.md describes it.\n\nExample:\n  pxerules collector -o D:\\Support\\collect-pxe.cmd")
        {
            output,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(output)!;
            using var script = typeof(CliApp).Assembly.GetManifestResourceStream("collect-pxe.cmd")
                ?? throw new InvalidOperationException("The collector is missing from this build of pxerules.");
            AtomicFile.Write(path, stream => script.CopyTo(stream));
            console.Output.WriteLine($"Wrote {path}. Run it on the server as an administrator; it changes nothing there and writes a folder to send.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private Command DocsCommand()
    {
        var output = new Option<string?>("--output", "-o") { Description = "The Markdown file to write (default: standard output)." };
        var rules = RulesOption();
        var noBundled = NoBundledOption();
        var command = new Command("docs", "Write the known-issues catalogue as Markdown.\n\nExample:\n  pxerules docs -o docs/known-issues.md") { output, rules, noBundled };
        command.SetAction(parse =>
        {
            var knowledgeBase = LoadRules(parse.GetValue(rules), parse.GetValue(noBundled));
            using (var target = OpenOutput(parse.GetValue(output)))
            {
                CatalogWriter.Write(knowledgeBase, target.Writer);
                target.Commit();
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
