using System.Net;
using System.Text;
using System.Text.Json;
using BootRoute.Model;
using BootRoute.Settings;
using BootRoute.State;

namespace BootRoute.Fuzz;

/// <summary>
/// Starting inputs for the targets that have no fixture files, made by the agent's own code where it
/// writes the format (the settings template, state.json), so they follow the code rather than a copy.
/// tests/fuzz/run.sh adds the fixture files of tests/BootRoute.Tests/Fixtures for the other targets.
/// </summary>
internal static class Seeds
{
    public static IEnumerable<(string Name, byte[] Content)> For(string target) => target switch
    {
        "settings" => [("template.yaml", Encoding.UTF8.GetBytes(SettingsFileTemplate.Text)), ("interfaces.yaml", Encoding.UTF8.GetBytes(
            "interfaces:\n  - name: ens4\n    table: 1004\nverify:\n  enabled: false\n  timeout: 2s\nleases:\n  sources: [dhclient, networkd]\n"))],
        "state" => [("state.json", JsonSerializer.SerializeToUtf8Bytes(StateDocument.From(SampleState), StateJsonContext.Default.StateDocument))],
        "echo" => [("plain", Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n203.0.113.10\n")),
            ("json", Encoding.ASCII.GetBytes("HTTP/1.0 200 OK\n\n{\"ip\":\"203.0.113.10\"}"))],
        // 0.0.0.0/0 via 100.64.1.1; 100.64.1.0/24 via 100.64.1.1; 169.254.169.254/32 via 100.64.1.1.
        "option121" => [("routes", [0, 100, 64, 1, 1, 24, 100, 64, 1, 100, 64, 1, 1, 32, 169, 254, 169, 254, 100, 64, 1, 1])],
        _ => [],
    };

    private static AppliedState SampleState => new(
        [new Route(254, IPNetwork.Parse("0.0.0.0/0"), "ens4", Gateway: IPAddress.Parse("100.64.1.1"), PreferredSource: IPAddress.Parse("100.64.1.57"), Metric: 100)],
        [new SysctlOriginal("net.ipv4.conf.ens4.rp_filter", "1")]);
}
