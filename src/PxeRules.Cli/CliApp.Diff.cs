using System;
using System.CommandLine;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PxeRules.Bundles;
using PxeRules.Evaluation;
using PxeRules.Facts;
using PxeRules.Loading;
using PxeRules.Model;
using PxeRules.Probes;
using PxeRules.Reporting;

namespace PxeRules.Cli;

/// <summary><c>pxerules diff BEFORE AFTER</c>: did the fix work. The comparison is <see cref="ReportDiff"/>'s.</summary>
internal sealed partial class CliApp
{
    private const string DiffExpected = "a snapshot (.json), a bundle from collect-pxe.cmd (its folder or zip, with manifest.txt) or a folder of logs (DIR or NAME=DIR)";

    private Command DiffCommand()
    {
        var before = new Argument<string>("before") { Description = "The evidence before the fix: " + DiffExpected + "." };
        var after = new Argument<string>("after") { Description = "The evidence after the fix, of the same kind or another." };
        var rules = RulesOption();
        var noBundled = NoBundledOption();
        var format = new Option<string>("--format", "-f") { Description = "console, json, markdown or html.", DefaultValueFactory = _ => "console" };
        format.AcceptOnlyFromAmong("console", "json", "markdown", "html");
        var output = new Option<string?>("--output", "-o") { Description = "Write the diff to this file instead of standard output." };
        var failOn = new Option<string>("--fail-on") { Description = "Exit with 1 when a finding of this severity or worse remains or appeared: info, warning, error, critical or none.", DefaultValueFactory = _ => "warning" };
        var requireConfirmed = new Option<bool>("--require-confirmed") { Description = "Also exit with 1 when a finding of before could not be confirmed cleared: inconclusive, an error or not collected after." };
        var config = new Option<string?>("--config") { Description = "A settings file, as for check (default: pxerules.yaml in the working folder, when there is one); both sides are evaluated with it." };
        var command = new Command(
            "diff",
            "Compare two collections of the same site, before and after a fix: findings that appeared, cleared, changed outcome or remain, with the facts whose change caused each.\n\nExamples:\n  pxerules diff samples/snapshots/remote-pxe-sp-old-wimgapi.json samples/snapshots/after/remote-pxe-sp-old-wimgapi.json\n  pxerules diff pxerules-bundle-PXE02-20261125-100000.zip pxerules-bundle-PXE02-20261202-090000.zip --format html -o pxe02-diff.html\n  pxerules diff PXE02=C:\\Tickets\\4711\\logs PXE02=C:\\Tickets\\4711\\logs-after")
        {
            before, after, rules, noBundled, format, output, failOn, requireConfirmed, config,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = ReadSettings(parse.GetValue(config));
            var failOnGiven = parse.GetResult(failOn) is { Implicit: false };
            var threshold = !failOnGiven && settings is { FailsNever: true } ? null
                : !failOnGiven && settings?.FailOn is { } fromSettings ? fromSettings
                : parse.GetValue(failOn) == "none" ? (Severity?)null : ParseSeverity(parse.GetValue(failOn), "--fail-on") ?? Severity.Warning;
            var rulePaths = (parse.GetValue(rules) ?? Array.Empty<string>()).Concat(settings?.RulePaths ?? Array.Empty<string>()).ToArray();
            var beforePath = parse.GetValue(before)!;
            var afterPath = parse.GetValue(after)!;

            // Both kinds are told before anything is read, so a wrong path fails at once.
            var beforeKind = EvidenceKindOf(beforePath, "BEFORE");
            var afterKind = EvidenceKindOf(afterPath, "AFTER");
            var knowledgeBase = LoadRules(rulePaths, parse.GetValue(noBundled) || settings is { Bundled: false }, settings);
            if (knowledgeBase.Rules.Count == 0) throw new CliException("there are no rules to compare with (--no-bundled without --rules?); nothing was compared.");
            var beforeReport = await EvaluateSideAsync("BEFORE", beforePath, beforeKind, knowledgeBase, settings, cancellationToken).ConfigureAwait(false);
            var afterReport = await EvaluateSideAsync("AFTER", afterPath, afterKind, knowledgeBase, settings, cancellationToken).ConfigureAwait(false);
            var diff = ReportDiff.Compute(beforeReport, afterReport);

            cancellationToken.ThrowIfCancellationRequested();
            var options = new DiffOptions { BeforeSources = new[] { beforePath }, AfterSources = new[] { afterPath }, FailOn = threshold };
            using (var target = OpenOutput(parse.GetValue(output)))
            {
                var chosen = parse.GetValue(format)!;
                var diffFormat = chosen switch { "json" => DiffFormat.Json, "markdown" => DiffFormat.Markdown, "html" => DiffFormat.Html, _ => DiffFormat.Text };
                DiffWriter.Write(diff, diffFormat, target.Writer, options);
                target.Commit();
            }

            // As for check, an inconclusive result fails only when asked: --require-confirmed is to diff what --require-coverage is to check.
            var unconfirmed = parse.GetValue(requireConfirmed) && diff.Changes.Any(c => c.Unconfirmed);
            return diff.Fails(threshold) || unconfirmed ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return command;
    }

    private enum EvidenceKind
    {
        Snapshot,
        Bundle,
        Logs,
    }

    /// <summary>What a path given to <c>diff</c> holds, told from the path and, for a folder or zip, whether it holds a bundle's manifest.</summary>
    private static EvidenceKind EvidenceKindOf(string given, string side)
    {
        var (name, path) = SplitNamed(given);
        if (name is not null)
        {
            if (!Directory.Exists(path) && !File.Exists(path)) throw new CliException($"{side} '{given}': the folder '{path}' does not exist; expected {DiffExpected}.");
            return EvidenceKind.Logs;
        }

        if (Directory.Exists(path))
        {
            var top = File.Exists(Path.Combine(path, BundleManifestName));
            var below = !top && Directory.EnumerateDirectories(path).Count(d => File.Exists(Path.Combine(d, BundleManifestName))) == 1;
            return top || below ? EvidenceKind.Bundle : EvidenceKind.Logs;
        }

        if (!File.Exists(path)) throw new CliException($"{side} '{path}' does not exist; expected {DiffExpected}.");
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return EvidenceKind.Snapshot;
        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                using var zip = ZipFile.OpenRead(path);
                var manifests = zip.Entries.Select(e => e.FullName.Replace('\\', '/').TrimStart('/'))
                    .Where(n => n.Split('/') is { Length: <= 2 } parts && parts[parts.Length - 1].Equals(BundleManifestName, StringComparison.OrdinalIgnoreCase));
                return manifests.Any() ? EvidenceKind.Bundle : EvidenceKind.Logs;
            }
            catch (InvalidDataException ex)
            {
                throw new CliException($"{side} '{path}' is not a readable zip ({ex.Message}); expected {DiffExpected}.");
            }
        }

        throw new CliException($"{side} '{path}' is neither a .json snapshot nor a .zip nor a folder; expected {DiffExpected}.");
    }

    private const string BundleManifestName = "manifest.txt";

    private FactTable ReadSnapshotOf(string side, string path)
    {
        try
        {
            return ReadSnapshot(path);
        }
        catch (CliException ex)
        {
            throw new CliException($"{side}: {ex.Message}");
        }
    }

    /// <summary>Reads one side and evaluates it as check would, with the same knowledge base and settings as the other.</summary>
    private async Task<EvaluationReport> EvaluateSideAsync(string side, string path, EvidenceKind kind, KnowledgeBase knowledgeBase, PxeRules.Settings.RunSettings? settings, CancellationToken cancellationToken)
    {
        var facts = kind switch
        {
            EvidenceKind.Snapshot => ReadSnapshotOf(side, path),
            EvidenceKind.Bundle => (await ReadEvidenceAsync(knowledgeBase, new[] { path }, Array.Empty<string>(), cancellationToken, side).ConfigureAwait(false))[0],
            _ => (await ReadEvidenceAsync(knowledgeBase, Array.Empty<string>(), new[] { path }, cancellationToken, side).ConfigureAwait(false))[0],
        };
        facts = WithSymptoms(facts, null);
        var report = Configure(RuleEngine.CreateBuilder().AddRules(knowledgeBase), settings).Build().Evaluate(facts);

        // As for check: evidence in which nothing could be read says nothing about the fix.
        var read = report.Facts.Records.Where(r => r.Call.Kind != DefaultProbeKinds.ReportedSymptoms.Name).ToArray();
        if (read.Length > 0 && read.All(r => r.Result.Status == ProbeStatus.Unavailable && r.InvalidReason is null))
        {
            var reasons = report.Facts.UnavailableByReason.Take(3).Select(u => $"{u.Value.Count} × {u.Key.TrimEnd('.')}");
            throw new CliException($"{side} '{path}': no fact could be read ({string.Join("; ", reasons)}); nothing was compared.");
        }

        return report;
    }
}
