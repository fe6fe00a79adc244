using System;
using PxeRules.Benchmarks.Synthetic;

namespace PxeRules.Benchmarks.Baselines;

/// <summary>The 50 facts as a typed object: what RulesEngine (Dynamic LINQ needs static types) and compiled lambdas read.</summary>
public sealed class PxePoco
{
    public string? Svc00 { get; set; }
    public string? Svc01 { get; set; }
    public string? Svc02 { get; set; }
    public string? Svc03 { get; set; }
    public string? Svc04 { get; set; }
    public string? Svc05 { get; set; }
    public string? Svc06 { get; set; }
    public string? Svc07 { get; set; }
    public string? Svc08 { get; set; }
    public string? Svc09 { get; set; }
    public string? Svc10 { get; set; }
    public string? Svc11 { get; set; }
    public Version? Ver00 { get; set; }
    public Version? Ver01 { get; set; }
    public Version? Ver02 { get; set; }
    public Version? Ver03 { get; set; }
    public Version? Ver04 { get; set; }
    public Version? Ver05 { get; set; }
    public Version? Ver06 { get; set; }
    public Version? Ver07 { get; set; }
    public Version? Ver08 { get; set; }
    public Version? Ver09 { get; set; }
    public Version? Ver10 { get; set; }
    public Version? Ver11 { get; set; }
    public string? Reg00 { get; set; }
    public string? Reg01 { get; set; }
    public string? Reg02 { get; set; }
    public string? Reg03 { get; set; }
    public string? Reg04 { get; set; }
    public string? Reg05 { get; set; }
    public string? Reg06 { get; set; }
    public string? Reg07 { get; set; }
    public string? Reg08 { get; set; }
    public string? Reg09 { get; set; }
    public string? Reg10 { get; set; }
    public string? Reg11 { get; set; }
    public long Num00 { get; set; }
    public long Num01 { get; set; }
    public long Num02 { get; set; }
    public long Num03 { get; set; }
    public long Num04 { get; set; }
    public long Num05 { get; set; }
    public long Num06 { get; set; }
    public long Num07 { get; set; }
    public string? Log00 { get; set; }
    public string? Log01 { get; set; }
    public string? Log02 { get; set; }
    public string? Log03 { get; set; }
    public string? Log04 { get; set; }
    public string? Log05 { get; set; }

    /// <summary>The property a slot maps to: <c>Svc03</c>, <c>Ver05</c>, <c>Num03</c>.</summary>
    public static string Property(int slot) => slot switch
    {
        < SyntheticSnapshot.FileBase => $"Svc{slot - SyntheticSnapshot.ServiceBase:00}",
        < SyntheticSnapshot.RegistryBase => $"Ver{slot - SyntheticSnapshot.FileBase:00}",
        < SyntheticSnapshot.NumberBase => $"Reg{slot - SyntheticSnapshot.RegistryBase:00}",
        < SyntheticSnapshot.LogBase => $"Num{slot - SyntheticSnapshot.NumberBase:00}",
        _ => $"Log{slot - SyntheticSnapshot.LogBase:00}",
    };

    public static PxePoco FromSnapshot()
    {
        var poco = new PxePoco();
        foreach (var fact in SyntheticSnapshot.Facts)
        {
            typeof(PxePoco).GetProperty(Property(fact.Slot))!.SetValue(poco, fact.Value);
        }

        return poco;
    }
}
