using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using PxeRules.Benchmarks.Synthetic;
using RulesEngine.Models;

namespace PxeRules.Benchmarks.Baselines;

/// <summary>
/// The peer: Microsoft RulesEngine 6.0.1 with one workflow of N lambda-expression rules over <see cref="PxePoco"/>,
/// translated as the performance design §2.3 says, with its default settings or tuned.
/// </summary>
public static class RulesEngineSystem
{
    public const string WorkflowName = "pxe";

    public static Workflow Workflow(IReadOnlyList<RuleDef> definitions) => new()
    {
        WorkflowName = WorkflowName,
        Rules = definitions.Select(d => new Rule
        {
            RuleName = d.Id,
            RuleExpressionType = RuleExpressionType.LambdaExpression,
            Expression = Expression(d.Condition),
        }).ToList(),
    };

    /// <summary>Defaults, with the two types the expressions use registered.</summary>
    public static ReSettings Default() => new() { CustomTypes = new[] { typeof(Regex), typeof(Version) } };

    /// <summary>Everything that helps this workload switched on or off (design §2.3, RE_Tuned), and FastExpressionCompiler.</summary>
    public static ReSettings Tuned() => new()
    {
        CustomTypes = new[] { typeof(Regex), typeof(Version) },
        EnableParallelRuleCompilation = true,
        AutoRegisterInputType = false,
        EnableFormattedErrorMessage = false,
        EnableScopedParams = false,
        AutoExecuteActions = false,
        UseFastExpressionCompiler = true,
    };

    /// <summary>The workflow as JSON, the rule text RulesEngine hosts keep (their documented format).</summary>
    public static string Json(IReadOnlyList<RuleDef> definitions) =>
        JsonSerializer.Serialize(new[] { Workflow(definitions) });

    /// <summary>From rule text: the workflow JSON read with System.Text.Json, then the engine constructed.</summary>
    public static RulesEngine.RulesEngine FromJson(string json, bool tuned) =>
        new(JsonSerializer.Deserialize<Workflow[]>(json)!, tuned ? Tuned() : Default());

    public static RulesEngine.RulesEngine Create(IReadOnlyList<RuleDef> definitions, bool tuned) =>
        new(new[] { Workflow(definitions) }, tuned ? Tuned() : Default());

    /// <summary>Evaluates every rule once and counts the rules that are true.</summary>
    public static async Task<int> CountTrueAsync(RulesEngine.RulesEngine engine, PxePoco facts)
    {
        var results = await engine.ExecuteAllRulesAsync(WorkflowName, facts).ConfigureAwait(false);
        var count = 0;
        foreach (var result in results) if (result.IsSuccess) count++;
        return count;
    }

    public static string Expression(CondDef condition)
    {
        switch (condition)
        {
            case AllDef all: return "(" + string.Join(" && ", all.Members.Select(Expression)) + ")";
            case AnyDef any: return "(" + string.Join(" || ", any.Members.Select(Expression)) + ")";
            case NotDef not: return "!(" + Expression(not.Operand) + ")";
        }

        var leaf = (LeafDef)condition;
        var fact = "input1." + PxePoco.Property(leaf.Slot);
        switch (leaf.Kind)
        {
            case LeafKind.Service:
                return $"{fact} {leaf.Op} \"{leaf.Literal}\"";
            case LeafKind.Registry:
                return leaf.Op == "exists" ? $"{fact} != null" : $"{fact} == \"{leaf.Literal}\"";
            case LeafKind.FileVersion:
                var v = Version.Parse(leaf.Literal);
                return string.Create(CultureInfo.InvariantCulture, $"{fact} {leaf.Op} Version({v.Major}, {v.Minor}, {v.Build}, {v.Revision})");
            case LeafKind.Number:
                return $"{fact} {leaf.Op} {leaf.Literal}";
            default:
                return $"Regex.IsMatch({fact}, \"{leaf.Literal}\")";
        }
    }
}
