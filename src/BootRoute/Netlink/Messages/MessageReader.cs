namespace BootRoute.Netlink.Messages;

/// <summary>
/// Decodes kernel replies into the model. Kernel quirks are normalised here and only here (tables
/// ≥ 256 in RTA_TABLE/FRA_TABLE, "unset" sentinels, metric 0), so a route or rule read back equals
/// the record that was written. No syscalls: interface names come from the caller's resolver.
/// </summary>
internal static partial class MessageReader
{
    /// <summary>
    /// Takes the next message off a datagram (which may hold several, each padded to 4 bytes).
    /// Returns false at the end; throws on a header that lies about its length.
    /// </summary>
    public static bool TryReadMessage(ref ReadOnlySpan<byte> datagram, out NetlinkHeader header, out ReadOnlySpan<byte> payload)
    {
        header = default;
        payload = default;
        if (datagram.Length < NetlinkHeader.Size)
        {
            return false;
        }
        header = NetlinkHeader.Read(datagram);
        if (header.Length < NetlinkHeader.Size || header.Length > datagram.Length)
        {
            ThrowHelper.ThrowMalformed("receive", $"nlmsg_len {header.Length} with {datagram.Length} bytes left");
        }
        payload = datagram[NetlinkHeader.Size..(int)header.Length];
        int next = Math.Min(NetlinkConstants.Align((int)header.Length), datagram.Length);
        datagram = datagram[next..];
        return true;
    }
}
