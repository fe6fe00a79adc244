using System;

namespace PxeRules.Evaluation;

/// <summary>
/// What to do to obtain a fact that could not be read, from the reason it was unavailable: run elevated, open the
/// remote registry, collect a machine that was not collected. Null when the reason suggests nothing better than
/// looking at it.
/// </summary>
internal static class NextSteps
{
    public static string? For(string? reason, string? machine)
    {
        if (reason is null) return null;
        var on = machine is null ? string.Empty : " on " + machine;
        var of = machine ?? "the machine";

        bool Has(string text) => reason.IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0;

        if (Has("was not collected"))
        {
            return $"collect {of}: 'pxerules collect --computer {of}' from a Windows machine, or collectors\\collect-pxe.cmd run on it, and check it with this run's other evidence";
        }

        if (Has("access is denied") || Has("access denied") || Has("administrative rights") || Has("0x80070005"))
        {
            return $"run the check as an administrator of {of} (an elevated prompt; remotely, an account in its local Administrators group)";
        }

        if (Has("rpc server is unavailable") || Has("remote registry") || Has("network path was not found") || Has("not reachable") || Has("unreachable"))
        {
            return $"make {of} reachable for remote administration: start its Remote Registry service and allow RPC, WMI and file sharing through its firewall, or collect on it locally";
        }

        if (Has("not in the snapshot") || Has("not in snapshot"))
        {
            return $"collect {of} again with this version of 'pxerules collect', which reads this fact";
        }

        if (Has("not in the bundle") || Has("not in the logs"))
        {
            return $"collect {of} with collectors\\collect-pxe.cmd (a bundle) or 'pxerules collect' (a snapshot): a folder of logs holds only log evidence";
        }

        if (Has("did not answer within"))
        {
            return $"run again with a longer probe timeout, or collect{on} locally where the call is faster";
        }

        if (Has("no machine in this run holds the role"))
        {
            return "add the machine that holds that role to the run (its snapshot or bundle, or --computer NAME)";
        }

        if (Has("needs windows"))
        {
            return "run the check on Windows, or collect there and check the snapshot here";
        }

        if (Has("no provider serves"))
        {
            return "add a probe provider that serves this kind (on Windows, AddWindowsProbes)";
        }

        return null;
    }
}
