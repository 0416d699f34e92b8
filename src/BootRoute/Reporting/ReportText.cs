using System.Globalization;
using BootRoute.Model;

namespace BootRoute.Reporting;

/// <summary>
/// The human report's text as it is written: StringBuilder's chaining over a <see cref="TextWriter"/>,
/// so a large report (hundreds of operations) goes straight to stdout instead of being built as one
/// string first.
/// </summary>
internal sealed class ReportText(TextWriter writer)
{
    /// <summary>Every string is escaped on its way out: most of what a report says came from outside.</summary>
    public ReportText Append(string? value)
    {
        writer.Write(PrintableText.Escape(value));
        return this;
    }

    public ReportText Append(char value) => Append(value.ToString());

    public ReportText Append(long value) => Append(value.ToString(CultureInfo.InvariantCulture));

    public ReportText AppendLine(string? value = null)
    {
        Append(value);
        writer.Write('\n');
        return this;
    }
}
