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
        var run = new RunOptions();
        var setupLogs = TypedOptions.SetupLogs();
        var setupRun = TypedOptions.SetupRun();
        var recipients = TypedOptions.Recipients();
        var noSha256 = TypedOptions.NoSha256();

        var command = new Command("analyze", "Analyse dumps and write Markdown, JSON and HTML reports (Ctrl-C stops the run; no report is left half-written)")
        {
            inputs,
        };
        run.AddTo(command);
        command.Options.Add(setupLogs);
        command.Options.Add(setupRun);
        command.Options.Add(recipients);
        command.Options.Add(noSha256);
        command.SetAction(parse => Run(
            new AnalyzeArguments(parse.GetValue(inputs) ?? [], run.Read(parse))
            {
                SetupLogs = parse.GetValue(setupLogs) ?? [],
                SetupRun = parse.GetValue(setupRun),
                Recipients = parse.GetValue(recipients),
                NoSha256 = parse.GetValue(noSha256),
            },
            output,
            error,
            cancel));
        return command;
    }

    /// <summary>The parsed command line; null means "not given" (the configuration, then the default, decides).</summary>
    internal sealed record AnalyzeArguments(IReadOnlyList<string> Inputs, RunArguments Run)
    {
        /// <summary><c>--setup-log</c>, in the order given.</summary>
        public IReadOnlyList<string> SetupLogs { get; init; } = [];

        /// <summary><c>--setup-run</c>: the run of each setup log to read; null for the last.</summary>
        public int? SetupRun { get; init; }

        /// <summary><c>--recipients</c>: where to write the recipients behind RSN2007, or null.</summary>
        public FileInfo? Recipients { get; init; }

        /// <summary><c>--no-sha256</c>: skip hashing the inputs.</summary>
        public bool NoSha256 { get; init; }
    }

    internal static int Run(AnalyzeArguments args, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        var settings = RunSettings.Resolve(args.Run, error);
        if (settings is null)
        {
            return ExitCodes.UsageError;
        }

        var reportNames = settings.Formats.Select(f => (f, $"{ReportBaseName}.{f.Writer().FileExtension}")).ToList();
        if (args.Recipients is { } list && reportNames.Any(r => SamePath(Path.Combine(args.Run.OutputDir.ToString(), r.Item2), list.ToString())))
        {
            ConsoleText.Line(error, $"russnap: --recipients {ConsoleText.Quote(list.ToString())} names one of the reports: give it another name");
            return ExitCodes.UsageError;
        }

        // The output folder is checked (and the report files created) before any input is read: a bad -o must not
        // cost the whole analysis first. So is the recipients list.
        using var reports = ReportFiles.Open(args.Run.OutputDir, reportNames);
        using var recipients = args.Recipients is null ? null : RecipientsFile.Open(args.Recipients);
        var sources = CommonOptions.ExpandInputs(args.Inputs, error);
        if (sources is null)
        {
            return ExitCodes.InvalidInput;
        }

        if (args.SetupLogs.FirstOrDefault(p => !File.Exists(p)) is { } missing)
        {
            ConsoleText.Line(error, $"russnap: --setup-log {ConsoleText.Quote(missing)}: no such file");
            return ExitCodes.InvalidInput;
        }

        var analysis = settings.Analysis with { SetupLogs = [.. args.SetupLogs], SetupRun = args.SetupRun, HashInputs = settings.Analysis.HashInputs && !args.NoSha256,
            SpoolFolder = recipients?.Folder };
        AnalysisResult result;
        using (var progress = Progress.ForStandardError(error))
        {
            result = ForestAnalyzer.Analyze(sources, analysis, (input, bytes) =>
            {
                // Ctrl-C and SIGTERM are seen between records; Guard turns this into exit 130.
                cancel.ThrowIfCancellationRequested();
                progress.Tick(input, bytes);
            }, recipients?.Spool);
        }

        var document = ReportBuilder.Build(result, settings.Report);

        // The list is written (its domains are known now) before the reports are renamed into place, and renamed after them.
        var listed = recipients?.Write(result.RecipientDomain);
        cancel.ThrowIfCancellationRequested();
        reports.WriteAll((format, writer) => format.Writer().Write(document, writer), cancel);
        recipients?.Commit();
        WriteSummary(result, settings.Language, reports.Paths, output);
        if (recipients is not null)
        {
            ConsoleText.Line(output, $"recipients: {recipients.FinalPath} ({listed.GetValueOrDefault().ToString(CultureInfo.InvariantCulture)} unstamped recipient(s), RSN2007)");
        }

        foreach (var d in result.Forest.SetupLogs.SelectMany(l => l.Diagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).Take(20))
        {
            ConsoleText.Line(error, d.ToString());
        }
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

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

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

        foreach (var log in result.SetupLogs)
        {
            var run = log.Log.Run;
            var what = run is null
                ? "no run read"
                : $"run {run.Number.ToString(c)} of {log.Log.RunCount.ToString(c)} ({run.Format(run.Started)}), RusMissing {(log.LogFired switch { true => "fired", false => "did not fire", _ => "not evaluated" })}{(log.LogDomain is { } dn ? " for " + dn : string.Empty)}";
            var against = log.Agreement switch
            {
                SetupLogAgreement.Agrees => "agrees with the dump",
                SetupLogAgreement.Disagrees => "disagrees with the dump (RSN2008)",
                _ => "not compared with the dump",
            };
            ConsoleText.Line(output, $"setup log: {log.Log.Path}: {what}; {against}");
        }

        foreach (var path in written)
        {
            ConsoleText.Line(output, $"report: {path}");
        }
    }
}
