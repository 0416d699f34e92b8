using System.Runtime.InteropServices;

namespace BootRoute.Netlink;

/// <summary>A Linux file descriptor (the netlink socket, a namespace file) closed exactly once.</summary>
internal sealed class SafeFileDescriptorHandle : SafeHandle
{
    // The LibraryImport marshaller creates the handle through this constructor.
    public SafeFileDescriptorHandle()
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == -1;

    protected override bool ReleaseHandle() => Interop.Libc.Close((int)handle) == 0;
}
