namespace BootRoute.Netlink;

/// <summary>Placeholder until the rtnetlink client lands; replaced by the netlink branch.</summary>
public class NetlinkException : Exception
{
    public NetlinkException(string message) : base(message) { }
    public NetlinkException() { }
    public NetlinkException(string message, Exception inner) : base(message, inner) { }
}
