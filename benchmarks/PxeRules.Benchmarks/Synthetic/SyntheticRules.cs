using System;
using System.Collections.Generic;

namespace PxeRules.Benchmarks.Synthetic;

/// <summary>What a leaf of a synthetic rule tests.</summary>
public enum LeafKind
{
    Service,
    FileVersion,
    Registry,
    Number,
    Regex,
}

/// <summary>A condition of a synthetic rule, neutral to every system that evaluates it.</summary>
public abstract class CondDef
{
}

public sealed class AllDef : CondDef
{
    public AllDef(params CondDef[] members) => Members = members;

    public CondDef[] Members { get; }
}

public sealed class AnyDef : CondDef
{
    public AnyDef(params CondDef[] members) => Members = members;

    public CondDef[] Members { get; }
}

public sealed class NotDef : CondDef
{
    public NotDef(CondDef operand) => Operand = operand;

    public CondDef Operand { get; }
}

/// <summary>
/// One comparison: fact <see cref="Slot"/> of the snapshot, an operator as the design writes it
/// (<c>== != &lt; &lt;= &gt; &gt;= exists matches</c>) and the literal as text, parsed by each system at load.
/// </summary>
public sealed class LeafDef : CondDef
{
    public LeafDef(LeafKind kind, int slot, string op, string literal)
    {
        Kind = kind;
        Slot = slot;
        Op = op;
        Literal = literal;
    }

    public LeafKind Kind { get; }

    public int Slot { get; }

    public string Op { get; }

    public string Literal { get; }

    public SyntheticFact Fact => SyntheticSnapshot.Facts[Slot];
}

/// <summary>One synthetic rule: id, title, severity, condition and three remediation sentences.</summary>
public sealed class RuleDef
{
    public RuleDef(int number, CondDef condition, string severity)
    {
        Number = number;
        Condition = condition;
        Severity = severity;
    }

    /// <summary>1-based.</summary>
    public int Number { get; }

    /// <summary><c>pxe-00001</c>: our ids are lower case.</summary>
    public string Id => $"pxe-{Number:00000}";

    public string Title => $"Synthetic PXE deployment check {Number}";

    public CondDef Condition { get; }

    public string Severity { get; }

    public IEnumerable<string> Remediation
    {
        get
        {
            yield return $"Verify the WDS and ConfigMgr PXE service point configuration referenced by PXE-{Number:00000}.";
            yield return "Apply the hotfix or update listed in the knowledge base article, then restart WDSServer.";
            yield return "Re-run PXE boot on the client and confirm SMSPXE.log shows the boot image offer.";
        }
    }

    /// <summary>The slots the condition reads, each once, in first-use order.</summary>
    public IReadOnlyList<int> Slots
    {
        get
        {
            var slots = new List<int>();
            void Visit(CondDef c)
            {
                switch (c)
                {
                    case AllDef all: foreach (var m in all.Members) Visit(m); break;
                    case AnyDef any: foreach (var m in any.Members) Visit(m); break;
                    case NotDef not: Visit(not.Operand); break;
                    case LeafDef leaf when !slots.Contains(leaf.Slot): slots.Add(leaf.Slot); break;
                }
            }

            Visit(Condition);
            return slots;
        }
    }
}

/// <summary>
/// The deterministic rule generator of the performance design (shared/research/performance-anchors.md §2.2):
/// SplitMix64 with seed 20261125; per rule the shape, then the leaves in textual order, then the severity.
/// The first N rules of a longer run are the N rules of a shorter one.
/// </summary>
public static class SyntheticRules
{
    public const ulong Seed = 20261125;

    /// <summary>The number of rules that are true over <see cref="SyntheticSnapshot"/>, per N, as the design measured.</summary>
    public static IReadOnlyDictionary<int, int> Checksums { get; } = new Dictionary<int, int> { [100] = 42, [1_000] = 483, [10_000] = 4_713 };

    private static readonly string[] States = { "Running", "Stopped", "Paused", "StartPending" };
    private static readonly string[] Orders = { "<", "<=", ">", ">=" };
    private static readonly string[] Severities = { "error", "warning", "info" };

    public static readonly string[] Patterns =
    {
        "PXE-E[0-9]{2}",
        "TFTP.*(timeout|timed out)",
        "0x8[0-9A-Fa-f]{7}",
        "(?i)no boot filename",
        "WDSPXE.*error",
        "not found on the distribution point",
        "Status: *[1-9]",
        "Option 60 is set",
    };

    public static RuleDef[] Generate(int count)
    {
        var random = new SplitMix64(Seed);
        var rules = new RuleDef[count];
        for (var i = 0; i < count; i++)
        {
            CondDef L() => Leaf(random);
            CondDef condition;
            switch (random.Next(4))
            {
                case 0:
                    condition = new AllDef(L(), L(), L());
                    break;
                case 1:
                    condition = new AnyDef(L(), L(), L(), L());
                    break;
                case 2:
                    {
                        var a = L();
                        var b = L();
                        var c = L();
                        var d = L();
                        condition = new AllDef(a, new AnyDef(b, c), new NotDef(d));
                        break;
                    }

                default:
                    {
                        var a = L();
                        var b = L();
                        var c = L();
                        var d = L();
                        var e = L();
                        condition = new AnyDef(new AllDef(a, b), new AllDef(c, new NotDef(d)), e);
                        break;
                    }
            }

            rules[i] = new RuleDef(i + 1, condition, Severities[random.Next(3)]);
        }

        return rules;
    }

    private static LeafDef Leaf(SplitMix64 random)
    {
        var r = random.Next(100);
        if (r < 30)
        {
            var k = random.Next(12);
            var op = random.Next(2) == 0 ? "==" : "!=";
            return new LeafDef(LeafKind.Service, SyntheticSnapshot.ServiceBase + k, op, States[random.Next(4)]);
        }

        if (r < 55)
        {
            var k = random.Next(12);
            var value = SyntheticSnapshot.FileVersion(k);
            var build = value.Build + 100 * (random.Next(3) - 1);
            var revision = value.Revision + random.Next(101) - 50;
            var literal = new Version(value.Major, value.Minor, build, revision);
            return new LeafDef(LeafKind.FileVersion, SyntheticSnapshot.FileBase + k, Orders[random.Next(4)], literal.ToString());
        }

        if (r < 75)
        {
            var k = random.Next(12);
            return random.Next(3) == 0
                ? new LeafDef(LeafKind.Registry, SyntheticSnapshot.RegistryBase + k, "==", random.Next(2).ToString(System.Globalization.CultureInfo.InvariantCulture))
                : new LeafDef(LeafKind.Registry, SyntheticSnapshot.RegistryBase + k, "exists", "true");
        }

        if (r < 90)
        {
            var k = random.Next(8);
            var literal = SyntheticSnapshot.Numbers[k] + random.Next(3) - 1;
            return new LeafDef(LeafKind.Number, SyntheticSnapshot.NumberBase + k, Orders[random.Next(4)], literal.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        {
            var k = random.Next(6);
            return new LeafDef(LeafKind.Regex, SyntheticSnapshot.LogBase + k, "matches", Patterns[random.Next(8)]);
        }
    }
}
