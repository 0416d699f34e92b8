
namespace BootRoute.Netlink;

/// <summary>
/// The kernel (or a syscall on the netlink socket) refused an operation. The message reads like
/// iproute2's: <c>RTNETLINK answers: File exists (route add 100.64.1.0/24 dev ens4 table 101 proto 200)</c>,
/// followed by <c> — &lt;extended ack&gt;</c> when the kernel explained itself.
/// </summary>
public class NetlinkException : Exception
{
    /// <summary>The prefix iproute2 prints before every errno the kernel answers with.</summary>
    public const string KernelPrefix = "RTNETLINK answers";

    public NetlinkException()
        : this("netlink", Native.Errno.EIO, subject: null)
    {
    }

    public NetlinkException(string message)
        : base(message)
    {
        Operation = "netlink";
        Errno = Native.Errno.EIO;
    }

    public NetlinkException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = "netlink";
        Errno = Native.Errno.EIO;
    }

    /// <param name="operation">What was asked, as iproute2 words it: "route add", "rule del", "route get".</param>
    /// <param name="errno">The positive errno.</param>
    /// <param name="subject">The object rendered like `ip` prints it, or null.</param>
    /// <param name="extendedAck">NLMSGERR_ATTR_MSG, the kernel's own explanation, when it sent one.</param>
    /// <param name="prefix">"RTNETLINK answers" for kernel replies, the syscall name for local failures.</param>
    public NetlinkException(string operation, int errno, string? subject, string? extendedAck = null, string prefix = KernelPrefix)
        : base(Render(operation, errno, subject, extendedAck, prefix))
    {
        Operation = operation;
        Errno = errno;
        Subject = subject;
        ExtendedAck = extendedAck;
    }

    /// <summary>"route add", "rule del", "route get", "link dump", or a syscall name.</summary>
    public string Operation { get; }

    public int Errno { get; }

    /// <summary>The symbolic errno, e.g. "EEXIST".</summary>
    public string ErrorName => Native.Errno.Name(Errno);

    public string? ExtendedAck { get; }

    /// <summary>The route or rule as `ip` renders it, e.g. "100.64.1.0/24 dev ens4 table 101 proto 200".</summary>
    public string? Subject { get; }

    private static string Render(string operation, int errno, string? subject, string? extendedAck, string prefix)
    {
        string what = subject is null ? operation : $"{operation} {subject}";
        string text = $"{prefix}: {Native.Errno.Describe(errno)} ({what})";
        return string.IsNullOrEmpty(extendedAck) ? text : $"{text} — {extendedAck}";
    }
}
