using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using PxeRules.Probes.Windows.Access;

namespace PxeRules.Probes.Windows.Tests.Fakes;

/// <summary>
/// WMI classes in memory, queried with the subset of WQL the provider writes: <c>SELECT … FROM Class</c> with
/// <c>Prop = 'text'</c> and <c>Prop LIKE '%text%'</c> conditions joined by AND.
/// </summary>
internal sealed class FakeWmi : IWmiAccess
{
    private static readonly Regex From = new(@"\bFROM\s+(\w+)", RegexOptions.IgnoreCase);
    private static readonly Regex Equal = new(@"(\w+)\s*=\s*'((?:[^'\\]|\\.)*)'", RegexOptions.IgnoreCase);
    private static readonly Regex Like = new(@"(\w+)\s+LIKE\s+'%([^%']*)%'", RegexOptions.IgnoreCase);
    private readonly Dictionary<string, List<IReadOnlyDictionary<string, object?>>> classes = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> MissingNamespaces { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> MissingClasses { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Answer a query of a missing class with no rows instead of failing it, as Wine's WMI does.</summary>
    public bool MissingClassesAnswerEmpty { get; set; }

    /// <summary>The classes whose existence was asked, as machine, namespace and class.</summary>
    public List<(string Machine, string Namespace, string Class)> ClassChecks { get; } = new();

    /// <summary>Namespace or machine name to the exception a query there throws.</summary>
    public Dictionary<string, Exception> Failures { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<(string Machine, string Namespace, string Query, bool Full)> Queries { get; } = new();

    public FakeWmi Add(string wmiNamespace, string className, params (string Name, object? Value)[] properties)
    {
        var key = wmiNamespace + ":" + className;
        if (!classes.TryGetValue(key, out var rows))
        {
            classes[key] = rows = new List<IReadOnlyDictionary<string, object?>>();
        }

        rows.Add(Row(properties));
        return this;
    }

    public static IReadOnlyDictionary<string, object?> Row(params (string Name, object? Value)[] properties) =>
        properties.ToDictionary(p => p.Name, p => p.Value, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Query(
        string? machine, string wmiNamespace, string query, bool fullInstances, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Queries.Add((machine ?? "(local)", wmiNamespace, query, fullInstances));
        if ((machine is not null && Failures.TryGetValue(machine, out var failure)) || Failures.TryGetValue(wmiNamespace, out failure))
        {
            throw failure;
        }

        if (MissingNamespaces.Contains(wmiNamespace))
        {
            throw new WmiException("Invalid namespace", WmiException.InvalidNamespace);
        }

        var className = From.Match(query).Groups[1].Value;
        if (MissingClasses.Contains(className))
        {
            return MissingClassesAnswerEmpty
                ? Array.Empty<IReadOnlyDictionary<string, object?>>()
                : throw new WmiException("Invalid class", WmiException.InvalidClass);
        }

        if (!classes.TryGetValue(wmiNamespace + ":" + className, out var rows))
        {
            return Array.Empty<IReadOnlyDictionary<string, object?>>();
        }

        var where = query.IndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase) is var at and >= 0 ? query.Substring(at) : string.Empty;
        IEnumerable<IReadOnlyDictionary<string, object?>> result = rows;
        foreach (Match condition in Equal.Matches(where))
        {
            var property = condition.Groups[1].Value;
            var value = Regex.Unescape(condition.Groups[2].Value.Replace("\\'", "'"));
            result = result.Where(r => r.TryGetValue(property, out var v) && string.Equals(v?.ToString(), value, StringComparison.OrdinalIgnoreCase));
        }

        foreach (Match condition in Like.Matches(where))
        {
            var property = condition.Groups[1].Value;
            var part = condition.Groups[2].Value;
            result = result.Where(r => r.TryGetValue(property, out var v) && v?.ToString()?.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0);
        }

        return result.ToArray();
    }

    public bool ClassExists(string? machine, string wmiNamespace, string className, TimeSpan timeout)
    {
        ClassChecks.Add((machine ?? "(local)", wmiNamespace, className));
        if ((machine is not null && Failures.TryGetValue(machine, out var failure)) || Failures.TryGetValue(wmiNamespace, out failure))
        {
            throw failure;
        }

        if (MissingNamespaces.Contains(wmiNamespace))
        {
            throw new WmiException("Invalid namespace", WmiException.InvalidNamespace);
        }

        return !MissingClasses.Contains(className);
    }
}
