using System;
using System.Collections.Generic;
using FluentAssertions;
using PxeRules.Probes;
using Xunit;

namespace PxeRules.Tests.Probes;

/// <summary>The one %VAR% expander of the file-system and Windows providers.</summary>
public class PathVariablesTests
{
    private static readonly Dictionary<string, string> Variables = new(StringComparer.OrdinalIgnoreCase)
    {
        ["windir"] = @"C:\WINDOWS",
        ["SystemRoot"] = @"C:\WINDOWS",
        ["TEMP"] = @"%SystemRoot%\TEMP",
        ["Loop"] = "%Loop%",
    };

    private static string? Lookup(string name) => Variables.TryGetValue(name, out var value) ? value : null;

    [Theory]
    [InlineData(@"%windir%\System32\wimgapi.dll", @"C:\WINDOWS\System32\wimgapi.dll")]
    [InlineData(@"%WINDIR%\x", @"C:\WINDOWS\x")]
    [InlineData("100%", "100%")]
    [InlineData(@"C:\a%%b", @"C:\a%%b")]
    [InlineData(@"C:\50%\x%windir%", @"C:\50%\xC:\WINDOWS")]
    [InlineData("no variables", "no variables")]
    public void Variables_are_replaced_and_percent_signs_that_name_none_are_kept(string text, string expected)
    {
        PathVariables.TryExpand(text, Lookup, out var expanded, out var undefined).Should().BeTrue();

        expanded.Should().Be(expected);
        undefined.Should().BeNull();
    }

    [Fact]
    public void Values_that_name_variables_are_expanded_only_as_deep_as_asked()
    {
        PathVariables.TryExpand(@"%TEMP%\PXEBootfiles", Lookup, out var flat, out _).Should().BeTrue();
        PathVariables.TryExpand(@"%TEMP%\PXEBootfiles", Lookup, out var deep, out _, maxDepth: 8).Should().BeTrue();
        PathVariables.TryExpand("%Loop%", Lookup, out var loop, out _, maxDepth: 8).Should().BeTrue("a value naming itself stops at the depth");

        flat.Should().Be(@"%SystemRoot%\TEMP\PXEBootfiles");
        deep.Should().Be(@"C:\WINDOWS\TEMP\PXEBootfiles");
        loop.Should().Be("%Loop%");
    }

    [Fact]
    public void The_first_name_not_defined_is_given_back_and_the_text_is_left_as_it_was()
    {
        PathVariables.TryExpand(@"%windir%\%NOSUCH%\%OTHER%", Lookup, out var expanded, out var undefined).Should().BeFalse();

        undefined.Should().Be("NOSUCH");
        expanded.Should().Be(@"%windir%\%NOSUCH%\%OTHER%");
    }
}
