using RusSnapshot.Analysis.Options;
using RusSnapshot.Analysis.Text;
using RusSnapshot.Cli.Configuration;
using RusSnapshot.Cli.Options;
using RusSnapshot.Reports;

namespace RusSnapshot.Cli.Commands;

/// <summary>
/// What <c>analyze</c> and <c>diff</c> settle before reading anything: the configuration file, then each option as
/// given, else as configured, else its default; the timestamp (<c>--timestamp</c>, <c>SOURCE_DATE_EPOCH</c>, now).
/// </summary>
internal sealed record RunSettings(
    IReadOnlyList<ReportFormat> Formats, ReportLanguage Language, FailOn FailOn, DateTimeOffset When, AnalysisOptions Analysis)
{
    /// <summary>The report options of the run.</summary>
    public ReportOptions Report => new() { Language = Language, Timestamp = When, ToolName = "russnap", ToolVersion = AnalyzeCommand.ToolVersion };

    /// <summary>The settings, or null after printing why they are a usage error.</summary>
    public static RunSettings? Resolve(
        string? configFile, IReadOnlyList<ReportFormat>? formats, ReportLanguage? language, FailOn? failOn, DateTimeOffset? timestamp, string? encoding,
        TextWriter error)
    {
        RusSnapshotConfig config;
        try
        {
            config = configFile is null ? new RusSnapshotConfig() : ConfigLoader.Load(configFile);
        }
        catch (ConfigException ex)
        {
            ConsoleText.Line(error, $"russnap: {ex.Message}");
            return null;
        }

        if (!Timestamps.TryFromEnvironment(out var epoch, out var problem))
        {
            ConsoleText.Line(error, $"russnap: {problem}");
            return null;
        }

        var open = CommonOptions.ToOpenOptions(encoding ?? config.Encoding, error);
        if (open is null)
        {
            return null;
        }

        var when = timestamp ?? epoch ?? DateTimeOffset.UtcNow;
        return new RunSettings(
            formats ?? (config.Formats.Length > 0 ? config.Formats : Vocabulary.AllFormats),
            language ?? config.Language ?? ReportLanguage.En,
            failOn ?? config.FailOn ?? FailOn.Error,
            when,
            new AnalysisOptions
            {
                Open = open,
                SeverityOverrides = config.SeverityOverrides,
                Suppressions = config.Suppressions,
                ExcludedDomains = config.ExcludedDomains,
                Today = DateOnly.FromDateTime(when.UtcDateTime),
            });
    }
}
