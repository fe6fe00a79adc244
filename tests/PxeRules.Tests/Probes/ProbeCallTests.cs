using System.Collections.Generic;
using FluentAssertions;
using PxeRules.Probes;
using Xunit;

namespace PxeRules.Tests.Probes;

/// <summary>Reading a call's arguments in a provider without exceptions for the odd ones.</summary>
public class ProbeCallTests
{
    private static ProbeCall Call(object? value) =>
        new(new Machine("PXE01", MachineRoles.PxeServicePoint), "log.entries", new Dictionary<string, object?> { ["n"] = value });

    [Theory]
    [InlineData(5000.0, true, 5000.0)]
    [InlineData(12, true, 12.0)]
    [InlineData("16777216", true, 16777216.0)]
    [InlineData("lots", false, 0.0)]
    [InlineData(true, false, 0.0)]
    [InlineData(null, false, 0.0)]
    public void TryGetNumber_reads_a_number_or_says_it_cannot(object? given, bool read, double expected)
    {
        Call(given).TryGetNumber("n", out var value).Should().Be(read);
        value.Should().Be(expected);
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData("false", true, false)]
    [InlineData("yes", false, false)]
    [InlineData(1.0, false, false)]
    public void TryGetBoolean_reads_a_boolean_or_says_it_cannot(object? given, bool read, bool expected)
    {
        Call(given).TryGetBoolean("n", out var value).Should().Be(read);
        value.Should().Be(expected);
    }

    [Fact]
    public void A_missing_argument_is_not_read() =>
        new ProbeCall(new Machine("PXE01"), "os").TryGetNumber("n", out _).Should().BeFalse();
}
