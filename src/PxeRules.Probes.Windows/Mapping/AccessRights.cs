using System.Collections.Generic;
using System.Security.AccessControl;

namespace PxeRules.Probes.Windows.Mapping;

/// <summary>Names an access mask the way Windows tools do: generic rights by name, file rights by their flag names.</summary>
internal static class AccessRights
{
    private const int GenericRead = unchecked((int)0x80000000);
    private const int GenericWrite = 0x40000000;
    private const int GenericExecute = 0x20000000;
    private const int GenericAll = 0x10000000;
    private const int GenericMask = unchecked((int)0xF0000000);
    private const int SystemBits = 0x03000000; // ACCESS_SYSTEM_SECURITY, MAXIMUM_ALLOWED: never in a DACL entry's meaning

    public static string Format(int mask)
    {
        var parts = new List<string>();
        if ((mask & GenericAll) != 0) parts.Add("GenericAll");
        if ((mask & GenericRead) != 0) parts.Add("GenericRead");
        if ((mask & GenericWrite) != 0) parts.Add("GenericWrite");
        if ((mask & GenericExecute) != 0) parts.Add("GenericExecute");
        var specific = mask & ~GenericMask & ~SystemBits;
        if (specific != 0 || parts.Count == 0)
        {
            parts.Add(((FileSystemRights)specific).ToString());
        }

        return string.Join(", ", parts);
    }
}
