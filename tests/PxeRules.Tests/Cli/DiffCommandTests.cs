using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using FluentAssertions;
using Json.Schema;
using PxeRules.Cli;
using PxeRules.Loading;
using PxeRules.Model;
using PxeRules.Snapshots;
using Xunit;

namespace PxeRules.Tests.Cli;

/// <summary>
/// 'pxerules diff BEFORE AFTER' run in process on the sample pairs: did the fix work, which facts made the
/// difference, and the exit code a pipeline gates on.
/// </summary>
public sealed class DiffCommandTests : IDisposable
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(Repository.Path("schemas", "diff.schema.json"))));
    private readonly string folder = Directory.CreateTempSubdirectory("pxerules-diff-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public static TheoryData<string, string> Pairs => new()
    {
        { "remote-pxe-sp-old-wimgapi.json", "after/remote-pxe-sp-old-wimgapi.json" },
        { "pxe-sp-reinstall-leftovers.json", "after/pxe-sp-reinstall-leftovers.json" },
        { "pxe-sp-osimage-access-denied.json", "after/pxe-sp-osimage-access-denied.json" },
        { "pxe-sp-reinstall-leftovers.json", "after/pxe-sp-reinstall-leftovers-share-only.json" },
        { "remote-pxe-sp-old-wimgapi.json", "after/remote-pxe-sp-old-wimgapi-access-denied.json" },
        { "remote-pxe-sp-old-wimgapi.json", "site-pxe-sp-not-collected.json" },
        { "after/remote-pxe-sp-old-wimgapi.json", "remote-pxe-sp-old-wimgapi.json" },
    };

    public static TheoryData<string> AfterSamples
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var file in Directory.GetFiles(Repository.Path("samples", "snapshots", "after"), "*.json").OrderBy(f => f, StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
            return data;
        }
    }

    private static string Sample(string name) => Repository.Path("samples", "snapshots", name);

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => InProcessCli.RunAsync(args);

    [Fact]
    public async Task Seed_3_after_the_new_wimgapi_clears_the_finding_and_names_the_version_that_changed()
    {
        var (code, output, error) = await Run("diff", Sample("remote-pxe-sp-old-wimgapi.json"), Sample("after/remote-pxe-sp-old-wimgapi.json"));

        code.Should().Be(0);
        error.Should().BeEmpty();
        output.Should().Contain(
            "Cleared (1):\n"
            + "  ERROR pxe-remote-wimgapi-not-updated-sp1 on PXE02: detected → not detected\n"
            + "    wimgapi.version 6.0.6000.16386 → 6.0.6001.18000 on PXE02 cleared pxe-remote-wimgapi-not-updated-sp1.\n")
            .And.Contain("Facts that changed without changing any outcome: none.")
            .And.Contain("1 cleared, 0 appeared, 0 remain, 0 changed outcome.\nFixed: 1 finding(s) cleared; nothing at or above warning remains or appeared.");
    }

    [Fact]
    public async Task Seed_1_after_the_os_image_is_removed_and_pxebootfiles_recreated_clears_with_the_owner_and_the_images()
    {
        var (code, output, _) = await Run("diff", Sample("pxe-sp-osimage-access-denied.json"), Sample("after/pxe-sp-osimage-access-denied.json"));

        code.Should().Be(0);
        output.Should().Contain(
            "  ERROR pxe-osimage-on-pxe-dp-access-denied on PXE01: detected → not detected\n"
            + "    Cleared pxe-osimage-on-pxe-dp-access-denied by these changes:\n"
            + "      - bootfilesService.ownerSid S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464 → S-1-5-18 on PXE01\n"
            + "      - bootfilesService.access 0 of 4 item(s) match → 1 of 3 item(s) match on PXE01\n"
            + "      - pxeImageWims 3 item(s) → 2 item(s) on PXE01\n")
            .And.Contain("1 cleared, 0 appeared, 0 remain, 0 changed outcome.");
    }

    [Fact]
    public async Task Seed_2_after_the_leftovers_are_removed_clears_with_each_share_and_folder()
    {
        var (code, output, _) = await Run("diff", Sample("pxe-sp-reinstall-leftovers.json"), Sample("after/pxe-sp-reinstall-leftovers.json"));

        code.Should().Be(0);
        output.Should().Contain(
            "  WARNING pxe-uninstall-leaves-reminst on DP02: detected → not detected\n"
            + "    Cleared pxe-uninstall-leaves-reminst by these changes:\n"
            + "      - pxeImagesShare found → not found on DP02\n"
            + "      - reminst found → not found on DP02\n"
            + "      - reminstEntries 3 item(s) → not read on DP02\n"
            + "      - wds found → not found on DP02\n"
            + "      - rootEntries 3 item(s) → not read on DP02\n")
            .And.Contain("1 cleared, 0 appeared, 0 remain, 0 changed outcome.");
    }

    [Fact]
    public async Task An_incomplete_fix_remains_exits_1_says_what_would_clear_it_and_lists_the_fact_that_changed_without_effect()
    {
        var (code, output, _) = await Run("diff", Sample("pxe-sp-reinstall-leftovers.json"), Sample("after/pxe-sp-reinstall-leftovers-share-only.json"));

        code.Should().Be(1);
        output.Should().Contain(
            "Remains (1):\n"
            + "  WARNING pxe-uninstall-leaves-reminst on DP02: detected → detected\n"
            + "    pxe-uninstall-leaves-reminst remains detected on DP02; changed without clearing it: reminst found → not found on DP02.\n"
            + "    Would clear it: pxeImagesShare does not exist on DP02; no item of rootEntries matches (now 2 of 3 item(s) match) on DP02.\n")
            .And.Contain("Facts that changed without changing any outcome (1):\n  - share(name: REMINST) found → not found on DP02\n")
            .And.Contain("Not fixed: 1 finding(s) at or above warning remain or appeared.");

        (await Run("diff", Sample("pxe-sp-reinstall-leftovers.json"), Sample("after/pxe-sp-reinstall-leftovers-share-only.json"), "--fail-on", "error")).Code
            .Should().Be(0, "the finding that remains is a warning");
        (await Run("diff", Sample("pxe-sp-reinstall-leftovers.json"), Sample("after/pxe-sp-reinstall-leftovers-share-only.json"), "--fail-on", "none")).Code.Should().Be(0);
    }

    [Fact]
    public async Task A_finding_that_appeared_exits_1_with_the_fact_that_brought_it()
    {
        var (code, output, _) = await Run("diff", Sample("after/remote-pxe-sp-old-wimgapi.json"), Sample("remote-pxe-sp-old-wimgapi.json"));

        code.Should().Be(1);
        output.Should().Contain(
            "Appeared (1):\n"
            + "  ERROR pxe-remote-wimgapi-not-updated-sp1 on PXE02: not detected → detected\n"
            + "    wimgapi.version 6.0.6001.18000 → 6.0.6000.16386 on PXE02 made pxe-remote-wimgapi-not-updated-sp1 detected on PXE02.\n"
            + "    Would clear it: wimgapi.version at least 6.0.6001.18000 (now 6.0.6000.16386) on PXE02.\n");
    }

    [Fact]
    public async Task A_finding_that_became_inconclusive_is_not_cleared_and_says_how_to_decide_it()
    {
        var (code, output, _) = await Run("diff", Sample("remote-pxe-sp-old-wimgapi.json"), Sample("after/remote-pxe-sp-old-wimgapi-access-denied.json"));

        code.Should().Be(0, "inconclusive results never fail, as for check");
        output.Should().Contain(
            "Changed outcome (1):\n"
            + "  ERROR pxe-remote-wimgapi-not-updated-sp1 on PXE02: detected → inconclusive\n"
            + "    wimgapi.version 6.0.6000.16386 → unavailable: Access is denied. (0x80070005) on PXE02 changed pxe-remote-wimgapi-not-updated-sp1 on PXE02 from detected to inconclusive: the fix cannot be confirmed, as unknown is never healthy.\n"
            + "    Next: run the check as an administrator of PXE02")
            .And.Contain("0 cleared, 0 appeared, 0 remain, 1 changed outcome.\nNot confirmed: 1 finding(s) of before could not be decided after (unknown is never healthy); nothing at or above warning remains or appeared.")
            .And.NotContain("Cleared (");
        (await Run("diff", Sample("remote-pxe-sp-old-wimgapi.json"), Sample("after/remote-pxe-sp-old-wimgapi-access-denied.json"), "--require-confirmed")).Code
            .Should().Be(1, "a pipeline that must stop when evidence is missing asks for it");
        (await Run("diff", Sample("remote-pxe-sp-old-wimgapi.json"), Sample("after/remote-pxe-sp-old-wimgapi.json"), "--require-confirmed")).Code
            .Should().Be(0, "a confirmed fix passes");
    }

    [Fact]
    public async Task A_machine_missing_after_is_said_once_and_its_findings_are_not_collected_not_cleared()
    {
        var (code, output, _) = await Run("diff", Sample("remote-pxe-sp-old-wimgapi.json"), Sample("site-pxe-sp-not-collected.json"));

        code.Should().Be(0);
        output.Should().Contain("After:  1 machine(s) collected (SITE01) at 2026-11-25 10:00 UTC from " + Sample("site-pxe-sp-not-collected.json") + "; the site lists PXE02, not collected\n")
            .And.Contain("PXE02 was collected before and not after: its findings are not collected, not cleared.\n")
            .And.Contain(
                "Changed outcome (1):\n"
                + "  ERROR pxe-remote-wimgapi-not-updated-sp1 on PXE02: detected → not collected\n"
                + "    PXE02 was not collected after, so pxe-remote-wimgapi-not-updated-sp1 is not known there: the fix cannot be confirmed, as unknown is never healthy.\n"
                + "    Next: collect PXE02: ");
    }

    [Fact]
    public async Task A_bundle_before_and_a_snapshot_after_are_told_apart_by_their_paths()
    {
        var (code, output, error) = await Run("diff", Repository.Path("samples", "bundles", "pxe02-remote-old-wimgapi"), Sample("after/remote-pxe-sp-old-wimgapi.json"));

        code.Should().Be(0);
        error.Should().BeEmpty();
        output.Should().Contain("Before: 1 machine(s) collected (PXE02) at 2026-11-25 10:00 UTC from " + Repository.Path("samples", "bundles", "pxe02-remote-old-wimgapi"))
            .And.Contain("SITE01 was collected after and not before.")
            .And.Contain("      - wimgapi.version 6.0.6000.16386 → 6.0.6001.18000 on PXE02\n");
    }

    [Fact]
    public async Task A_zipped_bundle_is_a_bundle_and_named_logs_are_logs()
    {
        var bundle = Repository.Path("samples", "bundles", "pxe02-remote-old-wimgapi");
        var zip = Path.Combine(folder, "pxerules-bundle-PXE02.zip");
        System.IO.Compression.ZipFile.CreateFromDirectory(bundle, zip, System.IO.Compression.CompressionLevel.Fastest, includeBaseDirectory: true);
        var logs = "PXE02=" + Repository.Path("samples", "logs", "pxe02-ticket");

        var zipped = await Run("diff", zip, bundle);
        var named = await Run("diff", logs, logs);

        zipped.Code.Should().Be(0);
        zipped.Out.Should().Contain("0 cleared, 0 appeared, 0 remain, 0 changed outcome.\nNothing at or above warning remains or appeared; no finding was cleared.\n");
        named.Code.Should().Be(1, "the same logs twice: the finding remains");
        named.Out.Should().Contain("Before: 1 machine(s) collected (PXE02)").And.Contain("  CRITICAL smspxe-provider-broken on PXE02: detected → detected\n");
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task The_json_diff_of_every_sample_pair_matches_the_published_schema(string before, string after)
    {
        var (code, output, _) = await Run("diff", Sample(before), Sample(after), "--format", "json");

        code.Should().BeOneOf(0, 1);
        Errors(output).Should().BeEmpty();
        var json = JsonNode.Parse(output)!.AsObject();
        json["schema"]!.GetValue<string>().Should().Be("pxerules-diff");
        json["fails"]!.GetValue<bool>().Should().Be(code == 1, "the JSON and the exit code agree");
    }

    [Fact]
    public async Task The_json_diff_names_each_cause_with_its_call_and_values_and_the_schema_refuses_unknown_fields()
    {
        var (_, output, _) = await Run("diff", Sample("remote-pxe-sp-old-wimgapi.json"), Sample("after/remote-pxe-sp-old-wimgapi.json"), "--format", "json");
        var json = JsonNode.Parse(output)!.AsObject();
        var change = json["changes"]!.AsArray().Single()!;

        change["kind"]!.GetValue<string>().Should().Be("cleared");
        change["before"]!.GetValue<string>().Should().Be("detected");
        change["after"]!.GetValue<string>().Should().Be("notDetected");
        var cause = change["causes"]!.AsArray().Single()!;
        cause["subject"]!.GetValue<string>().Should().Be("wimgapi.version");
        cause["machine"]!.GetValue<string>().Should().Be("PXE02");
        cause["call"]!.GetValue<string>().Should().Be("file(path: %windir%\\System32\\wimgapi.dll)");
        cause["before"]!.GetValue<string>().Should().Be("6.0.6000.16386");
        cause["after"]!.GetValue<string>().Should().Be("6.0.6001.18000");
        cause["text"]!.GetValue<string>().Should().Be("wimgapi.version 6.0.6000.16386 → 6.0.6001.18000 on PXE02");
        change["summary"]!.GetValue<string>().Should().Be("wimgapi.version 6.0.6000.16386 → 6.0.6001.18000 on PXE02 cleared pxe-remote-wimgapi-not-updated-sp1");
        json["summary"]!["cleared"]!.GetValue<int>().Should().Be(1);

        json["colour"] = 1;
        Errors(json.ToJsonString()).Should().NotBeEmpty("a field the schema does not describe means the diff and its schema disagree");
    }

    [Fact]
    public async Task A_hostile_value_from_a_machine_is_escaped_in_markdown_html_and_on_the_console()
    {
        var after = HostileAfter("D:\\<script>alert(1)</script>|`x`\u001b[31m");

        var markdown = await Run("diff", Sample("pxe-sp-reinstall-leftovers.json"), after, "--format", "markdown");
        var html = await Run("diff", Sample("pxe-sp-reinstall-leftovers.json"), after, "--format", "html");
        var console = await Run("diff", Sample("pxe-sp-reinstall-leftovers.json"), after);

        markdown.Out.Should().Contain("- share(name: SMSPXEIMAGES$).path D:\\\\SMSPXEIMAGES$ → D:\\\\&lt;script&gt;alert(1)&lt;/script&gt;\\|\\`x\\`\\\\u001b\\[31m on DP02\n")
            .And.NotContain("<script>").And.NotContain("\u001b");
        html.Out.Should().Contain("<li>share(name: SMSPXEIMAGES$).path D:\\SMSPXEIMAGES$ → D:\\&lt;script&gt;alert(1)&lt;/script&gt;|`x`\\u001b[31m on DP02</li>")
            .And.NotContain("<script>").And.NotContain("\u001b");
        console.Out.Should().Contain("  - share(name: SMSPXEIMAGES$).path D:\\SMSPXEIMAGES$ → D:\\<script>alert(1)</script>|`x`\\u001b[31m on DP02\n")
            .And.NotContain("\u001b");
    }

    [Fact]
    public async Task A_hostile_machine_name_cannot_break_the_markdown_table_or_the_html_page()
    {
        var before = Renamed("pxe-sp-reinstall-leftovers.json", "DP02<script>|`x`");
        var after = Renamed("after/pxe-sp-reinstall-leftovers.json", "DP02<script>|`x`");

        var markdown = await Run("diff", before, after, "--format", "markdown");
        var html = await Run("diff", before, after, "--format", "html");

        markdown.Code.Should().Be(0);
        markdown.Out.Should().Contain("| warning | `pxe-uninstall-leaves-reminst` | DP02&lt;script&gt;\\|\\`x\\` | detected | not detected |\n")
            .And.Contain("  - reminst found → not found on DP02&lt;script&gt;\\|\\`x\\`\n")
            .And.NotContain("<script>");
        html.Out.Should().Contain("<td>DP02&lt;script&gt;|`x`</td>").And.Contain("<li>reminst found → not found on DP02&lt;script&gt;|`x`</li>").And.NotContain("<script>");
    }

    [Fact]
    public async Task The_html_diff_is_one_page_with_no_script_and_no_external_resource()
    {
        var (code, output, _) = await Run("diff", Sample("pxe-sp-reinstall-leftovers.json"), Sample("after/pxe-sp-reinstall-leftovers-share-only.json"), "--format", "html");

        code.Should().Be(1);
        output.Should().StartWith("<!DOCTYPE html>").And.Contain("<style>").And.Contain("<h2>Remains (1)</h2>")
            .And.NotContain("<script").And.NotContain("<link").And.NotContain("src=").And.NotContain("http://").And.NotContain("url(");
    }

    [Fact]
    public async Task Output_goes_to_the_file_given_and_nothing_to_standard_output()
    {
        var path = Path.Combine(folder, "reports", "diff.md");

        var (code, output, _) = await Run("diff", Sample("remote-pxe-sp-old-wimgapi.json"), Sample("after/remote-pxe-sp-old-wimgapi.json"), "--format", "markdown", "-o", path);

        code.Should().Be(0);
        output.Should().BeEmpty();
        File.ReadAllText(path).Should().StartWith("# PxeRules diff\n").And.Contain("- wimgapi.version 6.0.6000.16386 → 6.0.6001.18000 on PXE02 cleared pxe-remote-wimgapi-not-updated-sp1.");
        Directory.GetFiles(Path.GetDirectoryName(path)!).Should().ContainSingle("the file is written to a temporary file and renamed");
    }

    [Fact]
    public async Task A_path_that_does_not_exist_exits_2_naming_it_and_what_was_expected()
    {
        var missing = Path.Combine(folder, "missing.json");

        var (code, output, error) = await Run("diff", Sample("remote-pxe-sp-old-wimgapi.json"), missing);

        code.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Be($"pxerules: error: AFTER '{missing}' does not exist; expected a snapshot (.json), a bundle from collect-pxe.cmd (its folder or zip, with manifest.txt) or a folder of logs (DIR or NAME=DIR).\n");
    }

    [Fact]
    public async Task A_file_of_another_kind_exits_2_naming_it()
    {
        var text = Path.Combine(folder, "notes.txt");
        File.WriteAllText(text, "hello");

        var (code, _, error) = await Run("diff", text, Sample("remote-pxe-sp-old-wimgapi.json"));

        code.Should().Be(2);
        error.Should().Be($"pxerules: error: BEFORE '{text}' is neither a .json snapshot nor a .zip nor a folder; expected a snapshot (.json), a bundle from collect-pxe.cmd (its folder or zip, with manifest.txt) or a folder of logs (DIR or NAME=DIR).\n");
    }

    [Fact]
    public async Task A_broken_snapshot_exits_2_with_its_line_and_column()
    {
        var broken = Path.Combine(folder, "broken.json");
        File.WriteAllText(broken, "{\"format\": \"pxerules-snapshot\", \"formatVersion\": 1,\n");

        var (code, _, error) = await Run("diff", broken, Sample("remote-pxe-sp-old-wimgapi.json"));

        code.Should().Be(2);
        error.Should().StartWith($"pxerules: error: BEFORE: {broken}(2,1): error PXR0001: The text is not valid JSON");
    }

    [Theory]
    [MemberData(nameof(AfterSamples))]
    public async Task An_after_sample_holds_every_probe_call_the_knowledge_base_makes_on_its_machines_and_no_other(string name)
    {
        // PublishedSchemaTests validates these samples against schemas/snapshot.schema.json.
        var path = Sample("after/" + name);
        var read = SnapshotFile.Read(path);
        read.Diagnostics.Select(d => d.ToString()).Should().BeEmpty();

        var problems = await RuleChecks.CheckSampleAsync(KnowledgeBase.LoadBundled(), read.Facts!, path, wholeKnowledgeBase: true);
        problems.Select(p => p.ToString()).Should().BeEmpty();
    }

    private string Renamed(string sample, string machine)
    {
        var json = JsonNode.Parse(File.ReadAllText(Sample(sample)))!;
        json["machines"]![0]!["name"] = machine;
        var file = Path.Combine(folder, Path.GetFileName(sample).Replace(".json", "-" + (sample.StartsWith("after/", StringComparison.Ordinal) ? "after" : "before") + ".json"));
        File.WriteAllText(file, json.ToJsonString());
        return file;
    }

    /// <summary>The incomplete fix of seed 2 with the SMSPXEIMAGES$ share pointing at <paramref name="path"/>: a change no outcome depends on.</summary>
    private string HostileAfter(string path)
    {
        var json = JsonNode.Parse(File.ReadAllText(Sample("after/pxe-sp-reinstall-leftovers-share-only.json")))!;
        var share = json["machines"]![0]!["probes"]!.AsArray().First(p => p!["kind"]!.GetValue<string>() == "share" && p["args"]!["name"]!.GetValue<string>() == "SMSPXEIMAGES$")!;
        share["value"]!["path"] = path;
        var file = Path.Combine(folder, "hostile-after.json");
        File.WriteAllText(file, json.ToJsonString());
        return file;
    }

    private static IReadOnlyList<string> Errors(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? Array.Empty<string>()
            : (result.Details ?? new List<EvaluationResults>()).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).ToArray();
    }
}
