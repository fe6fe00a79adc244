using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using PxeRules.Probes.Windows.Access;

namespace PxeRules.Probes.Windows.Native;

/// <summary>
/// DHCP option values through dhcpsapi.dll: <c>DhcpEnumSubnets</c> for the scopes, <c>DhcpEnumOptionValues</c> for the
/// server-level (global) and each scope's values of the default option class. The structures are read by offset,
/// because their unions put pointers at different places on 32-bit and 64-bit processes.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class DhcpAccess : IDhcpAccess
{
    private const int ErrorSuccess = 0;
    private const int ErrorMoreData = 234;
    private const int ErrorNoMoreItems = 259;
    private const int GlobalOptions = 1;
    private const int SubnetOptions = 2;
    private const int PreferredMaximum = 0x10000;

    public IReadOnlyList<DhcpOptionData> ReadOptions(string? server)
    {
        var address = server ?? "127.0.0.1";
        var options = new List<DhcpOptionData>();
        ReadScope(address, null, options);
        foreach (var subnet in Subnets(address))
        {
            ReadScope(address, subnet, options);
        }

        return options;
    }

    private static List<uint> Subnets(string server)
    {
        var subnets = new List<uint>();
        uint resume = 0;
        while (true)
        {
            var error = DhcpEnumSubnets(server, ref resume, PreferredMaximum, out var array, out _, out _);
            if (error == ErrorNoMoreItems)
            {
                return subnets;
            }

            if (error is not (ErrorSuccess or ErrorMoreData))
            {
                throw new Win32Exception(error);
            }

            try
            {
                var count = Marshal.ReadInt32(array);
                var elements = Marshal.ReadIntPtr(array, IntPtr.Size);
                for (var i = 0; i < count; i++)
                {
                    subnets.Add(unchecked((uint)Marshal.ReadInt32(elements, i * 4)));
                }

                Free(elements);
            }
            finally
            {
                Free(array);
            }

            if (error == ErrorSuccess)
            {
                return subnets;
            }
        }
    }

    private static void ReadScope(string server, uint? subnet, List<DhcpOptionData> options)
    {
        // DHCP_OPTION_SCOPE_INFO: the scope type, then a union whose largest member holds a pointer.
        var scopeInfo = Marshal.AllocHGlobal(IntPtr.Size * 2 + 8);
        try
        {
            for (var i = 0; i < IntPtr.Size * 2 + 8; i++)
            {
                Marshal.WriteByte(scopeInfo, i, 0);
            }

            Marshal.WriteInt32(scopeInfo, 0, subnet is null ? GlobalOptions : SubnetOptions);
            if (subnet is { } address)
            {
                Marshal.WriteInt32(scopeInfo, IntPtr.Size, unchecked((int)address));
            }

            uint resume = 0;
            while (true)
            {
                var error = DhcpEnumOptionValues(server, scopeInfo, ref resume, PreferredMaximum, out var array, out _, out _);
                if (error == ErrorNoMoreItems)
                {
                    return;
                }

                if (error is not (ErrorSuccess or ErrorMoreData))
                {
                    throw new Win32Exception(error);
                }

                try
                {
                    ReadValues(array, subnet, options);
                }
                finally
                {
                    FreeValues(array);
                }

                if (error == ErrorSuccess)
                {
                    return;
                }
            }
        }
        finally
        {
            Marshal.FreeHGlobal(scopeInfo);
        }
    }

    // DHCP_OPTION_VALUE_ARRAY { DWORD NumElements; DHCP_OPTION_VALUE* Values }
    // DHCP_OPTION_VALUE { DWORD OptionID; DHCP_OPTION_DATA Value }   (3 pointer sizes)
    // DHCP_OPTION_DATA { DWORD NumElements; DHCP_OPTION_DATA_ELEMENT* Elements }
    // DHCP_OPTION_DATA_ELEMENT { DWORD OptionType; union { ...; DHCP_BINARY_DATA { DWORD; BYTE* } } }   (3 pointer sizes)
    private static void ReadValues(IntPtr array, uint? subnet, List<DhcpOptionData> options)
    {
        var p = IntPtr.Size;
        var count = Marshal.ReadInt32(array);
        var values = Marshal.ReadIntPtr(array, p);
        for (var i = 0; i < count; i++)
        {
            var value = values + (i * 3 * p);
            var id = Marshal.ReadInt32(value);
            var elementCount = Marshal.ReadInt32(value, p);
            var elements = Marshal.ReadIntPtr(value, 2 * p);
            var list = new List<DhcpElement>(elementCount);
            for (var j = 0; j < elementCount; j++)
            {
                var element = elements + (j * 3 * p);
                var kind = (DhcpElementKind)Marshal.ReadInt32(element);
                var union = element + p;
                object data = kind switch
                {
                    DhcpElementKind.Byte => (long)Marshal.ReadByte(union),
                    DhcpElementKind.Word => (long)unchecked((ushort)Marshal.ReadInt16(union)),
                    DhcpElementKind.DWord => (long)unchecked((uint)Marshal.ReadInt32(union)),
                    DhcpElementKind.DWordDWord => ((ulong)unchecked((uint)Marshal.ReadInt32(union)) << 32) | unchecked((uint)Marshal.ReadInt32(union, 4)),
                    DhcpElementKind.IpAddress => unchecked((uint)Marshal.ReadInt32(union)),
                    DhcpElementKind.String or DhcpElementKind.Ipv6Address => Marshal.PtrToStringUni(Marshal.ReadIntPtr(union)) ?? string.Empty,
                    _ => Binary(union),
                };
                list.Add(new DhcpElement(kind, data));
            }

            options.Add(new DhcpOptionData(subnet, id, list));
        }
    }

    private static byte[] Binary(IntPtr union)
    {
        var length = Marshal.ReadInt32(union);
        var data = Marshal.ReadIntPtr(union, IntPtr.Size);
        var bytes = new byte[Math.Max(0, length)];
        if (data != IntPtr.Zero && length > 0)
        {
            Marshal.Copy(data, bytes, 0, length);
        }

        return bytes;
    }

    private static void FreeValues(IntPtr array)
    {
        var p = IntPtr.Size;
        var count = Marshal.ReadInt32(array);
        var values = Marshal.ReadIntPtr(array, p);
        for (var i = 0; i < count && values != IntPtr.Zero; i++)
        {
            var value = values + (i * 3 * p);
            var elementCount = Marshal.ReadInt32(value, p);
            var elements = Marshal.ReadIntPtr(value, 2 * p);
            for (var j = 0; j < elementCount && elements != IntPtr.Zero; j++)
            {
                var element = elements + (j * 3 * p);
                var kind = (DhcpElementKind)Marshal.ReadInt32(element);
                var union = element + p;
                if (kind is DhcpElementKind.String or DhcpElementKind.Ipv6Address)
                {
                    Free(Marshal.ReadIntPtr(union));
                }
                else if (kind is DhcpElementKind.Binary or DhcpElementKind.Encapsulated)
                {
                    Free(Marshal.ReadIntPtr(union, p));
                }
            }

            Free(elements);
        }

        Free(values);
        Free(array);
    }

    private static void Free(IntPtr pointer)
    {
        if (pointer != IntPtr.Zero)
        {
            DhcpRpcFreeMemory(pointer);
        }
    }

    [DllImport("dhcpsapi.dll", CharSet = CharSet.Unicode)]
    private static extern int DhcpEnumSubnets(string serverIpAddress, ref uint resumeHandle, int preferredMaximum, out IntPtr enumInfo, out int elementsRead, out int elementsTotal);

    [DllImport("dhcpsapi.dll", CharSet = CharSet.Unicode)]
    private static extern int DhcpEnumOptionValues(string serverIpAddress, IntPtr scopeInfo, ref uint resumeHandle, int preferredMaximum, out IntPtr optionValues, out int optionsRead, out int optionsTotal);

    [DllImport("dhcpsapi.dll")]
    private static extern void DhcpRpcFreeMemory(IntPtr bufferPointer);
}
