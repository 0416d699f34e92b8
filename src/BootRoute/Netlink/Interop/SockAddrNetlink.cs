using System.Runtime.InteropServices;

namespace BootRoute.Netlink;

/// <summary>
/// struct sockaddr_nl (linux/netlink.h), 12 bytes:
/// <code>
///  0       2       4               8               12
///  +-------+-------+---------------+---------------+
///  |family | pad   | nl_pid        | nl_groups     |
///  +-------+-------+---------------+---------------+
/// </code>
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SockAddrNetlink
{
    public ushort Family;
    public ushort Padding;
    public uint PortId;
    public uint Groups;
}
