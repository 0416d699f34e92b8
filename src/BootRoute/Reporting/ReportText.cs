using System.Globalization;

namespace BootRoute.Reporting;

/// <summary>
/// The human report's text as it is written: StringBuilder's chaining over a <see cref="TextWriter"/>,
/// so a large report (hundreds of operations) goes straight to stdout instead of being built as one
/// string first.
/// </summary>
internal sealed class ReportText(TextWriter writer)
{
    public ReportText Append(string? value)
    {
        writer.Write(value);
        return this;
    }

    public ReportText Append(char value)
    {
        writer.Write(value);
        return this;
    }

    public ReportText Append(long value) => Append(value.ToString(CultureInfo.InvariantCulture));

    public ReportText AppendLine(string? value = null)
    {
        writer.Write(value);
        writer.Write('\n');
        return this;
    }
}
