using System.Globalization;
using System.Text.Json;
using RusSnapshot.Cli.Options;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RusSnapshot.Cli.Commands;

/// <summary>What <c>case.yaml</c> says about a support case.</summary>
/// <param name="Id">The case id (its folder's name).</param>
/// <param name="Inputs">The dump files, relative to the case folder, in order.</param>
/// <param name="Languages">Report languages to check (default <c>en</c>).</param>
/// <param name="FailOn">The <c>--fail-on</c> of the analysis.</param>
/// <param name="ExitCode">The expected exit code.</param>
/// <param name="Config">A configuration file, relative to the case folder.</param>
/// <param name="Encoding">An <c>--encoding</c> for the inputs.</param>
/// <param name="Findings">The expected findings, each <c>rule kind severity subject</c>.</param>
internal sealed record CaseSpec(
    string Id, IReadOnlyList<string> Inputs, IReadOnlyList<string> Languages, string FailOn, int ExitCode, string? Config, string? Encoding,
    IReadOnlyList<string> Findings)
{
    /// <summary>Reads a case file.</summary>
    /// <exception cref="InvalidDataException">The file is not a case file (YAML errors name the line and column).</exception>
    public static CaseSpec Load(string path)
    {
        try
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(File.ReadAllText(path)));
            if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
            {
                throw new InvalidDataException($"{path}: a case file is a YAML mapping");
            }

            var options = Child(root, "options") as YamlMappingNode ?? new YamlMappingNode();
            var expected = Child(root, "expected") as YamlMappingNode ?? throw new InvalidDataException($"{path}: 'expected' is missing");
            var exit = Get(expected, "exitCode") ?? "0";
            return new CaseSpec(
                Get(root, "id") ?? Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) ?? string.Empty,
                [.. List(root, "inputs").Select(Scalar)],
                List(options, "languages").Select(Scalar).DefaultIfEmpty("en").ToList(),
                Get(options, "failOn") ?? "error",
                int.TryParse(exit, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : throw new InvalidDataException($"{path}: exitCode '{exit}' is not a number"),
                Get(options, "config"),
                Get(options, "encoding"),
                [.. List(expected, "findings").Select(n => n as YamlMappingNode ?? throw new InvalidDataException($"{path}: a finding is a mapping (rule, kind, severity, subject)"))
                    .Select(f => FindingLine(Get(f, "rule") ?? string.Empty, Get(f, "kind") ?? "fail", Get(f, "severity") ?? string.Empty, Get(f, "subject") ?? string.Empty))]);
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{path}:{ex.Start.Line.ToString(CultureInfo.InvariantCulture)}:{ex.Start.Column.ToString(CultureInfo.InvariantCulture)}: {ex.Message}", ex);
        }
        catch (InvalidCastException ex)
        {
            throw new InvalidDataException($"{path}: unexpected shape ({ex.Message})", ex);
        }
    }

    /// <summary>One finding as the case compares it.</summary>
    public static string FindingLine(string rule, string kind, string severity, string subject) => $"{rule} {kind} {severity} {subject}";

    private static YamlNode? Child(YamlMappingNode m, string key) => m.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    private static string? Get(YamlMappingNode m, string key) => Child(m, key) is YamlScalarNode s ? s.Value : null;

    private static IEnumerable<YamlNode> List(YamlMappingNode m, string key) => Child(m, key) is YamlSequenceNode s ? s.Children : [];

    private static string Scalar(YamlNode n) => (n as YamlScalarNode)?.Value ?? throw new InvalidDataException("expected a text value");
}

/// <summary>The outcome of checking one case: what differs from what it expects (nothing when it passes).</summary>
internal sealed record CaseOutcome(string Id, IReadOnlyList<string> Differences)
{
    public bool Passed => Differences.Count == 0;
}

/// <summary>One analysis of a case in one language, with the case folder scrubbed from every path.</summary>
internal sealed record CaseRun(int ExitCode, IReadOnlyList<string> Findings, IReadOnlyDictionary<string, string> Reports, string Output, string Error);

/// <summary>
/// Support cases as regression fixtures (<c>fixtures/cases/&lt;id&gt;/</c>: the dump, <c>case.yaml</c>, the approved
/// reports), run the way <c>russnap case check</c> and the test suite both run them: analyse the dump as the case says,
/// in each language, with the timestamp pinned, and compare the exit code, the findings and the reports (Verify's
/// convention: <c>*.verified.*</c> approved, <c>*.received.*</c> written beside them on a difference; rename to approve).
/// </summary>
internal static class SupportCases
{
    /// <summary>The case file of a case folder.</summary>
    public const string SpecFile = "case.yaml";

    /// <summary>Reports of cases are pinned to this instant so that they are byte-identical across runs.</summary>
    public const string PinnedTimestamp = "2026-01-01T00:00:00Z";

    /// <summary>Where cases live, relative to the repository root.</summary>
    public static readonly string DefaultRoot = Path.Combine("fixtures", "cases");

    /// <summary>Stands for the case folder in reports and subjects (input paths are absolute and machine-specific).</summary>
    public const string CaseDirToken = "{CaseDir}/";

    private static readonly string[] Extensions = ["md", "json", "html"];

    /// <summary>The case folders under <paramref name="root"/> (those with a <c>case.yaml</c>), in ordinal order; <paramref name="root"/> itself when it is a case.</summary>
    public static IReadOnlyList<string> CaseFolders(string root)
    {
        if (File.Exists(Path.Combine(root, SpecFile)))
        {
            return [root];
        }

        return !Directory.Exists(root)
            ? []
            : [.. Directory.GetDirectories(root).Where(d => File.Exists(Path.Combine(d, SpecFile))).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Checks one case; with <paramref name="approve"/>, writes the reports as the approved ones instead of comparing them
    /// (what <c>russnap case new</c> does once).
    /// </summary>
    public static CaseOutcome Check(string caseDir, bool approve = false, CancellationToken cancel = default)
    {
        var id = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(caseDir)));
        CaseSpec spec;
        try
        {
            spec = CaseSpec.Load(Path.Combine(caseDir, SpecFile));
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return new CaseOutcome(id, [ex.Message]);
        }

        var differences = new List<string>();
        foreach (var lang in spec.Languages)
        {
            var run = Run(caseDir, spec, lang, cancel);
            if (run.ExitCode != spec.ExitCode)
            {
                differences.Add($"({lang}) exit code {run.ExitCode.ToString(CultureInfo.InvariantCulture)}, expected {spec.ExitCode.ToString(CultureInfo.InvariantCulture)}"
                    + (run.Error.Length > 0 ? $": {FirstLine(run.Error)}" : string.Empty));
            }

            foreach (var missing in Except(spec.Findings, run.Findings))
            {
                differences.Add($"({lang}) expected finding not found: {missing}");
            }

            foreach (var unexpected in Except(run.Findings, spec.Findings))
            {
                differences.Add($"({lang}) finding not expected: {unexpected}");
            }

            foreach (var ext in Extensions)
            {
                if (!run.Reports.TryGetValue(ext, out var produced))
                {
                    differences.Add($"({lang}) no {ext} report was written");
                    continue;
                }

                var verified = Path.Combine(caseDir, $"report.{lang}.verified.{ext}");
                var received = Path.Combine(caseDir, $"report.{lang}.received.{ext}");
                if (approve)
                {
                    File.WriteAllText(verified, produced);
                    File.Delete(received);
                    continue;
                }

                var approved = File.Exists(verified) ? File.ReadAllText(verified) : null;
                if (approved == produced)
                {
                    File.Delete(received);
                    continue;
                }

                File.WriteAllText(received, produced);
                differences.Add(approved is null
                    ? $"({lang}) {Path.GetFileName(verified)} is missing; the new report is {Path.GetFileName(received)} (rename it to approve)"
                    : $"({lang}) report.{lang}.{ext} differs from the approved file {FirstDifference(approved, produced)}; the new report is {Path.GetFileName(received)} (review, then rename it to .verified. to approve)");
            }
        }

        return new CaseOutcome(spec.Id.Length > 0 ? spec.Id : id, differences);
    }

    /// <summary>Analyses a case's dump in one language into a scratch folder, and returns what came out, scrubbed.</summary>
    public static CaseRun Run(string caseDir, CaseSpec spec, string lang, CancellationToken cancel = default)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(caseDir));
        var scratch = Path.Combine(Path.GetTempPath(), "russnap-case-" + Guid.NewGuid().ToString("N"));
        try
        {
            var output = new StringWriter { NewLine = "\n" };
            var error = new StringWriter { NewLine = "\n" };
            int exit;
            if (!Vocabulary.TryLanguage(lang, out var language) || !Vocabulary.TryFailOn(spec.FailOn, out var failOn))
            {
                return new CaseRun(ExitCodes.UsageError, [], new Dictionary<string, string>(), string.Empty, $"case.yaml: bad language '{lang}' or failOn '{spec.FailOn}'");
            }

            Timestamps.TryParse(PinnedTimestamp, "--timestamp", out var when, out _);
            var args = new AnalyzeCommand.AnalyzeArguments(
                [.. spec.Inputs.Select(i => Path.Combine(full, i))],
                new RunArguments(new DirectoryInfo(scratch), null, language, spec.Config is null ? null : Path.Combine(full, spec.Config), failOn, when, spec.Encoding));
            exit = RusSnapshotCommandLine.Guard(() => AnalyzeCommand.Run(args, output, error, cancel), error, cancel);

            var reports = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var ext in Extensions)
            {
                var path = Path.Combine(scratch, $"{AnalyzeCommand.ReportBaseName}.{ext}");
                if (File.Exists(path))
                {
                    reports[ext] = Scrub(File.ReadAllText(path), full);
                }
            }

            var findings = new List<string>();
            if (reports.TryGetValue("json", out var json))
            {
                using var document = JsonDocument.Parse(json);
                findings.AddRange(document.RootElement.GetProperty("findings").EnumerateArray().Select(f => CaseSpec.FindingLine(
                    f.GetProperty("ruleId").GetString() ?? string.Empty, f.GetProperty("kind").GetString() ?? string.Empty,
                    f.GetProperty("severity").GetString() ?? string.Empty, f.GetProperty("subject").GetString() ?? string.Empty)));
            }

            return new CaseRun(exit, [.. findings.Order(StringComparer.Ordinal)], reports, output.ToString(), error.ToString());
        }
        finally
        {
            try
            {
                if (Directory.Exists(scratch))
                {
                    Directory.Delete(scratch, recursive: true);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A scratch folder in the temp folder: left for the system to clean.
            }
        }
    }

    /// <summary>Replaces the case folder in paths by <see cref="CaseDirToken"/>, as written and as JSON escapes it.</summary>
    public static string Scrub(string text, string caseDir)
    {
        var dir = Path.TrimEndingDirectorySeparator(caseDir) + Path.DirectorySeparatorChar;
        text = text.Replace(dir, CaseDirToken, StringComparison.Ordinal);
        var escaped = JsonEncodedText.Encode(dir).ToString();
        return escaped == dir ? text : text.Replace(escaped, CaseDirToken, StringComparison.Ordinal);
    }

    /// <summary>True for a case id that names one folder: letters, digits, <c>.</c>, <c>-</c>, <c>_</c>; no separators, no <c>..</c>, not hidden.</summary>
    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= 100 && id[0] != '.' && !id.Contains("..", StringComparison.Ordinal)
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static IEnumerable<string> Except(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        // A multiset difference: a finding expected twice must be found twice.
        var counts = b.GroupBy(x => x, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var x in a)
        {
            if (counts.TryGetValue(x, out var n) && n > 0)
            {
                counts[x] = n - 1;
            }
            else
            {
                yield return x;
            }
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var x = i < e.Length ? e[i] : null;
            var y = i < a.Length ? a[i] : null;
            if (x != y)
            {
                return $"at line {(i + 1).ToString(CultureInfo.InvariantCulture)}: approved {Show(x)}, now {Show(y)}";
            }
        }

        return "(only in line ends)";
    }

    private static string Show(string? line) => line is null ? "(end of file)" : ConsoleText.Quote(line.Trim());

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
