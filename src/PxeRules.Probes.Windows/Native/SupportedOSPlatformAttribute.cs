// The platform attribute that netstandard2.0 lacks. The platform analyzer recognises it by name, so this
// internal copy marks the Windows-only code of the netstandard2.0 build as the inbox one does on .NET.
#if !NET
namespace System.Runtime.Versioning
{
    [AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Constructor | AttributeTargets.Method
        | AttributeTargets.Property | AttributeTargets.Struct | AttributeTargets.Enum | AttributeTargets.Interface
        | AttributeTargets.Field | AttributeTargets.Event, AllowMultiple = true, Inherited = false)]
    internal sealed class SupportedOSPlatformAttribute : Attribute
    {
        public SupportedOSPlatformAttribute(string platformName) => PlatformName = platformName;

        public string PlatformName { get; }
    }
}
#endif
