using BootRoute.Model;
using BootRoute.Persistence.Detection;
using BootRoute.Persistence.Rendering;
using BootRoute.Planning;

namespace BootRoute.Persistence;

/// <summary>
/// The persist stage: detect the stack per NIC, render its files, diff them against the files on disk
/// (<see cref="Plan"/>); write the changes (<see cref="Write"/>); or take every trace of BootRoute out of
/// them again (<see cref="PlanRevert"/>, for remove and uninstall). All file access goes through
/// <see cref="IRootFileSystem"/>, so it works the same on a running host and on an image tree.
/// </summary>
public sealed class Persister(IRootFileSystem files, INetworkManagerReload? networkManager = null)
{
    public IRootFileSystem Files => files;

    public PersistencePlan Plan(RoutingPlan plan, HostSnapshot snapshot, PersistBackend backend)
    {
        if (MissingRoot() is { } missing)
        {
            return missing;
        }
        var notes = new List<string>();
        var (targets, problems) = new StackDetector(files).Detect(plan, snapshot, backend);
        notes.AddRange(problems);
        // Detection and the renderers work from the IPv4 half's NICs, whose files carry the IPv6 part too.
        notes.AddRange((plan.IPv6?.Interfaces ?? []).Where(ipv6 => plan.Interfaces.All(nic => nic.Name != ipv6.Name))
            .Select(ipv6 => $"{ipv6.Name}: managed in IPv6 only, which is not persisted; bootroute apply at boot recreates its table and rules"));

        var existing = ReadExisting(PersistedFileScanner.Candidates(files), notes);
        var profiles = targets.OfType<NetworkManagerTarget>().Select(target => target.ProfilePath).OfType<string>().ToList();
        foreach (var (path, file) in ReadExisting(profiles, notes))
        {
            existing[path] = file;
        }
        var originals = profiles.ToDictionary(path => path, path => MarkedBlock.Strip(existing.GetValueOrDefault(path)?.Content), StringComparer.Ordinal);

        var renderings = new[]
        {
            IfupdownRenderer.Render(plan, targets.OfType<IfupdownTarget>().ToList()),
            NetplanRenderer.Render(plan, targets.OfType<NetplanTarget>().ToList()),
            NetworkdRenderer.Render(plan, targets.OfType<NetworkdTarget>().ToList()),
            NetworkManagerRenderer.Render(plan, targets.OfType<NetworkManagerTarget>().ToList(), originals),
            IfcfgRenderer.Render(plan, targets.OfType<IfcfgTarget>().ToList()),
        };
        var wanted = renderings.SelectMany(rendering => rendering.Files).ToList();
        notes.AddRange(renderings.SelectMany(rendering => rendering.Notes));
        foreach (var (path, file) in ReadExisting(wanted.Select(file => file.Path).Where(path => !existing.ContainsKey(path)).ToList(), notes))
        {
            existing[path] = file;
        }
        // A file that could not be read is not known to be absent: it is neither written nor reverted.
        wanted.RemoveAll(file => !existing.ContainsKey(file.Path));
        var (changes, refused) = FileChanges.Compute(wanted, existing);
        notes.AddRange(refused);
        return new PersistencePlan(targets.Select(target => RouterDefaultPolicy.Describe(target, plan)).ToList(), changes, notes, CarriedFor(targets, existing));
    }

    /// <summary>The changes that remove every file and block of BootRoute's, whatever backend wrote them.</summary>
    public PersistencePlan PlanRevert()
    {
        if (MissingRoot() is { } missing)
        {
            return missing;
        }
        var notes = new List<string>();
        var existing = ReadExisting(PersistedFileScanner.Candidates(files), notes);
        var (changes, refused) = FileChanges.Compute([], existing);
        notes.AddRange(refused);
        // What the files about to go made the stack recreate: remove takes those copies out of the kernel too.
        return new PersistencePlan([], changes, notes, CarriedFor([], existing));
    }

    /// <summary>
    /// Makes the changes one file at a time, each atomically; if one fails, the files already changed
    /// get their old content back, so the image never holds half of BootRoute's configuration.
    /// </summary>
    public PersistResult Write(IReadOnlyList<FileChange> changes)
    {
        var done = new List<FileChange>();
        var notes = RemoveLeftovers(changes);
        foreach (var change in changes)
        {
            try
            {
                Make(change.Path, change.After, change.Mode);
                done.Add(change);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                foreach (var made in Enumerable.Reverse(done))
                {
                    try
                    {
                        Make(made.Path, made.Before, made.Mode);
                    }
                    catch (Exception undo) when (undo is IOException or UnauthorizedAccessException)
                    {
                        notes.Add($"could not put {files.Describe(made.Path)} back: {undo.Message}");
                    }
                }
                return new PersistResult([], $"cannot {change.Action} {files.Describe(change.Path)}: {error.Message}", notes);
            }
        }
        var profiles = ProfilesIn(done);
        if (files.Root == "/" && profiles.Count > 0 && networkManager?.Load(profiles) is { } reloadProblem)
        {
            notes.Add($"NetworkManager has not re-read {string.Join(", ", profiles)}: {reloadProblem}; run `nmcli connection reload`");
        }
        return new PersistResult(done, null, notes);
    }

    private static List<string> ProfilesIn(IReadOnlyList<FileChange> changes) =>
        changes.Where(change => change.Path.StartsWith(Paths.Stacks.NetworkManagerConnections + "/", StringComparison.Ordinal)
            || change.Path.StartsWith(Paths.Stacks.NetworkScripts + "/ifcfg-", StringComparison.Ordinal)).Select(change => change.Path).ToList();

    /// <summary>
    /// A run killed while writing (kill -9, power loss) leaves its temporary files beside the targets,
    /// in hook and configuration directories; the next write (under the run lock) takes them away, only
    /// in the directories persistence writes to and only names of its own pattern.
    /// </summary>
    private List<string> RemoveLeftovers(IReadOnlyList<FileChange> changes)
    {
        var notes = new List<string>();
        var targets = changes.Select(change => change.Path).Concat(IfupdownInterfaces.StanzaFileNames)
            .Concat([Paths.Stacks.NetplanFile, Paths.Stacks.DhclientEnterHook, Paths.Stacks.DhcpcdConf,
                Paths.Stacks.NetworkManagerConnections + "/", Paths.Stacks.NetworkScripts + "/"]);
        foreach (var directory in targets.GroupBy(path => path[..path.LastIndexOf('/')], StringComparer.Ordinal))
        {
            var names = directory.Select(path => path[(path.LastIndexOf('/') + 1)..]).Where(name => name.Length > 0).ToHashSet(StringComparer.Ordinal);
            try
            {
                if (files.RemoveLeftovers(directory.Key, names) is > 0 and var count)
                {
                    notes.Add($"removed {Counted.Of(count, "temporary file")} an interrupted run left in {files.Describe(directory.Key)}");
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                notes.Add($"could not remove temporary files an interrupted run left in {files.Describe(directory.Key)}: {error.Message}");
            }
        }
        return notes;
    }

    private void Make(string path, string? content, UnixFileMode mode)
    {
        if (content is null)
        {
            files.Delete(path);
            // A drop-in directory that held only BootRoute's file goes with it.
            if (path.EndsWith("/" + Paths.Stacks.NetworkdDropInName, StringComparison.Ordinal))
            {
                files.DeleteDirectoryIfEmpty(path[..path.LastIndexOf('/')]);
            }
        }
        else
        {
            files.WriteAtomically(path, content, mode);
        }
    }

    /// <summary>A persist.root that does not exist is a mistyped image path: nothing is created there.</summary>
    private PersistencePlan? MissingRoot() => files.DirectoryExists("/")
        ? null
        : PersistencePlan.Nothing with { Notes = [$"persist.root {files.Root} does not exist; nothing persisted"] };

    private Dictionary<string, ExistingFile?> ReadExisting(IReadOnlyList<string> paths, List<string> notes)
    {
        var existing = new Dictionary<string, ExistingFile?>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            try
            {
                existing[path] = files.ReadText(path) is { } content ? new ExistingFile(content, files.ModeOf(path) ?? PersistedFile.Readable) : null;
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // Unreadable: neither rewritten nor reverted, and said so.
                notes.Add($"cannot read {files.Describe(path)}: {error.Message}; leaving it alone");
            }
        }
        return existing;
    }

    /// <summary>
    /// Rules are recreated by netplan (through networkd or NetworkManager), networkd and NetworkManager,
    /// routes by netplan (networkd's routes from BootRoute's drop-in carry proto 200 already); both
    /// for what this run targets and for what an earlier run left on disk, which the stack may still apply.
    /// </summary>
    private static CarriedObjects CarriedFor(IReadOnlyList<StackTarget> targets, IReadOnlyDictionary<string, ExistingFile?> existing)
    {
        bool Persisted(Func<string, bool> where) => existing.Any(file => where(file.Key) && file.Value is { } found
            && (PersistedFile.IsOwned(found.Content) || MarkedBlock.Contains(found.Content)));
        bool netplan = targets.Any(target => target is NetplanTarget) || Persisted(path => path == Paths.Stacks.NetplanFile);
        bool rules = netplan
            || targets.Any(target => target is NetworkdTarget or NetworkManagerTarget)
            || Persisted(path => path.StartsWith(Paths.Stacks.NetworkdDropInDirectory + "/", StringComparison.Ordinal)
                || path.StartsWith(Paths.Stacks.NetworkManagerConnections + "/", StringComparison.Ordinal));
        return (rules ? CarriedObjects.Rules : CarriedObjects.None) | (netplan ? CarriedObjects.Routes : CarriedObjects.None);
    }
}
