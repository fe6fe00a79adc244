using System;
using System.Collections.Generic;
using System.Management;
using System.Runtime.Versioning;
using System.Threading;
using PxeRules.Probes.Windows.Access;

namespace PxeRules.Probes.Windows.Native;

/// <summary>WMI through System.Management, over DCOM to <c>\\machine\namespace</c>.</summary>
[SupportedOSPlatform("windows")]
internal sealed class WmiAccess : IWmiAccess
{
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Query(
        string? machine, string wmiNamespace, string query, bool fullInstances, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var scope = Connect(machine, wmiNamespace, timeout);
            var enumeration = new EnumerationOptions { Timeout = timeout, ReturnImmediately = true, Rewindable = false };
            using var searcher = new ManagementObjectSearcher(scope, new ObjectQuery(query), enumeration);
            using var results = searcher.Get();
            var rows = new List<IReadOnlyDictionary<string, object?>>();
            foreach (var item in results)
            {
                using (item)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (fullInstances && item is ManagementObject instance)
                    {
                        instance.Get();
                    }

                    rows.Add(Convert(item));
                }
            }

            return rows;
        }
        catch (ManagementException e)
        {
            throw new WmiException(e.Message.Trim(), (int)e.ErrorCode);
        }
    }

    public bool ClassExists(string? machine, string wmiNamespace, string className, TimeSpan timeout)
    {
        try
        {
            var scope = Connect(machine, wmiNamespace, timeout);
            using var definition = new ManagementClass(scope, new ManagementPath(className), new ObjectGetOptions { Timeout = timeout });
            definition.Get();
            return true;
        }
        catch (ManagementException e) when (e.ErrorCode is ManagementStatus.NotFound or ManagementStatus.InvalidClass)
        {
            return false;
        }
        catch (ManagementException e)
        {
            throw new WmiException(e.Message.Trim(), (int)e.ErrorCode);
        }
    }

    private static ManagementScope Connect(string? machine, string wmiNamespace, TimeSpan timeout)
    {
        var options = new ConnectionOptions
        {
            Timeout = timeout,
            Impersonation = ImpersonationLevel.Impersonate,
            Authentication = AuthenticationLevel.PacketPrivacy,
        };
        var scope = new ManagementScope($@"\\{machine ?? "."}\{wmiNamespace}", options);
        scope.Connect();
        return scope;
    }

    private static IReadOnlyDictionary<string, object?> Convert(ManagementBaseObject item)
    {
        var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in item.Properties)
        {
            row[property.Name] = Value(property.Value);
        }

        return row;
    }

    private static object? Value(object? value) => value switch
    {
        null => null,
        ManagementBaseObject embedded => Convert(embedded),
        string text => text,
        Array array => ToList(array),
        _ => value,
    };

    private static object?[] ToList(Array array)
    {
        var list = new object?[array.Length];
        for (var i = 0; i < array.Length; i++)
        {
            list[i] = Value(array.GetValue(i));
        }

        return list;
    }
}
