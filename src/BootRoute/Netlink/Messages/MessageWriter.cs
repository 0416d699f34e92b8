using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace BootRoute.Netlink.Messages;

/// <summary>
/// Builds one netlink request into a caller's buffer: a <see cref="NetlinkHeader"/>, a family header
/// and rtattrs, each 4-byte aligned, with nlmsg_len patched when <see cref="Finish"/> is called. No
/// syscalls; the verb-specific layouts are in the partial files next to this one.
/// </summary>
internal ref partial struct MessageWriter
{
    private readonly Span<byte> _buffer;
    private readonly ushort _type;
    private readonly ushort _flags;
    private readonly uint _sequence;
    private int _length;

    public MessageWriter(Span<byte> buffer, ushort type, ushort flags, uint sequence)
    {
        _buffer = buffer;
        _type = type;
        _flags = flags;
        _sequence = sequence;
        _length = NetlinkHeader.Size;
        _buffer[..NetlinkHeader.Size].Clear();
    }

    /// <summary>Patches nlmsg_len and returns the finished message.</summary>
    public readonly ReadOnlySpan<byte> Finish()
    {
        new NetlinkHeader((uint)_length, _type, _flags, _sequence, PortId: 0).Write(_buffer);
        return _buffer[.._length];
    }

    public void Write(in RouteMessageHeader header) => header.Write(Reserve(RouteMessageHeader.Size));

    public void Write(in InterfaceInfoHeader header) => header.Write(Reserve(InterfaceInfoHeader.Size));

    public void Write(in InterfaceAddressHeader header) => header.Write(Reserve(InterfaceAddressHeader.Size));

    public void AddU32(ushort type, uint value) => MemoryMarshal.Write(ReserveAttribute(type, sizeof(uint)), in value);

    public void AddU8(ushort type, byte value) => ReserveAttribute(type, 1)[0] = value;

    /// <summary>An address attribute of the request's family: 4 bytes for IPv4, 16 for IPv6.</summary>
    public void AddAddress(ushort type, IPAddress address, byte family)
    {
        int length = family == NetlinkConstants.AF_INET6 ? 16 : 4;
        if (!address.TryWriteBytes(ReserveAttribute(type, length), out int written) || written != length)
        {
            throw new ArgumentException($"{address} is not an {(length == 16 ? "IPv6" : "IPv4")} address.", nameof(address));
        }
    }

    /// <summary>A NUL-terminated string, as the kernel's NLA_STRING policy for names expects.</summary>
    public void AddString(ushort type, string value)
    {
        int byteCount = Encoding.UTF8.GetByteCount(value);
        Span<byte> destination = ReserveAttribute(type, byteCount + 1);
        Encoding.UTF8.GetBytes(value, destination);
        destination[byteCount] = 0;
    }

    private Span<byte> ReserveAttribute(ushort type, int valueLength)
    {
        int length = NetlinkConstants.AttributeHeaderSize + valueLength;
        Span<byte> attribute = Reserve(length);
        ushort rtaLength = (ushort)length;
        MemoryMarshal.Write(attribute, in rtaLength);
        MemoryMarshal.Write(attribute[2..], in type);
        return attribute[NetlinkConstants.AttributeHeaderSize..];
    }

    /// <summary>Claims the next <paramref name="length"/> bytes plus padding, zeroed.</summary>
    private Span<byte> Reserve(int length)
    {
        int aligned = NetlinkConstants.Align(length);
        if (_length + aligned > _buffer.Length)
        {
            throw new InvalidOperationException($"A netlink request outgrew its {_buffer.Length}-byte buffer.");
        }
        Span<byte> slot = _buffer.Slice(_length, aligned);
        slot.Clear();
        _length += aligned;
        return slot[..length];
    }
}
