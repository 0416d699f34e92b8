using System.Net;
using BootRoute.Model;
using BootRoute.Planning;
using BootRoute.Reporting;
using Xunit;

namespace BootRoute.Tests.Escaping;

/// <summary>Outside values never forge a line, drive a terminal or run a command when `plan` is pasted.</summary>
public sealed class OutputEscapingTests
{
    [Theory]
    [InlineData("ens3", "ens3")]
    [InlineData("plain text: 100.64.1.10/24", "plain text: 100.64.1.10/24")]
    [InlineData("a\nb", "a\\x0ab")]
    [InlineData("\u001b[31mred", "\\x1b[31mred")]
    [InlineData("cr\rlf", "cr\\x0dlf")]
    [InlineData("del\u007f c1\u009b", "del\\x7f c1\\x9b")]
    [InlineData("tab\tstays", "tab\tstays")]
    [InlineData("pair \ud83d\ude00 stays", "pair \ud83d\ude00 stays")]
    public void Control_characters_and_lone_surrogates_are_escaped(string text, string expected) =>
        Assert.Equal(expected, PrintableText.Escape(text));

    [Fact]
    public void A_lone_surrogate_is_escaped_and_a_pair_is_kept()
    {
        // Built at run time: an attribute's string blob cannot carry a lone surrogate.
        Assert.Equal("lone \\ud800 surrogate", PrintableText.Escape("lone " + (char)0xD800 + " surrogate"));
        Assert.Equal("pair \ud83d\ude00", PrintableText.Escape("pair \ud83d\ude00"));
    }

    [Theory]
    [InlineData("ens3", "ens3")]
    [InlineData("eth0.100", "eth0.100")]
    [InlineData("e$(id>x)", "'e$(id>x)'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("a`b`", "'a`b`'")]
    [InlineData("e\u0001x", "'e\\x01x'")]
    public void Shell_words_are_plain_or_single_quoted(string word, string expected) =>
        Assert.Equal(expected, ShellWord.Quote(word));

    [Fact]
    public void A_hostile_interface_name_stays_inside_its_quotes_in_plan()
    {
        var route = new Route(101, IPNetwork.Parse("100.64.2.0/24"), "e$(id>x)", PreferredSource: IPAddress.Parse("100.64.2.10"),
            Scope: RouteScope.Link);
        var rule = new PolicyRule(102, IPNetwork.Parse("100.64.2.10/32"), 102, InputInterface: "e;reboot");

        Assert.Equal("ip route add 100.64.2.0/24 dev 'e$(id>x)' table 101 proto 200 scope link src 100.64.2.10",
            new RouteAdd(route).ToIpCommand());
        Assert.Equal("ip rule add priority 102 from 100.64.2.10 iif 'e;reboot' lookup 102 proto 200", new RuleAdd(rule).ToIpCommand());
        Assert.Equal("sysctl -w 'net.ipv4.conf.e$(id).rp_filter=2'", new SysctlSet("net/ipv4/conf/e$(id)/rp_filter", "2", "1").ToIpCommand());
    }

    [Fact]
    public void Every_line_of_a_plan_is_a_comment_or_a_command_whatever_the_diagnostics_say()
    {
        var report = new Report("plan", ExitCodes.Success, "2 interfaces\nip link del ens3")
        {
            Operations = ["ip route add 100.64.2.0/24 dev ens4 table 102 proto 200"],
            Diagnostics = ["dhclient: lease note\nrm -rf /", "echo said \u001b]0;title\u0007"],
        };

        var lines = HumanReport.Format(report).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.All(lines, line => Assert.True(line.StartsWith('#') || line.StartsWith("ip ", StringComparison.Ordinal), line));
        Assert.DoesNotContain(lines, line => line.Any(c => char.IsControl(c) && c != '\t'));
        Assert.Contains("# note: dhclient: lease note\\x0arm -rf /", lines);
    }
}
