using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
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

/// <summary>The commands rule authors use: lint, test, new and list. Lint and test run the same checks as the project's test suite.</summary>
internal sealed partial class CliApp
{
    // Where lint and test write their lines: standard output, or standard error when a report goes there instead.
    private TextWriter? authoringLog;
    private IReadOnlyList<ExampleResult>? lastExamples;
    private IReadOnlyList<Diagnostic>? lastDiagnostics;

    private TextWriter Log => authoringLog ?? console.Output;

    private static Option<string> AuthoringFormatOption()
    {
        var format = new Option<string>("--format", "-f") { Description = "console (default), sarif (for code scanning) or junit (for test publishers).", DefaultValueFactory = _ => "console" };
        format.AcceptOnlyFromAmong("console", "sarif", "junit");
        return format;
    }

    private static Option<string?> AuthoringOutputOption() => new("--output", "-o") { Description = "Write the SARIF or JUnit report to this file instead of standard output." };

    /// <summary>With --format sarif or junit, the lines go to standard error and the report to --output or standard output.</summary>
    private void StartAuthoringReport(string format) => authoringLog = format == "console" ? null : console.Error;

    private void WriteAuthoringReport(string format, string? output, IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<ExampleResult>? examples)
    {
        if (format == "console") return;
        using var target = OpenOutput(output);
        if (format == "sarif") AuthoringReports.Sarif(diagnostics, examples, target.Writer);
        else AuthoringReports.JUnit(diagnostics, examples, target.Writer);
        target.Commit();
    }

    private Command LintCommand()
    {
        var paths = new Argument<string[]>("paths") { Description = "Rule files, folders or globs.", Arity = ArgumentArity.OneOrMore };
        var samples = SamplesOption();
        var coverage = CoverageOption();
        var format = AuthoringFormatOption();
        var output = AuthoringOutputOption();
        var command = new Command("lint", "Validate rule files and run the rule checks: every outcome has an example, no scaffold placeholder is left, ids are unique beside the bundled rules, the sample snapshots answer the rules' probe calls, and no condition is dead logic. Diagnostics are printed as path(line,col): error PXR0012: message.\n\nExamples:\n  pxerules lint rules/\n  pxerules lint 'rules/**/*.yaml' my-rule.yaml\n  pxerules lint rules/ --format sarif -o lint.sarif") { paths, samples, coverage, format, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            StartAuthoringReport(parse.GetValue(format)!);
            var run = await Author(parse.GetValue(paths)!, parse.GetValue(samples), ids: null, parse.GetValue(coverage), cancellationToken).ConfigureAwait(false);
            WriteAuthoringReport(parse.GetValue(format)!, parse.GetValue(output), run.Diagnostics, null);
            var errors = run.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            var warnings = run.Diagnostics.Count - errors;
            Log.WriteLine(run.Rules is null || errors > 0
                ? $"{errors} error(s), {warnings} warning(s)."
                : $"{run.Rules.Rules.Count} rule(s) valid, {warnings} warning(s).");
            // A path that cannot be read is bad usage, as in every command; problems in rules are findings.
            if (run.Diagnostics.Any(d => d.Code == DiagnosticCodes.IoError)) return ExitCodes.BadInput;
            return errors > 0 ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return command;
    }

    private Command TestCommand()
    {
        var paths = new Argument<string[]>("paths") { Description = "Rule files, folders or globs (default: the bundled knowledge base).", Arity = ArgumentArity.ZeroOrMore };
        var id = new Option<string[]>("--id") { Description = "Only the rules with these ids (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var samples = SamplesOption();
        var update = new Option<string?>("--update-samples") { Description = "Bring the sample snapshots in this folder up to date with the rules: add the probe calls they do not answer (as not collected, or with the values you give with --ask) and remove calls no rule makes; then test." };
        var ask = new Option<bool>("--ask") { Description = "With --update-samples: ask for the value of each added call (JSON as in a snapshot, 'notFound', or an empty line for not collected)." };
        var coverage = CoverageOption();
        var watch = new Option<bool>("--watch") { Description = "Run again whenever a rule file (or a sample) under the given paths changes; Ctrl-C stops." };
        var format = AuthoringFormatOption();
        var output = AuthoringOutputOption();
        var command = new Command("test", "Run the examples of rules and the rule checks (the same as lint), and show each rule's pass or fail, with the difference.\n\nExamples:\n  pxerules test rules/\n  pxerules test rules/ --id wds-service-down\n  pxerules test rules/my-rule.yaml --watch\n  pxerules test rules --update-samples samples/snapshots\n  pxerules test rules/ --format junit -o rule-tests.xml") { paths, id, samples, update, ask, coverage, watch, format, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var files = parse.GetValue(paths) ?? Array.Empty<string>();
            var ids = parse.GetValue(id) ?? Array.Empty<string>();
            if (parse.GetValue(update) is { } folder)
            {
                await UpdateSamples(files, folder, parse.GetValue(ask), cancellationToken).ConfigureAwait(false);
            }

            if (!parse.GetValue(watch))
            {
                StartAuthoringReport(parse.GetValue(format)!);
                var code = await TestOnce(files, parse.GetValue(samples), ids, parse.GetValue(coverage), cancellationToken).ConfigureAwait(false);
                WriteAuthoringReport(parse.GetValue(format)!, parse.GetValue(output), lastDiagnostics ?? Array.Empty<Diagnostic>(), lastExamples);
                return code;
            }

            if (files.Length == 0) throw new CliException("--watch needs the rule files or folders to watch.");
            return await Watch(files, parse.GetValue(samples), ids, parse.GetValue(coverage), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static Option<bool> CoverageOption() => new("--coverage")
    {
        Description = "Also warn about each member of an 'any' that no example makes true (PXR0059): a way of detecting the issue no example tests.",
    };

    private static Option<string?> SamplesOption() => new("--samples")
    {
        Description = "The folder of sample snapshots that must answer the rules' probe calls (default: samples/snapshots in the folder of the rules or one above it; 'none' skips the check).",
    };

    private async Task<int> TestOnce(string[] files, string? samples, string[] ids, bool coverage, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        KnowledgeBase knowledgeBase;
        IReadOnlyList<Diagnostic> diagnostics;
        if (files.Length == 0)
        {
            knowledgeBase = LoadRules(files, noBundled: false);
            diagnostics = RuleChecks.Check(knowledgeBase, exampleCoverage: coverage);
            foreach (var diagnostic in diagnostics) Log.WriteLine(Printable(diagnostic.ToString()));
        }
        else
        {
            var run = await Author(files, samples, ids, coverage, cancellationToken).ConfigureAwait(false);
            if (run.Rules is null) throw new CliException($"the rules have {run.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error)} error(s); no example was run.");
            knowledgeBase = run.Rules;
            diagnostics = run.Diagnostics;
        }

        foreach (var wanted in ids.Where(i => knowledgeBase.Find(i) is null))
        {
            throw new CliException($"no rule has the id '{wanted}'.");
        }

        if (ids.Length > 0) knowledgeBase = knowledgeBase.Where(r => ids.Any(i => knowledgeBase.Find(i) == r));
        var results = RuleExamples.RunAll(knowledgeBase, RuleExamples.ReferenceTime);
        var failed = 0;
        foreach (var rule in results.GroupBy(r => r.Rule))
        {
            var failures = rule.Where(r => !r.Passed).ToArray();
            failed += failures.Length;
            Log.WriteLine(Printable($"{(failures.Length == 0 ? "PASS" : "FAIL")} {rule.Key.Id} ({rule.Count() - failures.Length}/{rule.Count()} examples)"));
            foreach (var failure in failures)
            {
                Log.WriteLine(Printable($"  {failure.Example.Location}: '{failure.Example.Name}': expected {ReportWriter.Name(failure.Example.Expect)}, got {ReportWriter.Name(failure.Actual.Outcome)}"));
                Log.WriteLine(Printable($"    {failure.Actual.Explanation}"));
            }
        }

        foreach (var rule in knowledgeBase.Rules.Where(r => r.Examples.Count == 0))
        {
            Log.WriteLine($"NONE {rule.Id} (no examples)");
        }

        lastExamples = results;
        lastDiagnostics = diagnostics;
        var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        Log.WriteLine($"{results.Count - failed} passed, {failed} failed; {errors} check error(s), {diagnostics.Count - errors} warning(s) ({clock.Elapsed.TotalSeconds:0.00} s)");
        return failed > 0 || errors > 0 ? ExitCodes.Findings : ExitCodes.Ok;
    }

    /// <summary>Runs the tests, then again after each change to a rule file or sample under the watched paths, until interrupted.</summary>
    private async Task<int> Watch(string[] files, string? samples, string[] ids, bool coverage, CancellationToken cancellationToken)
    {
        var folders = files.Select(f => Directory.Exists(f) ? f : Path.GetDirectoryName(Path.GetFullPath(f.Split('*', '?')[0])) ?? ".")
            .Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).Where(Directory.Exists).ToList();
        if (SamplesFolder(files, samples) is { } sampleFolder) folders.Add(Path.GetFullPath(sampleFolder));
        var changed = new SemaphoreSlim(0);
        var watchers = folders.Select(folder =>
        {
            var watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size };
            FileSystemEventHandler handler = (_, e) =>
            {
                if (e.FullPath.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || e.FullPath.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || e.FullPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                {
                    changed.Release();
                }
            };
            watcher.Changed += handler;
            watcher.Created += handler;
            watcher.Deleted += handler;
            watcher.Renamed += (sender, e) => handler(sender, e);
            watcher.EnableRaisingEvents = true;
            return watcher;
        }).ToList();
        try
        {
            while (true)
            {
                try
                {
                    await TestOnce(files, samples, ids, coverage, cancellationToken).ConfigureAwait(false);
                }
                catch (CliException ex)
                {
                    console.Output.WriteLine(Printable("pxerules: " + ex.Message));
                }

                console.Output.WriteLine($"Watching {string.Join(", ", folders)} for changes; Ctrl-C stops.");
                console.Output.Flush();
                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
                // An editor's save is several events (write, rename, attributes): wait for them to settle.
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
                while (changed.CurrentCount > 0) await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
                console.Output.WriteLine();
            }
        }
        finally
        {
            foreach (var watcher in watchers) watcher.Dispose();
        }
    }

    /// <summary>The result of reading rule files and running the rule checks on them.</summary>
    private sealed record AuthoringRun(KnowledgeBase? Rules, IReadOnlyList<Diagnostic> Diagnostics);

    /// <summary>
    /// Loads the rule files, then runs the rule checks (beside the bundled rules) and checks the sample snapshots;
    /// prints every diagnostic.
    /// </summary>
    private async Task<AuthoringRun> Author(string[] files, string? samples, string[]? ids, bool coverage, CancellationToken cancellationToken)
    {
        var loader = new RuleLoader();
        foreach (var path in files) loader.AddPath(path);
        var result = loader.Load();
        var diagnostics = result.Diagnostics.ToList();
        if (result.KnowledgeBase is { } rules)
        {
            var bundled = KnowledgeBase.LoadBundled();
            var checkedRules = ids is { Length: > 0 } ? rules.Where(r => ids.Any(i => rules.Find(i) == r)) : rules;
            diagnostics.AddRange(RuleChecks.Check(checkedRules, bundled, coverage));
            if (SamplesFolder(files, samples) is { } folder)
            {
                var all = RuleChecks.Overlay(rules, bundled);
                foreach (var file in Directory.GetFiles(folder, "*.json").OrderBy(f => f, StringComparer.Ordinal))
                {
                    var read = SnapshotFile.Read(file);
                    if (read.Facts is null)
                    {
                        diagnostics.AddRange(read.Diagnostics);
                        continue;
                    }

                    diagnostics.AddRange(await RuleChecks.CheckSampleAsync(all, read.Facts, file, wholeKnowledgeBase: true, cancellationToken).ConfigureAwait(false));
                }
            }
        }

        foreach (var diagnostic in diagnostics) Log.WriteLine(Printable(diagnostic.ToString()));
        return new AuthoringRun(result.KnowledgeBase, diagnostics);
    }

    /// <summary>The samples folder: the one given, or samples/snapshots in the rules' folder or a folder above it.</summary>
    private static string? SamplesFolder(string[] files, string? given)
    {
        if (given is not null)
        {
            if (given == "none") return null;
            if (!Directory.Exists(given)) throw new CliException($"the samples folder '{given}' does not exist.");
            return given;
        }

        var first = files.FirstOrDefault();
        if (first is null) return null;
        var start = Directory.Exists(first) ? first : Path.GetDirectoryName(Path.GetFullPath(first.Split('*', '?')[0]));
        for (var current = start is null ? null : new DirectoryInfo(Path.GetFullPath(start)); current is not null; current = current.Parent)
        {
            var candidate = Path.Combine(current.FullName, "samples", "snapshots");
            if (Directory.Exists(candidate)) return candidate;
            if (File.Exists(Path.Combine(current.FullName, "PxeRules.sln")) || Directory.Exists(Path.Combine(current.FullName, ".git"))) break;
        }

        return null;
    }

    /// <summary>Adds the calls the rules make that the samples do not answer, and removes those no rule makes.</summary>
    private async Task UpdateSamples(string[] files, string folder, bool ask, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder)) throw new CliException($"the samples folder '{folder}' does not exist.");
        var rules = files.Length == 0 ? KnowledgeBase.LoadBundled() : RuleChecks.Overlay(LoadRules(files, noBundled: true), KnowledgeBase.LoadBundled());
        foreach (var file in Directory.GetFiles(folder, "*.json").OrderBy(f => f, StringComparer.Ordinal))
        {
            var sample = ReadSnapshot(file);
            var calls = await RuleChecks.CompareSampleAsync(rules, sample, cancellationToken).ConfigureAwait(false);
            if (calls.UpToDate) continue;
            var updated = RuleChecks.UpdateSample(sample, calls, removeUnused: true, ask ? call => Ask(file, call) : null);
            SnapshotFile.Write(updated, file);
            console.Output.WriteLine(Printable($"Updated {file}: {calls.Missing.Count} call(s) added{(ask ? string.Empty : " as not collected")}, {calls.Unused.Count} removed."));
        }
    }

    /// <summary>Asks for the result of one call: a JSON value as a snapshot holds it, 'notFound', or nothing for not collected.</summary>
    private ProbeResult? Ask(string file, ProbeCall call)
    {
        while (true)
        {
            console.Output.WriteLine(Printable($"{Path.GetFileName(file)}: {call}"));
            console.Output.Write("  value (JSON, 'notFound', or empty for not collected): ");
            var line = Console.In.ReadLine();
            if (string.IsNullOrWhiteSpace(line)) return null;
            if (line.Trim() == "notFound") return ProbeResult.NotFound();
            var probe = new Dictionary<string, object?> { ["kind"] = call.Kind, ["args"] = call.Arguments, ["status"] = "value" };
            try
            {
                using var value = JsonDocument.Parse(line);
                probe["value"] = value.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                console.Output.WriteLine(Printable($"  not JSON: {ex.Message}"));
                continue;
            }

            // The value goes through the snapshot reader, so it is typed and checked as the catalogue declares.
            var snapshot = new Dictionary<string, object?>
            {
                ["format"] = "pxerules-snapshot",
                ["formatVersion"] = 1,
                ["collectedAt"] = "2026-11-25T10:00:00Z",
                ["machines"] = new[] { new Dictionary<string, object?> { ["name"] = call.Machine.Name, ["roles"] = call.Machine.Roles, ["probes"] = new[] { probe } } },
            };
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                JsonValues.Write(writer, snapshot);
            }

            stream.Position = 0;
            var read = SnapshotFile.Read(stream, "value");
            if (read.Facts?.Records.SingleOrDefault() is { InvalidReason: null } record) return record.Result;
            console.Output.WriteLine(Printable("  " + (read.Diagnostics.FirstOrDefault()?.Message ?? read.Facts?.Records.SingleOrDefault()?.InvalidReason ?? "not a value of this call")));
        }
    }

    private Command NewCommand()
    {
        var ruleId = new Argument<string>("rule-id") { Description = "The new rule's id: lower-case words joined by '-'." };
        var folder = new Option<string>("--output", "-o") { Description = "The folder to write RULE-ID.yaml to.", DefaultValueFactory = _ => "rules" };
        var command = new Command("new", "Scaffold a rule file with the schema header, every section and example stubs.\n\nExample:\n  pxerules new wds-tftp-port-blocked") { ruleId, folder };
        command.SetAction(parse =>
        {
            var id = parse.GetValue(ruleId)!;
            if (!System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z][a-z0-9]*(-[a-z0-9]+)*$") || id.Length > 100)
            {
                throw new CliException($"'{id}' is not a rule id; use lower-case words joined by '-', such as wds-tftp-port-blocked.");
            }

            if (KnowledgeBase.LoadBundled().Find(id) is { } bundled)
            {
                throw new CliException($"'{id}' is already the id of the bundled rule at {bundled.Source.Source}; choose another id.");
            }

            var directory = parse.GetValue(folder)!;
            var path = Path.Combine(directory, id + ".yaml");
            if (File.Exists(path)) throw new CliException($"{path} already exists.");
            Directory.CreateDirectory(directory);
            var schema = SchemaPath(directory);
            AtomicFile.Write(path, stream =>
            {
                using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 4096, leaveOpen: true) { NewLine = "\n" };
                writer.Write(Scaffold.Rule(id, schema));
            });
            console.Output.WriteLine($"Wrote {path}. Fill in every TODO, then run: pxerules test {path} --watch");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The schema reference for a rule written to <paramref name="directory"/>: schemas/rule.schema.json in it or a
    /// folder above (a clone of the repository), relative; otherwise the schema this tool carries, written beside the
    /// rule as rule.schema.json when it is not there yet.
    /// </summary>
    private static string SchemaPath(string directory)
    {
        var full = Path.GetFullPath(directory);
        for (var current = new DirectoryInfo(full); current is not null; current = current.Parent)
        {
            var schema = Path.Combine(current.FullName, "schemas", "rule.schema.json");
            if (File.Exists(schema)) return Path.GetRelativePath(full, schema).Replace('\\', '/');
        }

        var beside = Path.Combine(full, "rule.schema.json");
        if (!File.Exists(beside))
        {
            using var carried = typeof(CliApp).Assembly.GetManifestResourceStream("rule.schema.json")
                ?? throw new InvalidOperationException("The rule schema is missing from this build of pxerules.");
            AtomicFile.Write(beside, stream => carried.CopyTo(stream));
        }

        return "./rule.schema.json";
    }

    private Command ListCommand()
    {
        var rules = RulesOption();
        var noBundled = NoBundledOption();
        var format = new Option<string>("--format", "-f") { Description = "console or json.", DefaultValueFactory = _ => "console" };
        format.AcceptOnlyFromAmong("console", "json");
        var severity = new Option<string?>("--severity") { Description = "Only rules of this severity or worse: info, warning, error, critical." };
        var tag = new Option<string[]>("--tag") { Description = "Only rules with this tag (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("list", "List the rules of the knowledge base.\n\nExamples:\n  pxerules list\n  pxerules list --format json --severity error --tag wds") { rules, noBundled, format, severity, tag };
        command.SetAction(parse =>
        {
            var knowledgeBase = LoadRules(parse.GetValue(rules), parse.GetValue(noBundled));
            var minimum = ParseSeverity(parse.GetValue(severity), "--severity");
            var tags = parse.GetValue(tag) ?? Array.Empty<string>();
            knowledgeBase = knowledgeBase.Where(r => (minimum is null || r.Severity >= minimum) && (tags.Length == 0 || r.Tags.Any(t => tags.Contains(t, StringComparer.OrdinalIgnoreCase))));
            if (parse.GetValue(format) == "json")
            {
                WriteList(knowledgeBase, console.Output);
                return ExitCodes.Ok;
            }

            RenderList(knowledgeBase);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The rules as JSON: <c>{"schema":"pxerules-rules","schemaVersion":1,"rules":[…]}</c>.</summary>
    private static void WriteList(KnowledgeBase knowledgeBase, TextWriter output)
    {
        // Written field by field rather than serialized by reflection, so the tool stays trimmable and AOT-compatible.
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("schema", "pxerules-rules");
            json.WriteNumber("schemaVersion", 1);
            json.WriteStartArray("rules");
            foreach (var r in knowledgeBase.Rules.OrderBy(r => r.Id, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("id", r.Id);
                JsonValues.WriteStrings(json, "aliases", r.Aliases);
                json.WriteString("title", r.Title);
                json.WriteString("severity", ReportWriter.Name(r.Severity));
                json.WriteString("confidence", r.Confidence.ToString().ToLowerInvariant());
                json.WriteString("status", r.Status.ToString().ToLowerInvariant());
                JsonValues.WriteStrings(json, "tags", r.Tags);
                JsonValues.WriteStrings(json, "roles", r.AppliesTo.Roles);
                JsonValues.WriteStrings(json, "versions", r.AppliesTo.Versions.Select(v => v.ToString()));
                json.WriteString("source", r.Source.Source);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}

/// <summary>Plain values (text, numbers, booleans, lists, string-keyed maps, JSON elements) written without reflection.</summary>
internal static class JsonValues
{
    public static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }

    public static void Write(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case int or long or short or byte or uint or ulong or ushort or sbyte:
                json.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case double or float or decimal:
                json.WriteNumberValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case JsonElement element:
                element.WriteTo(json);
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                json.WriteStartObject();
                foreach (var pair in map)
                {
                    json.WritePropertyName(pair.Key);
                    Write(json, pair.Value);
                }

                json.WriteEndObject();
                break;
            case System.Collections.IEnumerable items:
                json.WriteStartArray();
                foreach (var item in items) Write(json, item);
                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }
}
