using System.CommandLine;
using RusSnapshot.Analysis.Options;
using RusSnapshot.Analysis.Text;
using RusSnapshot.Cli.Configuration;
using RusSnapshot.Cli.Options;
using RusSnapshot.Reports;

namespace RusSnapshot.Cli.Commands;

/// <summary>The options <c>analyze</c> and <c>diff</c> share, as parsed; null means "not given" (the configuration, then the default, decides).</summary>
internal sealed record RunArguments(
    DirectoryInfo OutputDir, IReadOnlyList<ReportFormat>? Formats, ReportLanguage? Language, string? Config,
    FailOn? FailOn, DateTimeOffset? Timestamp, string? Encoding);

/// <summary>The command-line options behind <see cref="RunArguments"/>, declared once for every command that analyses.</summary>
internal sealed class RunOptions
{
    private readonly Option<DirectoryInfo> _outputDir = TypedOptions.OutputFolder();
    private readonly Option<ReportFormat[]> _formats = TypedOptions.Formats();
    private readonly Option<ReportLanguage?> _language = TypedOptions.Language();
    private readonly Option<string?> _config = TypedOptions.ConfigFile();
    private readonly Option<FailOn?> _failOn = TypedOptions.FailOn();
    private readonly Option<DateTimeOffset?> _timestamp = TypedOptions.Timestamp();
    private readonly Option<string?> _encoding = CommonOptions.Encoding();

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _outputDir, _formats, _language, _config, _failOn, _timestamp, _encoding })
        {
            command.Options.Add(option);
        }
    }

    public RunArguments Read(ParseResult parse) => new(
        parse.GetValue(_outputDir) ?? new DirectoryInfo("."),
        parse.GetValue(_formats) is { Length: > 0 } f ? f : null,
        parse.GetValue(_language),
        parse.GetValue(_config),
        parse.GetValue(_failOn),
        parse.GetValue(_timestamp),
        parse.GetValue(_encoding));
}

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
    public static RunSettings? Resolve(RunArguments args, TextWriter error)
    {
        var (configFile, formats, language, failOn, timestamp, encoding) = (args.Config, args.Formats, args.Language, args.FailOn, args.Timestamp, args.Encoding);
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
