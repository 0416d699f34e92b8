using BootRoute.Model;
using BootRoute.Persistence;
using Moq;
using Xunit;

namespace BootRoute.Tests.Persistence;

/// <summary>
/// The persist stage on image trees: writes only what differs, a second run writes nothing, revert
/// gives back the tree byte for byte, a file of someone else's is never overwritten, and a failed
/// write leaves no half-persisted configuration.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PersisterTests : IDisposable
{
    private readonly ScratchRoot _root = new();

    public void Dispose() => _root.Dispose();

    private PersistencePlan Plan(PersistBackend backend = PersistBackend.Auto)
    {
        var host = PersistenceSamples.Host();
        return new Persister(_root.Files).Plan(PersistenceSamples.Plan(host), host.Snapshot, backend);
    }

    private void Write(PersistencePlan plan)
    {
        var result = new Persister(_root.Files).Write(plan.Changes);
        Assert.True(result.Succeeded, result.Error);
    }

    /// <summary>One image tree per stack, as cloud-init and the distributions leave it.</summary>
    private void Image(string stack)
    {
        switch (stack)
        {
            case "netplan":
                _root.With("etc/netplan/50-cloud-init.yaml", "network:\n  version: 2\n  ethernets:\n    ens3: {dhcp4: true}\n    ens4: {dhcp4: true}\n", PersistedFile.Private);
                break;
            case "netplan-networkd":
                // systemd ships /etc/systemd/network: netplan's networkd files get BootRoute's option 121 drop-in.
                Image("netplan");
                _root.EmptyDirectory("etc/systemd/network");
                break;
            case "networkd":
                _root.Enabled("systemd-networkd.service").With("etc/systemd/network/10-cloud-init-ens3.network", "[Match]\nName=ens3\n[Network]\nDHCP=ipv4\n")
                    .With("etc/systemd/network/10-cloud-init-ens4.network", "[Match]\nName=ens4\n[Network]\nDHCP=ipv4\n");
                break;
            case "networkmanager-without-profiles":
                _root.Executable("usr/sbin/NetworkManager").Enabled("NetworkManager.service");
                break;
            case "networkmanager":
                _root.Executable("usr/sbin/NetworkManager").Enabled("NetworkManager.service")
                    .With("etc/NetworkManager/system-connections/cloud-init-ens3.nmconnection", "[connection]\nid=cloud-init ens3\ntype=ethernet\ninterface-name=ens3\n\n[ipv4]\nmethod=auto\n\n[ipv6]\nmethod=auto\n", PersistedFile.Private)
                    .With("etc/NetworkManager/system-connections/cloud-init-ens4.nmconnection", "[connection]\nid=cloud-init ens4\ntype=ethernet\ninterface-name=ens4\n\n[ipv4]\nmethod=auto\nnever-default=false\n\n[ipv6]\nmethod=auto\n", PersistedFile.Private);
                break;
            case "ifcfg":
                _root.With("etc/sysconfig/network-scripts/ifcfg-ens3", "DEVICE=ens3\nBOOTPROTO=dhcp\nDEFROUTE=yes\n")
                    .With("etc/sysconfig/network-scripts/ifcfg-ens4", "DEVICE=ens4\nBOOTPROTO=dhcp\nDEFROUTE=yes")
                    .With("etc/sysconfig/network-scripts/route-ens4", "10.9.0.0/16 via 100.64.2.254 dev ens4\n");
                break;
            case "ifupdown":
                // isc-dhcp-client ships the hook directories (with Debian's "debug" hook).
                _root.Executable("sbin/ifup").Executable("sbin/dhclient").Executable("sbin/dhcpcd")
                    .With("etc/dhcp/dhclient-enter-hooks.d/debug", "RUN=no\n")
                    .With("etc/network/interfaces", "source-directory /etc/network/interfaces.d\n")
                    .With("etc/network/interfaces.d/50-cloud-init", "auto ens3\niface ens3 inet dhcp\nauto ens4\niface ens4 inet dhcp\n")
                    .With("etc/dhcpcd.conf", "hostname\noption rapid_commit\n");
                break;
        }
    }

    [Theory]
    [InlineData("netplan", PersistBackend.Netplan)]
    [InlineData("netplan-networkd", PersistBackend.Netplan)]
    [InlineData("networkd", PersistBackend.Networkd)]
    [InlineData("networkmanager", PersistBackend.NetworkManager)]
    [InlineData("ifcfg", PersistBackend.Ifcfg)]
    [InlineData("ifupdown", PersistBackend.Ifupdown)]
    public void Persisting_is_idempotent_and_revert_gives_back_the_image_byte_for_byte(string stack, PersistBackend expected)
    {
        Image(stack);
        var before = _root.Snapshot();

        var first = Plan();
        Assert.All(first.Targets, target => Assert.Equal(expected, target.Backend));
        Assert.NotEmpty(first.Changes);
        Write(first);
        Assert.NotEqual(before, _root.Snapshot());

        var second = Plan();
        Assert.True(second.Changes.Count == 0, $"a second run would rewrite: {string.Join(", ", second.Changes.Select(change => change.Path))}");

        var persister = new Persister(_root.Files);
        var revert = persister.PlanRevert();
        Assert.True(persister.Write(revert.Changes).Succeeded);
        Assert.Equal(before, _root.Snapshot());
    }

    [Theory]
    [InlineData("netplan", PersistBackend.Auto)]
    [InlineData("netplan-networkd", PersistBackend.Auto)]
    [InlineData("networkd", PersistBackend.Auto)]
    [InlineData("networkmanager", PersistBackend.Auto)]
    [InlineData("networkmanager-without-profiles", PersistBackend.NetworkManager)]
    [InlineData("ifcfg", PersistBackend.Auto)]
    [InlineData("ifupdown", PersistBackend.Auto)]
    public void Every_file_persisting_writes_is_listed_by_bootroute_paths_owned(string stack, PersistBackend backend)
    {
        Image(stack);
        var before = _root.Snapshot();

        var plan = Plan(backend);
        Assert.NotEmpty(plan.Changes);
        Write(plan);

        var after = _root.Snapshot();
        var created = after.Keys.Where(path => !before.ContainsKey(path) && !path.EndsWith('/')).Select(path => "/" + path).ToList();
        var changed = after.Keys.Where(path => before.TryGetValue(path, out var old) && old != after[path]).Select(path => "/" + path).ToList();
        Assert.NotEmpty(created.Concat(changed));
        Assert.All(created, path => Assert.True(HostOwnedPaths.Covers(path, Paths.OwnedKind.Created, Paths.OwnedKind.MarkedBlock), $"{stack}: {path} is not listed"));
        Assert.All(changed, path => Assert.True(HostOwnedPaths.Covers(path, Paths.OwnedKind.MarkedBlock), $"{stack}: {path} of the image changed but is not listed as a marked block"));
        Assert.All(changed, path => Assert.True(MarkedBlock.Contains(_root.Read(path[1..])), $"{stack}: {path} changed outside a marked block"));
    }

    [Fact]
    public void Switching_backend_to_none_takes_every_file_and_block_out_again()
    {
        Image("ifupdown");
        var before = _root.Snapshot();
        Write(Plan());

        var none = Plan(PersistBackend.None);

        Assert.All(none.Targets, target => Assert.IsType<NoStackTarget>(target));
        Write(none);
        Assert.Equal(before, _root.Snapshot());
    }

    [Fact]
    public void What_the_stacks_recreate_is_marked_carried_for_the_diff()
    {
        Image("netplan");
        Assert.Equal(BootRoute.Planning.CarriedObjects.Rules | BootRoute.Planning.CarriedObjects.Routes, Plan().Carried);
        Assert.Equal(BootRoute.Planning.CarriedObjects.None, Plan(PersistBackend.None).Carried);
    }

    [Fact]
    public void Leftover_netplan_file_still_counts_as_carried_after_switching_backend_until_reverted()
    {
        Image("netplan");
        Write(Plan());

        Assert.Equal(BootRoute.Planning.CarriedObjects.Rules | BootRoute.Planning.CarriedObjects.Routes, Plan(PersistBackend.None).Carried);
    }

    [Fact]
    public void A_file_at_bootroutes_path_that_is_not_bootroutes_is_never_overwritten()
    {
        Image("netplan");
        _root.With("etc/netplan/90-bootroute.yaml", "# mine\nnetwork: {version: 2}\n", PersistedFile.Private);

        var plan = Plan();

        Assert.DoesNotContain(plan.Changes, change => change.Path == Paths.Stacks.NetplanFile);
        Assert.Contains(plan.Notes, note => note.Contains("not BootRoute's", StringComparison.Ordinal));
    }

    [Fact]
    public void A_mode_changed_by_hand_is_put_back()
    {
        Image("netplan");
        Write(Plan());
        File.SetUnixFileMode(Path.Join(_root.Path, "etc/netplan/90-bootroute.yaml"), PersistedFile.Readable);

        var change = Assert.Single(Plan().Changes);

        Assert.Equal(PersistedFile.Private, change.Mode);
    }

    [Fact]
    public void A_failed_write_puts_back_the_files_already_written()
    {
        Image("ifupdown");
        var before = _root.Snapshot();
        var changes = Plan().Changes;
        Assert.True(changes.Count >= 2, "the ifupdown image needs the dhclient hook and a stanza file");
        var real = _root.Files;
        var failing = new Mock<IRootFileSystem>();
        failing.Setup(files => files.Root).Returns(real.Root);
        failing.Setup(files => files.Describe(It.IsAny<string>())).Returns((string path) => real.Describe(path));
        failing.Setup(files => files.Delete(It.IsAny<string>())).Callback((string path) => real.Delete(path));
        int writes = 0;
        failing.Setup(files => files.WriteAtomically(It.IsAny<string>(), It.IsAny<string?>()!, It.IsAny<UnixFileMode>()))
            .Callback((string path, string content, UnixFileMode mode) =>
            {
                // The last planned change fails; the ones before it were made and must be undone.
                if (++writes == changes.Count)
                {
                    throw new IOException("Read-only file system");
                }
                real.WriteAtomically(path, content, mode);
            });

        var result = new Persister(failing.Object).Write(changes);

        Assert.False(result.Succeeded);
        Assert.Contains("Read-only file system", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Written);
        Assert.Equal(before, _root.Snapshot());
    }

    [Fact]
    public void NetworkManager_is_asked_to_reload_the_profiles_written_on_a_live_root_only()
    {
        Image("networkmanager");
        var reload = new Mock<INetworkManagerReload>();
        var changes = Plan().Changes;

        Assert.True(new Persister(_root.Files, reload.Object).Write(changes).Succeeded);

        // An image tree is not the running system: nothing to reload.
        reload.Verify(nm => nm.Load(It.IsAny<IReadOnlyList<string>>()), Times.Never);
        var live = new Mock<IRootFileSystem>();
        live.Setup(files => files.Root).Returns("/");
        reload.Setup(nm => nm.Load(It.IsAny<IReadOnlyList<string>>())).Returns("not running");
        var result = new Persister(live.Object, reload.Object).Write(changes);
        reload.Verify(nm => nm.Load(It.Is<IReadOnlyList<string>>(profiles => profiles.Count == 2)), Times.Once);
        Assert.Contains(result.Notes, note => note.Contains("nmcli connection reload", StringComparison.Ordinal));
    }

    [Fact]
    public void A_root_that_does_not_exist_is_reported_and_nothing_is_created()
    {
        string missing = Path.Join(_root.Path, "no-such-image");
        var host = PersistenceSamples.Host();
        var persister = new Persister(new RootFileSystem(missing));

        var plan = persister.Plan(PersistenceSamples.Plan(host), host.Snapshot, PersistBackend.Ifupdown);

        Assert.Empty(plan.Changes);
        Assert.Contains(plan.Notes, note => note.Contains("does not exist", StringComparison.Ordinal));
        Assert.Empty(persister.PlanRevert().Changes);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_neither_written_nor_reverted()
    {
        Image("ifupdown");
        var real = _root.Files;
        var unreadable = new Mock<IRootFileSystem>();
        unreadable.Setup(files => files.Root).Returns(real.Root);
        unreadable.Setup(files => files.Describe(It.IsAny<string>())).Returns((string path) => real.Describe(path));
        unreadable.Setup(files => files.DirectoryExists(It.IsAny<string>())).Returns((string path) => real.DirectoryExists(path));
        unreadable.Setup(files => files.FileExists(It.IsAny<string>())).Returns((string path) => real.FileExists(path));
        unreadable.Setup(files => files.FileNames(It.IsAny<string>())).Returns((string path) => real.FileNames(path));
        unreadable.Setup(files => files.DirectoryNames(It.IsAny<string>())).Returns((string path) => real.DirectoryNames(path));
        unreadable.Setup(files => files.ModeOf(It.IsAny<string>())).Returns((string path) => real.ModeOf(path));
        unreadable.Setup(files => files.ReadText(It.IsAny<string>())).Returns((string path) =>
            path == Paths.Stacks.DhclientEnterHook ? throw new UnauthorizedAccessException("Permission denied") : real.ReadText(path));
        var host = PersistenceSamples.Host();

        var plan = new Persister(unreadable.Object).Plan(PersistenceSamples.Plan(host), host.Snapshot, PersistBackend.Ifupdown);

        Assert.DoesNotContain(plan.Changes, change => change.Path == Paths.Stacks.DhclientEnterHook);
        Assert.Contains(plan.Changes, change => change.Path == Paths.Stacks.IfupdownStanzaFile);
        Assert.Contains(plan.Notes, note => note.Contains("Permission denied", StringComparison.Ordinal));
    }
}
