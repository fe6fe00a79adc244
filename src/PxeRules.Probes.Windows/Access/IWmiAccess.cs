using System;
using System.Collections.Generic;
using System.Threading;

namespace PxeRules.Probes.Windows.Access;

/// <summary>
/// Runs WQL queries. Rows are property name to value; embedded objects come as dictionaries, arrays as
/// <c>object?[]</c>. Throws <see cref="WmiException"/> (with the WBEM status as HResult), COMException or
/// UnauthorizedAccessException when the namespace cannot be reached or the query fails.
/// </summary>
internal interface IWmiAccess
{
    /// <param name="machine">The remote computer, or <see langword="null"/> for this one.</param>
    /// <param name="wmiNamespace">E.g. <c>root\cimv2</c>.</param>
    /// <param name="query">The WQL query.</param>
    /// <param name="fullInstances">Fetch each instance whole, so that lazy properties (site control embedded properties) are filled.</param>
    /// <param name="timeout">For connecting and for each step of the enumeration.</param>
    /// <param name="cancellationToken">Checked between rows.</param>
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Query(
        string? machine, string wmiNamespace, string query, bool fullInstances, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the namespace defines the class. Asked when a query answers no rows: Windows fails a query of an
    /// unknown class, but other WMI implementations (Wine's) answer an empty list, which reads as "none installed".
    /// Throws as <see cref="Query"/> does when the namespace cannot be reached.
    /// </summary>
    /// <param name="machine">The remote computer, or <see langword="null"/> for this one.</param>
    /// <param name="wmiNamespace">E.g. <c>root\cimv2</c>.</param>
    /// <param name="className">E.g. <c>Win32_ServerFeature</c>.</param>
    /// <param name="timeout">For connecting and for the lookup.</param>
    bool ClassExists(string? machine, string wmiNamespace, string className, TimeSpan timeout);
}

/// <summary>A WMI failure with its WBEM status code (e.g. 0x8004100E invalid namespace) as <see cref="Exception.HResult"/>.</summary>
internal sealed class WmiException : Exception
{
    public WmiException(string message, int status)
        : base(message) => HResult = status;

    public const int InvalidNamespace = unchecked((int)0x8004100E);
    public const int InvalidClass = unchecked((int)0x80041010);
    public const int NotFound = unchecked((int)0x80041002);
    public const int AccessDenied = unchecked((int)0x80041003);
    public const int TimedOut = unchecked((int)0x80043001);
}
