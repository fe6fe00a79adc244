using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using PxeRules.Evaluation;
using PxeRules.Model;

namespace PxeRules.Loading;

/// <summary>
/// Finds dead logic in a rule: conditions that can never be true or are always true given the literals, regular
/// expressions that match nothing, facts never used, members of an <c>any</c> no example makes true, and rules
/// with the same condition. Each finding is a warning: the rule still runs.
/// </summary>
internal static class RuleLogic
{
    public static void Check(Rule rule, bool exampleCoverage, List<Diagnostic> found)
    {
        foreach (var root in Roots(rule))
        {
            foreach (var node in Walk(root))
            {
                switch (node)
                {
                    case AllCondition all:
                        CheckAll(rule, all, found);
                        break;
                    case AnyCondition any:
                        CheckAny(rule, any, found);
                        break;
                    case Comparison { Operator: ComparisonOperator.Matches or ComparisonOperator.NotMatches, Literal.Value: Regex regex } comparison:
                        CheckRegex(rule, comparison, regex, found);
                        break;
                }
            }
        }

        foreach (var fact in rule.Facts.Where(f => !f.IsBuiltIn))
        {
            if (fact.Arguments.TryGetValue("match", out var match) && match is string pattern && CannotMatch(pattern, RegexOptions.None) is { } why)
            {
                found.Add(RuleChecks.Warning(DiagnosticCodes.RegexCannotMatch, $"The 'match' pattern '{pattern}' of the fact '{fact.Name}' can match no line: {why}.", fact.Location));
            }
        }

        CheckUnusedFacts(rule, found);
        if (exampleCoverage) CheckBranches(rule, found);
    }

    /// <summary>Two rules whose <c>appliesTo</c> and condition are the same, on facts read by the same probe calls.</summary>
    public static void CheckSameConditions(IReadOnlyList<Rule> rules, List<Diagnostic> found)
    {
        var seen = new Dictionary<string, Rule>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            var key = Canonical(rule);
            if (seen.TryGetValue(key, out var first))
            {
                found.Add(RuleChecks.Warning(
                    DiagnosticCodes.SameCondition,
                    $"The rule '{rule.Id}' has the same condition as the rule '{first.Id}' at {first.Source}, on the same facts: the two always give the same outcome. Merge them, or make one condition tell them apart.",
                    rule.Condition.Location));
            }
            else
            {
                seen[key] = rule;
            }
        }
    }

    private static IEnumerable<Condition> Roots(Rule rule)
    {
        if (rule.AppliesTo.When is { } when) yield return when;
        yield return rule.Condition;
    }

    private static IEnumerable<Condition> Walk(Condition condition)
    {
        yield return condition;
        IEnumerable<Condition> children = condition switch
        {
            AllCondition all => all.Members,
            AnyCondition any => any.Members,
            NotCondition not => new[] { not.Operand },
            Quantifier { Where: { } where } => new[] { where },
            _ => Array.Empty<Condition>(),
        };
        foreach (var child in children)
        {
            foreach (var node in Walk(child)) yield return node;
        }
    }

    /// <summary>The members of a junction, with nested junctions of the same kind flattened into it.</summary>
    private static IEnumerable<Condition> Flatten(Condition condition, bool all)
    {
        if (all && condition is AllCondition a) return a.Members.SelectMany(m => Flatten(m, true));
        if (!all && condition is AnyCondition o) return o.Members.SelectMany(m => Flatten(m, false));
        return new[] { condition };
    }

    private static void CheckAll(Rule rule, AllCondition all, List<Diagnostic> found)
    {
        var members = all.Members.SelectMany(m => Flatten(m, true)).ToList();
        var comparisons = members.OfType<Comparison>().ToList();
        var reported = new HashSet<Condition>();

        void Never(Comparison second, string why)
        {
            if (!reported.Add(second)) return;
            found.Add(RuleChecks.Warning(DiagnosticCodes.NeverTrue, $"This 'all' can never be true: {why}.", second.Location));
        }

        // 'exists: false' on a fact or field, and another member that needs a value there: a comparison on a value not
        // found is false, so the two cannot both hold.
        foreach (var absent in comparisons.Where(c => c.Operator == ComparisonOperator.Exists && c.Literal.Value is false))
        {
            var prefix = absent.Path.ToString();
            foreach (var member in members)
            {
                if (ReferenceEquals(member, absent)) continue;
                var path = member switch { Comparison c => c.Path, Quantifier q => q.Path, _ => null };
                if (path is null || path.IsItemField != absent.Path.IsItemField) continue;
                var text = path.ToString();
                if (text != prefix && !text.StartsWith(prefix + ".", StringComparison.Ordinal)) continue;
                if (member is Comparison { Operator: ComparisonOperator.Unreadable }) continue;
                if (member is Comparison { Operator: ComparisonOperator.Exists, Literal.Value: false }) continue;
                if (member is Comparison { Operator: ComparisonOperator.Exists } && text != prefix) continue;
                Never(member as Comparison ?? absent, $"'{prefix}' must not be found ('exists: false', line {absent.Location.Line}), and this member needs '{text}' to have a value");
            }
        }

        foreach (var group in comparisons.Where(c => c.Operator != ComparisonOperator.Exists).GroupBy(c => (c.Path.ToString(), c.Path.IsItemField)))
        {
            var list = group.ToList();
            var path = group.Key.Item1;
            var equals = list.Where(c => c.Operator == ComparisonOperator.Equals).ToList();
            for (var i = 1; i < equals.Count; i++)
            {
                if (!Same(equals[0], equals[0].Literal.Value, equals[i].Literal.Value))
                {
                    Never(equals[i], $"'{path}' cannot equal both '{equals[0].Literal.Text}' (line {equals[0].Location.Line}) and '{equals[i].Literal.Text}'");
                }
            }

            foreach (var eq in equals)
            {
                foreach (var other in list)
                {
                    if (other.Operator == ComparisonOperator.NotEquals && Same(eq, eq.Literal.Value, other.Literal.Value))
                    {
                        Never(other, $"'{path}' must equal '{eq.Literal.Text}' (line {eq.Location.Line}) and must not equal it");
                    }
                    else if (other.Operator == ComparisonOperator.In && other.Literal.Value is IEnumerable items && !items.Cast<object?>().Any(item => Same(eq, eq.Literal.Value, item)))
                    {
                        Never(other, $"'{path}' must equal '{eq.Literal.Text}' (line {eq.Location.Line}), which is not in the list {other.Literal.Text}");
                    }
                    else if (other.Operator == ComparisonOperator.NotIn && other.Literal.Value is IEnumerable excluded && excluded.Cast<object?>().Any(item => Same(eq, eq.Literal.Value, item)))
                    {
                        Never(other, $"'{path}' must equal '{eq.Literal.Text}' (line {eq.Location.Line}), which the list {other.Literal.Text} excludes");
                    }
                }
            }

            // Bounds: an equality is a bound on both sides.
            var lower = list.Where(c => c.Operator is ComparisonOperator.Greater or ComparisonOperator.GreaterOrEqual or ComparisonOperator.Equals && Orderable(c.Literal.Value)).ToList();
            var upper = list.Where(c => c.Operator is ComparisonOperator.Less or ComparisonOperator.LessOrEqual or ComparisonOperator.Equals && Orderable(c.Literal.Value)).ToList();
            foreach (var low in lower)
            {
                foreach (var high in upper)
                {
                    if (ReferenceEquals(low, high) || (low.Operator == ComparisonOperator.Equals && high.Operator == ComparisonOperator.Equals)) continue;
                    var order = Compare(low.Literal.Value, high.Literal.Value);
                    if (order is null) continue;
                    var strict = low.Operator == ComparisonOperator.Greater || high.Operator == ComparisonOperator.Less;
                    if (order > 0 || (order == 0 && strict))
                    {
                        var later = low.Location.Line >= high.Location.Line ? low : high;
                        var earlier = ReferenceEquals(later, low) ? high : low;
                        Never(later, $"no value of '{path}' is {Describe(low)} and {Describe(high)} (line {earlier.Location.Line}): the ranges do not meet");
                    }
                }
            }
        }

        foreach (var group in comparisons.Where(c => c.Operator == ComparisonOperator.Exists).GroupBy(c => (c.Path.ToString(), c.Path.IsItemField)))
        {
            if (group.Select(c => c.Literal.Value).Distinct().Count() > 1)
            {
                Never(group.Last(), $"'{group.Key.Item1}' cannot be found and not found at once");
            }
        }
    }

    private static void CheckAny(Rule rule, AnyCondition any, List<Diagnostic> found)
    {
        var comparisons = any.Members.SelectMany(m => Flatten(m, false)).OfType<Comparison>().ToList();
        foreach (var group in comparisons.GroupBy(c => (c.Path.ToString(), c.Path.IsItemField)))
        {
            var list = group.ToList();
            var path = group.Key.Item1;
            var notEquals = list.Where(c => c.Operator == ComparisonOperator.NotEquals).ToList();
            var differing = notEquals.Skip(1).FirstOrDefault(c => !Same(notEquals[0], notEquals[0].Literal.Value, c.Literal.Value));
            if (differing is not null)
            {
                Always(differing, $"every value of '{path}' differs from '{notEquals[0].Literal.Text}' (line {notEquals[0].Location.Line}) or from '{differing.Literal.Text}'");
                continue;
            }

            var exists = list.Where(c => c.Operator == ComparisonOperator.Exists).ToList();
            if (exists.Select(c => c.Literal.Value).Distinct().Count() > 1)
            {
                found.Add(RuleChecks.Warning(DiagnosticCodes.AlwaysTrue, $"This 'any' is always true once '{path}' is read: it is either found or not found.", exists.Last().Location));
                continue;
            }

            var upper = list.Where(c => c.Operator is ComparisonOperator.Less or ComparisonOperator.LessOrEqual && Orderable(c.Literal.Value));
            var lower = list.Where(c => c.Operator is ComparisonOperator.Greater or ComparisonOperator.GreaterOrEqual && Orderable(c.Literal.Value));
            var cover = (from high in upper
                         from low in lower
                         let order = Compare(low.Literal.Value, high.Literal.Value)
                         where order < 0 || (order == 0 && (low.Operator == ComparisonOperator.GreaterOrEqual || high.Operator == ComparisonOperator.LessOrEqual))
                         select (high, low)).FirstOrDefault();
            if (cover.high is not null)
            {
                var later = cover.low.Location.Line >= cover.high.Location.Line ? cover.low : cover.high;
                Always(later, $"every value of '{path}' is {Describe(cover.high)} or {Describe(cover.low)}: the ranges cover every value");
            }
        }

        void Always(Comparison at, string why) =>
            found.Add(RuleChecks.Warning(DiagnosticCodes.AlwaysTrue, $"This 'any' is true whenever the value is found: {why}.", at.Location));
    }

    private static void CheckRegex(Rule rule, Comparison comparison, Regex regex, List<Diagnostic> found)
    {
        var pattern = regex.ToString();
        if (CannotMatch(pattern, regex.Options) is { } why)
        {
            found.Add(RuleChecks.Warning(
                DiagnosticCodes.RegexCannotMatch,
                $"The pattern '{pattern}' can match no text: {why}; '{comparison.Operator.ToString().Substring(0, 1).ToLowerInvariant() + comparison.Operator.ToString().Substring(1)}' is then {(comparison.Operator == ComparisonOperator.Matches ? "never" : "always")} true.",
                comparison.Location));
        }
        else if (comparison.Operator == ComparisonOperator.Matches && MatchesEverything(pattern))
        {
            found.Add(RuleChecks.Warning(DiagnosticCodes.AlwaysTrue, $"The pattern '{pattern}' matches every text: the comparison is true whenever '{comparison.Path}' is found; test 'exists: true' instead.", comparison.Location));
        }
        else if (comparison.Operator == ComparisonOperator.NotMatches && MatchesEverything(pattern))
        {
            found.Add(RuleChecks.Warning(DiagnosticCodes.NeverTrue, $"The pattern '{pattern}' matches every text: 'notMatches' is never true.", comparison.Location));
        }
    }

    private static bool MatchesEverything(string pattern) => pattern is "" or ".*" or "^.*$" or "^.*" or ".*$" or "^" or "(?s).*" or "[\\s\\S]*";

    /// <summary>
    /// Why a pattern can match no text, when a simple reading shows it: a pattern that can never match, text required
    /// after the end of the input (<c>$x</c>, <c>\zx</c>), or before its start (<c>x^</c>), outside multi-line mode.
    /// </summary>
    internal static string? CannotMatch(string pattern, RegexOptions options)
    {
        if (pattern.Contains("(?!)") || pattern.Contains("[^\\s\\S]") || pattern.Contains("[^\\d\\D]") || pattern.Contains("[^\\w\\W]")) return "it holds a part that matches nothing";
        var multiline = (options & RegexOptions.Multiline) != 0 || pattern.StartsWith("(?m", StringComparison.Ordinal) || Regex.IsMatch(pattern, @"^\(\?[a-z]*m");
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                if (!inClass && (pattern[i + 1] == 'z') && Consumes(pattern, i + 2))
                {
                    return $"'\\z' (the end of the text) is followed by '{pattern.Substring(i + 2, 1)}'";
                }

                i++;
                continue;
            }

            if (inClass)
            {
                if (c == ']') inClass = false;
                continue;
            }

            if (c == '[')
            {
                inClass = true;
                if (i + 1 < pattern.Length && pattern[i + 1] == ']') i++;
                else if (i + 2 < pattern.Length && pattern[i + 1] == '^' && pattern[i + 2] == ']') i += 2;
                continue;
            }

            if (multiline) continue;
            if (c == '$' && Consumes(pattern, i + 1))
            {
                return $"'$' (the end of the text) is followed by '{pattern.Substring(i + 1, 1)}'";
            }

            if (c == '^' && i > 0 && IsLiteral(pattern, i - 1))
            {
                return $"'{pattern.Substring(i - 1, 1)}' must come before '^' (the start of the text)";
            }
        }

        return null;
    }

    /// <summary>Whether the character at <paramref name="index"/> must match a character of the text (a letter, digit or other plain character).</summary>
    private static bool Consumes(string pattern, int index) =>
        index < pattern.Length && (char.IsLetterOrDigit(pattern[index]) || pattern[index] is ' ' or '-' or '_' or ',' or ';' or ':' or '=' or '"' or '\'' or '/' or '<' or '>' or '!' or '@' or '#' or '%' or '&' or '~')
        && (index + 1 >= pattern.Length || pattern[index + 1] is not ('?' or '*' or '{'));

    private static bool IsLiteral(string pattern, int index) =>
        char.IsLetterOrDigit(pattern[index]) && (index == 0 || pattern[index - 1] != '\\') && !(index >= 1 && pattern[index - 1] == '?' && index >= 2 && pattern[index - 2] == '(');

    private static void CheckUnusedFacts(Rule rule, List<Diagnostic> found)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in Roots(rule).SelectMany(Walk))
        {
            switch (node)
            {
                case Comparison comparison:
                    if (!comparison.Path.IsItemField) used.Add(comparison.Path.Root);
                    if (comparison.Literal.Value is FactPath other && !other.IsItemField) used.Add(other.Root);
                    break;
                case Quantifier quantifier when !quantifier.Path.IsItemField:
                    used.Add(quantifier.Path.Root);
                    break;
            }
        }

        foreach (var fact in rule.Facts)
        {
            foreach (var dependency in fact.Dependencies) used.Add(dependency);
        }

        foreach (var step in rule.Remediation)
        {
            foreach (var text in new[] { step.Text, step.Command })
            {
                if (text is not null && Template.TryParse(text, out _, out _) is { } template)
                {
                    foreach (var path in template.References) used.Add(path.Root);
                }
            }
        }

        foreach (var fact in rule.Facts.Where(f => !f.IsBuiltIn && !used.Contains(f.Name)))
        {
            found.Add(RuleChecks.Warning(
                DiagnosticCodes.UnusedFact,
                $"The fact '{fact.Name}' is defined but no condition, fact argument or remediation step uses it; it is read on every machine for nothing. Use it or remove it.",
                fact.Location));
        }
    }

    /// <summary>Each member of an <c>any</c> (outside item conditions) is true in at least one example that reaches the condition.</summary>
    private static void CheckBranches(Rule rule, List<Diagnostic> found)
    {
        if (rule.Examples.Count == 0) return;
        var anys = Branches(rule.Condition).ToList();
        if (anys.Count == 0) return;
        var prepared = new PreparedRule(rule);
        var members = anys.SelectMany(a => a.Members).Distinct().ToArray();
        var nodes = members.Select(m => Node.Prepare(m, prepared.SlotOf)).ToArray();
        var covered = new bool[members.Length];
        var reached = false;
        foreach (var example in rule.Examples)
        {
            if (!prepared.IsSubject(example.Machine)) continue;
            var slots = new SlotView(RuleExamples.Slots(prepared, example));
            var context = new EvalContext(slots, RuleExamples.ReferenceTime);
            RuleEngine.Judge(prepared, context, out var stage);
            if (stage != RuleResult.Stage.Condition) continue;
            reached = true;
            for (var i = 0; i < nodes.Length; i++)
            {
                if (covered[i]) continue;
                var memberContext = new EvalContext(slots, RuleExamples.ReferenceTime);
                covered[i] = nodes[i].Eval(memberContext) == Truth.True;
            }
        }

        if (!reached) return;
        for (var i = 0; i < members.Length; i++)
        {
            if (covered[i]) continue;
            found.Add(RuleChecks.Warning(
                DiagnosticCodes.UntestedBranch,
                $"No example of the rule '{rule.Id}' makes this member of 'any' true, so this way of detecting the issue is never tested; add an example where it holds (or remove the member if it cannot).",
                members[i].Location));
        }
    }

    private static IEnumerable<AnyCondition> Branches(Condition condition)
    {
        switch (condition)
        {
            case AnyCondition any:
                yield return any;
                foreach (var member in any.Members)
                {
                    foreach (var inner in Branches(member)) yield return inner;
                }

                break;
            case AllCondition all:
                foreach (var member in all.Members)
                {
                    foreach (var inner in Branches(member)) yield return inner;
                }

                break;
            case NotCondition not:
                foreach (var inner in Branches(not.Operand)) yield return inner;
                break;
        }
    }

    private static bool Orderable(object? value) => value is double or Version or DateTimeOffset or TimeSpan;

    private static int? Compare(object? a, object? b) => (a, b) switch
    {
        (double x, double y) => x.CompareTo(y),
        (Version x, Version y) => x.CompareTo(y),
        (DateTimeOffset x, DateTimeOffset y) => x.CompareTo(y),
        (TimeSpan x, TimeSpan y) => x.CompareTo(y),
        _ => null,
    };

    private static bool Same(Comparison comparison, object? a, object? b)
    {
        if (a is string x && b is string y)
        {
            return string.Equals(x, y, comparison.CaseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);
        }

        if (Compare(a, b) is { } order) return order == 0;
        return Equals(a, b) || (a is not null && b is not null && a.GetType() != b.GetType());
    }

    private static string Describe(Comparison c) => c.Operator switch
    {
        ComparisonOperator.Less => $"less than {c.Literal.Text}",
        ComparisonOperator.LessOrEqual => $"at most {c.Literal.Text}",
        ComparisonOperator.Greater => $"greater than {c.Literal.Text}",
        ComparisonOperator.GreaterOrEqual => $"at least {c.Literal.Text}",
        _ => $"equal to {c.Literal.Text}",
    };

    /// <summary>A rule's applicability and condition as text, with each fact replaced by the probe call that reads it.</summary>
    private static string Canonical(Rule rule)
    {
        var text = new StringBuilder();
        text.Append(string.Join(",", rule.AppliesTo.Roles.OrderBy(r => r, StringComparer.Ordinal))).Append('|');
        text.Append(string.Join(",", rule.AppliesTo.Versions.OrderBy(v => v))).Append('|');
        if (rule.AppliesTo.When is { } when) Append(rule, when, text);
        text.Append('|');
        Append(rule, rule.Condition, text);
        return text.ToString();
    }

    private static void Append(Rule rule, Condition condition, StringBuilder text)
    {
        switch (condition)
        {
            case AllCondition all:
                text.Append("all(");
                foreach (var member in all.Members) Append(rule, member, text.Append(';'));
                text.Append(')');
                break;
            case AnyCondition any:
                text.Append("any(");
                foreach (var member in any.Members) Append(rule, member, text.Append(';'));
                text.Append(')');
                break;
            case NotCondition not:
                Append(rule, not.Operand, text.Append("not("));
                text.Append(')');
                break;
            case Comparison comparison:
                text.Append(Path(rule, comparison.Path)).Append(' ').Append(comparison.Operator).Append(' ').Append(comparison.Literal.Text).Append(comparison.CaseSensitive ? " cs" : string.Empty);
                break;
            case Quantifier quantifier:
                text.Append(Path(rule, quantifier.Path)).Append(' ').Append(quantifier.Kind).Append(' ').Append(quantifier.CountOperator).Append(' ').Append(quantifier.CountLiteral.ToString(CultureInfo.InvariantCulture)).Append('(');
                if (quantifier.Where is { } where) Append(rule, where, text);
                text.Append(')');
                break;
        }
    }

    private static string Path(Rule rule, FactPath path)
    {
        if (path.IsItemField) return "item." + path;
        var fact = rule.FindFact(path.Root);
        if (fact is null || fact.IsBuiltIn) return path.ToString();
        var call = fact.Kind.Name + "(" + string.Join(",", fact.Arguments.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + Value(a.Value))) + ")@" + fact.On;
        return path.Fields.Count == 0 ? call : call + "." + string.Join(".", path.Fields);
    }

    private static string Value(object? value) => value switch
    {
        null => "null",
        string s => s,
        Template t => t.Text,
        IEnumerable list => "[" + string.Join(",", list.Cast<object?>().Select(Value)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
