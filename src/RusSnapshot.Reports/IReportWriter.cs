using System.Collections.Immutable;
using System.Text;
using RusSnapshot.Reports.Html;
using RusSnapshot.Reports.Json;
using RusSnapshot.Reports.Markdown;

namespace RusSnapshot.Reports;

/// <summary>
/// Renders a <see cref="ReportDocument"/> in one format. Writers are deterministic: invariant culture, no clock,
/// LF line endings whatever <see cref="TextWriter.NewLine"/> says, every value escaped for the format. The caller
/// owns files: write with UTF-8 without a BOM (<see cref="ReportWriters.Utf8"/>).
/// </summary>
public interface IReportWriter
{
    /// <summary><c>json</c>, <c>md</c> or <c>html</c>.</summary>
    string Format { get; }

    /// <summary>The file extension, without the dot.</summary>
    string FileExtension { get; }

    void Write(ReportDocument document, TextWriter output);
}

/// <summary>The report writers.</summary>
public static class ReportWriters
{
    /// <summary>UTF-8 without a byte order mark: the encoding report files are written in.</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IReportWriter Json { get; } = new JsonReportWriter();

    public static IReportWriter Markdown { get; } = new MarkdownReportWriter();

    public static IReportWriter Html { get; } = new HtmlReportWriter();

    public static IReportWriter Sarif { get; } = new Sarif.SarifReportWriter();

    /// <summary>Every writer: JSON, Markdown, HTML, SARIF.</summary>
    public static ImmutableArray<IReportWriter> All { get; } = [Json, Markdown, Html, Sarif];

    /// <summary>The writer for a format name (<c>json</c>, <c>md</c> or <c>markdown</c>, <c>html</c> or <c>htm</c>, <c>sarif</c>; case-insensitive), or null.</summary>
    public static IReportWriter? Find(string? name)
    {
        var n = name?.Trim();
        if (string.IsNullOrEmpty(n))
        {
            return null;
        }

        if (string.Equals(n, "markdown", StringComparison.OrdinalIgnoreCase))
        {
            return Markdown;
        }

        if (string.Equals(n, "htm", StringComparison.OrdinalIgnoreCase))
        {
            return Html;
        }

        return All.FirstOrDefault(w => string.Equals(w.Format, n, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The report as a string.</summary>
    public static string Render(this IReportWriter writer, ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var output = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        writer.Write(document, output);
        return output.ToString();
    }
}
