using System.Diagnostics.CodeAnalysis;
using BootRoute.Native;

namespace BootRoute.Netlink;

/// <summary>Throws kept out of the hot paths so callers stay small and the JIT/AOT can inline them.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowKernelError(string operation, int errno, string? subject, string? extendedAck) =>
        throw new NetlinkException(operation, errno, subject, extendedAck);

    [DoesNotReturn]
    public static void ThrowSystemCallFailed(string systemCall, int errno, string? subject) =>
        throw new NetlinkException(systemCall, errno, subject, extendedAck: null, prefix: systemCall);

    /// <summary>iproute2 says 'Cannot find device "ens4"' before it ever talks to the kernel; so do we.</summary>
    [DoesNotReturn]
    public static void ThrowUnknownDevice(string operation, string device, string? subject) =>
        throw new NetlinkException(operation, Errno.ENODEV, subject, $"Cannot find device \"{device}\"");

    [DoesNotReturn]
    public static void ThrowDumpInterrupted(string operation) =>
        throw new NetlinkDumpInterruptedException(operation);

    [DoesNotReturn]
    public static void ThrowMalformed(string operation, string detail) =>
        throw new NetlinkException(operation, Errno.EIO, subject: null, extendedAck: $"malformed netlink reply: {detail}");

    [DoesNotReturn]
    public static void ThrowNoReply(string operation, string? subject) =>
        throw new NetlinkException(operation, Errno.ENOENT, subject, "the kernel acknowledged without a reply");
}
