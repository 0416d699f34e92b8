using System.Globalization;
using System.Text;
using BootRoute.Model;
using BootRoute.Planning;

namespace BootRoute.Naming;

/// <summary>
/// The names iproute2 shows for BootRoute's tables and protocol: rt_tables.d gets one line per table
/// named after its NIC (as the seeds name them), unless another file already gives that name to a
/// different id, then <c>bootroute-&lt;nic&gt;</c>; rt_protos.d gets <c>200 bootroute</c>. Pure.
/// </summary>
public static class RouteNames
{
    public const string Header = "# Written by bootroute apply; removed by bootroute remove. Do not edit.";

    public static string Protocols() =>
        $"{Header}\n{RouteProtocols.BootRoute.ToString(CultureInfo.InvariantCulture)} bootroute\n";

    /// <summary>
    /// The tables file as install places it: no names yet, since they follow the NICs apply finds;
    /// installing it makes the path the package's, so purge and uninstall remove it.
    /// </summary>
    public static string NoTablesYet() => $"{Header}\n# bootroute apply names its tables here once it knows the NICs.\n";

    /// <param name="taken">Names other rt_tables files give, with their ids.</param>
    public static string Tables(IEnumerable<RoutingTable> tables, IReadOnlyDictionary<string, uint> taken)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var table in tables.OrderBy(table => table.Id))
        {
            string name = taken.TryGetValue(table.Name, out uint id) && id != table.Id ? $"bootroute-{table.Name}" : table.Name;
            text.Append(table.Id.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(name).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// Names in an rt_tables file: "&lt;id&gt; &lt;name&gt;" per line, id decimal or 0x hex, '#' comments.
    /// A line iproute2 would reject is skipped here (iproute2 stops reading that file there).
    /// </summary>
    public static IEnumerable<KeyValuePair<string, uint>> Parse(string content)
    {
        foreach (var raw in content.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2)
            {
                continue;
            }
            bool parsed = fields[0].StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? uint.TryParse(fields[0].AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint id)
                : uint.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out id);
            if (parsed)
            {
                yield return new KeyValuePair<string, uint>(fields[1], id);
            }
        }
    }
}
