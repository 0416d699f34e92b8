using System.Globalization;
using System.Text;

namespace BootRoute.Reporting;

/// <summary>
/// Prometheus's text exposition format, as much as the textfile needs: a family's HELP and TYPE lines,
/// then its samples. Label values come from outside (interface names, check targets), so they are
/// escaped as the format says: backslash, double quote and line feed.
/// </summary>
internal sealed class PromText
{
    private readonly StringBuilder _text = new();

    public void Gauge(string name, string help, IEnumerable<(string Labels, double Value)> samples)
    {
        var list = samples.ToList();
        if (list.Count == 0)
        {
            return;
        }
        _text.Append("# HELP ").Append(name).Append(' ').Append(Help(help)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(" gauge\n");
        foreach (var (labels, value) in list)
        {
            _text.Append(name);
            if (labels.Length > 0)
            {
                _text.Append('{').Append(labels).Append('}');
            }
            _text.Append(' ').Append(Number(value)).Append('\n');
        }
    }

    public override string ToString() => _text.ToString();

    /// <summary>A label value inside its double quotes.</summary>
    public static string Label(string? value) =>
        (value ?? "").Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Help(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Number(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : value.ToString("R", CultureInfo.InvariantCulture);
}
