using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PxeRules.Bundles;
using PxeRules.Evaluation;
using PxeRules.Facts;
using PxeRules.Model;
using PxeRules.Probes;
using PxeRules.Snapshots;

namespace PxeRules.Cli;

/// <summary>Bundles from collect-pxe.cmd and folders of logs: <c>check --bundle/--logs</c> and <c>import</c>.</summary>
internal sealed partial class CliApp
{
    private static Option<string[]> BundleOption() => new("--bundle", "-b")
    {
        Description = "A bundle written by collectors/collect-pxe.cmd: its folder or a zip of it (repeatable; docs/bundle-format.md).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static Option<string[]> LogsOption() => new("--logs", "-l")
    {
        Description = "A folder (or zip) of logs as sent, DIR or NAME=DIR to name the server (repeatable): SMSPXE, distmgr, smsts and SMSdpprov logs and WDS event exports are recognised by content; every other fact is unavailable.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>
    /// Collects the facts the rules need from each bundle and folder of logs, one table per machine; an error names
    /// the path after <paramref name="label"/> (default: the option it was given with).
    /// </summary>
    private async Task<List<FactTable>> ReadEvidenceAsync(KnowledgeBase knowledgeBase, IEnumerable<string> bundles, IEnumerable<string> logFolders, CancellationToken cancellationToken, string? label = null)
    {
        var tables = new List<FactTable>();
        foreach (var path in bundles)
        {
            using var bundle = Open(path, label ?? "--bundle", () => BundleProbeProvider.Open(path));
            var engine = RuleEngine.CreateBuilder().AddRules(knowledgeBase).AddBundle(bundle).Build();
            tables.Add(await engine.CollectAsync(new[] { bundle.Machine }, null, cancellationToken).ConfigureAwait(false));
        }

        foreach (var given in logFolders)
        {
            var (name, path) = SplitNamed(given);
            using var logs = Open(path, label ?? "--logs", () => LogsProbeProvider.Open(path, name));
            foreach (var ignored in logs.Ignored)
            {
                console.Error.WriteLine(Printable("pxerules: not read: " + ignored));
            }

            var engine = RuleEngine.CreateBuilder().AddRules(knowledgeBase).AddLogs(logs).Build();
            tables.Add(await engine.CollectAsync(new[] { logs.Machine }, null, cancellationToken).ConfigureAwait(false));
        }

        return tables;
    }

    /// <summary><c>NAME=DIR</c> or <c>DIR</c>; a Windows drive (<c>C:\x</c>) or a path holding '=' after a separator is not a name.</summary>
    private static (string? Name, string Path) SplitNamed(string text)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0) return (null, text);
        var name = text.Substring(0, eq);
        if (name.IndexOfAny(new[] { '\\', '/', ':' }) >= 0) return (null, text);
        return (name.Trim(), text.Substring(eq + 1));
    }

    private static T Open<T>(string path, string option, Func<T> open)
    {
        try
        {
            return open();
        }
        catch (InvalidDataException ex)
        {
            throw new CliException($"{option} {path}: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{option} {path} cannot be read: {ex.Message}");
        }
    }

    private Command ImportCommand()
    {
        var input = new Argument<string>("bundle") { Description = "The bundle's folder or zip (written by collectors/collect-pxe.cmd)." };
        var output = new Option<string>("--output", "-o") { Description = "The snapshot file to write.", Required = true };
        var rules = RulesOption();
        var noBundled = NoBundledOption();
        var command = new Command("import", "Read a bundle from collect-pxe.cmd into a snapshot holding the facts the rules ask for; the file is written only when the whole bundle was read.\n\nExamples:\n  pxerules import pxerules-bundle-PXE01-20261125-100000.zip -o pxe01.json\n  pxerules check -s pxe01.json -s site01.json")
        {
            input, output, rules, noBundled,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var knowledgeBase = LoadRules(parse.GetValue(rules), parse.GetValue(noBundled));
            var path = parse.GetValue(input)!;
            FactTable facts;
            using (var bundle = Open(path, "import", () => BundleProbeProvider.Open(path)))
            {
                var engine = RuleEngine.CreateBuilder().AddRules(knowledgeBase).AddBundle(bundle).AddProvider(new ReportedSymptomsProvider(Array.Empty<string>())).Build();
                facts = await engine.CollectAsync(new[] { bundle.Machine }, null, cancellationToken).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var target = parse.GetValue(output)!;
            SnapshotFile.Write(facts, target);
            var unavailable = facts.UnavailableByReason;
            var machine = facts.Machines[0];
            console.Output.WriteLine(Printable($"Wrote {target}: {facts.Records.Count} probe calls on {machine}, {unavailable.Sum(u => u.Value.Count)} unavailable."));
            foreach (var reason in unavailable.Take(10))
            {
                console.Output.WriteLine(Printable($"  {reason.Value.Count,4} x {reason.Key}"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
