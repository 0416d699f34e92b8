using System.Text;
using Xunit;

namespace BootRoute.Tests;

/// <summary>TextFile.Read must give what File.ReadAllText gives for every file the agent reads.</summary>
public sealed class TextFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("brset-textfile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(0)]
    [InlineData(2)]         // a sysctl: "1\n"
    [InlineData(1023)]      // just under the stack buffer
    [InlineData(1024)]      // exactly the stack buffer: must look for more
    [InlineData(1025)]
    [InlineData(4096)]      // exactly the first heap buffer
    [InlineData(300_000)]   // a lease file dhclient appended to for months
    public void Reads_every_byte_of_files_of_any_size(int length)
    {
        // Two-byte characters every few bytes, so some straddle the buffer boundaries.
        var bytes = new List<byte>(length);
        while (bytes.Count < length)
        {
            if (bytes.Count % 7 == 0 && length - bytes.Count >= 2)
            {
                bytes.AddRange("é"u8);
            }
            else
            {
                bytes.Add((byte)'a');
            }
        }
        string path = Path.Combine(_dir, "file");
        File.WriteAllBytes(path, [.. bytes]);

        string read = TextFile.Read(path);

        Assert.Equal(length, Encoding.UTF8.GetByteCount(read));
        Assert.Equal(File.ReadAllText(path), read);
    }

    [Fact]
    public void Drops_a_utf8_byte_order_mark_like_ReadAllText()
    {
        string path = Path.Combine(_dir, "bom");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, (byte)'o', (byte)'k']);

        Assert.Equal("ok", TextFile.Read(path));
    }

    [Fact]
    public void Invalid_utf8_becomes_replacement_characters()
    {
        string path = Path.Combine(_dir, "bad");
        File.WriteAllBytes(path, [(byte)'a', 0xFF, (byte)'b']);

        Assert.Equal("a\uFFFDb", TextFile.Read(path));
    }

    [Fact]
    public void Reads_procfs_files_whose_size_is_reported_as_zero()
    {
        // /proc/self/status is longer than the stack buffer and stat() says 0 bytes.
        string read = TextFile.Read("/proc/self/status");

        Assert.True(read.Length > 1024, $"only {read.Length} characters");
        Assert.StartsWith("Name:", read, StringComparison.Ordinal);
        Assert.EndsWith("\n", read, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_files_and_directories_throw_what_ReadAllText_throws()
    {
        Assert.Throws<FileNotFoundException>(() => TextFile.Read(Path.Combine(_dir, "absent")));
        Assert.Throws<DirectoryNotFoundException>(() => TextFile.Read(Path.Combine(_dir, "absent", "file")));
        Assert.Throws<UnauthorizedAccessException>(() => TextFile.Read(_dir));
    }
}
