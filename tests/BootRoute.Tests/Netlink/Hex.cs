namespace BootRoute.Tests.Netlink;

/// <summary>Golden bytes are written as strace -xx prints them; whitespace is ignored.</summary>
internal static class Hex
{
    public static byte[] Parse(string hex) => Convert.FromHexString(string.Concat(hex.Where(c => !char.IsWhiteSpace(c))));

    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    public static string Normalize(string hex) => Format(Parse(hex));
}
