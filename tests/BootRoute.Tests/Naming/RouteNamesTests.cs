using BootRoute.Naming;
using BootRoute.Planning;
using BootRoute.Tests.Planning;
using Xunit;

namespace BootRoute.Tests.Naming;

public sealed class RouteNamesTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("bootroute-root-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static RoutingPlan Plan()
    {
        var host = SampleHost.TwoNics();
        return Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases)).Plan;
    }

    [Fact]
    public void Tables_are_named_after_their_nic_unless_another_file_gave_that_name_to_another_id()
    {
        var taken = new Dictionary<string, uint> { ["ens4"] = 7, ["ens3"] = 101 };

        Assert.Equal(RouteNames.Header + "\n101 ens3\n102 bootroute-ens4\n", RouteNames.Tables(Plan().Tables, taken));
    }

    [Fact]
    public void Rt_tables_lines_parse_like_iproute2_reads_them()
    {
        var names = RouteNames.Parse("# comment\n255\tlocal\n0x10 sixteen # trailing\nbogus line\n254 main\n").ToList();

        Assert.Equal([new("local", 255u), new("sixteen", 16u), new KeyValuePair<string, uint>("main", 254u)], names);
    }

    [Fact]
    public void Files_are_written_once_under_the_root_and_removed_again()
    {
        Directory.CreateDirectory(Path.Combine(root, "etc", "iproute2", "rt_tables.d"));
        File.WriteAllText(Path.Combine(root, "etc", "iproute2", "rt_tables.d", "vpn.conf"), "7 ens4\n");
        var files = new RouteNameFiles(root);

        Assert.True(files.Write(Plan()));
        Assert.False(files.Write(Plan()));

        Assert.Equal(RouteNames.Header + "\n101 ens3\n102 bootroute-ens4\n",
            File.ReadAllText(Path.Combine(root, "etc", "iproute2", "rt_tables.d", "bootroute.conf")));
        Assert.EndsWith("\n200 bootroute\n", File.ReadAllText(Path.Combine(root, "etc", "iproute2", "rt_protos.d", "bootroute.conf")));

        files.Remove();

        Assert.False(File.Exists(Path.Combine(root, "etc", "iproute2", "rt_tables.d", "bootroute.conf")));
        Assert.True(File.Exists(Path.Combine(root, "etc", "iproute2", "rt_tables.d", "vpn.conf")));
    }
}
