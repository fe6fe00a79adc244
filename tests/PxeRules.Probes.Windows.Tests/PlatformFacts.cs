using System;
using Xunit;

namespace PxeRules.Probes.Windows.Tests;

/// <summary>A test that needs real Windows; skipped, with the reason, on other operating systems.</summary>
public sealed class WindowsFactAttribute : FactAttribute
{
    public WindowsFactAttribute()
    {
        if (!OperatingSystem.IsWindows())
        {
            Skip = "Needs Windows: it reads this computer through the real Windows APIs.";
        }
    }
}

/// <summary>A test of the behaviour off Windows; skipped, with the reason, on Windows.</summary>
public sealed class NonWindowsFactAttribute : FactAttribute
{
    public NonWindowsFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Checks the behaviour on an operating system other than Windows.";
        }
    }
}
