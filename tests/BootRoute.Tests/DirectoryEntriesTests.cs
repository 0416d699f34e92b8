using Xunit;

namespace BootRoute.Tests;

public sealed class DirectoryEntriesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("brfiles-entries-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Create(params string[] names)
    {
        foreach (string name in names)
        {
            File.WriteAllText(Path.Combine(_dir, name), "");
        }
    }

    [Fact]
    public void Lists_matching_files_in_ordinal_order_up_to_the_limit()
    {
        Create("b.conf", "B.conf", "a.conf", "notes.txt");
        Directory.CreateDirectory(Path.Combine(_dir, "sub.conf"));

        var files = DirectoryEntries.Files(_dir, name => name.EndsWith(".conf", StringComparison.Ordinal), limit: 3);

        Assert.Equal(["B.conf", "a.conf", "b.conf"], files.Select(Path.GetFileName));
    }

    [Fact]
    public void One_match_past_the_limit_is_refused_with_the_directory_named()
    {
        Create("a.conf", "b.conf", "c.conf", "d.txt");

        var e = Assert.Throws<DirectoryEntries.TooManyEntriesException>(
            () => DirectoryEntries.Files(_dir, name => name.EndsWith(".conf", StringComparison.Ordinal), limit: 2));

        Assert.Equal($"{_dir}: refused: more than 2 entries, the most a directory BootRoute reads may hold", e.Message);
        Assert.IsAssignableFrom<IOException>(e);
    }

    [Fact]
    public void Subdirectories_are_bounded_too()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "x"));
        Directory.CreateDirectory(Path.Combine(_dir, "y"));
        Create("file");

        Assert.Equal(["x", "y"], DirectoryEntries.Directories(_dir, limit: 2).Select(Path.GetFileName));
        Assert.Throws<DirectoryEntries.TooManyEntriesException>(() => DirectoryEntries.Directories(_dir, limit: 1));
    }
}
