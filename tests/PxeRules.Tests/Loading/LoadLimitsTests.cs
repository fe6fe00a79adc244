using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using FluentAssertions;
using PxeRules.Loading;
using Xunit;

namespace PxeRules.Tests.Loading;

/// <summary>Hostile input yields a diagnostic within bounded time and memory.</summary>
public class LoadLimitsTests
{
    private static string[] Diagnose(string text, LoadLimits? limits = null) =>
        new RuleLoader(limits: limits).AddText(text, "h.yaml").Load().Diagnostics.Select(d => d.ToString()).ToArray();

    [Fact]
    public void A_billion_laughs_alias_bomb_is_stopped_at_the_alias_limit()
    {
        var bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (var level = 'b'; level <= 'j'; level++)
        {
            var previous = (char)(level - 1);
            bomb.Append($"{level}: &{level} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n");
        }

        var watch = Stopwatch.StartNew();
        var diagnostics = Diagnose(bomb.ToString());

        diagnostics.Should().Equal("h.yaml(4,36): error PXR0005: YAML aliases expand to more than 10000 nodes, the limit; the rest of the file is not read.");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "the bomb must not be expanded");
    }

    [Fact]
    public void Ten_thousand_levels_of_nesting_are_reported_once_without_a_stack_overflow()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000) + "\n";

        Diagnose(deep).Should().Equal("h.yaml(1,65): error PXR0004: The nesting is deeper than 64 levels, the limit; the rest of the file is not read.");
    }

    [Fact]
    public void A_string_longer_than_the_limit_is_reported()
    {
        var text = "title: '" + new string('x', 70_000) + "'\n";

        Diagnose(text).First().Should().Be("h.yaml(1,8): error PXR0006: A string of 70000 characters is longer than the limit of 65536.");
    }

    [Fact]
    public void A_file_larger_than_the_limit_is_not_read()
    {
        var limits = new LoadLimits { MaxFileBytes = 1000 };
        using var stream = new MemoryStream(new byte[5000]);

        var diagnostics = new RuleLoader(limits: limits).AddStream(stream, "big.yaml").Load().Diagnostics.Select(d => d.ToString());

        diagnostics.Should().Equal("big.yaml(1,1): error PXR0003: The file is larger than 1000 bytes, the limit.");
    }

    [Fact]
    public void Too_many_documents_are_reported()
    {
        var limits = new LoadLimits { MaxDocuments = 2 };

        Diagnose("a: 1\n---\nb: 2\n---\nc: 3\n", limits).Should().Contain("h.yaml(5,1): error PXR0007: The file holds more than 2 documents, the limit.");
    }

    [Fact]
    public void Invalid_utf8_is_reported_with_its_line_and_column()
    {
        var bytes = Encoding.UTF8.GetBytes("apiVersion: pxerules/v1\nkind: R").Concat(new byte[] { 0xC3, 0x28 }).ToArray();
        using var stream = new MemoryStream(bytes);

        var diagnostics = new RuleLoader().AddStream(stream, "bad.yaml").Load().Diagnostics.Select(d => d.ToString());

        diagnostics.Should().Equal("bad.yaml(2,8): error PXR0002: The file is not valid UTF-8 text (byte 31); save it as UTF-8.");
    }

    [Fact]
    public void Byte_order_marks_and_crlf_line_endings_are_accepted()
    {
        var text = RuleLoaderTests.Rule("bom-crlf").Replace("\n", "\r\n");
        var utf8 = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray();

        new RuleLoader().AddStream(new MemoryStream(utf8), "a.yaml").LoadOrThrow().Rules.Single().Source.Line.Should().Be(3);
        new RuleLoader().AddStream(new MemoryStream(utf16), "b.yaml").LoadOrThrow().Rules.Single().Id.Should().Be("bom-crlf");
    }

    [Fact]
    public async System.Threading.Tasks.Task A_regex_that_backtracks_catastrophically_times_out_into_an_error_outcome()
    {
        var yaml = "apiVersion: pxerules/v1\nkind: Rule\nid: slow\ntitle: T\nsummary: S\nseverity: info\nconfidence: folklore\n"
            + "facts:\n  x:\n    probe: registry.value\n    args: { key: 'HKLM\\X', name: V }\n"
            + "when:\n  fact: x\n  matches: '^(a+)+$'\nremediation:\n  - text: none\n";
        var knowledgeBase = new RuleLoader(limits: new LoadLimits { RegexTimeout = TimeSpan.FromMilliseconds(50) }).AddText(yaml, "slow.yaml").LoadOrThrow();
        var provider = new PxeRules.Probes.InMemoryProbeProvider();
        provider.Add(new PxeRules.Probes.Machine("S"), "registry.value", new System.Collections.Generic.Dictionary<string, object?> { ["key"] = "HKLM\\X", ["name"] = "V" }, PxeRules.Probes.ProbeResult.Found(new string('a', 40) + "!"));

        var report = await PxeRules.Evaluation.RuleEngine.CreateBuilder().AddRules(knowledgeBase).AddProvider(provider).Build()
            .EvaluateAsync(new[] { new PxeRules.Probes.Machine("S") });

        var result = report.Results.Single();
        result.Outcome.Should().Be(PxeRules.Model.Outcome.Error);
        result.Explanation.Should().Be("Error: the rule could not be evaluated: The regular expression '^(a+)+$' took longer than 0.05 s on 'x'.");
    }
}
