using FluentAssertions;
using PxeRules.Probes.Windows.Mapping;
using Xunit;

namespace PxeRules.Probes.Windows.Tests.Mapping;

public class AccessRightsTests
{
    [Theory]
    [InlineData(0x1F01FF, "FullControl")]
    [InlineData(0x1301BF, "Modify, Synchronize")]
    [InlineData(0x1200A9, "ReadAndExecute, Synchronize")]
    [InlineData(0x10000, "Delete")]
    [InlineData(0x10000000, "GenericAll")]
    [InlineData(unchecked((int)0xA0000000), "GenericRead, GenericExecute")]
    [InlineData(0x10000000 | 0x10000, "GenericAll, Delete")]
    [InlineData(0, "0")]
    public void Masks_are_named_as_windows_tools_name_them(int mask, string text)
    {
        AccessRights.Format(mask).Should().Be(text);
    }
}
