using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// Issue #14 part 2: a primary NIC configured statically (no DHCP client; a permanent address and a
/// proto static main default, as ifupdown's inet static leaves them) beside a dhclient secondary.
/// Automatic mode must manage both, with the static NIC as primary.
/// </summary>
public sealed class LabStaticNicTests(ITestOutputHelper output)
{
    [Fact]
    public void Apply_StaticPrimaryWithDhcpSecondary_EveryFloatingIpAnswers_SecondApplyChangesNothing_RemoveRestores()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string> { ["LAB_CLIENTS"] = "static dhclient" });
        // The lab keeps the agent away from this machine's lease files; the static source reads only the kernel.
        var config = Path.Combine(lab.LabDir, "static.yaml");
        string text = File.ReadAllText(lab.ConfigPath);
        Assert.Contains("sources: [dhclient, dhcpcd, kernel]", text, StringComparison.Ordinal);
        File.WriteAllText(config, text.Replace("sources: [dhclient, dhcpcd, kernel]", "sources: [dhclient, dhcpcd, kernel, static]", StringComparison.Ordinal));
        var before = lab.RoutingDump();
        Assert.Contains(lab.Probe(), probe => probe.Nic == "ens4" && !probe.Ok);

        var run = lab.RunAgent("apply", "--config", config, "--json");

        Assert.True(run.ExitCode == 0, $"apply failed:\n{run}");
        using (var report = AgentReport.Parse(run))
        {
            Assert.Equal("ens3", report.Primary);
            Assert.StartsWith("static:", report.Interface("ens3").Str("leaseSource"), StringComparison.Ordinal);
            Assert.StartsWith("dhclient:", report.Interface("ens4").Str("leaseSource"), StringComparison.Ordinal);
        }
        Assert.All(lab.Probe(), probe => Assert.True(probe.Ok, probe.ToString()));
        // The static default is the image's: left as it was.
        Assert.Contains("default via 100.64.1.1 dev ens3 proto static", lab.ExecOk("ip", "-4", "route", "show", "table", "main"), StringComparison.Ordinal);

        AssertSecondApplyChangesNothingAndRemoveRestores(lab, config, before);
    }

    [Fact]
    public void Apply_StaticSecondaryFromInterfacesAddressAndGateway_EveryFloatingIpAnswers_RemoveRestores()
    {
        RepoPaths.AgentBinary();
        // ens4 has no DHCP client and no default route: no lease source knows it.
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string> { ["LAB_CLIENTS"] = "dhclient static" });
        var config = Path.Combine(lab.LabDir, "address.yaml");
        File.WriteAllText(config, File.ReadAllText(lab.ConfigPath) + $"""

            interfaces:
              - name: ens3
              - name: ens4
                address: {lab.AddressOf("ens4")}
                gateway: {lab.GatewayOf("ens4")}
            """);
        var before = lab.RoutingDump();

        var run = lab.RunAgent("apply", "--config", config, "--json");

        Assert.True(run.ExitCode == 0, $"apply failed:\n{run}");
        using (var report = AgentReport.Parse(run))
        {
            Assert.Equal("ens3", report.Primary);
            Assert.Equal("interfaces[].address", report.Interface("ens4").Str("leaseSource"));
        }
        Assert.All(lab.Probe(), probe => Assert.True(probe.Ok, probe.ToString()));
        AssertSecondApplyChangesNothingAndRemoveRestores(lab, config, before);
    }

    /// <summary>
    /// A static secondary as RHEL (ifcfg, DEFROUTE=no) and Debian (inet static, whose second gateway the
    /// kernel refused as a duplicate default) configure it: a permanent address and no default route in
    /// the kernel, the gateway only in the image's file. Automatic mode finds it there, with no
    /// interfaces: list.
    /// </summary>
    [Theory]
    [InlineData("etc/sysconfig/network-scripts/ifcfg-ens4", "DEVICE=ens4\nBOOTPROTO=none\nONBOOT=yes\nIPADDR={0}\nPREFIX=24\nGATEWAY={1}\nDEFROUTE=no\n")]
    [InlineData("etc/network/interfaces", "auto ens4\niface ens4 inet static\n    address {0}/24\n    gateway {1}\n")]
    public void Apply_StaticSecondaryWhoseGatewayIsOnlyInTheImagesFile_EveryFloatingIpAnswers_RemoveRestores(string file, string content)
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string> { ["LAB_CLIENTS"] = "dhclient static" });
        string image = Path.Combine(lab.LabDir, "root", file);
        Directory.CreateDirectory(Path.GetDirectoryName(image)!);
        File.WriteAllText(image, string.Format(System.Globalization.CultureInfo.InvariantCulture, content,
            lab.AddressOf("ens4"), lab.GatewayOf("ens4")));
        var config = Path.Combine(lab.LabDir, "static-image.yaml");
        File.WriteAllText(config, File.ReadAllText(lab.ConfigPath)
            .Replace("sources: [dhclient, dhcpcd, kernel]", "sources: [dhclient, dhcpcd, kernel, static]", StringComparison.Ordinal));
        Assert.DoesNotContain("default", lab.ExecOk("ip", "-4", "route", "show", "dev", "ens4"), StringComparison.Ordinal);
        var before = lab.RoutingDump();

        var run = lab.RunAgent("apply", "--config", config, "--json");

        Assert.True(run.ExitCode == 0, $"apply failed:\n{run}");
        using (var report = AgentReport.Parse(run))
        {
            Assert.Equal("ens3", report.Primary);
            Assert.Equal($"static: /{file}", report.Interface("ens4").Str("leaseSource"));
        }
        Assert.All(lab.Probe(), probe => Assert.True(probe.Ok, probe.ToString()));
        AssertSecondApplyChangesNothingAndRemoveRestores(lab, config, before);
    }

    [Fact]
    public void PlanAndApply_ConfiguredPrimaryBesideAnUnmanagedDefaultHolder_Exit4AndChangeNothing()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);
        // ens3 holds the main default (dhclient, metric 0) and is not listed.
        var config = Path.Combine(lab.LabDir, "primary-only-ens4.yaml");
        File.WriteAllText(config, File.ReadAllText(lab.ConfigPath) + """

            interfaces:
              - name: ens4
                primary: true
            """);
        var before = lab.RoutingDump();

        var plan = lab.RunAgent("plan", "--config", config, "--json");
        var apply = lab.RunAgent("apply", "--config", config, "--json");

        Assert.True(plan.ExitCode == 4, $"plan:\n{plan}");
        Assert.True(apply.ExitCode == 4, $"apply:\n{apply}");
        using (var planned = AgentReport.Parse(plan))
        {
            Assert.Empty(planned.Operations);
        }
        Assert.Contains("ens3 holds the main default route", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("ens3 holds the main default route", apply.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("File exists", apply.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, lab.RoutingDump());
    }

    /// <summary>A second apply performs nothing, and remove puts the routing dump back as it was before the first.</summary>
    private static void AssertSecondApplyChangesNothingAndRemoveRestores(LabInstance lab, string config, string before)
    {
        var again = lab.RunAgent("apply", "--config", config, "--json");
        Assert.True(again.ExitCode == 0, $"second apply failed:\n{again}");
        using (var second = AgentReport.Parse(again))
        {
            Assert.True(second.Applied == 0, $"second apply changed something:\n{again}");
        }
        var remove = lab.RunAgent("remove", "--config", config);
        Assert.True(remove.ExitCode == 0, $"remove failed:\n{remove}");
        Assert.Equal(before, lab.RoutingDump());
    }
}
