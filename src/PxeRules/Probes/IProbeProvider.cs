using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PxeRules.Probes;

/// <summary>
/// Reads facts of machines. This is the extension point of PxeRules: the Windows provider, the file-system
/// provider, the snapshot provider and the in-memory provider implement it, and so can a host.
/// </summary>
/// <remarks>
/// <para>The contract:</para>
/// <list type="bullet">
/// <item><see cref="Kinds"/> lists the probe kinds the provider serves, with their argument and result shapes;
/// the engine routes a call to the first provider (in the order they were added) that serves its kind. The list
/// must not change after the provider is added to an engine.</item>
/// <item><see cref="ProbeAsync"/> may be called concurrently from several threads, for different calls; the engine
/// calls it at most once per distinct <see cref="ProbeCall"/> in one evaluation.</item>
/// <item>Return <see cref="ProbeResult.NotFound"/> only when the fact definitively does not exist, and
/// <see cref="ProbeResult.Unavailable"/> with a reason whenever the provider could not find out (access denied,
/// host unreachable, wrong platform). Never report a failure as not found.</item>
/// <item>Honour the cancellation token: the engine cancels it when the call's timeout elapses or the
/// run is cancelled. A provider that does not return in time is abandoned and its fact is unavailable.</item>
/// <item>An exception thrown by the provider is caught by the engine and turned into an unavailable result naming
/// the provider and the exception; it never aborts the run. Prefer returning a result.</item>
/// <item>A value must have the shape the kind declares; a value of another type makes the rules that use it
/// end in <c>Error</c>. The engine takes in the value within the call's timeout (a lazy list is enumerated
/// then), at most <c>RuleEngineBuilder.WithMaxValueItems</c> list items and record fields and 32 levels deep;
/// a larger value makes the fact unavailable. Honour the kind's bounds (<c>maxEntries</c>, <c>max</c>).</item>
/// </list>
/// </remarks>
public interface IProbeProvider
{
    /// <summary>The probe kinds this provider serves.</summary>
    IReadOnlyCollection<ProbeKind> Kinds { get; }

    /// <summary>Reads one fact.</summary>
    /// <param name="call">The probe kind, its arguments and the machine.</param>
    /// <param name="cancellationToken">Cancelled on timeout or when the run is cancelled.</param>
    /// <returns>A value, not found, or unavailable with a reason.</returns>
    Task<ProbeResult> ProbeAsync(ProbeCall call, CancellationToken cancellationToken);
}
