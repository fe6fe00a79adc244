using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CsCheck;
using FluentAssertions;
using PxeRules.Evaluation;
using PxeRules.Facts;
using PxeRules.Loading;
using PxeRules.Probes;
using PxeRules.Reporting;
using PxeRules.Snapshots;
using Xunit;
using PxeRules.Model;

namespace PxeRules.Tests.Hardening;

/// <summary>
/// Property tests (CsCheck): valid rule files and snapshots, mutated by byte flips, truncation, deleted, duplicated and
/// swapped lines, renamed keys, values of another type and inserted YAML syntax, only ever give diagnostics or a
/// result; never another exception. What loads must also evaluate, and a snapshot that reads must write back and read
/// again with the same outcomes. The number of cases is bounded so the suite stays fast; a failure prints the seed
/// that reproduces it.
/// </summary>
public class MutationPropertyTests
{
    private const int Cases = 2500;

    private static readonly Lazy<byte[][]> RuleSeeds = new(() =>
        Directory.GetFiles(Repository.Path("rules"), "*.yaml").OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray());

    private static readonly Lazy<byte[][]> SnapshotSeeds = new(() =>
        new[] { Path.Combine(AppContext.BaseDirectory, "TestData", "snapshots", "old-wimgapi-site.json") }
            .Concat(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "hostile", "snapshots"), "valid-*.json"))
            .OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray());

    private static readonly Lazy<RuleEngine> Bundled = new(() => RuleEngine.CreateBuilder().AddRules(KnowledgeBase.LoadBundled()).Build());

    private static readonly string[] Keys =
    {
        "apiVersion", "kind", "id", "title", "summary", "severity", "confidence", "facts", "probe", "args", "when", "all", "any", "not",
        "fact", "field", "equals", "less", "matches", "anyItem", "count", "remediation", "text", "examples", "expect", "severty", "Title",
        "format", "formatVersion", "machines", "name", "roles", "probes", "status", "value", "reason", "<<", "", "x",
    };

    private static readonly string[] Values =
    {
        "[]", "{}", "~", "''", "42", "-1e400", "true", "[a, b]", "{a: 1}", "&a x", "*a", "!!str x", "\"\\u0000\"", "\"\\ud800\"",
        "'{{ x'", "'{{ machine.name }}'", "6.0.6001.18000", "7d", "2026-11-25T10:00:00Z", "'(a+)+$'", "'('", "|\n  x", ">-", "null",
        "\"\"", "\"   \"", "\"value\"", "\"notFound\"", "1", "[[[[[[[[[[]]]]]]]]]]",
    };

    private static readonly string[] Fragments =
    {
        "{{", "}}", "---\n", "...\n", "\t", "\r", "\r\n", "\uFEFF", "&a ", "*a ", ": ", "- ", "#", "[", "]", "{", "}", "\"", "'", "%YAML 1.2\n", "? ", "!", "\u2028", "\\",
    };

    /// <summary>One mutation: a kind and two numbers that pick where and what, taken modulo the input.</summary>
    private readonly record struct Mutation(int Kind, int A, int B);

    private static readonly Gen<Mutation> AMutation = Gen.Select(Gen.Int[0, 8], Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], (k, a, b) => new Mutation(k, a, b));

    private static Gen<(int Seed, Mutation[] Mutations)> Inputs(int seeds) => Gen.Select(Gen.Int[0, seeds - 1], AMutation.Array[1, 5]);

    private static byte[] Apply(byte[] input, IEnumerable<Mutation> mutations)
    {
        var bytes = input;
        foreach (var m in mutations)
        {
            bytes = Apply(bytes, m);
        }

        return bytes;
    }

    private static byte[] Apply(byte[] bytes, Mutation m)
    {
        if (m.Kind <= 1)
        {
            // Byte-level: flip bits of one byte, or cut the input short.
            if (bytes.Length == 0) return bytes;
            if (m.Kind == 1) return bytes.AsSpan(0, m.A % bytes.Length).ToArray();
            var flipped = (byte[])bytes.Clone();
            flipped[m.A % flipped.Length] ^= (byte)(1 << (m.B % 8));
            return flipped;
        }

        var text = Encoding.UTF8.GetString(bytes);
        var lines = text.Split('\n').ToList();
        var line = m.A % lines.Count;
        switch (m.Kind)
        {
            case 2:
                lines.RemoveAt(line);
                break;
            case 3:
                lines.Insert(line, lines[line]);
                break;
            case 4:
                (lines[line], lines[m.B % lines.Count]) = (lines[m.B % lines.Count], lines[line]);
                break;
            case 5:
                lines[line] = ReplaceKey(lines[line], Keys[m.B % Keys.Length]);
                break;
            case 6:
                lines[line] = ReplaceValue(lines[line], Values[m.B % Values.Length]);
                break;
            default:
                var at = m.B % (lines[line].Length + 1);
                lines[line] = lines[line].Insert(at, Fragments[m.A % Fragments.Length]);
                break;
        }

        return Encoding.UTF8.GetBytes(string.Join("\n", lines));
    }

    private static string ReplaceKey(string line, string key)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return line;
        var start = line.Length - line.TrimStart(' ', '-', '{', ',', '"').Length;
        var quoted = start > 0 && line[start - 1] == '"';
        return line.Substring(0, start) + key + (quoted ? "\"" : string.Empty) + line.Substring(line.IndexOf(quoted ? "\":" : ":", start, StringComparison.Ordinal) is var end and >= 0 ? end + (quoted ? 1 : 0) : colon);
    }

    private static string ReplaceValue(string line, string value)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? line + " " + value : line.Substring(0, colon + 2) + value;
    }

    [Fact]
    public void Mutated_rule_files_only_ever_give_diagnostics_or_a_knowledge_base()
    {
        var seeds = RuleSeeds.Value;
        Inputs(seeds.Length).Sample(
            input =>
            {
                var bytes = Apply(seeds[input.Seed], input.Mutations);
                var result = new RuleLoader().AddStream(new MemoryStream(bytes), "mutated.yaml").Load();
                CheckDiagnostics(result.Diagnostics, result.Success, "mutated.yaml");
                if (result.KnowledgeBase is { } knowledgeBase)
                {
                    foreach (var example in RuleExamples.RunAll(knowledgeBase, RuleExamples.ReferenceTime)) Render(example.Actual);
                    var machines = new[] { new Machine("SITE01", MachineRoles.SiteServer), new Machine("PXE01", MachineRoles.PxeServicePoint, MachineRoles.DhcpServer, MachineRoles.DistributionPoint) };
                    Report(RuleEngine.CreateBuilder().AddRules(knowledgeBase).Build().Evaluate(new FactTable(machines, Array.Empty<FactRecord>(), RuleExamples.ReferenceTime)));
                }
            },
            iter: Cases,
            print: input => $"seed file #{input.Seed}, mutations {string.Join(", ", input.Mutations)}");
    }

    [Fact]
    public void Mutated_snapshots_only_ever_give_diagnostics_or_facts_that_write_back_unchanged()
    {
        var seeds = SnapshotSeeds.Value;
        Inputs(seeds.Length).Sample(
            input =>
            {
                var bytes = Apply(seeds[input.Seed], input.Mutations);
                var result = SnapshotFile.Read(new MemoryStream(bytes), "mutated.json");
                CheckDiagnostics(result.Diagnostics, result.Success, "mutated.json");
                if (result.Facts is not { } facts) return;

                var report = Bundled.Value.Evaluate(facts);
                Report(report);
                using var copy = new MemoryStream();
                SnapshotFile.Write(facts, copy);
                copy.Position = 0;
                var again = SnapshotFile.Read(copy, "copy.json");
                again.Diagnostics.Should().BeEmpty("a snapshot PxeRules wrote must read back");
                Outcomes(Bundled.Value.Evaluate(again.Facts!)).Should().Be(Outcomes(report));
            },
            iter: Cases,
            print: input => $"seed file #{input.Seed}, mutations {string.Join(", ", input.Mutations)}");
    }

    private static void CheckDiagnostics(IReadOnlyList<Diagnostic> diagnostics, bool success, string source)
    {
        success.Should().Be(!diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error), "a result has rules or facts exactly when it has no error");
        foreach (var diagnostic in diagnostics)
        {
            diagnostic.Location.Source.Should().Be(source);
            diagnostic.Location.Line.Should().BeGreaterThan(0, "every diagnostic has a place: {0}", diagnostic);
            diagnostic.Location.Column.Should().BeGreaterThan(0, "every diagnostic has a place: {0}", diagnostic);
        }
    }

    private static void Render(RuleResult result)
    {
        _ = result.Explanation;
        _ = result.Evidence.Select(e => e.ToString()).ToArray();
        _ = result.Remediation.Select(s => s.ToString()).ToArray();
    }

    private static void Report(EvaluationReport report)
    {
        foreach (var result in report.Results) Render(result);
        foreach (var format in new[] { ReportFormat.Json, ReportFormat.Sarif, ReportFormat.JUnit, ReportFormat.Markdown })
        {
            ReportWriter.Write(report, format, TextWriter.Null, new ReportOptions { IncludeAll = true });
        }
    }

    private static string Outcomes(EvaluationReport report) =>
        string.Join("\n", report.Results.Select(r => $"{r.Rule.Id} {r.Machine?.Name} {r.Outcome} {r.Explanation}"));
}
