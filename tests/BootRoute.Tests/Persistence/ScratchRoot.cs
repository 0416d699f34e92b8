using BootRoute.Persistence;

namespace BootRoute.Tests.Persistence;

/// <summary>A temporary image tree for persistence tests (persist.root), deleted on Dispose.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class ScratchRoot : IDisposable
{
    public ScratchRoot() => Path = Directory.CreateTempSubdirectory("bootroute-persist-").FullName;

    public string Path { get; }

    public RootFileSystem Files => new(Path);

    /// <summary>Persists the plan into this tree with the real <see cref="Persister"/>, which must have something to write.</summary>
    public void Persist(BootRoute.Planning.RoutingPlan plan, BootRoute.Model.HostSnapshot snapshot, BootRoute.Model.PersistBackend backend)
    {
        var persister = new Persister(Files);
        var persistence = persister.Plan(plan, snapshot, backend);
        Xunit.Assert.NotEmpty(persistence.Changes);
        Xunit.Assert.True(persister.Write(persistence.Changes).Succeeded);
    }

    public ScratchRoot With(string file, string content, UnixFileMode mode = PersistedFile.Readable)
    {
        string full = System.IO.Path.Join(Path, file);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        File.SetUnixFileMode(full, mode);
        return this;
    }

    /// <summary>An enabled unit: the link systemctl enable makes.</summary>
    public ScratchRoot Enabled(string unit)
    {
        string wants = System.IO.Path.Join(Path, "etc/systemd/system/multi-user.target.wants");
        Directory.CreateDirectory(wants);
        File.CreateSymbolicLink(System.IO.Path.Join(wants, unit), $"/lib/systemd/system/{unit}");
        return this;
    }

    /// <summary>An empty directory, as a package ships one (systemd's /etc/systemd/network).</summary>
    public ScratchRoot EmptyDirectory(string directory)
    {
        Directory.CreateDirectory(System.IO.Path.Join(Path, directory));
        return this;
    }

    public ScratchRoot Executable(string file) => With(file, "#!/bin/sh\n", PersistedFile.Readable | UnixFileMode.UserExecute);

    public string? Read(string file) => File.Exists(System.IO.Path.Join(Path, file)) ? File.ReadAllText(System.IO.Path.Join(Path, file)) : null;

    /// <summary>Every file under the root with its content and mode, to compare whole trees.</summary>
    public SortedDictionary<string, string> Snapshot()
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
        {
            files[System.IO.Path.GetRelativePath(Path, file)] = new FileInfo(file).LinkTarget is { } target
                ? $"link to {target}"
                : $"{File.GetUnixFileMode(file)}\n{File.ReadAllText(file)}";
        }
        foreach (var directory in Directory.EnumerateDirectories(Path, "*", SearchOption.AllDirectories))
        {
            files[System.IO.Path.GetRelativePath(Path, directory) + "/"] = "directory";
        }
        return files;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
