using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using FluentAssertions;
using PxeRules.Model;
using PxeRules.Probes;
using Xunit;
using static PxeRules.Tests.Evaluation.EngineHarness;

namespace PxeRules.Tests.Evaluation;

/// <summary>
/// A list argument names several places (the log directory the registry gives, then the default folders). A place
/// whose fact is unavailable is left out and the others are read, so a folder of logs still answers; but not finding
/// anything in the places that were read then proves nothing, and the fact is unavailable, never not found.
/// </summary>
public class ListArgumentTests
{
    private const string Facts =
        "  pxe: { probe: configmgr.pxe }\n" +
        "  log: { probe: log.entries, args: { paths: ['{{ pxe.logDirectory }}\\SMSPXE.log', 'C:\\SMS_CCM\\Logs\\SMSPXE.log'] } }\n";

    private static readonly Dictionary<string, object?> DefaultPlaceOnly = new() { ["paths"] = new object?[] { "C:\\SMS_CCM\\Logs\\SMSPXE.log" } };

    [Fact]
    public async Task A_place_whose_fact_is_unavailable_is_left_out_and_the_others_decide()
    {
        var provider = new InMemoryProbeProvider()
            .Add(Server, "configmgr.pxe", null, ProbeResult.Unavailable("Access is denied."))
            .Add(Server, "log.entries", DefaultPlaceOnly, ProbeResult.Found(new object?[]
            {
                new Dictionary<string, object?> { ["text"] = "Failed to open PXE registry key. Not a PXE service point.", ["component"] = "SMSPXE" },
            }));

        var result = await EvaluateOne(Rule("fact: log\nanyItem:\n  field: text\n  matches: 'Failed to open PXE registry key'\n", Facts), provider);

        result.Outcome.Should().Be(Outcome.Detected);
    }

    [Fact]
    public async Task Nothing_found_in_the_places_left_is_unavailable_with_the_place_left_out()
    {
        var provider = new InMemoryProbeProvider()
            .Add(Server, "configmgr.pxe", null, ProbeResult.Unavailable("Access is denied."))
            .Add(Server, "log.entries", DefaultPlaceOnly, ProbeResult.NotFound());

        var result = await EvaluateOne(Rule("fact: log\nexists: false\n", Facts), provider);

        result.Outcome.Should().Be(Outcome.Inconclusive, "the log may be in the folder the registry would have named");
        result.Explanation.Should().Contain("Not found in the places that could be read; a place was left out because it depends on 'pxe.logDirectory', which is unavailable: Access is denied.");
    }

    [Fact]
    public async Task A_place_whose_fact_is_not_found_is_simply_not_a_place()
    {
        var provider = new InMemoryProbeProvider()
            .Add(Server, "configmgr.pxe", null, ProbeResult.NotFound())
            .Add(Server, "log.entries", DefaultPlaceOnly, ProbeResult.NotFound());

        var result = await EvaluateOne(Rule("fact: log\nexists: false\n", Facts), provider);

        result.Outcome.Should().Be(Outcome.Detected);
    }
}
