using System.Net;
using BootRoute.Model;

namespace BootRoute.Discovery.Dhclient;

/// <summary>
/// Collects the statements of one <c>lease { … }</c> block (see <see cref="DhclientLeaseParser"/>) and
/// turns them into a <see cref="DhclientLeaseBlock"/>, or into the one reason the block is skipped.
/// Every bad statement is noted, so the reason lists them all.
/// </summary>
internal sealed class DhclientLeaseBuilder
{
    private readonly List<string> _errors = [];
    private string? _name;
    private IPAddress? _address;
    private int? _prefixLength;
    private IPAddress? _firstRouter;
    private List<ClasslessStaticRoute>? _option121;
    private List<ClasslessStaticRoute>? _option249;
    private DateTimeOffset? _renew, _rebind, _expire;
    private bool _sawInterface, _sawAddress;

    /// <param name="body">The block's statements, each a keyword and its values.</param>
    /// <param name="line">Where the block starts.</param>
    /// <param name="path">The lease file, for <see cref="Lease.Source"/>.</param>
    public static (DhclientLeaseBlock? Block, string? Error) Build(List<List<DhclientToken>> body, int line, string path)
    {
        var builder = new DhclientLeaseBuilder();
        foreach (var statement in body)
        {
            builder.Read(statement);
        }
        return builder.Finish(line, path);
    }

    private void Read(List<DhclientToken> statement)
    {
        string keyword = statement[0].Text;
        int line = statement[0].Line;
        var values = statement.Skip(1).ToList();
        switch (keyword)
        {
            case "interface":
                _sawInterface = true;
                if (values is [{ Kind: DhclientTokenKind.QuotedString } quoted] && quoted.Text.Length > 0)
                {
                    _name = quoted.Text;
                }
                else
                {
                    _errors.Add($"line {line}: interface must be one quoted name");
                }
                break;
            case "fixed-address":
                _sawAddress = true;
                _address = DhclientValues.ParseIPv4(values, "fixed-address", line, _errors);
                break;
            case "renew":
                _renew = DhclientValues.ParseTime(values, keyword, line, _errors);
                break;
            case "rebind":
                _rebind = DhclientValues.ParseTime(values, keyword, line, _errors);
                break;
            case "expire":
                _expire = DhclientValues.ParseTime(values, keyword, line, _errors);
                break;
            case "option" when values.Count >= 1:
                ReadOption(values[0].Text, values.Skip(1).ToList(), line);
                break;
            default:
                break; // medium, filename, server-name, bootp, reboot, …: nothing BootRoute uses
        }
    }

    private void ReadOption(string option, List<DhclientToken> data, int line)
    {
        switch (option)
        {
            case "subnet-mask":
                ReadSubnetMask(data, line);
                break;
            case "routers":
                ReadRouters(data, line);
                break;
            case "rfc3442-classless-static-routes" or "unknown-121":
                _option121 = ReadClassless(data, option, line);
                break;
            case "ms-classless-static-routes" or "unknown-249":
                _option249 = ReadClassless(data, option, line);
                break;
            default:
                break;
        }
    }

    private void ReadSubnetMask(List<DhclientToken> data, int line)
    {
        var mask = DhclientValues.ParseIPv4(data, "option subnet-mask", line, _errors);
        if (mask is not null)
        {
            _prefixLength = LeaseValues.PrefixFromMask(mask);
            if (_prefixLength is null)
            {
                _errors.Add($"line {line}: option subnet-mask {mask} is not a contiguous mask");
            }
        }
    }

    private void ReadRouters(List<DhclientToken> data, int line)
    {
        if (data is [{ Kind: DhclientTokenKind.Word } list])
        {
            var routers = list.Text.Split(',').Select(r => DhclientValues.ParseIPv4([list with { Text = r }], "option routers", line, _errors)).ToList();
            _firstRouter = routers[0];
        }
        else
        {
            _errors.Add($"line {line}: option routers must be a comma-separated list of IPv4 addresses");
        }
    }

    private List<ClasslessStaticRoute>? ReadClassless(List<DhclientToken> data, string option, int line)
    {
        if (data.Count != 1)
        {
            _errors.Add($"line {line}: option {option} must have one value");
            return null;
        }
        if (!DhclientOptionBytes.TryParse(data[0], out byte[] bytes, out string? error)
            || !ClasslessStaticRouteDecoder.TryDecode(bytes, out var routes, out error))
        {
            _errors.Add($"line {line}: option {option}: {error}");
            return null;
        }
        return routes;
    }

    private (DhclientLeaseBlock? Block, string? Error) Finish(int line, string path)
    {
        if (!_sawInterface)
        {
            _errors.Insert(0, "lease has no interface statement");
        }
        if (!_sawAddress)
        {
            _errors.Insert(0, "lease has no fixed-address");
        }
        if (_errors.Count > 0)
        {
            string subject = _name is null ? "lease" : $"lease for {_name}";
            return (null, $"{subject} skipped: {string.Join("; ", _errors)}");
        }
        var routing = DhcpRouting.Resolve(_firstRouter, _option121, _option249);
        var lease = new Lease(_name!, _address!, _prefixLength, routing.Gateway, routing.ClasslessRoutes, $"dhclient:{path}") { Expiry = _expire };
        return (new DhclientLeaseBlock(line, lease, _renew, _rebind), null);
    }
}
