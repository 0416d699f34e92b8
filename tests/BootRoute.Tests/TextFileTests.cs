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

    private string Fifo(string name)
    {
        string path = Path.Combine(_dir, name);
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    [Fact]
    public async Task A_fifo_is_refused_at_once_instead_of_waiting_for_a_writer()
    {
        string path = Fifo("lease");

        // WaitAsync throws TimeoutException if the open or read blocks (the old behaviour: forever).
        var e = await Task.Run(() => Assert.Throws<IOException>(() => TextFile.Read(path))).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal($"{path}: refused: a FIFO, not a regular file", e.Message);
    }

    [Fact]
    public void A_link_to_dev_zero_is_refused_without_reading_it()
    {
        string path = Path.Combine(_dir, "lease");
        File.CreateSymbolicLink(path, "/dev/zero");
        long before = Environment.WorkingSet;

        var e = Assert.Throws<IOException>(() => TextFile.Read(path));

        Assert.Equal($"{path}: refused: a character device, not a regular file", e.Message);
        Assert.True(Environment.WorkingSet - before < 64 << 20, "read into memory");
    }

    [Fact]
    public async Task A_fifo_is_never_opened_so_a_writer_waiting_for_a_reader_stays_waiting()
    {
        // Opening a FIFO for reading, even with O_NONBLOCK, wakes a writer blocked in open(2): the
        // stand-in for a device whose open has side effects (/dev/watchdog arms on open).
        string path = Fifo("watchdog");
        var writer = Task.Run(() => new FileStream(path, FileMode.Open, FileAccess.Write).Dispose());
        await Task.Delay(200);

        var e = Assert.Throws<IOException>(() => TextFile.Read(path));
        var woke = await Task.WhenAny(writer, Task.Delay(500));

        Assert.Equal($"{path}: refused: a FIFO, not a regular file", e.Message);
        Assert.NotSame(writer, woke);
        using (new FileStream(path, FileMode.Open, FileAccess.Read))
        {
            await writer.WaitAsync(TimeSpan.FromSeconds(10)); // the test's own reader releases it
        }
    }

    [Theory]
    [InlineData("/dev/null")]
    [InlineData("/dev/zero")]
    public void A_character_device_is_refused_by_its_type_directly_or_through_a_link(string device)
    {
        string link = Path.Combine(_dir, "watchdog");
        File.CreateSymbolicLink(link, device);

        var direct = Assert.Throws<IOException>(() => TextFile.Read(device));
        var linked = Assert.Throws<IOException>(() => TextFile.ReadBytes(link));

        Assert.Equal($"{device}: refused: a character device, not a regular file", direct.Message);
        Assert.Equal($"{link}: refused: a character device, not a regular file", linked.Message);
    }

    [Fact]
    public void A_link_to_a_regular_file_is_followed_as_a_read_follows_it()
    {
        string target = Path.Combine(_dir, "target");
        File.WriteAllText(target, "lease");
        string link = Path.Combine(_dir, "link");
        File.CreateSymbolicLink(link, target);

        Assert.Equal("lease", TextFile.Read(link));
    }

    [Fact]
    public void A_directory_is_refused_with_its_kind()
    {
        var e = Assert.Throws<UnauthorizedAccessException>(() => TextFile.Read(_dir));

        Assert.Equal($"{_dir}: refused: a directory, not a regular file", e.Message);
    }

    [Fact]
    public void A_file_over_the_cap_is_refused_not_truncated()
    {
        string path = Path.Combine(_dir, "big");
        File.WriteAllBytes(path, new byte[2 << 20]);

        var e = Assert.Throws<TextFile.FileTooLargeException>(() => TextFile.Read(path));

        Assert.Equal($"{path}: refused: larger than 1 MiB, the most a file BootRoute reads may hold", e.Message);
        Assert.Equal(TextFile.MaximumBytes, e.Limit);
    }

    [Theory]
    [InlineData(10, 10, true)]
    [InlineData(11, 10, false)]
    [InlineData(1024, 1024, true)]
    [InlineData(1025, 1024, false)]
    [InlineData(5000, 4999, false)]
    [InlineData(1 << 20, 1 << 20, true)]
    public void The_cap_is_exact(int length, int limit, bool fits)
    {
        string path = Path.Combine(_dir, "file");
        File.WriteAllBytes(path, Enumerable.Repeat((byte)'a', length).ToArray());

        if (fits)
        {
            Assert.Equal(length, TextFile.Read(path, limit).Length);
            Assert.Equal(length, TextFile.ReadBytes(path, limit).Length);
        }
        else
        {
            Assert.Throws<TextFile.FileTooLargeException>(() => TextFile.Read(path, limit));
            Assert.Throws<TextFile.FileTooLargeException>(() => TextFile.ReadBytes(path, limit));
        }
    }

    [Fact]
    public void The_cap_holds_for_procfs_files_whose_size_is_reported_as_zero()
    {
        Assert.Throws<TextFile.FileTooLargeException>(() => TextFile.Read("/proc/self/status", 100));
        Assert.Throws<TextFile.FileTooLargeException>(() => TextFile.Read("/proc/self/status", 1023)); // it is over 1024 (see above)
    }
}
