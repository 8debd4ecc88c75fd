using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Text;
using RusSnapshot.Analysis;
using RusSnapshot.Analysis.Options;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Text;
using RusSnapshot.Cli.Configuration;
using RusSnapshot.Dumps;
using RusSnapshot.Dumps.Input;
using RusSnapshot.Reports;

namespace RusSnapshot.Cli.Commands;

/// <summary><c>russnap analyze</c>: dumps in, reports out, exit code by the worst finding.</summary>
internal static class AnalyzeCommand
{
    /// <summary>Report file name without extension; fixed, so nothing is ever written outside the output folder.</summary>
    public const string ReportBaseName = "russnap-report";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var inputs = CommonOptions.Inputs();
        var outputDir = new Option<string>("--output", "-o") { Description = "Folder for the reports (created if missing)", DefaultValueFactory = _ => "." };
        var formats = new Option<string[]>("--format", "-f")
        {
            Description = "Report formats, comma-separated or repeated: md, json, html (default: all three)",
        };
        var lang = new Option<string?>("--lang") { Description = "Report language: en or fr (default en)" };
        lang.AcceptOnlyFromAmong("en", "fr");
        var config = new Option<string?>("--config", "-c") { Description = "YAML configuration (schemas/config.schema.json)" };
        var failOn = new Option<string?>("--fail-on") { Description = "Exit 1 when a finding is at or above: error (default), warning, never" };
        failOn.AcceptOnlyFromAmong("error", "warning", "never");
        var timestamp = new Option<string?>("--timestamp")
        {
            Description = "Pin the report timestamp (ISO 8601 such as 2026-11-24T12:00:00Z, or Unix seconds); SOURCE_DATE_EPOCH is honoured too, for reproducible reports",
        };
        var encoding = CommonOptions.Encoding();

        var command = new Command("analyze", "Analyse dumps and write Markdown, JSON and HTML reports")
        {
            inputs, outputDir, formats, lang, config, failOn, timestamp, encoding,
        };
        command.SetAction(parse => Run(new AnalyzeArguments(
            parse.GetValue(inputs) ?? [],
            parse.GetValue(outputDir) ?? ".",
            parse.GetValue(formats) ?? [],
            parse.GetValue(lang),
            parse.GetValue(config),
            parse.GetValue(failOn),
            parse.GetValue(timestamp),
            parse.GetValue(encoding)), output, error));
        return command;
    }

    internal sealed record AnalyzeArguments(
        IReadOnlyList<string> Inputs, string OutputDir, IReadOnlyList<string> Formats, string? Lang, string? Config,
        string? FailOn, string? Timestamp, string? Encoding);

    internal static int Run(AnalyzeArguments args, TextWriter output, TextWriter error)
    {
        RusSnapshotConfig config;
        try
        {
            config = args.Config is null ? new RusSnapshotConfig() : ConfigLoader.Load(args.Config);
        }
        catch (ConfigException ex)
        {
            error.WriteLine($"russnap: {ex.Message}");
            return ExitCodes.UsageError;
        }

        var formatNames = args.Formats.Count > 0
            ? args.Formats.SelectMany(f => f.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList()
            : config.Formats.Length > 0 ? [.. config.Formats] : ["md", "json", "html"];
        var writers = new List<IReportWriter>();
        foreach (var name in formatNames)
        {
            var writer = ReportWriters.Find(name);
            if (writer is null)
            {
                error.WriteLine($"russnap: unknown report format '{name}': expected md, json or html");
                return ExitCodes.UsageError;
            }

            if (!writers.Contains(writer))
            {
                writers.Add(writer);
            }
        }

        ReportLanguages.TryParse(args.Lang ?? config.Language ?? "en", out var language);
        var failOn = args.FailOn ?? config.FailOn ?? "error";
        if (!TryTimestamp(args.Timestamp, out var when, out var timestampError))
        {
            error.WriteLine($"russnap: {timestampError}");
            return ExitCodes.UsageError;
        }

        var open = CommonOptions.ToOpenOptions(args.Encoding ?? config.Encoding, error);
        if (open is null)
        {
            return ExitCodes.UsageError;
        }

        var sources = CommonOptions.ExpandInputs(args.Inputs, error);
        if (sources is null)
        {
            return ExitCodes.InvalidInput;
        }

        var options = new AnalysisOptions
        {
            Open = open,
            SeverityOverrides = config.SeverityOverrides,
            Suppressions = config.Suppressions,
            ExcludedDomains = config.ExcludedDomains,
            Today = DateOnly.FromDateTime(when.UtcDateTime),
        };

        AnalysisResult result;
        using (var progress = Progress.ForStandardError(error))
        {
            result = ForestAnalyzer.Analyze(sources, options, progress.Tick);
        }

        var document = ReportBuilder.Build(result, new ReportOptions
        {
            Language = language,
            Timestamp = when,
            ToolName = "russnap",
            ToolVersion = ToolVersion,
        });

        var written = new List<string>();
        try
        {
            Directory.CreateDirectory(args.OutputDir);
            foreach (var writer in writers)
            {
                var path = Path.Combine(args.OutputDir, $"{ReportBaseName}.{writer.FileExtension}");
                using (var file = new StreamWriter(path, append: false, new UTF8Encoding(false)) { NewLine = "\n" })
                {
                    writer.Write(document, file);
                }

                written.Add(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputFolderException($"{args.OutputDir}: cannot write the reports there: {ex.Message}", ex);
        }

        WriteSummary(result, language, written, output);

        var readErrors = result.Inputs.Where(i => i.ReadErrors > 0 || (i.Format is not null && !i.Complete)).ToList();
        foreach (var input in readErrors)
        {
            foreach (var d in input.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20))
            {
                error.WriteLine(d.ToString());
            }
        }

        if (readErrors.Count > 0 || result.Inputs.All(i => i.Format is null))
        {
            return ExitCodes.InvalidInput;
        }

        var threshold = failOn switch { "warning" => Severity.Warning, "never" => (Severity?)null, _ => Severity.Error };
        var failing = threshold is { } t && result.Findings.Any(f => f.Kind == FindingKind.Fail && f.SuppressedBecause is null && f.Severity >= t);
        return failing ? ExitCodes.Findings : ExitCodes.Success;
    }

    internal static string ToolVersion =>
        typeof(AnalyzeCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static void WriteSummary(AnalysisResult result, ReportLanguage language, IReadOnlyList<string> written, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        var fails = result.Findings.Where(f => f.Kind == FindingKind.Fail && f.SuppressedBecause is null).ToList();
        output.WriteLine($"{result.Entries.ToString(c)} entries from {result.Inputs.Length.ToString(c)} input(s); {result.Forest.Domains.Length.ToString(c)} domain(s), {result.Forest.Servers.Length.ToString(c)} Exchange server(s), {result.Forest.RusInstances.Length.ToString(c)} RUS instance(s)");
        output.WriteLine($"findings: {fails.Count(f => f.Severity == Severity.Error).ToString(c)} error(s), {fails.Count(f => f.Severity == Severity.Warning).ToString(c)} warning(s), {result.Findings.Count(f => f.Kind == FindingKind.NotApplicable).ToString(c)} not applicable, {result.Findings.Count(f => f.SuppressedBecause is not null).ToString(c)} suppressed");
        foreach (var f in fails.Take(20))
        {
            output.WriteLine($"  {f.Severity.ToName()} {f.RuleId} {RuleTexts.Message(language, f)}");
        }

        if (fails.Count > 20)
        {
            output.WriteLine($"  ... {(fails.Count - 20).ToString(c)} more in the reports");
        }

        foreach (var path in written)
        {
            output.WriteLine($"report: {path}");
        }
    }

    /// <summary>--timestamp, else SOURCE_DATE_EPOCH (reproducible builds' convention), else now.</summary>
    internal static bool TryTimestamp(string? text, out DateTimeOffset when, out string? problem)
    {
        problem = null;
        var origin = "--timestamp";
        if (text is null && Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH") is { Length: > 0 } epoch)
        {
            text = epoch;
            origin = "SOURCE_DATE_EPOCH";
        }

        if (text is null)
        {
            when = DateTimeOffset.UtcNow;
            return true;
        }

        // Unix seconds (SOURCE_DATE_EPOCH's form); "@" is System.CommandLine's response-file prefix, so it is optional here.
        var digits = text.StartsWith('@') ? text[1..] : text;
        if (digits.Length > 0 && digits.All(char.IsAsciiDigit))
        {
            if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 253402300799)
            {
                when = DateTimeOffset.FromUnixTimeSeconds(seconds);
                return true;
            }

            when = default;
            problem = $"{origin} '{text}' is out of range: Unix seconds up to 253402300799 (year 9999)";
            return false;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out when))
        {
            return true;
        }

        problem = $"{origin} '{text}' is not a timestamp: expected ISO 8601 (2026-11-24T12:00:00Z) or Unix seconds";
        return false;
    }
}
