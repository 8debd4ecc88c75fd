using System.CommandLine;
using System.Globalization;
using RusSnapshot.Analysis;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Text;
using RusSnapshot.Cli.Options;
using RusSnapshot.Dumps;
using RusSnapshot.Reports;
using RusSnapshot.Reports.Diff;

namespace RusSnapshot.Cli.Commands;

/// <summary>
/// <c>russnap diff</c>: two analyses (each a dump, folder or archive analysed now, or a JSON report written earlier)
/// compared by fingerprint, with the forest changes that explain the difference. Exit 1 when a new failure is at or
/// above <c>--fail-on</c>.
/// </summary>
internal static class DiffCommand
{
    /// <summary>Output file name without extension; fixed, so nothing is written outside the output folder.</summary>
    public const string BaseName = "russnap-diff";

    public static Command Create(TextWriter output, TextWriter error, CancellationToken cancel)
    {
        var before = new Argument<string>("before") { Description = "The earlier dump (file, folder, .zip, .gz) or JSON report" };
        var after = new Argument<string>("after") { Description = "The later dump or JSON report" };
        var run = new RunOptions();
        var command = new Command("diff", "Compare two analyses: findings fixed, new and unchanged, and the forest changes that explain them")
        {
            before, after,
        };
        run.AddTo(command);
        command.SetAction(parse => Run(new DiffArguments(parse.GetValue(before)!, parse.GetValue(after)!, run.Read(parse)), output, error, cancel));
        return command;
    }

    internal sealed record DiffArguments(string Before, string After, RunArguments Run);

    internal static int Run(DiffArguments args, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        var settings = RunSettings.Resolve(args.Run, error);
        if (settings is null)
        {
            return ExitCodes.UsageError;
        }

        foreach (var unsupported in settings.Formats.Where(f => f.DiffWriter() is null).Take(1))
        {
            ConsoleText.Line(error, $"russnap: diff writes md, json or html, not {unsupported.ToString().ToLowerInvariant()}");
            return ExitCodes.UsageError;
        }

        using var files = ReportFiles.Open(args.Run.OutputDir, settings.Formats.Select(f => (f, $"{BaseName}.{f.DiffWriter()!.FileExtension}")));
        DiffSide? Side(string path)
        {
            try
            {
                if (JsonReportReader.IsReportPath(path))
                {
                    return JsonReportReader.Read(path, path);
                }
            }
            catch (InvalidReportException ex)
            {
                ConsoleText.Line(error, $"russnap: {ex.Message}");
                return null;
            }

            var sources = CommonOptions.ExpandInputs([path], error);
            if (sources is null)
            {
                return null;
            }

            using var progress = Progress.ForStandardError(error);
            var result = ForestAnalyzer.Analyze(sources, settings.Analysis, (input, bytes) =>
            {
                cancel.ThrowIfCancellationRequested();
                progress.Tick(input, bytes);
            });
            if (result.HasInvalidInput)
            {
                // A comparison with a half-read side would report fixes that are only missing data.
                ConsoleText.Line(error, $"russnap: {path}: the dump could not be read completely; compare only complete dumps (run 'russnap validate {path}')");
                foreach (var d in result.Inputs.SelectMany(i => i.Diagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).Take(20))
                {
                    ConsoleText.Line(error, d.ToString());
                }

                return null;
            }

            return DiffSide.FromReport(ReportBuilder.Build(result, settings.Report), path);
        }

        var beforeSide = Side(args.Before);
        var afterSide = beforeSide is null ? null : Side(args.After);
        if (beforeSide is null || afterSide is null)
        {
            return ExitCodes.InvalidInput;
        }

        var tool = new ReportTool("russnap", AnalyzeCommand.ToolVersion, RuleCatalog.Version, null);
        var document = ReportDiff.Compare(beforeSide, afterSide, tool, settings.Language, settings.When);
        files.WriteAll((format, writer) => format.DiffWriter()!.Write(document, writer), cancel);
        WriteSummary(document, files.Paths, output);
        return settings.FailOn.Threshold() is { } threshold && document.NewAtOrAbove(threshold).Any() ? ExitCodes.Findings : ExitCodes.Success;
    }

    private static void WriteSummary(DiffDocument d, IEnumerable<string> written, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        var l = DiffLabels.For(d.Language);
        output.WriteLine($"{d.Fixed.Length.ToString(c)} fixed, {d.New.Length.ToString(c)} new, {d.Unchanged.Length.ToString(c)} unchanged; {d.Changes.Length.ToString(c)} forest change(s)");
        foreach (var (mark, entries) in new[] { ("fixed", d.Fixed), ("new", d.New) })
        {
            foreach (var e in entries.Take(20))
            {
                var because = e.Explanations.IsEmpty ? string.Empty
                    : " <- " + string.Join("; ", e.Explanations.Select(i => $"{l.ChangeName(d.Changes[i].Kind)}: {d.Changes[i].Name}"));
                ConsoleText.Line(output, $"  {mark} {e.Severity.ToName()} {e.RuleId} {e.Subject}{because}");
            }
        }

        foreach (var path in written)
        {
            ConsoleText.Line(output, $"report: {path}");
        }
    }
}
