using System.CommandLine;
using System.Globalization;
using System.Reflection;
using RusSnapshot.Analysis;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Text;
using RusSnapshot.Analysis.Verdict;
using RusSnapshot.Cli.Options;
using RusSnapshot.Dumps;
using RusSnapshot.Reports;

namespace RusSnapshot.Cli.Commands;

/// <summary><c>russnap analyze</c>: dumps in, reports out, exit code by the worst finding.</summary>
internal static class AnalyzeCommand
{
    /// <summary>Report file name without extension; fixed, so nothing is ever written outside the output folder.</summary>
    public const string ReportBaseName = "russnap-report";

    public static Command Create(TextWriter output, TextWriter error, CancellationToken cancel)
    {
        var inputs = CommonOptions.Inputs();
        var outputDir = TypedOptions.OutputFolder();
        var formats = TypedOptions.Formats();
        var lang = TypedOptions.Language();
        var config = TypedOptions.ConfigFile();
        var failOn = TypedOptions.FailOn();
        var timestamp = TypedOptions.Timestamp();
        var encoding = CommonOptions.Encoding();

        var command = new Command("analyze", "Analyse dumps and write Markdown, JSON and HTML reports (Ctrl-C stops the run; no report is left half-written)")
        {
            inputs, outputDir, formats, lang, config, failOn, timestamp, encoding,
        };
        command.SetAction(parse => Run(
            new AnalyzeArguments(
                parse.GetValue(inputs) ?? [],
                parse.GetValue(outputDir) ?? new DirectoryInfo("."),
                parse.GetValue(formats) is { Length: > 0 } f ? f : null,
                parse.GetValue(lang),
                parse.GetValue(config),
                parse.GetValue(failOn),
                parse.GetValue(timestamp),
                parse.GetValue(encoding)),
            output,
            error,
            cancel));
        return command;
    }

    /// <summary>The parsed command line; null means "not given" (the configuration, then the default, decides).</summary>
    internal sealed record AnalyzeArguments(
        IReadOnlyList<string> Inputs, DirectoryInfo OutputDir, IReadOnlyList<ReportFormat>? Formats, ReportLanguage? Language, string? Config,
        FailOn? FailOn, DateTimeOffset? Timestamp, string? Encoding);

    internal static int Run(AnalyzeArguments args, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        var settings = RunSettings.Resolve(args.Config, args.Formats, args.Language, args.FailOn, args.Timestamp, args.Encoding, error);
        if (settings is null)
        {
            return ExitCodes.UsageError;
        }

        // The output folder is checked (and the report files created) before any input is read: a bad -o must not
        // cost the whole analysis first.
        using var reports = ReportFiles.Open(args.OutputDir, settings.Formats.Select(f => (f, $"{ReportBaseName}.{f.Writer().FileExtension}")));
        var sources = CommonOptions.ExpandInputs(args.Inputs, error);
        if (sources is null)
        {
            return ExitCodes.InvalidInput;
        }

        AnalysisResult result;
        using (var progress = Progress.ForStandardError(error))
        {
            result = ForestAnalyzer.Analyze(sources, settings.Analysis, (input, bytes) =>
            {
                // Ctrl-C and SIGTERM are seen between records; Guard turns this into exit 130.
                cancel.ThrowIfCancellationRequested();
                progress.Tick(input, bytes);
            });
        }

        var document = ReportBuilder.Build(result, settings.Report);

        reports.WriteAll((format, writer) => format.Writer().Write(document, writer), cancel);
        WriteSummary(result, settings.Language, reports.Paths, output);
        foreach (var d in result.Inputs.SelectMany(i => i.Diagnostics).Where(d => d.Code == DiagnosticCodes.InputManifestInvalid.Id))
        {
            ConsoleText.Line(error, d.ToString());
        }

        foreach (var input in result.Inputs.Where(i => i.HasReadErrors))
        {
            foreach (var d in input.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20))
            {
                ConsoleText.Line(error, d.ToString());
            }
        }

        return ExitCode(result, settings.FailOn);
    }

    /// <summary>
    /// The exit decision, in one place: 3 when an input could not be read (or none was a dump), else 1 when an
    /// unsuppressed failure is at or above <paramref name="failOn"/>, else 0.
    /// </summary>
    internal static int ExitCode(AnalysisResult result, FailOn failOn) =>
        result.HasInvalidInput ? ExitCodes.InvalidInput
        : failOn.Threshold() is { } threshold && result.FailuresAtOrAbove(threshold).Any() ? ExitCodes.Findings
        : ExitCodes.Success;

    internal static string ToolVersion =>
        typeof(AnalyzeCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static void WriteSummary(AnalysisResult result, ReportLanguage language, IEnumerable<string> written, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        var summary = result.Summary;
        var fails = result.Findings.Where(f => f.Group is FindingGroup.Error or FindingGroup.Warning).ToList();

        // Without crossRefs the forest's domains are unknown (RSN1001 says so): say what was read, not a domain count.
        var domains = summary.DomainsKnown
            ? $"{result.Forest.Domains.Length.ToString(c)} domain(s)"
            : $"domains unknown (no crossRefs), {result.Forest.Domains.Length.ToString(c)} domain partition(s) read";
        output.WriteLine($"{result.Entries.ToString(c)} entries from {result.Inputs.Length.ToString(c)} input(s); {domains}, {result.Forest.Servers.Length.ToString(c)} Exchange server(s), {result.Forest.RusInstances.Length.ToString(c)} RUS instance(s)");
        output.WriteLine($"findings: {summary.Errors.ToString(c)} error(s), {summary.Warnings.ToString(c)} warning(s), {summary.NotApplicable.ToString(c)} not applicable, {summary.Suppressed.ToString(c)} suppressed; verdict: {summary.Verdict.ToString().ToLowerInvariant()}");
        foreach (var f in fails.Take(20))
        {
            ConsoleText.Line(output, $"  {f.Severity.ToName()} {f.RuleId} {RuleTexts.Message(language, f)}");
        }

        if (fails.Count > 20)
        {
            output.WriteLine($"  ... {(fails.Count - 20).ToString(c)} more in the reports");
        }

        foreach (var path in written)
        {
            ConsoleText.Line(output, $"report: {path}");
        }
    }
}
