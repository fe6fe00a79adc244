using System;
using System.Collections.Generic;
using System.Linq;
using PxeRules.Facts;
using PxeRules.Probes;

namespace PxeRules.Evaluation;

/// <summary>
/// Works out the roles each machine of a run holds from what it holds, and which machines the site expects: the site
/// server's lists of site systems and PXE service points, the ConfigMgr registry keys read as <c>configmgr.site</c>
/// and <c>configmgr.pxe</c>, and an installed DHCP Server service. Typed roles are hints: a role a fact proves is
/// held whether typed or not; a typed role the facts disprove is dropped and the conflict reported; a typed role no
/// fact speaks to is kept. A machine the site lists as a PXE service point or distribution point that is not in the
/// run is added, not collected, so the rules for it are inconclusive rather than not applicable.
/// </summary>
internal static class SiteDiscovery
{
    private const string SiteKind = "configmgr.site";
    private const string PxeKind = "configmgr.pxe";
    private const string SiteSystemsKind = "configmgr.siteSystems";
    private const string PxeServicePointsKind = "configmgr.pxeServicePoints";
    private const string ServiceKind = "service";
    private const string DhcpService = "DHCPServer";

    // The key of each call discovery reads, after the machine's name: records are found without building the call.
    private static readonly string SiteSuffix = ProbeCall.KeySuffix(SiteKind, new Dictionary<string, object?>());
    private static readonly string PxeSuffix = ProbeCall.KeySuffix(PxeKind, new Dictionary<string, object?>());
    private static readonly string SiteSystemsSuffix = ProbeCall.KeySuffix(SiteSystemsKind, new Dictionary<string, object?>());
    private static readonly string PxeServicePointsSuffix = ProbeCall.KeySuffix(PxeServicePointsKind, new Dictionary<string, object?>());
    private static readonly string DhcpSuffix = ProbeCall.KeySuffix(ServiceKind, new Dictionary<string, object?> { ["name"] = DhcpService });

    /// <summary>ConfigMgr 2007's role names (<c>SMS_SystemResourceList.RoleName</c>) for the roles rules speak of.</summary>
    private static readonly Dictionary<string, string> ListedRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SMS Site Server"] = MachineRoles.SiteServer,
        ["SMS PXE Service Point"] = MachineRoles.PxeServicePoint,
        ["SMS Distribution Point"] = MachineRoles.DistributionPoint,
        ["SMS Management Point"] = MachineRoles.ManagementPoint,
        ["SMS Provider"] = MachineRoles.SmsProvider,
    };

    private static readonly Dictionary<string, string> RoleWords = new(StringComparer.Ordinal)
    {
        [MachineRoles.SiteServer] = "a site server",
        [MachineRoles.PxeServicePoint] = "a PXE service point",
        [MachineRoles.DistributionPoint] = "a distribution point",
        [MachineRoles.ManagementPoint] = "a management point",
        [MachineRoles.SmsProvider] = "an SMS Provider",
        [MachineRoles.DhcpServer] = "a DHCP server",
    };

    /// <summary>The calls discovery reads on every machine, before the rules' facts are planned.</summary>
    public static IEnumerable<ProbeCall> FirstCalls(Machine machine)
    {
        yield return new ProbeCall(machine, SiteKind);
        yield return new ProbeCall(machine, PxeKind);
        yield return new ProbeCall(machine, ServiceKind, new Dictionary<string, object?> { ["name"] = DhcpService });
    }

    /// <summary>The calls discovery reads on a machine that <see cref="FirstCalls"/> showed to be a site server.</summary>
    public static IEnumerable<ProbeCall> SiteServerCalls(Machine machine, FactTable facts)
    {
        if (facts.Find(machine.Name, SiteSuffix)?.Result.Status != ProbeStatus.Value) yield break;
        yield return new ProbeCall(machine, SiteSystemsKind);
        yield return new ProbeCall(machine, PxeServicePointsKind);
    }

    /// <summary>The short computer name: <c>PXE02</c> for <c>pxe02.corp.contoso.com</c>.</summary>
    public static string ShortName(string name)
    {
        var dot = name.IndexOf('.');
        return dot > 0 ? name.Substring(0, dot) : name;
    }

    public static DiscoveredSite Discover(FactTable facts)
    {
        // The site lists: (server, role, site code) from every site server of the run that answered.
        var listed = new List<(string Server, string Role, string Site)>();
        var pxeListRead = false;
        var systemsListRead = false;
        var siteServers = new List<string>();
        foreach (var machine in facts.Machines)
        {
            var site = facts.Find(machine.Name, SiteSuffix);
            if (site?.Result.Status != ProbeStatus.Value) continue;
            siteServers.Add(machine.Name);
            var code = (site.Value as IReadOnlyDictionary<string, object?>)?.TryGetValue("siteCode", out var c) == true && c is string s ? s : "?";
            if (facts.Find(machine.Name, SiteSystemsSuffix) is { Result.Status: ProbeStatus.Value, Value: object?[] systems })
            {
                systemsListRead = true;
                foreach (var item in systems.OfType<IReadOnlyDictionary<string, object?>>())
                {
                    if (Text(item, "server") is { Length: > 0 } server && Text(item, "role") is { } name && ListedRoles.TryGetValue(name, out var role))
                    {
                        listed.Add((ShortName(server), role, Text(item, "siteCode") ?? code));
                    }
                }
            }

            if (facts.Find(machine.Name, PxeServicePointsSuffix) is { Result.Status: ProbeStatus.Value, Value: object?[] points })
            {
                pxeListRead = true;
                foreach (var item in points.OfType<IReadOnlyDictionary<string, object?>>())
                {
                    if (Text(item, "server") is { Length: > 0 } server) listed.Add((ShortName(server), MachineRoles.PxeServicePoint, code));
                }
            }
        }

        var listedAs = new HashSet<string>(listed.Select(l => l.Role + "|" + l.Server), StringComparer.OrdinalIgnoreCase);
        bool Listed(string name, string role) => listedAs.Count > 0 && listedAs.Contains(role + "|" + ShortName(name));

        bool ListRead(string role) => systemsListRead || (pxeListRead && role == MachineRoles.PxeServicePoint);

        var coverage = new List<MachineCoverage>();
        var effective = new List<Machine>();
        var tallies = Tally(facts.Records);
        foreach (var machine in facts.Machines)
        {
            var roles = new List<string>();
            var notes = new List<string>();
            var conflicts = new List<string>();
            foreach (var role in MachineRoles.All)
            {
                var typed = machine.HasRole(role);
                var (proof, disproof) = Local(facts, machine, role);
                var listedHere = Listed(machine.Name, role);
                var listSays = ListRead(role) && siteServers.Count > 0 ? (bool?)listedHere : null;
                string? holdsBecause = proof ?? (listedHere ? $"the site lists {machine.Name} as {RoleWords[role]}" : null);
                string? notBecause = disproof ?? (listSays == false ? $"the site's list does not name {machine.Name} as {RoleWords[role]}" : null);
                if (holdsBecause is not null)
                {
                    roles.Add(role);
                    notes.Add($"{role}: {holdsBecause}" + (typed ? string.Empty : " (discovered)"));
                    if (notBecause is not null)
                    {
                        conflicts.Add($"{role}: {holdsBecause}, but {notBecause}; judged as {RoleWords[role]} (a role removed with leftovers, or a list not yet updated)");
                    }
                }
                else if (typed && notBecause is not null)
                {
                    conflicts.Add($"{role}: given as a role of {machine.Name}, but {notBecause}; judged without it");
                }
                else if (typed)
                {
                    roles.Add(role);
                    notes.Add(AsGiven[role]);
                }
            }

            // A machine given no role whose own facts could not say whether it is a PXE service point (the role nearly
            // every rule is about): judged as one, so the rules for it are not passed unseen.
            if (roles.Count == 0 && machine.Roles.Count == 0)
            {
                foreach (var role in new[] { MachineRoles.PxeServicePoint })
                {
                    if (Unreadable(facts, machine, role) is { } why)
                    {
                        roles.Add(role);
                        notes.Add($"{role}: not known ({why}); judged as {RoleWords[role]} so that its rules are not passed unseen");
                        conflicts.Add($"{role}: whether {machine.Name} is {RoleWords[role]} is not known ({why})");
                    }
                }
            }

            // Roles outside the known set are the host's own: kept as given.
            roles.AddRange(machine.Roles.Where(r => !MachineRoles.IsKnown(r)));
            tallies.TryGetValue(machine.Name, out var tally);
            var unavailable = tally?.Unavailable is { } reasons
                ? reasons.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).ToArray()
                : Array.Empty<KeyValuePair<string, int>>();
            coverage.Add(new MachineCoverage(machine.Name, null, roles, machine.Roles, notes, conflicts, tally is null ? 0 : tally.Records - unavailable.Sum(u => u.Value), unavailable));
            effective.Add(roles.SequenceEqual(machine.Roles, StringComparer.Ordinal) ? machine : new Machine(machine.Name, roles));
        }

        // Machines the site lists as PXE service points or distribution points and the run did not collect.
        var gaps = new List<string>();
        var missingReasons = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var collected = new HashSet<string>(facts.Machines.Select(m => ShortName(m.Name)), StringComparer.OrdinalIgnoreCase);
        foreach (var server in listed.Where(l => l.Role is MachineRoles.PxeServicePoint or MachineRoles.DistributionPoint)
                     .Select(l => l.Server).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(s => s, StringComparer.OrdinalIgnoreCase))
        {
            if (collected.Contains(server)) continue;
            var roles = MachineRoles.All.Where(r => listed.Any(l => l.Role == r && string.Equals(l.Server, server, StringComparison.OrdinalIgnoreCase))).ToArray();
            var sites = listed.Where(l => string.Equals(l.Server, server, StringComparison.OrdinalIgnoreCase)).Select(l => l.Site).Distinct(StringComparer.OrdinalIgnoreCase);
            var reason = $"{server} is {Words(roles)} of site {string.Join(", ", sites)} and was not collected";
            gaps.Add(reason + ".");
            missingReasons[server] = reason;
            coverage.Add(new MachineCoverage(server, reason, roles, Array.Empty<string>(), roles.Select(r => $"{r}: the site lists {server} as {RoleWords[r]}").ToArray(),
                Array.Empty<string>(), 0, Array.Empty<KeyValuePair<string, int>>()));
            effective.Add(new Machine(server, roles));
        }

        var listRead = systemsListRead || pxeListRead;
        if (siteServers.Count == 0)
        {
            gaps.Insert(0, "No site server is in this run, so which PXE service points and distribution points the site has is not known: add the site server's snapshot or bundle, or --computer the site server.");
        }
        else if (!listRead)
        {
            gaps.Insert(0, $"The site's list of site systems could not be read on {string.Join(", ", siteServers)} ({ListReason(facts, siteServers)}), so which machines the site has is not known.");
        }

        var table = missingReasons.Count == 0 && effective.Zip(facts.Machines, ReferenceEquals).All(same => same) && effective.Count == facts.Machines.Count
            ? facts
            : facts.WithMachines(effective, missingReasons);
        return new DiscoveredSite(table, new SiteCoverage(coverage, gaps, listRead));
    }

    /// <summary>Per machine (by name, ignoring case): how many records it has and, when some were unavailable or invalid, how many per reason.</summary>
    private static Dictionary<string, MachineTally> Tally(IReadOnlyList<FactRecord> records)
    {
        var tallies = new Dictionary<string, MachineTally>(StringComparer.OrdinalIgnoreCase);
        MachineTally? last = null;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var name = record.Call.Machine.Name;

            // Records come grouped by machine, so the previous machine's tally is usually the one.
            if (last is null || !string.Equals(last.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                if (!tallies.TryGetValue(name, out last)) tallies.Add(name, last = new MachineTally(name));
            }

            last.Records++;
            if (record.Result.Status == ProbeStatus.Unavailable || record.InvalidReason is not null)
            {
                var reason = record.InvalidReason ?? record.Result.Reason ?? "unavailable";
                last.Unavailable ??= new Dictionary<string, int>(StringComparer.Ordinal);
                last.Unavailable[reason] = last.Unavailable.TryGetValue(reason, out var n) ? n + 1 : 1;
            }
        }

        return tallies;
    }

    private static readonly Dictionary<string, string> AsGiven =
        MachineRoles.All.ToDictionary(role => role, role => $"{role}: as given; no fact read confirms or contradicts it", StringComparer.Ordinal);

    private sealed class MachineTally
    {
        public MachineTally(string name) => Name = name;

        public string Name { get; }

        public int Records { get; set; }

        public Dictionary<string, int>? Unavailable { get; set; }
    }

    private static string Words(IReadOnlyList<string> roles) =>
        roles.Count == 0 ? "a site system" : string.Join(" and ", roles.Select(r => RoleWords[r]));

    private static string ListReason(FactTable facts, IEnumerable<string> siteServers)
    {
        var reasons = siteServers.Select(s => facts.Find(s, SiteSystemsSuffix) is { } record
                ? record.InvalidReason ?? record.Result.Reason ?? record.Result.Status.ToString()
                : facts.MissingReason)
            .Distinct(StringComparer.Ordinal);
        return string.Join("; ", reasons);
    }

    /// <summary>What the machine's own facts say of a role: why it holds it, or why it does not; null when they are silent.</summary>
    private static (string? Proof, string? Disproof) Local(FactTable facts, Machine machine, string role)
    {
        var (kind, suffix) = role switch
        {
            MachineRoles.SiteServer => (SiteKind, SiteSuffix),
            MachineRoles.PxeServicePoint => (PxeKind, PxeSuffix),
            MachineRoles.DhcpServer => (ServiceKind, DhcpSuffix),
            _ => (null, null),
        };
        if (suffix is null || facts.Find(machine.Name, suffix) is not { InvalidReason: null } record) return (null, null);
        var what = role == MachineRoles.DhcpServer ? "the DHCP Server service" : kind;
        return record.Result.Status switch
        {
            ProbeStatus.Value => ($"{what} answers on {machine.Name}", null),
            ProbeStatus.NotFound => (null, $"{what} is not found on {machine.Name}"),
            _ => (null, null),
        };
    }

    /// <summary>Why the fact that would show <paramref name="role"/> could not be read on the machine; null when it was read or not asked.</summary>
    private static string? Unreadable(FactTable facts, Machine machine, string role)
    {
        var (kind, suffix) = role switch
        {
            MachineRoles.SiteServer => (SiteKind, SiteSuffix),
            MachineRoles.PxeServicePoint => (PxeKind, PxeSuffix),
            _ => (ServiceKind, DhcpSuffix),
        };
        return facts.Find(machine.Name, suffix) is { } record && (record.Result.Status == ProbeStatus.Unavailable || record.InvalidReason is not null)
            ? $"{kind} is unavailable: {(record.InvalidReason ?? record.Result.Reason ?? "no reason given").TrimEnd('.')}"
            : null;
    }

    private static string? Text(IReadOnlyDictionary<string, object?> record, string field) =>
        record.TryGetValue(field, out var value) && value is string text ? text : null;
}

/// <summary>A fact table with each machine's roles as discovered, and the site's coverage.</summary>
internal sealed class DiscoveredSite
{
    public DiscoveredSite(FactTable table, SiteCoverage coverage)
    {
        Table = table;
        Coverage = coverage;
    }

    public FactTable Table { get; }

    public SiteCoverage Coverage { get; }
}
