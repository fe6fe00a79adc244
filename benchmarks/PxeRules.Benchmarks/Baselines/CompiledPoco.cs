using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq.Expressions;
using System.Text.RegularExpressions;
using PxeRules.Benchmarks.Synthetic;

namespace PxeRules.Benchmarks.Baselines;

/// <summary>
/// The hand-written baseline "Compiled_Poco" of the performance design: each rule's tree built with
/// System.Linq.Expressions over the typed <see cref="PxePoco"/> and compiled with one <c>Compile()</c> per rule;
/// literals parsed at load, regexes interned per pattern.
/// </summary>
public sealed class CompiledPoco
{
    private readonly Func<PxePoco, bool>[] rules;

    private CompiledPoco(Func<PxePoco, bool>[] rules) => this.rules = rules;

    public static CompiledPoco Build(IReadOnlyList<RuleDef> definitions)
    {
        var input = Expression.Parameter(typeof(PxePoco), "input");
        var regexes = new Dictionary<string, Regex>(StringComparer.Ordinal);
        var rules = new Func<PxePoco, bool>[definitions.Count];
        for (var i = 0; i < rules.Length; i++)
        {
            rules[i] = Expression.Lambda<Func<PxePoco, bool>>(Build(definitions[i].Condition, input, regexes), input).Compile();
        }

        return new CompiledPoco(rules);
    }

    public bool[] Evaluate(PxePoco facts)
    {
        var results = new bool[rules.Length];
        for (var i = 0; i < rules.Length; i++) results[i] = rules[i](facts);
        return results;
    }

    private static Expression Build(CondDef condition, ParameterExpression input, Dictionary<string, Regex> regexes)
    {
        switch (condition)
        {
            case AllDef all: return Fold(all.Members, input, regexes, Expression.AndAlso);
            case AnyDef any: return Fold(any.Members, input, regexes, Expression.OrElse);
            case NotDef not: return Expression.Not(Build(not.Operand, input, regexes));
        }

        var leaf = (LeafDef)condition;
        var fact = Expression.Property(input, PxePoco.Property(leaf.Slot));
        switch (leaf.Kind)
        {
            case LeafKind.Service:
            case LeafKind.Registry when leaf.Op != "exists":
                var literal = Expression.Constant(leaf.Literal);
                return leaf.Op == "!=" ? Expression.NotEqual(fact, literal) : Expression.Equal(fact, literal);
            case LeafKind.Registry:
                return Expression.NotEqual(fact, Expression.Constant(null, typeof(string)));
            case LeafKind.FileVersion:
                return Order(leaf.Op, fact, Expression.Constant(Version.Parse(leaf.Literal)));
            case LeafKind.Number:
                return Order(leaf.Op, fact, Expression.Constant(long.Parse(leaf.Literal, CultureInfo.InvariantCulture)));
            default:
                if (!regexes.TryGetValue(leaf.Literal, out var regex)) regexes[leaf.Literal] = regex = new Regex(leaf.Literal, RegexOptions.CultureInvariant);
                return Expression.Call(Expression.Constant(regex), typeof(Regex).GetMethod(nameof(Regex.IsMatch), new[] { typeof(string) })!, fact);
        }
    }

    private static Expression Fold(CondDef[] members, ParameterExpression input, Dictionary<string, Regex> regexes, Func<Expression, Expression, BinaryExpression> combine)
    {
        var result = Build(members[0], input, regexes);
        for (var i = 1; i < members.Length; i++) result = combine(result, Build(members[i], input, regexes));
        return result;
    }

    private static Expression Order(string op, Expression left, Expression right) => op switch
    {
        "<" => Expression.LessThan(left, right),
        "<=" => Expression.LessThanOrEqual(left, right),
        ">" => Expression.GreaterThan(left, right),
        _ => Expression.GreaterThanOrEqual(left, right),
    };
}
