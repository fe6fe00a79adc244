using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using FluentAssertions;
using PxeRules.Loading;
using PxeRules.Model;
using PxeRules.Snapshots;
using Xunit;

namespace PxeRules.Tests.Hardening;

/// <summary>
/// The hostile corpus: broken and malicious rule files and snapshots, each with the diagnostic (code and, where the
/// input has a place for it, line and column) or the documented outcome it must give. Files live in
/// <c>TestData/hostile/</c>; inputs of megabytes, deep nesting and alias bombs are built here so the repository stays
/// small. Every input must load within a time and memory bound, without an exception, with every diagnostic placed in
/// the input, and an invalid input must never yield rules or facts.
/// </summary>
public class HostileInputTests
{
    /// <summary>A bound against hangs only, far above what any input takes (generous: CI runs on 2 busy cores); not a performance measure.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Input → what it must give: <c>PXR0001 (8,11)</c> an error with that code at that line and column, <c>PXR0003</c>
    /// an error with that code (the input has no better place for it), <c>loads N</c> N rules and no diagnostic,
    /// <c>reads</c> a snapshot read without diagnostics.
    /// </summary>
    public static readonly (string Input, string Expect)[] Corpus =
    {
        ("rules/cycle-self-reference.yaml", "PXR0018 (11,19)"),
        ("rules/cycle-three-facts.yaml", "PXR0018 (9,3)"),
        ("rules/cycle-through-undefined-fact.yaml", "PXR0017 (11,19)"),
        ("rules/cycle-two-facts.yaml", "PXR0018 (9,3)"),
        ("rules/duplicate-alias-of-another-id.yaml", "PXR0019 (21,5)"),
        ("rules/duplicate-alias-within-a-rule.yaml", "PXR0019 (3,5)"),
        ("rules/duplicate-fact-name.yaml", "PXR0008 (13,3)"),
        ("rules/duplicate-id-in-one-file.yaml", "PXR0019 (21,5)"),
        ("rules/duplicate-key-in-flow-mapping.yaml", "PXR0008 (14,50)"),
        ("rules/duplicate-top-level-key.yaml", "PXR0008 (8,1)"),
        ("rules/encoding-lone-continuation-byte.yaml", "PXR0002 (5,12)"),
        ("rules/encoding-nul-byte.yaml", "PXR0002 (5,12)"),
        ("rules/encoding-overlong-utf8.yaml", "PXR0002 (5,10)"),
        ("rules/encoding-raw-escape-character.yaml", "PXR0002 (4,8)"),
        ("rules/encoding-truncated-multibyte-at-end.yaml", "PXR0002 (18,3)"),
        ("rules/encoding-utf16-without-bom.yaml", "PXR0002 (1,2)"),
        ("rules/encoding-utf16le-odd-length.yaml", "PXR0002 (1,1)"),
        ("rules/encoding-utf16le-unpaired-surrogate.yaml", "PXR0002 (1,1)"),
        ("rules/encoding-utf32-bom.yaml", "PXR0002 (1,1)"),
        ("rules/encoding-utf8-encoded-surrogate.yaml", "PXR0002 (5,10)"),
        ("rules/encoding-windows-1252.yaml", "PXR0002 (4,11)"),
        ("rules/envelope-api-version-as-number.yaml", "PXR0009 (1,13)"),
        ("rules/envelope-api-version-as-sequence.yaml", "PXR0013 (1,13)"),
        ("rules/envelope-document-is-a-scalar.yaml", "PXR0013 (1,1)"),
        ("rules/envelope-document-is-a-sequence.yaml", "PXR0013 (1,1)"),
        ("rules/envelope-future-api-version.yaml", "PXR0009 (1,13)"),
        ("rules/envelope-lower-case-kind.yaml", "PXR0010 (2,7)"),
        ("rules/envelope-missing-api-version.yaml", "PXR0009 (1,1)"),
        ("rules/envelope-missing-kind.yaml", "PXR0011 (1,1)"),
        ("rules/envelope-second-document-broken.yaml", "PXR0010 (20,7)"),
        ("rules/envelope-snapshot-given-as-rule.yaml", "PXR0009 (1,1)"),
        ("rules/envelope-unknown-kind.yaml", "PXR0010 (2,7)"),
        ("rules/keys-capitalised-title.yaml", "PXR0012 (4,1)"),
        ("rules/keys-empty-key.yaml", "PXR0012 (5,1)"),
        ("rules/keys-homoglyph-title.yaml", "PXR0012 (4,1)"),
        ("rules/keys-misspelt-operator.yaml", "PXR0012 (15,3)"),
        ("rules/keys-misspelt-probe.yaml", "PXR0012 (10,5)"),
        ("rules/keys-misspelt-severity.yaml", "PXR0012 (6,1)"),
        ("rules/keys-unknown-appliesto-key.yaml", "PXR0012 (9,3)"),
        ("rules/keys-unknown-example-key.yaml", "PXR0012 (21,5)"),
        ("rules/keys-unknown-probe-argument.yaml", "PXR0021 (13,7)"),
        ("rules/keys-unknown-reference-key.yaml", "PXR0012 (21,5)"),
        ("rules/keys-unknown-remediation-key.yaml", "PXR0012 (18,5)"),
        ("rules/keys-unknown-top-level-key.yaml", "PXR0012 (18,1)"),
        ("rules/regex-catastrophic-backtracking.yaml", "loads 1"),
        ("rules/regex-does-not-compile.yaml", "PXR0016 (15,12)"),
        ("rules/regex-on-a-number.yaml", "PXR0023 (15,12)"),
        ("rules/regex-quantifier-overflow.yaml", "PXR0016 (15,12)"),
        ("rules/syntax-bad-indentation.yaml", "PXR0001 (11,4)"),
        ("rules/syntax-colon-in-plain-scalar.yaml", "PXR0001 (4,15)"),
        ("rules/syntax-complex-mapping-key.yaml", "PXR0013 (4,3)"),
        ("rules/syntax-content-after-document-end.yaml", "PXR0013 (19,1)"),
        ("rules/syntax-control-character.yaml", "PXR0002 (4,11)"),
        ("rules/syntax-custom-tag.yaml", "PXR0013 (13,7)"),
        ("rules/syntax-invalid-escape.yaml", "PXR0001 (4,8)"),
        ("rules/syntax-key-longer-than-1024-characters.yaml", "PXR0001 (5,1)"),
        ("rules/syntax-line-separator-in-quoted-value.yaml", "PXR0001 (5,10)"),
        ("rules/syntax-lone-surrogate-escape.yaml", "PXR0001 (4,8)"),
        ("rules/syntax-merge-key.yaml", "PXR0012 (16,1)"),
        ("rules/syntax-tab-before-key.yaml", "PXR0001 (2,1)"),
        ("rules/syntax-tab-indentation.yaml", "PXR0001 (10,1)"),
        ("rules/syntax-truncated-in-quoted-string.yaml", "PXR0001 (12,13)"),
        ("rules/syntax-truncated-mid-key.yaml", "PXR0001 (16,1)"),
        ("rules/syntax-unclosed-double-quote.yaml", "PXR0001 (4,8)"),
        ("rules/syntax-unclosed-flow-mapping.yaml", "PXR0001 (13,5)"),
        ("rules/syntax-unclosed-flow-sequence.yaml", "PXR0001 (8,11)"),
        ("rules/syntax-unclosed-single-quote.yaml", "PXR0001 (12,14)"),
        ("rules/syntax-undefined-alias.yaml", "PXR0001 (4,8)"),
        ("rules/syntax-unsupported-yaml-directive.yaml", "PXR0001 (1,1)"),
        ("rules/syntax-yaml-tag.yaml", "PXR0013 (4,8)"),
        ("rules/type-all-as-mapping.yaml", "PXR0013 (15,5)"),
        ("rules/type-all-empty.yaml", "PXR0025 (14,8)"),
        ("rules/type-args-as-sequence.yaml", "PXR0013 (12,7)"),
        ("rules/type-argument-number-given-text.yaml", "PXR0021 (11,44)"),
        ("rules/type-bad-duration-literal.yaml", "PXR0024 (17,13)"),
        ("rules/type-bad-fact-name.yaml", "PXR0026 (9,3)"),
        ("rules/type-bad-id-upper-case.yaml", "PXR0026 (3,5)"),
        ("rules/type-bad-kb.yaml", "PXR0032 (20,9)"),
        ("rules/type-bad-version-literal.yaml", "PXR0015 (15,9)"),
        ("rules/type-case-sensitive-on-ordering.yaml", "PXR0025 (16,18)"),
        ("rules/type-confidence-as-sequence.yaml", "PXR0013 (7,13)"),
        ("rules/type-count-word-not-number.yaml", "PXR0013 (16,21)"),
        ("rules/type-disruptive-yes.yaml", "PXR0013 (18,17)"),
        ("rules/type-equals-mapping-literal.yaml", "PXR0024 (15,11)"),
        ("rules/type-example-expect-unknown.yaml", "PXR0014 (20,13)"),
        ("rules/type-example-fact-record-given-list.yaml", "PXR0029 (22,16)"),
        ("rules/type-example-fact-wrong-type.yaml", "PXR0029 (22,27)"),
        ("rules/type-example-machine-name-blank.yaml", "PXR0013 (21,22)"),
        ("rules/type-example-machine-name-empty.yaml", "PXR0013 (21,22)"),
        ("rules/type-examples-as-mapping.yaml", "PXR0013 (19,3)"),
        ("rules/type-exists-quoted-true.yaml", "PXR0013 (15,11)"),
        ("rules/type-fact-and-field.yaml", "PXR0025 (14,3)"),
        ("rules/type-fact-definition-as-scalar.yaml", "PXR0013 (9,12)"),
        ("rules/type-facts-as-sequence.yaml", "PXR0013 (9,3)"),
        ("rules/type-field-outside-quantifier.yaml", "PXR0025 (14,10)"),
        ("rules/type-file-url.yaml", "PXR0032 (20,10)"),
        ("rules/type-id-too-long.yaml", "PXR0026 (3,5)"),
        ("rules/type-in-given-scalar.yaml", "PXR0013 (15,7)"),
        ("rules/type-javascript-url.yaml", "PXR0032 (20,10)"),
        ("rules/type-list-argument-given-scalar.yaml", "PXR0013 (12,14)"),
        ("rules/type-not-with-sibling.yaml", "PXR0025 (14,3)"),
        ("rules/type-number-literal-huge-exponent.yaml", "PXR0024 (15,12)"),
        ("rules/type-number-literal-infinity.yaml", "PXR0024 (15,12)"),
        ("rules/type-on-unknown-role.yaml", "PXR0031 (11,9)"),
        ("rules/type-operator-mismatch.yaml", "PXR0023 (15,9)"),
        ("rules/type-ordering-a-boolean.yaml", "PXR0023 (15,9)"),
        ("rules/type-probe-kind-wrong-case.yaml", "PXR0020 (10,12)"),
        ("rules/type-quantifier-over-a-record.yaml", "PXR0023 (15,3)"),
        ("rules/type-reference-without-address.yaml", "PXR0032 (19,5)"),
        ("rules/type-remediation-as-mapping.yaml", "PXR0013 (17,3)"),
        ("rules/type-remediation-step-as-scalar.yaml", "PXR0013 (17,5)"),
        ("rules/type-required-argument-missing.yaml", "PXR0021 (10,5)"),
        ("rules/type-reserved-fact-name.yaml", "PXR0033 (9,3)"),
        ("rules/type-severity-as-number.yaml", "PXR0014 (6,11)"),
        ("rules/type-severity-unknown-word.yaml", "PXR0014 (6,11)"),
        ("rules/type-tags-as-scalar.yaml", "PXR0013 (8,7)"),
        ("rules/type-tags-item-mapping.yaml", "PXR0013 (8,13)"),
        ("rules/type-template-in-argument-not-closed.yaml", "PXR0030 (12,13)"),
        ("rules/type-template-not-closed.yaml", "PXR0030 (17,11)"),
        ("rules/type-template-undefined-fact.yaml", "PXR0017 (17,11)"),
        ("rules/type-title-as-mapping.yaml", "PXR0013 (4,8)"),
        ("rules/type-title-empty.yaml", "PXR0013 (4,7)"),
        ("rules/type-title-null-tilde.yaml", "PXR0013 (4,8)"),
        ("rules/type-two-operators.yaml", "PXR0025 (14,3)"),
        ("rules/type-two-quantifiers.yaml", "PXR0025 (14,3)"),
        ("rules/type-undefined-fact.yaml", "PXR0017 (14,9)"),
        ("rules/type-unknown-field.yaml", "PXR0022 (14,9)"),
        ("rules/type-unknown-literal-type.yaml", "PXR0014 (16,9)"),
        ("rules/type-unknown-probe-kind.yaml", "PXR0020 (10,12)"),
        ("rules/type-unknown-role.yaml", "PXR0031 (9,11)"),
        ("rules/type-version-literal-overflow.yaml", "PXR0015 (15,9)"),
        ("rules/type-versions-as-scalar.yaml", "PXR0013 (9,13)"),
        ("rules/type-versions-unknown-level.yaml", "PXR0014 (9,19)"),
        ("rules/type-when-as-scalar.yaml", "PXR0013 (14,3)"),
        ("rules/valid-anchor-redefined.yaml", "loads 1"),
        ("rules/valid-bom-and-crlf.yaml", "loads 1"),
        ("rules/valid-bom-only.yaml", "loads 0"),
        ("rules/valid-cr-only-line-endings.yaml", "loads 1"),
        ("rules/valid-crlf.yaml", "loads 1"),
        ("rules/valid-empty-file.yaml", "loads 0"),
        ("rules/valid-mixed-line-endings.yaml", "loads 1"),
        ("rules/valid-no-final-newline.yaml", "loads 1"),
        ("rules/valid-only-comments-and-separators.yaml", "loads 0"),
        ("rules/valid-tabs-inside-values.yaml", "loads 1"),
        ("rules/valid-trailing-whitespace.yaml", "loads 1"),
        ("rules/valid-utf16be-bom.yaml", "loads 1"),
        ("rules/valid-utf8-bom.yaml", "loads 1"),
        ("rules/valid-zero-width-no-break-space-in-value.yaml", "loads 1"),
        ("snapshots/encoding-invalid-utf8.json", "PXR0002 (8,20)"),
        ("snapshots/encoding-raw-escape-character.json", "PXR0002 (20,21)"),
        ("snapshots/encoding-utf16-without-bom.json", "PXR0002 (1,2)"),
        ("snapshots/format-future-version.json", "PXR0040 (3,20)"),
        ("snapshots/format-missing.json", "PXR0040 (1,1)"),
        ("snapshots/format-misspelt.json", "PXR0040 (2,13)"),
        ("snapshots/format-version-as-string.json", "PXR0040 (3,20)"),
        ("snapshots/format-version-huge-exponent.json", "PXR0040 (3,20)"),
        ("snapshots/format-version-missing.json", "PXR0040 (1,1)"),
        ("snapshots/keys-duplicate-key.json", "PXR0008 (21,7)"),
        ("snapshots/keys-unknown-probe-key.json", "PXR0012 (28,30)"),
        ("snapshots/keys-unknown-top-level.json", "PXR0012 (4,3)"),
        ("snapshots/limits-alias-bomb.json", "PXR0005 (5,31)"),
        ("snapshots/syntax-empty-file.json", "PXR0001 (1,1)"),
        ("snapshots/syntax-garbage.json", "PXR0001 (2,1)"),
        ("snapshots/syntax-line-comment.json", "PXR0012 (3,23)"),
        ("snapshots/syntax-lone-surrogate-escape.json", "PXR0001 (20,15)"),
        ("snapshots/syntax-missing-comma.json", "PXR0001 (4,20)"),
        ("snapshots/syntax-truncated.json", "PXR0001 (11,1)"),
        ("snapshots/syntax-two-documents.json", "PXR0001 (1,1)"),
        ("snapshots/syntax-unclosed-string.json", "PXR0001 (9,8)"),
        ("snapshots/type-args-as-list.json", "PXR0013 (25,19)"),
        ("snapshots/type-argument-wrong-type.json", "PXR0041 (25,29)"),
        ("snapshots/type-collected-at-invalid.json", "PXR0041 (5,18)"),
        ("snapshots/type-collected-at-missing.json", "PXR0011 (1,1)"),
        ("snapshots/type-duration-as-string.json", "PXR0013 (28,25)"),
        ("snapshots/type-machine-duplicate.json", "PXR0042 (20,15)"),
        ("snapshots/type-machine-name-blank.json", "PXR0013 (8,15)"),
        ("snapshots/type-machine-name-empty.json", "PXR0013 (8,15)"),
        ("snapshots/type-machine-name-missing.json", "PXR0011 (7,5)"),
        ("snapshots/type-machine-name-number.json", "PXR0013 (8,15)"),
        ("snapshots/type-machines-as-object.json", "PXR0013 (6,15)"),
        ("snapshots/type-probe-kind-empty.json", "PXR0013 (24,19)"),
        ("snapshots/type-probe-kind-missing.json", "PXR0011 (23,9)"),
        ("snapshots/type-probes-missing.json", "PXR0011 (7,5)"),
        ("snapshots/type-role-as-number.json", "PXR0013 (9,32)"),
        ("snapshots/type-roles-as-string.json", "PXR0013 (9,16)"),
        ("snapshots/type-status-unknown.json", "PXR0014 (13,21)"),
        ("snapshots/type-status-value-without-value.json", "PXR0011 (23,9)"),
        ("snapshots/type-top-level-array.json", "PXR0013 (1,1)"),
        ("snapshots/type-top-level-string.json", "PXR0013 (1,1)"),
        ("snapshots/type-unknown-role.json", "PXR0031 (9,16)"),
        ("snapshots/type-value-bad-version.json", "PXR0041 (27,95)"),
        ("snapshots/type-value-boolean-given-number.json", "PXR0041 (27,159)"),
        ("snapshots/type-value-boolean-quoted.json", "PXR0041 (27,159)"),
        ("snapshots/type-value-list-given-record.json", "PXR0041 (1,237)"),
        ("snapshots/type-value-list-item-bad-time.json", "PXR0041 (1,290)"),
        ("snapshots/type-value-null.json", "PXR0041 (27,20)"),
        ("snapshots/type-value-number-given-text.json", "PXR0041 (27,76)"),
        ("snapshots/type-value-record-given-list.json", "PXR0041 (27,20)"),
        ("snapshots/type-value-string-given-number.json", "PXR0041 (27,76)"),
        ("snapshots/type-value-unknown-field.json", "PXR0041 (27,68)"),
        ("snapshots/type-value-version-unquoted.json", "PXR0041 (27,95)"),
        ("snapshots/valid-crlf.json", "reads"),
        ("snapshots/valid-escaped-control-characters.json", "reads"),
        ("snapshots/valid-huge-duration.json", "reads"),
        ("snapshots/valid-invalid-status.json", "reads"),
        ("snapshots/valid-minimal.json", "reads"),
        ("snapshots/valid-negative-duration.json", "reads"),
        ("snapshots/valid-no-machines.json", "reads"),
        ("snapshots/valid-site.json", "reads"),
        ("snapshots/valid-trailing-commas.json", "reads"),
        ("snapshots/valid-unknown-probe-kind.json", "reads"),
        ("snapshots/valid-utf16-bom.json", "reads"),
        ("snapshots/valid-utf8-bom.json", "reads"),

        // Found by fuzzing (docs/fuzzing.md): YamlDotNet spun for 20 s on a final directive line without a line break.
        ("rules/fuzz-hang-directive-at-end-without-line-break.yaml", "PXR0001 (67,1)"),
        // Found by fuzzing: YamlDotNet's time grows with the square of flow depth; 25,000 '{' took seconds.
        ("snapshots/fuzz-hang-25-thousand-open-braces.json", "PXR0004 (1,65)"),
        ("generated/rules/four-mebibytes-of-open-braces", "PXR0004 (1,65)"),
        ("generated/snapshots/sixty-mebibytes-of-open-brackets", "PXR0004 (1,65)"),
        // Built in code (see Generated): sizes, depths and bombs.
        ("generated/rules/alias-bomb-billion-laughs", "PXR0005 (4,36)"),
        ("generated/rules/alias-depth-amplification", "PXR0004"),
        ("generated/rules/deep-flow-sequences-10000", "PXR0004 (1,65)"),
        ("generated/rules/deep-flow-mappings-10000", "PXR0004"),
        ("generated/rules/deep-block-mappings-2000", "PXR0004"),
        ("generated/rules/deep-not-conditions-10000", "PXR0004"),
        ("generated/rules/three-megabyte-title", "PXR0006 (4,8)"),
        ("generated/rules/three-megabyte-plain-line", "PXR0006"),
        ("generated/rules/key-longer-than-the-string-limit", "PXR0006 (4,3)"),
        ("generated/rules/file-over-four-mebibytes", "PXR0003 (1,1)"),
        ("generated/rules/endless-stream", "PXR0003 (1,1)"),
        ("generated/rules/ten-thousand-and-one-documents", "PXR0007"),
        ("generated/rules/thirty-thousand-unknown-keys", "PXR0012"),
        ("generated/rules/regex-with-thirty-thousand-nested-groups", "PXR0016"),
        ("generated/rules/regex-of-sixty-thousand-alternatives", "loads 1"),
        ("generated/rules/duplicate-ids-in-two-files", "PXR0019"),
        ("generated/rules/two-thousand-rules-in-one-file", "loads 2000"),
        ("generated/rules/all-with-fifty-thousand-members", "loads 1"),
        ("generated/snapshots/deep-nesting-10000", "PXR0004"),
        ("generated/snapshots/two-megabyte-string", "PXR0006"),
        ("generated/snapshots/endless-stream", "PXR0003 (1,1)"),
        ("generated/snapshots/twenty-thousand-probe-calls", "reads"),
        ("generated/snapshots/hundred-thousand-log-entries", "reads"),
    };

    public static IEnumerable<object[]> Inputs => Corpus.Select(c => new object[] { c.Input, c.Expect });

    [Fact]
    public void The_corpus_holds_at_least_a_hundred_inputs_and_lists_every_file_of_the_folder_once()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestData", "hostile");
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal);
        var listed = Corpus.Select(c => c.Input).Where(i => !i.StartsWith("generated/", StringComparison.Ordinal));

        Corpus.Should().HaveCountGreaterThanOrEqualTo(100);
        Corpus.Select(c => c.Input).Should().OnlyHaveUniqueItems();
        listed.Should().BeEquivalentTo(files, "every hostile file needs its expected outcome in the table");
        Corpus.Select(c => c.Input).Where(i => i.StartsWith("generated/", StringComparison.Ordinal)).Should().BeEquivalentTo(Generated.Keys);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Each_hostile_input_gives_its_diagnostic_or_documented_outcome_within_bounds(string input, string expect)
    {
        var isSnapshot = input.Contains("snapshots/", StringComparison.Ordinal);
        var sources = Sources(input);
        var bound = MemoryBound(sources);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();

        IReadOnlyList<Diagnostic> diagnostics;
        bool success;
        int count;
        if (isSnapshot)
        {
            using var stream = sources[0].Open();
            var result = SnapshotFile.Read(stream, sources[0].Name);
            (diagnostics, success, count) = (result.Diagnostics, result.Success, result.Facts?.Machines.Count ?? 0);
        }
        else
        {
            var loader = new RuleLoader();
            var streams = sources.Select(s => (s.Name, Stream: s.Open())).ToArray();
            foreach (var (name, stream) in streams) loader.AddStream(stream, name);
            var result = loader.Load();
            foreach (var (_, stream) in streams) stream.Dispose();
            (diagnostics, success, count) = (result.Diagnostics, result.Success, result.KnowledgeBase?.Rules.Count ?? 0);
        }

        watch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        watch.Elapsed.Should().BeLessThan(HangGuard, "a hostile input must not hang the loader");
        allocated.Should().BeLessThan(bound, "a hostile input must not make the loader allocate without bound");
        foreach (var diagnostic in diagnostics)
        {
            sources.Select(s => s.Name).Should().Contain(diagnostic.Location.Source, "every diagnostic names the input it is about: {0}", diagnostic);
            diagnostic.Location.Line.Should().BeGreaterThan(0, "every diagnostic has a place in the input: {0}", diagnostic);
            diagnostic.Location.Column.Should().BeGreaterThan(0, "every diagnostic has a place in the input: {0}", diagnostic);
            diagnostic.Message.Should().NotBeNullOrWhiteSpace();
        }

        var shown = string.Join(Environment.NewLine, diagnostics);
        if (expect.StartsWith("loads ", StringComparison.Ordinal) || expect == "reads")
        {
            diagnostics.Should().BeEmpty();
            success.Should().BeTrue();
            if (!isSnapshot) count.Should().Be(int.Parse(expect.Substring(6), System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        // Nothing silently ignored: an invalid input gives no rules and no facts at all.
        success.Should().BeFalse("an invalid input must not yield a knowledge base or facts:" + Environment.NewLine + shown);
        var parts = expect.Split(' ');
        var expected = diagnostics.Where(d => d.Code == parts[0] && d.Severity == DiagnosticSeverity.Error).ToArray();
        expected.Should().NotBeEmpty("{0} expects {1}, but gave:{2}{3}", input, expect, Environment.NewLine, shown);
        if (parts.Length > 1)
        {
            expected.Select(d => $"({d.Location.Line},{d.Location.Column})").Should().Contain(parts[1], "{0} places {1} there; it gave:{2}{3}", input, parts[0], Environment.NewLine, shown);
        }
    }

    /// <summary>
    /// A generous bound on what reading may allocate in all: 64 MiB, or 400 bytes per byte of input for large inputs
    /// (the YAML reader builds a located node for every value, and a file of nothing but mistakes gets a sentence for
    /// each), or 512 MiB for a stream without end, read up to the largest snapshot allowed.
    /// </summary>
    private static long MemoryBound(Source[] sources)
    {
        long total = 0;
        foreach (var source in sources)
        {
            using var stream = source.Open();
            if (!stream.CanSeek) return 512L << 20;
            total += stream.Length;
        }

        return Math.Max(64L << 20, total * 400);
    }

    private sealed record Source(string Name, Func<Stream> Open);

    private static Source[] Sources(string input)
    {
        if (Generated.TryGetValue(input, out var make))
        {
            return make();
        }

        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "hostile", input);
        return new[] { new Source(Path.GetFileName(input), () => File.OpenRead(path)) };
    }

    private static Source Text(string name, string text) => new(name, () => new MemoryStream(Encoding.UTF8.GetBytes(text), writable: false));

    private static Source[] One(string name, string text) => new[] { Text(name, text) };

    private const string Head = "apiVersion: pxerules/v1\nkind: Rule\nid: example-rule\n";

    private static string Rule(string id, string when, string facts = "  wimgapi: { probe: file, args: { path: 'C:\\w.dll' } }\n") =>
        $"apiVersion: pxerules/v1\nkind: Rule\nid: {id}\ntitle: T\nsummary: S.\nseverity: error\nconfidence: documented\nfacts:\n{facts}when:\n{when}remediation:\n  - text: Fix it.\n";

    private static readonly Dictionary<string, Func<Source[]>> Generated = new(StringComparer.Ordinal)
    {
        ["generated/rules/alias-bomb-billion-laughs"] = () =>
        {
            var bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
            for (var level = 'b'; level <= 'j'; level++)
            {
                var previous = (char)(level - 1);
                bomb.Append($"{level}: &{level} [").Append(string.Join(", ", Enumerable.Repeat("*" + previous, 10))).Append("]\n");
            }

            return One("alias-bomb.yaml", bomb.ToString());
        },
        ["generated/rules/alias-depth-amplification"] = () =>
        {
            // Each member nests 50 'not's around an alias of the member before it: written out, the last is 1000 deep.
            var when = new StringBuilder("  all:\n    - &m0 { fact: wimgapi, exists: true }\n");
            for (var i = 1; i <= 20; i++)
            {
                when.Append($"    - &m{i} ").Append(string.Concat(Enumerable.Repeat("{ not: ", 50))).Append($"*m{i - 1}").Append(new string('}', 50)).Append('\n');
            }

            return One("alias-depth.yaml", Rule("alias-depth", when.ToString()));
        },
        ["generated/rules/four-mebibytes-of-open-braces"] = () => One("braces.yaml", new string('{', (4 << 20) - 1)),
        ["generated/snapshots/sixty-mebibytes-of-open-brackets"] = () => One("brackets.json", new string('[', 60 << 20)),
        ["generated/rules/deep-flow-sequences-10000"] = () => One("deep.yaml", new string('[', 10_000) + new string(']', 10_000) + "\n"),
        ["generated/rules/deep-flow-mappings-10000"] = () => One("deep-map.yaml", string.Concat(Enumerable.Repeat("{a: ", 10_000)) + "1" + new string('}', 10_000) + "\n"),
        ["generated/rules/deep-block-mappings-2000"] = () => One("deep-block.yaml", string.Concat(Enumerable.Range(0, 2000).Select(i => new string(' ', i) + "a:\n")) + new string(' ', 2000) + "b: 1\n"),
        ["generated/rules/deep-not-conditions-10000"] = () => One("deep-not.yaml", Rule("deep-not", "  " + string.Concat(Enumerable.Repeat("{ not: ", 10_000)) + "{ fact: wimgapi, exists: true }" + new string('}', 10_000) + "\n")),
        ["generated/rules/three-megabyte-title"] = () => One("big-title.yaml", Head + "title: '" + new string('x', 3 << 20) + "'\n"),
        ["generated/rules/three-megabyte-plain-line"] = () => One("big-line.yaml", new string('y', 3 << 20) + "\n"),
        ["generated/rules/key-longer-than-the-string-limit"] = () => One("big-key.yaml", Head + "? \"" + new string('k', 70_000) + "\"\n: 1\n"),
        ["generated/rules/file-over-four-mebibytes"] = () => One("huge.yaml", "# " + new string('z', 4 << 20) + "\n"),
        ["generated/rules/endless-stream"] = () => new[] { new Source("endless.yaml", () => new EndlessStream()) },
        ["generated/rules/ten-thousand-and-one-documents"] = () => One("documents.yaml", string.Concat(Enumerable.Repeat("---\n", 10_001))),
        ["generated/rules/thirty-thousand-unknown-keys"] = () => One("keys.yaml", Head + string.Concat(Enumerable.Range(0, 30_000).Select(i => $"k{i}: 1\n"))),
        ["generated/rules/regex-with-thirty-thousand-nested-groups"] = () => One("regex-deep.yaml", Rule("regex-deep", "  fact: wimgapi.path\n  matches: '" + new string('(', 30_000) + "a" + "'\n")),
        ["generated/rules/regex-of-sixty-thousand-alternatives"] = () => One("regex-wide.yaml", Rule("regex-wide", "  fact: wimgapi.path\n  matches: 'a" + string.Concat(Enumerable.Repeat("|b", 30_000)) + "'\n")),
        ["generated/rules/duplicate-ids-in-two-files"] = () => new[]
        {
            Text("one.yaml", Rule("same-id", "  fact: wimgapi\n  exists: true\n")),
            Text("two.yaml", Rule("same-id", "  fact: wimgapi\n  exists: false\n")),
        },
        ["generated/rules/two-thousand-rules-in-one-file"] = () => One("many.yaml", string.Join("---\n", Enumerable.Range(0, 2000).Select(i => Rule($"rule-{i}", "  fact: wimgapi.version\n  less: 6.0.6001.18000\n")))),
        ["generated/rules/all-with-fifty-thousand-members"] = () => One("wide.yaml", Rule("wide", "  all:\n" + string.Concat(Enumerable.Range(0, 50_000).Select(i => $"    - {{ fact: wimgapi.size, notEquals: {i} }}\n")))),
        ["generated/snapshots/deep-nesting-10000"] = () => One("deep.json", "{\"format\": \"pxerules-snapshot\", \"formatVersion\": 1, \"collectedAt\": \"2026-11-25T10:00:00Z\", \"machines\": " + new string('[', 10_000) + new string(']', 10_000) + "}\n"),
        ["generated/snapshots/two-megabyte-string"] = () => One("big.json", Snapshot("{\"kind\": \"registry.value\", \"args\": {\"key\": \"HKLM\\\\X\", \"name\": \"V\"}, \"status\": \"value\", \"value\": \"" + new string('v', 2 << 20) + "\"}")),
        ["generated/snapshots/endless-stream"] = () => new[] { new Source("endless.json", () => new EndlessStream()) },
        ["generated/snapshots/twenty-thousand-probe-calls"] = () => One("calls.json", Snapshot(string.Join(",\n", Enumerable.Range(0, 20_000).Select(i => $"{{\"kind\": \"service\", \"args\": {{\"name\": \"S{i}\"}}, \"status\": \"notFound\"}}")))),
        ["generated/snapshots/hundred-thousand-log-entries"] = () => One("log.json", Snapshot("{\"kind\": \"log.entries\", \"args\": {\"paths\": [\"C:\\\\SMSPXE.log\"]}, \"status\": \"value\", \"value\": ["
            + string.Join(",", Enumerable.Range(0, 100_000).Select(i => $"{{\"time\": \"2026-11-24T10:00:00Z\", \"text\": \"line {i}\", \"type\": 1}}")) + "]}")),
    };

    private static string Snapshot(string probes) =>
        "{\"format\": \"pxerules-snapshot\", \"formatVersion\": 1, \"collectedAt\": \"2026-11-25T10:00:00Z\", \"machines\": [{\"name\": \"PXE01\", \"roles\": [\"pxe-service-point\"], \"probes\": [" + probes + "]}]}\n";

    /// <summary>A stream that never ends and cannot tell its length, like a pipe from a misbehaving program.</summary>
    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'x');
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
