using System;
using System.ComponentModel;
using System.IO;
using System.Security;

namespace PxeRules.Probes.Windows.Mapping;

/// <summary>Which Windows channel a failure came through; each needs different things on a remote machine.</summary>
internal enum Channel
{
    Registry,
    ServiceControlManager,
    Wmi,
    EventLog,
    Files,
    Dhcp,
}

/// <summary>
/// Turns the exceptions of Windows APIs into the sentences an unavailable fact carries: access denied, host
/// unreachable (with what the channel needs on the remote side), timed out, or the API's own message.
/// </summary>
internal static class Failures
{
    private const int ErrorAccessDenied = 5;
    private const int ErrorBadNetPath = 53;
    private const int ErrorNetNameDeleted = 64;
    private const int ErrorBadNetName = 67;
    private const int ErrorLogonFailure = 1326;
    private const int ErrorNetworkUnreachable = 1231;
    private const int ErrorHostUnreachable = 1232;
    private const int RpcServerUnavailable = 1722;
    private const int RpcCallFailed = 1726;
    private const int EndpointNotRegistered = 1753;
    private const int ErrorTimeout = 1460;

    /// <summary>Describes why <paramref name="what"/> could not be read on <paramref name="target"/>.</summary>
    /// <param name="exception">What the API threw.</param>
    /// <param name="target">The machine.</param>
    /// <param name="channel">The API family, for the hint on remote requirements.</param>
    /// <param name="what">What was being read, e.g. <c>the registry key HKLM\SOFTWARE\Microsoft\SMS\PXE</c>.</param>
    public static string Describe(Exception exception, TargetMachine target, Channel channel, string what)
    {
        var code = Win32Code(exception);
        var message = Message(exception);
        if (IsAccessDenied(exception))
        {
            return target.IsLocal
                ? $"Access is denied to {what} on {target.Display}; run the check as an administrator."
                : $"Access is denied to {what} on {target.Display}; the account running the check needs administrative rights there.";
        }

        if (code == ErrorLogonFailure)
        {
            return $"{Capital(what)} on {target.Display} cannot be read: the logon to {target.Display} failed ({message}).";
        }

        if (exception is TimeoutException || code == ErrorTimeout || exception.HResult == Access.WmiException.TimedOut)
        {
            return $"Reading {what} on {target.Display} timed out.";
        }

        if (channel == Channel.Dhcp && code == EndpointNotRegistered)
        {
            return $"The DHCP Server service on {target.Display} is not running, so its options cannot be read.";
        }

        if (!target.IsLocal && code is ErrorBadNetPath or ErrorNetNameDeleted or ErrorBadNetName or ErrorNetworkUnreachable
                or ErrorHostUnreachable or RpcServerUnavailable or RpcCallFailed or EndpointNotRegistered)
        {
            return $"{target.Display} cannot be reached for {what} ({message}): {RemoteHint(channel)}";
        }

        return $"{Capital(what)} on {target.Display} cannot be read: {message}.";
    }

    /// <summary>Whether the exception says access is denied.</summary>
    public static bool IsAccessDenied(Exception exception) =>
        exception is UnauthorizedAccessException or SecurityException || Win32Code(exception) == ErrorAccessDenied
        || exception.HResult == Access.WmiException.AccessDenied;

    /// <summary>What the channel needs on the remote machine.</summary>
    public static string RemoteHint(Channel channel) => channel switch
    {
        Channel.Registry => "the host is down or its Remote Registry service is not running.",
        Channel.ServiceControlManager => "the host is down or blocks remote service management (RPC over SMB).",
        Channel.Wmi => "the host is down, or its firewall blocks WMI (DCOM, RPC port 135 and dynamic ports).",
        Channel.EventLog => "the host is down or its firewall blocks remote event log management.",
        Channel.Files => "the host is down or its administrative shares (C$) are not reachable.",
        _ => "the host is down or its DHCP Server service does not accept RPC.",
    };

    /// <summary>The Win32 error code an exception carries, or 0.</summary>
    public static int Win32Code(Exception exception)
    {
        if (exception is Win32Exception win32)
        {
            return win32.NativeErrorCode;
        }

        if (exception.InnerException is Win32Exception inner)
        {
            return inner.NativeErrorCode;
        }

        var hresult = exception.HResult;
        if ((hresult & unchecked((int)0xFFFF0000)) == unchecked((int)0x80070000))
        {
            return hresult & 0xFFFF;
        }

        return hresult is > 0 and < 0x10000 && exception is IOException ? hresult : 0;
    }

    private static string Message(Exception exception)
    {
        var text = (exception.InnerException is Win32Exception inner ? inner.Message : exception.Message).Trim();
        return text.EndsWith(".", StringComparison.Ordinal) ? text.Substring(0, text.Length - 1) : text;
    }

    private static string Capital(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
}
