using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Text;
using RusSnapshot.Reports;
using RusSnapshot.Reports.Diff;

namespace RusSnapshot.Cli.Options;

/// <summary>When <c>analyze</c> exits 1: <c>--fail-on</c> and the configuration's <c>report.failOn</c>.</summary>
internal enum FailOn
{
    /// <summary>An error-level finding fails the run (the default).</summary>
    Error,

    /// <summary>A warning or an error fails the run.</summary>
    Warning,

    /// <summary>Findings never fail the run (input errors still do).</summary>
    Never,
}

/// <summary>A report format: <c>--format</c> and the configuration's <c>report.formats</c>.</summary>
internal enum ReportFormat
{
    /// <summary><c>md</c> or <c>markdown</c>.</summary>
    Markdown,

    /// <summary><c>json</c>.</summary>
    Json,

    /// <summary><c>html</c> or <c>htm</c>.</summary>
    Html,

    /// <summary>SARIF 2.1.0 (<c>analyze</c> only; not written unless asked).</summary>
    Sarif,
}

/// <summary>
/// The words of the command line and of the YAML configuration, parsed by the same functions so that the two
/// can never accept different values (case-insensitive, as the configuration always was).
/// </summary>
internal static class Vocabulary
{
    public const string FailOnNames = "error, warning or never";

    public const string FormatNames = "md, json, html or sarif";

    public const string LanguageNames = "en or fr";

    /// <summary>Every format, in the order the reports are written.</summary>
    public static IReadOnlyList<ReportFormat> AllFormats { get; } = [ReportFormat.Markdown, ReportFormat.Json, ReportFormat.Html];

    public static bool TryFailOn(string? text, out FailOn failOn)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "error": failOn = FailOn.Error; return true;
            case "warning": failOn = FailOn.Warning; return true;
            case "never": failOn = FailOn.Never; return true;
            default: failOn = FailOn.Error; return false;
        }
    }

    public static bool TryFormat(string? text, out ReportFormat format)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "md" or "markdown": format = ReportFormat.Markdown; return true;
            case "json": format = ReportFormat.Json; return true;
            case "html" or "htm": format = ReportFormat.Html; return true;
            case "sarif": format = ReportFormat.Sarif; return true;
            default: format = ReportFormat.Markdown; return false;
        }
    }

    public static bool TryLanguage(string? text, out ReportLanguage language) => ReportLanguages.TryParse(text, out language);

    /// <summary>The lowest severity that fails the run, or null for <see cref="FailOn.Never"/>.</summary>
    public static Severity? Threshold(this FailOn failOn) => failOn switch
    {
        FailOn.Warning => Severity.Warning,
        FailOn.Never => null,
        _ => Severity.Error,
    };

    public static IReportWriter Writer(this ReportFormat format) => format switch
    {
        ReportFormat.Json => ReportWriters.Json,
        ReportFormat.Html => ReportWriters.Html,
        ReportFormat.Sarif => ReportWriters.Sarif,
        _ => ReportWriters.Markdown,
    };

    /// <summary>The comparison writer of a format (<c>russnap diff</c>), or null for one a comparison is not written in (SARIF).</summary>
    public static IDiffWriter? DiffWriter(this ReportFormat format) => format switch
    {
        ReportFormat.Json => new DiffJsonWriter(),
        ReportFormat.Html => new DiffHtmlWriter(),
        ReportFormat.Markdown => new DiffMarkdownWriter(),
        _ => null,
    };
}
