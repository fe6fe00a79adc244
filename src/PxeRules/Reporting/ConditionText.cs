using System;
using System.Globalization;
using System.Linq;
using System.Text;
using PxeRules.Evaluation;
using PxeRules.Model;

namespace PxeRules.Reporting;

/// <summary>Formats a condition tree as indented text a person reads, for catalogues and <c>pxerules explain</c>.</summary>
public static class ConditionText
{
    /// <summary>Formats <paramref name="condition"/>, one node a line, indented by depth.</summary>
    public static string Format(Condition condition)
    {
        if (condition is null) throw new ArgumentNullException(nameof(condition));
        var builder = new StringBuilder();
        Append(builder, condition, 0);
        return builder.ToString().TrimEnd('\n');
    }

    private static void Append(StringBuilder builder, Condition condition, int depth)
    {
        var indent = new string(' ', depth * 2);
        switch (condition)
        {
            case AllCondition all:
                builder.Append(indent).Append("all of:\n");
                foreach (var member in all.Members) Append(builder, member, depth + 1);
                break;
            case AnyCondition any:
                builder.Append(indent).Append("any of:\n");
                foreach (var member in any.Members) Append(builder, member, depth + 1);
                break;
            case NotCondition not:
                builder.Append(indent).Append("not:\n");
                Append(builder, not.Operand, depth + 1);
                break;
            case Comparison comparison:
                builder.Append(indent).Append(comparison.Path.IsItemField ? "item." : string.Empty).Append(comparison.Path)
                    .Append(' ').Append(OperatorNames.Of(comparison.Operator)).Append(' ').Append(comparison.Literal.Text)
                    .Append(comparison.CaseSensitive ? " (case-sensitive)" : string.Empty).Append('\n');
                break;
            case Quantifier quantifier:
                builder.Append(indent).Append(quantifier.Path).Append(' ').Append(OperatorNames.Of(quantifier.Kind));
                if (quantifier.Kind == QuantifierKind.Count)
                {
                    builder.Append(' ').Append(OperatorNames.Of(quantifier.CountOperator)).Append(' ').Append(quantifier.CountLiteral.ToString(CultureInfo.InvariantCulture));
                }

                builder.Append(quantifier.Where is null ? "\n" : " where:\n");
                if (quantifier.Where is not null) Append(builder, quantifier.Where, depth + 1);
                break;
        }
    }
}
