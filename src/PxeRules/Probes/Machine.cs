using System;
using System.Collections.Generic;
using System.Linq;

namespace PxeRules.Probes;

/// <summary>The site-system roles rules speak of.</summary>
public static class MachineRoles
{
    /// <summary>A primary or secondary site server.</summary>
    public const string SiteServer = "site-server";

    /// <summary>A server hosting the PXE service point and WDS.</summary>
    public const string PxeServicePoint = "pxe-service-point";

    /// <summary>A DHCP server.</summary>
    public const string DhcpServer = "dhcp-server";

    /// <summary>A distribution point.</summary>
    public const string DistributionPoint = "distribution-point";

    /// <summary>A management point.</summary>
    public const string ManagementPoint = "management-point";

    /// <summary>The SMS Provider computer.</summary>
    public const string SmsProvider = "sms-provider";

    /// <summary>Every role, in documentation order.</summary>
    public static IReadOnlyList<string> All { get; } =
        new[] { SiteServer, PxeServicePoint, DhcpServer, DistributionPoint, ManagementPoint, SmsProvider };

    /// <summary>Whether <paramref name="role"/> is one of <see cref="All"/> (ordinal).</summary>
    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}

/// <summary>A machine that facts are read on: its name and the site-system roles it holds. Immutable.</summary>
public sealed class Machine : IEquatable<Machine>
{
    private readonly string[] roles;

    /// <summary>Creates a machine description.</summary>
    /// <param name="name">The computer name; <c>.</c> or <c>localhost</c> for this machine.</param>
    /// <param name="roles">The roles it holds (<see cref="MachineRoles"/>).</param>
    public Machine(string name, params string[] roles)
        : this(name, (IEnumerable<string>)roles)
    {
    }

    /// <summary>Creates a machine description.</summary>
    /// <param name="name">The computer name.</param>
    /// <param name="roles">The roles it holds (<see cref="MachineRoles"/>).</param>
    public Machine(string name, IEnumerable<string> roles)
    {
        Name = string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A machine needs a name.", nameof(name)) : name;
        this.roles = (roles ?? Array.Empty<string>()).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The computer name.</summary>
    public string Name { get; }

    /// <summary>The roles it holds.</summary>
    public IReadOnlyList<string> Roles => roles;

    /// <summary>Whether it holds <paramref name="role"/>.</summary>
    public bool HasRole(string role)
    {
        // A loop, not LINQ: rule evaluation asks this for every rule and machine.
        foreach (var held in roles)
        {
            if (string.Equals(held, role, StringComparison.Ordinal)) return true;
        }

        return false;
    }

    /// <summary>Machines are equal when their names are, ignoring case (as Windows does).</summary>
    public bool Equals(Machine? other) => other is not null && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Machine);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Name);

    /// <inheritdoc />
    public override string ToString() => Roles.Count == 0 ? Name : $"{Name} ({string.Join(", ", Roles)})";
}
