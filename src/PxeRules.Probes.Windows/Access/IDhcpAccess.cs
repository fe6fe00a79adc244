using System.Collections.Generic;

namespace PxeRules.Probes.Windows.Access;

/// <summary>The type of one element of a DHCP option value (DHCP_OPTION_DATA_TYPE).</summary>
internal enum DhcpElementKind
{
    Byte = 0,
    Word = 1,
    DWord = 2,
    DWordDWord = 3,
    IpAddress = 4,
    String = 5,
    Binary = 6,
    Encapsulated = 7,
    Ipv6Address = 8,
}

/// <summary>
/// One element of an option value: Byte, Word and DWord as <see cref="long"/>, DWordDWord as <see cref="ulong"/>,
/// IpAddress as <see cref="uint"/> (host order, as the DHCP API gives it), String and Ipv6Address as
/// <see cref="string"/>, Binary and Encapsulated as <c>byte[]</c>.
/// </summary>
internal sealed record DhcpElement(DhcpElementKind Kind, object Value);

/// <summary>An option value set at server level (<paramref name="Scope"/> null) or on a scope (its subnet address).</summary>
internal sealed record DhcpOptionData(uint? Scope, int OptionId, IReadOnlyList<DhcpElement> Elements);

/// <summary>Reads the option values of a DHCP server. Throws Win32Exception when the DHCP API fails.</summary>
internal interface IDhcpAccess
{
    /// <param name="server">The server's name, or <see langword="null"/> for this machine.</param>
    IReadOnlyList<DhcpOptionData> ReadOptions(string? server);
}
