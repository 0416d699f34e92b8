using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// Issue #15: the secondary's provider renumbers its prefix (LAB_IPV6) the way RFC 4192 does it: after
/// a first apply, ens4's router advertises 2001:db8:12::/64 beside 2001:db8:2::/64 (its dnsmasq
/// constructs the advertisement from the tenant port's addresses), its anti-spoofing and the
/// internet's route follow. The next apply adds the new prefix's rule and table route beside the old
/// ones, and the remote client reaches the new address over TCP. Then the router withdraws the old
/// prefix and the instance's old addresses go (as their lifetime would end them): the next apply
/// removes the old prefix's rule and route, and the new address still answers.
/// </summary>
public sealed class LabIPv6RenumberingTests(ITestOutputHelper output)
{
    [Fact]
    public void Renumbering_TheNewPrefixGetsItsRuleAndAnswers_TheOldOneIsRemovedOnceItsAddressesAreGone()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string> { ["LAB_IPV6"] = "1" });
        var tcp = new LabIPv6Tests(output);
        Assert.True(lab.RunAgent("apply", "--config", lab.ConfigPath).ExitCode == 0);
        var old = LabIPv6Tests.GlobalAddresses(lab, "ens4");

        // The provider adds the new prefix to its port; port security and the internet's route follow.
        lab.ProviderExecOk("ens4", "ip", "-6", "addr", "add", "2001:db8:12::1/64", "dev", "ten", "nodad");
        lab.ProviderExecOk("ens4", "ip6tables", "-I", "FORWARD", "-i", "ten", "-s", "2001:db8:12::/64", "-j", "ACCEPT");
        Assert.True(ProcessRunner.Run("ip", ["-n", lab.Info["NS_INET"], "-6", "route", "add", "2001:db8:12::/64", "via", "2001:db8:100:2::2"],
            TimeSpan.FromSeconds(10)).Succeeded);
        string renumbered = WaitForAddressIn(lab, "ens4", "2001:db8:12:");

        var apply = lab.RunAgent("apply", "--config", lab.ConfigPath);

        Assert.True(apply.ExitCode == 0, $"apply after renumbering failed:\n{apply}");
        string rules = lab.ExecOk("ip", "-6", "rule", "show");
        Assert.True(rules.Contains("102:\tfrom 2001:db8:12::/64 lookup ", StringComparison.Ordinal), rules);
        Assert.True(tcp.Connects(lab, renumbered), $"{renumbered} does not answer after the apply that followed the renumbering");

        // The router withdraws the old prefix, and the old addresses' lifetime ends (as the kernel would drop them).
        lab.ProviderExecOk("ens4", "ip", "-6", "addr", "del", "2001:db8:2::1/64", "dev", "ten");
        foreach (string address in old)
        {
            lab.ExecOk("ip", "-6", "addr", "del", $"{address}/64", "dev", "ens4");
        }
        var again = lab.RunAgent("apply", "--config", lab.ConfigPath);

        Assert.True(again.ExitCode == 0, $"apply after the old addresses went failed:\n{again}");
        rules = lab.ExecOk("ip", "-6", "rule", "show");
        Assert.DoesNotContain("from 2001:db8:2::/64", rules, StringComparison.Ordinal);
        Assert.DoesNotContain("2001:db8:2::/64", lab.ExecOk("ip", "-6", "route", "show", "table", "102"), StringComparison.Ordinal);
        Assert.True(tcp.Connects(lab, renumbered), $"{renumbered} does not answer once the old prefix is gone");
    }

    private static string WaitForAddressIn(LabInstance lab, string nic, string prefix)
    {
        for (int i = 0; i < 100; i++)
        {
            // A stable SLAAC address past duplicate address detection (privacy ones come and go).
            string? found = lab.ExecOk("ip", "-6", "-o", "addr", "show", "dev", nic, "scope", "global", "-temporary", "-tentative")
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .FirstOrDefault(word => word.StartsWith(prefix, StringComparison.Ordinal))?.Split('/')[0];
            if (found is not null)
            {
                return found;
            }
            Thread.Sleep(300);
        }
        Assert.Fail($"{nic} got no address in {prefix}:/64 from its router's advertisements within 30 s");
        return "";
    }
}
