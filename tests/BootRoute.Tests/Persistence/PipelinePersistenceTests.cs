using System.Net;
using System.Net.Sockets;
using BootRoute.Discovery;
using BootRoute.Model;
using BootRoute.Netlink;
using BootRoute.Persistence;
using BootRoute.Reporting;
using BootRoute.Settings;
using BootRoute.Stages;
using BootRoute.Tests.Planning;
using BootRoute.Verification;
using Moq;
using Xunit;

namespace BootRoute.Tests.Persistence;

/// <summary>
/// The persist stage inside a run: plan shows diffs and writes nothing, apply writes only once its
/// result is kept (verified), remove reverts, and rules the stack recreated are not in the way.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PipelinePersistenceTests : IDisposable
{
    private readonly ScratchRoot _root = new();
    private readonly Mock<INetlink> _netlink = new();
    private readonly Mock<ILeaseSource> _leases = new();
    private readonly Mock<IProber> _prober = new();
    private bool _gatewaysAnswer = true;

    public PipelinePersistenceTests()
    {
        _root.With("etc/netplan/50-cloud-init.yaml", "network:\n  version: 2\n  ethernets:\n    ens3: {dhcp4: true}\n    ens4: {dhcp4: true}\n", PersistedFile.Private);
        Host(SampleHost.TwoNics());
        _prober.Setup(probe => probe.ProbeAsync(It.IsAny<Probe>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new ProbeResult(_gatewaysAnswer, TimeSpan.FromMilliseconds(1), _gatewaysAnswer ? "echo reply" : "timeout"));
    }

    public void Dispose() => _root.Dispose();

    private void Host(SampleHost host)
    {
        var snapshot = host.Snapshot;
        _netlink.Setup(kernel => kernel.ListLinks()).Returns(snapshot.Links);
        _netlink.Setup(kernel => kernel.ListAddresses(It.IsAny<AddressFamily>())).Returns((AddressFamily family) => snapshot.InFamily(family).Addresses);
        _netlink.Setup(kernel => kernel.ListRoutes(It.IsAny<AddressFamily>())).Returns((AddressFamily family) => snapshot.InFamily(family).Routes);
        _netlink.Setup(kernel => kernel.ListRules(It.IsAny<AddressFamily>())).Returns((AddressFamily family) => snapshot.InFamily(family).Rules);
        _netlink.Setup(kernel => kernel.GetRoute(It.IsAny<IPAddress>(), It.IsAny<IPAddress?>()))
            .Returns((IPAddress destination, IPAddress? source) =>
            {
                var lease = host.Leases.Single(lease => lease.Address.Equals(source));
                return new RouteLookup(destination, source, lease.Interface, lease.Gateway, 0, RouteType.Unicast);
            });
        _leases.Setup(source => source.Name).Returns("dhclient");
        _leases.Setup(source => source.Read(It.IsAny<HostSnapshot>())).Returns(new LeaseReadResult(host.Leases, []));
    }

    private Task<Report> Run(AgentCommand command, IRootFileSystem? files = null) =>
        new Pipeline(AgentSettings.Defaults, new AgentServices(_netlink.Object, new Mock<IRouteCache>().Object, [_leases.Object], _prober.Object,
                Persister: new Persister(files ?? _root.Files)))
            .RunAsync(command, CancellationToken.None);

    [Fact]
    public async Task Plan_shows_the_file_as_a_unified_diff_and_writes_nothing()
    {
        var before = _root.Snapshot();

        var report = await Run(AgentCommand.Plan);

        Assert.Equal(before, _root.Snapshot());
        var persistence = Assert.IsType<PersistenceReport>(report.Persistence);
        Assert.False(persistence.Written);
        Assert.All(persistence.Interfaces, nic => Assert.Equal("netplan", nic.Backend));
        var file = Assert.Single(persistence.Files);
        // Named where it really is: under persist.root.
        string path = Path.Join(_root.Path, "/etc/netplan/90-bootroute.yaml");
        Assert.Equal((path, "create"), (file.Path, file.Action));
        Assert.StartsWith($"--- /dev/null\n+++ {path}\n@@ -0,0 +1,", file.Diff, StringComparison.Ordinal);
        Assert.Contains("1 file to persist", report.Summary, StringComparison.Ordinal);
        string text = HumanReport.Format(report);
        Assert.Contains("# persist: ens4 netplan: ", text, StringComparison.Ordinal);
        Assert.Contains($"#| +++ {path}\n", text, StringComparison.Ordinal);
        Assert.Contains("#| +      dhcp4-overrides:\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_verified_apply_is_persisted_and_a_second_one_rewrites_nothing()
    {
        var report = await Run(AgentCommand.Apply);

        Assert.Equal(ExitCodes.Success, report.ExitCode);
        Assert.True(report.Persistence!.Written);
        Assert.Contains("persisted: 1 file changed", report.Summary, StringComparison.Ordinal);
        Assert.True(PersistedFile.IsOwned(_root.Read("etc/netplan/90-bootroute.yaml")));

        var again = await Run(AgentCommand.Apply);
        Assert.Empty(again.Persistence!.Files);
        Assert.DoesNotContain("persisted", again.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_apply_that_failed_verification_is_not_persisted()
    {
        _gatewaysAnswer = false;

        var report = await Run(AgentCommand.Apply);

        Assert.Equal(ExitCodes.VerificationFailed, report.ExitCode);
        Assert.Null(report.Persistence);
        Assert.Null(_root.Read("etc/netplan/90-bootroute.yaml"));
    }

    [Fact]
    public async Task Remove_reverts_the_persisted_files()
    {
        var before = _root.Snapshot();
        await Run(AgentCommand.Apply);

        var report = await Run(AgentCommand.Remove);

        Assert.Equal(ExitCodes.Success, report.ExitCode);
        Assert.Equal("delete", Assert.Single(report.Persistence!.Files).Action);
        Assert.Equal(before, _root.Snapshot());
    }

    [Fact]
    public async Task Remove_after_a_reboot_deletes_the_copies_networkd_made_from_the_persisted_file_then_the_file()
    {
        await Run(AgentCommand.Apply);
        // Rebooted: networkd recreated BootRoute's rules and routes from 90-bootroute.yaml as proto static.
        var host = SampleHost.TwoNics();
        var plan = PersistenceSamples.Plan(host);
        var copies = plan.Rules.Select(rule => rule with { Protocol = RouteProtocols.Static }).ToList();
        foreach (var rule in copies)
        {
            host.WithRule(rule);
        }
        var routeCopy = plan.OwnedRoutes.First() with { Protocol = RouteProtocols.Static };
        host.WithRoute(routeCopy);
        Host(host);
        var state = new Mock<BootRoute.State.IStateStore>();
        state.Setup(store => store.Load()).Returns(AppliedState.Empty with { Slots = plan.Slots });

        var report = await new Pipeline(AgentSettings.Defaults, new AgentServices(_netlink.Object, new Mock<IRouteCache>().Object, [_leases.Object],
            _prober.Object, State: state.Object, Persister: new Persister(_root.Files))).RunAsync(AgentCommand.Remove, CancellationToken.None);

        Assert.Equal(ExitCodes.Success, report.ExitCode);
        foreach (var rule in copies)
        {
            _netlink.Verify(kernel => kernel.DeleteRule(rule), Times.Once);
        }
        _netlink.Verify(kernel => kernel.DeleteRoute(routeCopy), Times.Once);
        Assert.Null(_root.Read("etc/netplan/90-bootroute.yaml"));
    }

    [Fact]
    public async Task Rules_systemd_networkd_recreated_from_the_persisted_file_are_not_a_clash()
    {
        await Run(AgentCommand.Apply);
        // networkd reloaded: BootRoute's rules are gone, networkd's (proto static) stand in their place.
        var host = SampleHost.TwoNics();
        var plan = PersistenceSamples.Plan(host);
        foreach (var rule in plan.Rules.Where(rule => rule.Source is not null))
        {
            host.WithRule(rule with { Protocol = RouteProtocols.Static });
        }
        Host(host);

        var report = await Run(AgentCommand.Apply);

        Assert.Equal(ExitCodes.Success, report.ExitCode);
        _netlink.Verify(kernel => kernel.AddRule(It.Is<PolicyRule>(rule => rule.Source != null)), Times.Exactly(2));
    }

    [Fact]
    public void Revert_under_a_root_is_there_for_uninstall()
    {
        var before = _root.Snapshot();
        var host = SampleHost.TwoNics();
        var persister = new Persister(_root.Files);
        Assert.True(persister.Write(persister.Plan(PersistenceSamples.Plan(host), host.Snapshot, PersistBackend.Auto).Changes).Succeeded);

        var result = RemoveStage.RevertPersistence(_root.Path);

        Assert.True(result.Succeeded);
        Assert.Single(result.Written);
        Assert.Equal(before, _root.Snapshot());
    }

    [Fact]
    public async Task A_write_that_fails_leaves_the_apply_in_place_and_says_so_on_stderr()
    {
        var real = _root.Files;
        var readOnly = new Mock<IRootFileSystem>();
        readOnly.Setup(files => files.Root).Returns(real.Root);
        readOnly.Setup(files => files.Describe(It.IsAny<string>())).Returns((string path) => real.Describe(path));
        readOnly.Setup(files => files.DirectoryExists(It.IsAny<string>())).Returns((string path) => real.DirectoryExists(path));
        readOnly.Setup(files => files.FileExists(It.IsAny<string>())).Returns((string path) => real.FileExists(path));
        readOnly.Setup(files => files.FileNames(It.IsAny<string>())).Returns((string path) => real.FileNames(path));
        readOnly.Setup(files => files.DirectoryNames(It.IsAny<string>())).Returns((string path) => real.DirectoryNames(path));
        readOnly.Setup(files => files.ReadText(It.IsAny<string>())).Returns((string path) => real.ReadText(path));
        readOnly.Setup(files => files.ModeOf(It.IsAny<string>())).Returns((string path) => real.ModeOf(path));
        readOnly.Setup(files => files.WriteAtomically(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<UnixFileMode>()))
            .Throws(new IOException("Read-only file system"));

        var report = await Run(AgentCommand.Apply, readOnly.Object);

        Assert.Equal(ExitCodes.Success, report.ExitCode);
        Assert.EndsWith("; NOT persisted", report.Summary, StringComparison.Ordinal);
        var problem = Assert.Single(report.Problems!);
        Assert.Contains("the routing is applied but not persisted", problem, StringComparison.Ordinal);
        Assert.Contains("Read-only file system", problem, StringComparison.Ordinal);
        Assert.False(report.Persistence!.Written);
        _netlink.Verify(kernel => kernel.AddRule(It.IsAny<PolicyRule>()), Times.Exactly(3));
    }
}
