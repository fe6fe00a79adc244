using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.ServiceProcess;
using PxeRules.Probes.Windows.Access;

namespace PxeRules.Probes.Windows.Native;

/// <summary>
/// Services through the service control manager: <see cref="ServiceController"/> for state, start type and display
/// name, and QueryServiceConfig for the account, which ServiceController does not expose.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class ServiceAccess : IServiceAccess
{
    private const int ErrorServiceDoesNotExist = 1060;
    private const uint ScManagerConnect = 0x0001;
    private const uint ServiceQueryConfig = 0x0001;
    private const int ErrorInsufficientBuffer = 122;

    public ServiceData? Find(string? machine, string name)
    {
        using var controller = new ServiceController(name, machine ?? ".");
        try
        {
            var status = (int)controller.Status;
            var serviceName = controller.ServiceName;
            return new ServiceData(serviceName, controller.DisplayName, status, (int)controller.StartType, Account(machine, serviceName));
        }
        catch (InvalidOperationException e) when (e.InnerException is Win32Exception { NativeErrorCode: ErrorServiceDoesNotExist })
        {
            return null;
        }
        catch (InvalidOperationException e) when (e.InnerException is Win32Exception inner)
        {
            throw new Win32Exception(inner.NativeErrorCode, e.Message);
        }
    }

    private static string? Account(string? machine, string name)
    {
        var manager = OpenSCManagerW(machine, null, ScManagerConnect);
        if (manager == IntPtr.Zero)
        {
            throw new Win32Exception(Marshal.GetLastWin32Error());
        }

        try
        {
            var service = OpenServiceW(manager, name, ServiceQueryConfig);
            if (service == IntPtr.Zero)
            {
                throw new Win32Exception(Marshal.GetLastWin32Error());
            }

            try
            {
                QueryServiceConfigW(service, IntPtr.Zero, 0, out var needed);
                var error = Marshal.GetLastWin32Error();
                if (error != ErrorInsufficientBuffer)
                {
                    throw new Win32Exception(error);
                }

                var buffer = Marshal.AllocHGlobal(needed);
                try
                {
                    if (!QueryServiceConfigW(service, buffer, needed, out _))
                    {
                        throw new Win32Exception(Marshal.GetLastWin32Error());
                    }

                    var config = Marshal.PtrToStructure<QueryServiceConfig>(buffer);
                    return config.ServiceStartName == IntPtr.Zero ? null : Marshal.PtrToStringUni(config.ServiceStartName);
                }
                finally
                {
                    Marshal.FreeHGlobal(buffer);
                }
            }
            finally
            {
                CloseServiceHandle(service);
            }
        }
        finally
        {
            CloseServiceHandle(manager);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct QueryServiceConfig
    {
        public int ServiceType;
        public int StartType;
        public int ErrorControl;
        public IntPtr BinaryPathName;
        public IntPtr LoadOrderGroup;
        public int TagId;
        public IntPtr Dependencies;
        public IntPtr ServiceStartName;
        public IntPtr DisplayName;
    }

    [DllImport("advapi32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
    private static extern IntPtr OpenSCManagerW(string? machineName, string? databaseName, uint desiredAccess);

    [DllImport("advapi32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
    private static extern IntPtr OpenServiceW(IntPtr manager, string serviceName, uint desiredAccess);

    [DllImport("advapi32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool QueryServiceConfigW(IntPtr service, IntPtr buffer, int bufferSize, out int bytesNeeded);

    [DllImport("advapi32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool CloseServiceHandle(IntPtr handle);
}
