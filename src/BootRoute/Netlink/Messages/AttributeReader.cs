using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace BootRoute.Netlink.Messages;

/// <summary>
/// Walks a run of struct rtattr (4 bytes of header, value, padding to 4):
/// <code>
///  0         2         4                        len   align4(len)
///  +---------+---------+------------------------+.....+
///  | rta_len | rta_type| value                  | pad |
///  +---------+---------+------------------------+.....+
/// </code>
/// rta_len covers header and value but not the padding. A truncated attribute ends the walk, as
/// the kernel's own nla_for_each_attr does.
/// </summary>
internal ref struct AttributeReader
{
    // NLA_F_NESTED and NLA_F_NET_BYTEORDER ride in the top bits of the type.
    private const ushort TypeMask = 0x3FFF;

    private ReadOnlySpan<byte> _remaining;

    public AttributeReader(ReadOnlySpan<byte> attributes) => _remaining = attributes;

    public bool TryRead(out ushort type, out ReadOnlySpan<byte> value)
    {
        type = 0;
        value = default;
        if (_remaining.Length < NetlinkConstants.AttributeHeaderSize)
        {
            return false;
        }
        int length = MemoryMarshal.Read<ushort>(_remaining);
        if (length < NetlinkConstants.AttributeHeaderSize || length > _remaining.Length)
        {
            _remaining = default;
            return false;
        }
        type = (ushort)(MemoryMarshal.Read<ushort>(_remaining[2..]) & TypeMask);
        value = _remaining[NetlinkConstants.AttributeHeaderSize..length];
        int next = Math.Min(NetlinkConstants.Align(length), _remaining.Length);
        _remaining = _remaining[next..];
        return true;
    }

    public static uint U32(ReadOnlySpan<byte> value) => value.Length >= 4 ? MemoryMarshal.Read<uint>(value) : 0;

    public static byte U8(ReadOnlySpan<byte> value) => value.Length >= 1 ? value[0] : (byte)0;

    public static IPAddress? IPv4(ReadOnlySpan<byte> value) => value.Length == 4 ? new IPAddress(value) : null;

    /// <summary>An address of the message's family: 4 bytes for AF_INET, 16 for AF_INET6; any other length is none.</summary>
    public static IPAddress? Address(ReadOnlySpan<byte> value, byte family) =>
        value.Length == (family == NetlinkConstants.AF_INET6 ? 16 : 4) ? new IPAddress(value) : null;

    /// <summary>A NUL-terminated C string attribute (IFLA_IFNAME, FRA_IIFNAME, NLMSGERR_ATTR_MSG).</summary>
    public static string String(ReadOnlySpan<byte> value)
    {
        int end = value.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? value : value[..end]);
    }
}
