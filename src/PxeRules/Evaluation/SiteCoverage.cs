using System;
using System.Collections.Generic;
using System.Linq;

namespace PxeRules.Evaluation;

/// <summary>
/// What a run saw of a site and what it did not: the machines the site's own lists name and whether each was
/// collected, the roles each machine was judged in and where they came from, and the facts that could not be read.
/// Reports start with it, so a site with a server that was not collected never reads as healthy. Immutable.
/// </summary>
public sealed class SiteCoverage
{
    internal SiteCoverage(IReadOnlyList<MachineCoverage> machines, IReadOnlyList<string> gaps, bool siteListRead)
    {
        Machines = machines;
        Gaps = gaps;
        SiteListRead = siteListRead;
    }

    /// <summary>Every machine of the run, then every machine the site lists that was not collected.</summary>
    public IReadOnlyList<MachineCoverage> Machines { get; }

    /// <summary>
    /// Whether a site's own list of site systems (or of PXE service points) was read, so that the machines the run
    /// should see are known.
    /// </summary>
    public bool SiteListRead { get; }

    /// <summary>
    /// Why coverage is not complete, one sentence each: machines listed by the site and not collected, or the
    /// site's list that could not be read. Empty when <see cref="IsComplete"/>.
    /// </summary>
    public IReadOnlyList<string> Gaps { get; }

    /// <summary>Whether the site's list was read and every machine on it was collected.</summary>
    public bool IsComplete => Gaps.Count == 0;

    /// <summary>The machines that were collected.</summary>
    public int Collected => Machines.Count(m => m.Collected);

    /// <summary>The machines the run saw or should have seen: those collected and those the site lists.</summary>
    public int Expected => Machines.Count;
}

/// <summary>One machine of a site: collected or not, its roles and where they came from, and what could not be read.</summary>
public sealed class MachineCoverage
{
    internal MachineCoverage(
        string name,
        string? notCollectedReason,
        IReadOnlyList<string> roles,
        IReadOnlyList<string> typedRoles,
        IReadOnlyList<string> roleNotes,
        IReadOnlyList<string> conflicts,
        int factsRead,
        IReadOnlyList<KeyValuePair<string, int>> unavailableByReason)
    {
        Name = name;
        NotCollectedReason = notCollectedReason;
        Roles = roles;
        TypedRoles = typedRoles;
        RoleNotes = roleNotes;
        Conflicts = conflicts;
        FactsRead = factsRead;
        UnavailableByReason = unavailableByReason;
    }

    /// <summary>The computer name.</summary>
    public string Name { get; }

    /// <summary>Whether facts were collected on it.</summary>
    public bool Collected => NotCollectedReason is null;

    /// <summary>
    /// Why the site expects it although it was not collected (<c>PXE02 is a PXE service point of site CEN and was not
    /// collected</c>); null for a collected machine.
    /// </summary>
    public string? NotCollectedReason { get; }

    /// <summary>The roles it was judged in: discovered from facts, and typed roles the facts did not contradict.</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>The roles given for it (the command line, the snapshot, the host): hints, not the last word.</summary>
    public IReadOnlyList<string> TypedRoles { get; }

    /// <summary>Where each role came from (<c>pxe-service-point: configmgr.pxe answers on PXE01</c>).</summary>
    public IReadOnlyList<string> RoleNotes { get; }

    /// <summary>Where the facts and the typed roles, or two sources of facts, disagree, and what was decided.</summary>
    public IReadOnlyList<string> Conflicts { get; }

    /// <summary>How many probe calls on it gave an answer (a value or not found).</summary>
    public int FactsRead { get; }

    /// <summary>The probe calls on it that could not be read, counted by reason, most frequent first.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> UnavailableByReason { get; }

    /// <inheritdoc />
    public override string ToString() => Roles.Count == 0 ? Name : $"{Name} ({string.Join(", ", Roles)})";
}
