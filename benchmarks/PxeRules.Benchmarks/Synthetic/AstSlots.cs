using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PxeRules.Benchmarks.Synthetic;

/// <summary>
/// The hand-written baseline "Ast_Slots" of the performance design: an interpreted tree with virtual Eval, literals
/// parsed and regexes interned at load, fact keys resolved to slot indexes at load, evaluated over <c>object?[]</c>.
/// Two-valued logic; it does only what the synthetic rules need.
/// </summary>
public sealed class AstSlots
{
    private readonly Node[] rules;

    private AstSlots(Node[] rules) => this.rules = rules;

    public int Count => rules.Length;

    /// <summary>Builds the trees from neutral rules: fact keys to slots through a dictionary, literals parsed.</summary>
    public static AstSlots Build(IReadOnlyList<RuleDef> definitions)
    {
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var fact in SyntheticSnapshot.Facts) slots[fact.Key] = fact.Slot;
        var regexes = new Dictionary<string, Regex>(StringComparer.Ordinal);
        var rules = new Node[definitions.Count];
        for (var i = 0; i < rules.Length; i++) rules[i] = Prepare(definitions[i].Condition, slots, regexes);
        return new AstSlots(rules);
    }

    /// <summary>Evaluates every rule; a new array per call, as the design's baselines return.</summary>
    public bool[] Evaluate(object?[] facts)
    {
        var results = new bool[rules.Length];
        for (var i = 0; i < rules.Length; i++) results[i] = rules[i].Eval(facts);
        return results;
    }

    public static int CountTrue(bool[] results)
    {
        var count = 0;
        foreach (var r in results) if (r) count++;
        return count;
    }

    private static Node Prepare(CondDef condition, Dictionary<string, int> slots, Dictionary<string, Regex> regexes)
    {
        switch (condition)
        {
            case AllDef all: return new All(Array.ConvertAll(all.Members, m => Prepare(m, slots, regexes)));
            case AnyDef any: return new Any(Array.ConvertAll(any.Members, m => Prepare(m, slots, regexes)));
            case NotDef not: return new Not(Prepare(not.Operand, slots, regexes));
        }

        var leaf = (LeafDef)condition;
        var slot = slots[leaf.Fact.Key];
        switch (leaf.Kind)
        {
            case LeafKind.Service:
                return new StrEq(slot, leaf.Literal, leaf.Op == "!=");
            case LeafKind.Registry when leaf.Op == "exists":
                return new Exists(slot);
            case LeafKind.Registry:
                return new StrEq(slot, leaf.Literal, false);
            case LeafKind.FileVersion:
                return new VersionCmp(slot, Version.Parse(leaf.Literal), leaf.Op);
            case LeafKind.Number:
                return new NumCmp(slot, long.Parse(leaf.Literal, CultureInfo.InvariantCulture), leaf.Op);
            default:
                if (!regexes.TryGetValue(leaf.Literal, out var regex)) regexes[leaf.Literal] = regex = new Regex(leaf.Literal, RegexOptions.CultureInvariant);
                return new Match(slot, regex);
        }
    }

    private static bool Order(int order, string op) => op switch
    {
        "<" => order < 0,
        "<=" => order <= 0,
        ">" => order > 0,
        _ => order >= 0,
    };

    private abstract class Node
    {
        public abstract bool Eval(object?[] facts);
    }

    private sealed class All : Node
    {
        private readonly Node[] members;

        public All(Node[] members) => this.members = members;

        public override bool Eval(object?[] facts)
        {
            foreach (var m in members) if (!m.Eval(facts)) return false;
            return true;
        }
    }

    private sealed class Any : Node
    {
        private readonly Node[] members;

        public Any(Node[] members) => this.members = members;

        public override bool Eval(object?[] facts)
        {
            foreach (var m in members) if (m.Eval(facts)) return true;
            return false;
        }
    }

    private sealed class Not : Node
    {
        private readonly Node operand;

        public Not(Node operand) => this.operand = operand;

        public override bool Eval(object?[] facts) => !operand.Eval(facts);
    }

    private sealed class StrEq : Node
    {
        private readonly int slot;
        private readonly string literal;
        private readonly bool negate;

        public StrEq(int slot, string literal, bool negate)
        {
            this.slot = slot;
            this.literal = literal;
            this.negate = negate;
        }

        public override bool Eval(object?[] facts) => facts[slot] is string s && string.Equals(s, literal, StringComparison.Ordinal) != negate;
    }

    private sealed class Exists : Node
    {
        private readonly int slot;

        public Exists(int slot) => this.slot = slot;

        public override bool Eval(object?[] facts) => facts[slot] is not null;
    }

    private sealed class VersionCmp : Node
    {
        private readonly int slot;
        private readonly Version literal;
        private readonly string op;

        public VersionCmp(int slot, Version literal, string op)
        {
            this.slot = slot;
            this.literal = literal;
            this.op = op;
        }

        public override bool Eval(object?[] facts) => facts[slot] is Version v && Order(v.CompareTo(literal), op);
    }

    private sealed class NumCmp : Node
    {
        private readonly int slot;
        private readonly long literal;
        private readonly string op;

        public NumCmp(int slot, long literal, string op)
        {
            this.slot = slot;
            this.literal = literal;
            this.op = op;
        }

        public override bool Eval(object?[] facts) => facts[slot] is long n && Order(n.CompareTo(literal), op);
    }

    private sealed class Match : Node
    {
        private readonly int slot;
        private readonly Regex regex;

        public Match(int slot, Regex regex)
        {
            this.slot = slot;
            this.regex = regex;
        }

        public override bool Eval(object?[] facts) => facts[slot] is string s && regex.IsMatch(s);
    }
}
