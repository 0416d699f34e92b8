using System.Globalization;
using System.Net;
using BootRoute.Model;

namespace BootRoute.Settings;

/// <summary>
/// The rule for each <see cref="SettingKind"/>, applied to every value of every layer before binding.
/// What is accepted here must also parse in the binder (bools as <c>true</c>/<c>false</c>, numbers as
/// plain decimal), so binding itself never fails.
/// </summary>
internal static class SettingScalars
{
    /// <summary>The highest table base: the 256th interface's table must still fit in 32 bits.</summary>
    public const uint MaxTableBase = uint.MaxValue - SettingsSchema.MaxInterfaces;

    /// <summary>Rules at <c>priority_base + 256</c> must stay below 32766, the main table's rule.</summary>
    public const uint MaxPriorityBase = 32766 - SettingsSchema.MaxInterfaces - 1;

    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The longest <c>discovery.timeout</c>: ten minutes is longer than any DHCP client's first
    /// attempt, while a boot that waits longer for a NIC is better off failing visibly.
    /// </summary>
    public static readonly TimeSpan MaxWaitTimeout = TimeSpan.FromSeconds(600);

    /// <summary>Null when <paramref name="value"/> is good for <paramref name="kind"/>, else what is wrong with it.</summary>
    public static string? Check(SettingKind kind, string value) => kind switch
    {
        SettingKind.Bool => bool.TryParse(value, out _) ? null : $"must be true or false, not \"{value}\"",
        SettingKind.InterfaceName => CheckInterfaceName(value),
        SettingKind.TableId => CheckTableId(value),
        SettingKind.TableBase => StrictParse.TryParseUInt(value, out uint tableBase) && tableBase <= MaxTableBase && !RoutingTables.IsReserved(tableBase + 1)
            ? null
            : $"must be a number from 0 to {MaxTableBase} whose next table (base + 1) is not 253, 254 or 255, not \"{value}\"",
        SettingKind.PriorityBase => StrictParse.TryParseUInt(value, out uint priorityBase) && priorityBase is >= 1 and <= MaxPriorityBase
            ? null
            : $"must be a number from 1 to {MaxPriorityBase} (base + {SettingsSchema.MaxInterfaces} must stay below 32766), not \"{value}\"",
        SettingKind.IPv4 => StrictParse.TryParseIPv4(value, out var address) && !address.Equals(IPAddress.Any)
            ? null
            : $"must be an IPv4 address such as 192.0.2.1 (not 0.0.0.0), not \"{value}\"",
        SettingKind.Duration => TryParseDuration(value, out var duration) && duration > TimeSpan.Zero && duration <= MaxTimeout
            ? null
            : $"must be a duration above 0 and at most 60s, written like 2s, 500ms or 1.5 (seconds), not \"{value}\"",
        SettingKind.AbsolutePath => CheckAbsolutePath(value),
        SettingKind.TextfilePath => CheckAbsolutePath(value) ?? (value.EndsWith(".prom", StringComparison.Ordinal) && !value.EndsWith("/.prom", StringComparison.Ordinal)
            ? null
            : $"must name a file ending in .prom (node_exporter's textfile collector reads only *.prom), such as /var/lib/prometheus/node-exporter/bootroute.prom, not \"{value}\""),
        SettingKind.MacAddress => MacAddresses.TryParse(value, out _) ? null : $"must be a MAC address written like fa:16:3e:00:00:04, not \"{value}\"",
        SettingKind.LeaseSource => LeaseSourceNames.All.Contains(value, StringComparer.Ordinal)
            ? null
            : $"must be one of {string.Join(", ", LeaseSourceNames.All)}, not \"{value}\"",
        SettingKind.WaitTimeout => TryParseDuration(value, out var wait) && wait <= MaxWaitTimeout
            ? null
            : $"must be a duration from 0 (do not wait) to 600s, written like 60s, 500ms or 90 (seconds), not \"{value}\"",
        SettingKind.RpFilterPolicy => value is "keep" or "loose" ? null : $"must be keep or loose, not \"{value}\"",
        SettingKind.IPv6Mode => value is "auto" or "off" ? null : $"must be auto or off, not \"{value}\"",
        SettingKind.FloatingIp => value == AutoFloatingIp || (StrictParse.TryParseIPv4(value, out var floating) && !floating.Equals(IPAddress.Any))
            ? null
            : $"must be an IPv4 address such as 203.0.113.10, or auto (ask verify.echo_url), not \"{value}\"",
        SettingKind.ProbeTarget => ProbeTarget.TryParse(value, out _) ? null
            : ProbeTarget.LooksLikeIPv6(value)
            ? $"must be a global IPv6 address (ICMPv6 echo) or [ADDRESS]:PORT (TCP connect), such as 2001:db8::10 or [2001:db8::10]:443; "
                + $"no scope id, not link-local, multicast or IPv4-mapped; not \"{value}\""
            : $"must be an IPv4 address (ICMP echo) or ADDRESS:PORT (TCP connect), such as 192.0.2.10 or 192.0.2.10:443, not \"{value}\"",
        SettingKind.HttpUrl => CheckHttpUrl(value),
        SettingKind.PersistBackend => PersistBackendNames.TryParse(value, out _)
            ? null
            : $"must be one of {string.Join(", ", PersistBackendNames.All)}, not \"{value}\"",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary><c>floating_ip: auto</c>: learn the floating IP from <c>verify.echo_url</c>.</summary>
    public const string AutoFloatingIp = "auto";

    // Plain HTTP only: the answer is an address the verifier then probes, so a forged answer can
    // only make verification fail, and a TLS stack would double the size of the binary.
    private static string? CheckHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttp && url.Host.Length > 0
            && string.IsNullOrEmpty(url.UserInfo) && url.Fragment.Length == 0
            ? null
            : $"must be an http:// URL of a service that answers with the caller's address, such as http://192.0.2.10/ (https is not supported), not \"{value}\"";

    private static string? CheckTableId(string value)
    {
        if (!StrictParse.TryParseUInt(value, out uint table) || table == RoutingTables.Unspecified)
        {
            return $"must be a number from 1 to 4294967295, not \"{value}\"";
        }
        return RoutingTables.IsReserved(table)
            ? $"{table} is the kernel's \"{RoutingTables.Name(table)}\" table; use another id"
            : null;
    }

    /// <summary>
    /// A path the agent opens as root: absolute, and without control characters. NUL would make every
    /// file call throw (the kernel's strings end there) and a newline would split the path in any
    /// message or script that names it; the value is left out of the message for the same reason.
    /// </summary>
    private static string? CheckAbsolutePath(string value)
    {
        int control = Array.FindIndex(value.ToCharArray(), char.IsControl);
        if (control >= 0)
        {
            return $"must be an absolute path without control characters; character {control + 1} is \\x{(int)value[control]:x2}";
        }
        return value.StartsWith('/') ? null : $"must be an absolute path, not \"{value}\"";
    }

    /// <summary>The kernel's dev_valid_name(): 1–15 bytes, not "." or "..", no '/', ':' or whitespace.</summary>
    private static string? CheckInterfaceName(string value) =>
        value.Length is >= 1 and <= 15 && value is not ("." or "..")
        && !value.Any(c => c is '/' or ':' || char.IsWhiteSpace(c) || c > 0x7E || c < 0x21)
            ? null
            : $"must be a Linux interface name (1 to 15 characters, no '/', ':' or spaces), not \"{value}\"";

    /// <summary><c>2s</c>, <c>500ms</c>, or a bare number of seconds (<c>2</c>, <c>1.5</c>).</summary>
    public static bool TryParseDuration(string value, out TimeSpan duration)
    {
        duration = default;
        (string number, decimal scale) = value.EndsWith("ms", StringComparison.Ordinal) ? (value[..^2], 1m)
            : value.EndsWith('s') ? (value[..^1], 1000m)
            : (value, 1000m);
        // Decimal, not double: 32.544 (seconds) as a double times 1000 is 32543.999…, a duration other than the one written.
        if (number.Length == 0 || !char.IsAsciiDigit(number[0]) || !char.IsAsciiDigit(number[^1])
            || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal amount)
            || amount > TimeSpan.MaxValue.Ticks / (TimeSpan.TicksPerMillisecond * scale))
        {
            return false;
        }
        duration = TimeSpan.FromTicks((long)(amount * scale * TimeSpan.TicksPerMillisecond));
        return true;
    }
}
