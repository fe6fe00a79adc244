using System;
using System.IO;
using System.Linq;
using System.Text;
using FluentAssertions;
using PxeRules.Loading;
using PxeRules.Snapshots;
using Xunit;

namespace PxeRules.Tests.Hardening;

/// <summary>
/// A file of many mistakes gives a readable list: the first 100 problems of a file (1,000 in all), first error
/// first, then one line with how many more there were, and the load still fails.
/// </summary>
public class DiagnosticFloodTests
{
    [Fact]
    public void A_snapshot_with_thousands_of_bad_records_lists_the_first_hundred_and_counts_the_rest()
    {
        var records = string.Join(",", Enumerable.Range(0, 5000).Select(i => $"{{\"kind\": \"file\", \"args\": {{\"path\": \"C:\\\\f{i}\"}}, \"status\": \"bogus\"}}"));
        var json = $"{{\"format\": \"pxerules-snapshot\", \"formatVersion\": 1, \"collectedAt\": \"2026-11-25T10:00:00Z\", \"machines\": [{{\"name\": \"PXE01\", \"roles\": [\"pxe-service-point\"], \"probes\": [{records}]}}]}}";

        var result = SnapshotFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "flood.json");

        result.Success.Should().BeFalse();
        result.Diagnostics.Should().HaveCount(DiagnosticBag.MaxPerSource + 1);
        result.Diagnostics[0].Message.Should().StartWith("'status' should be one of value, notFound, unavailable, invalid");
        result.Diagnostics[^1].ToString().Should().MatchRegex(@"^flood\.json\(1,\d+\): error PXR0045: 4,900 more problem\(s\), from here on, are not listed \(at most 100 are listed for a file and 1,000 in all\); fix the ones above first\.$");
        result.Diagnostics[^1].Location.Column.Should().BeGreaterThan(result.Diagnostics[^2].Location.Column, "the count starts where the list stops");
    }

    [Fact]
    public void Many_files_of_mistakes_list_at_most_a_thousand_in_all()
    {
        var loader = new RuleLoader();
        for (var i = 0; i < 30; i++)
        {
            loader.AddText("apiVersion: pxerules/v1\nkind: Rule\n" + string.Concat(Enumerable.Range(0, 50).Select(k => $"unknown{k}: 1\n")), $"rule{i}.yaml");
        }

        var result = loader.Load();

        result.Success.Should().BeFalse();
        result.Diagnostics.Should().HaveCount(DiagnosticBag.MaxInAll + 1);
        result.Diagnostics[^1].Code.Should().Be(DiagnosticCodes.TooManyDiagnostics);
    }
}
