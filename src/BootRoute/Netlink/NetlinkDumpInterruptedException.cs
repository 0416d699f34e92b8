
namespace BootRoute.Netlink;

/// <summary>
/// The kernel flagged a dump with NLM_F_DUMP_INTR: the table changed while it was being read, so the
/// result may be inconsistent. Thrown only after the dump was retried and kept being interrupted.
/// </summary>
public sealed class NetlinkDumpInterruptedException : NetlinkException
{
    public NetlinkDumpInterruptedException()
        : this("dump")
    {
    }

    public NetlinkDumpInterruptedException(string operation)
        : base(operation, Native.Errno.EINTR, subject: null, extendedAck: "Dump was interrupted and may be inconsistent")
    {
    }

    public NetlinkDumpInterruptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
