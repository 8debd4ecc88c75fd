using System.Text.Json;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Text;
using RusSnapshot.Reports.Json;

namespace RusSnapshot.Reports.Sarif;

/// <summary>
/// The report as SARIF 2.1.0, for CI dashboards and code-scanning tools: one run, the rule catalog as
/// <c>tool.driver.rules</c>, one result per finding with its level, message, the dump file and line as location,
/// <c>partialFingerprints</c> from the finding's fingerprint (upload tools compute none for a dump, which is not
/// source code), and a configuration suppression as a SARIF suppression with its reason.
/// </summary>
/// <remarks>
/// <para>Locations: an input given by a relative path is a relative URI; absolute paths are made relative to the
/// folder the named files share, which is the run's <c>DUMPROOT</c> base (so the log does not depend on where a dump was
/// unpacked beyond that one line). A finding without evidence points at the first input, without a region.</para>
/// <para>GitHub accepts at most 25,000 results a run: beyond <see cref="MaxResults"/>, the most severe are kept and a
/// notification in the run's invocation says how many were left out (the other reports hold them all).</para>
/// </remarks>
public sealed class SarifReportWriter : IReportWriter
{
    /// <summary>GitHub code scanning's limit on results per run.</summary>
    public const int MaxResults = 25_000;

    /// <summary>The <c>partialFingerprints</c> key of the finding's fingerprint.</summary>
    public const string FingerprintKey = "russnapFingerprint/v1";

    private const string RootBase = "DUMPROOT";

    private readonly int _maxResults;

    public SarifReportWriter()
        : this(MaxResults)
    {
    }

    /// <summary>With another result cap (tests).</summary>
    public SarifReportWriter(int maxResults) => _maxResults = maxResults;

    public string Format => "sarif";

    public string FileExtension => "sarif";

    public void Write(ReportDocument document, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        var rules = RuleCatalog.Descriptors;
        var ruleIndex = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        // The base covers every file a location names: the inputs, and evidence from other files (a setup log).
        var locations = new LocationMap(document.Inputs.Select(i => i.Path).Concat(document.Findings.SelectMany(f => f.Evidence).Select(e => e.Source)).Where(p => p.Length > 0));
        var kept = document.Findings
            .Select((f, order) => (f, order))
            .OrderByDescending(x => x.f.Kind == FindingKind.Fail && x.f.Suppressed is null)
            .ThenByDescending(x => x.f.Severity)
            .ThenBy(x => x.order)
            .Take(_maxResults)
            .OrderBy(x => x.order)
            .Select(x => x.f)
            .ToList();
        var omitted = document.Findings.Length - kept.Count;

        output.Write(JsonOutput.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();

            w.WriteStartObject("tool");
            w.WriteStartObject("driver");
            w.WriteString("name", document.Tool.Name);
            w.WriteString("version", document.Tool.Version);
            w.WriteString("semanticVersion", document.Tool.Version);
            w.WriteString("language", document.Language.ToCode());
            w.WriteStartArray("rules");
            foreach (var rule in rules)
            {
                WriteRule(w, rule, document.Language);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartArray("invocations");
            w.WriteStartObject();
            w.WriteBoolean("executionSuccessful", true);
            w.WriteString("endTimeUtc", ReportText.Timestamp(document.GeneratedAt));
            w.WriteStartArray("toolExecutionNotifications");
            if (omitted > 0)
            {
                w.WriteStartObject();
                w.WriteString("level", "warning");
                w.WriteStartObject("message");
                w.WriteString("text", $"{ReportText.Number(omitted)} of {ReportText.Number(document.Findings.Length)} findings are not in this log (SARIF consumers accept at most {ReportText.Number(_maxResults)} results a run; the least severe were left out). The JSON, Markdown and HTML reports hold them all.");
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();

            if (locations.Root is { } root)
            {
                w.WriteStartObject("originalUriBaseIds");
                w.WriteStartObject(RootBase);
                w.WriteString("uri", root);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteStartArray("artifacts");
            foreach (var input in document.Inputs)
            {
                w.WriteStartObject();
                WriteArtifactLocation(w, locations.Of(input.Path), "location");
                if (input.Sha256 is { } sha)
                {
                    w.WriteStartObject("hashes");
                    w.WriteString("sha-256", sha);
                    w.WriteEndObject();
                }

                if (input.Bytes is { } bytes)
                {
                    w.WriteNumber("length", bytes);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();

            w.WriteStartArray("results");
            foreach (var f in kept)
            {
                WriteResult(w, f, ruleIndex[f.RuleId], locations, document.Inputs.FirstOrDefault()?.Path);
            }

            w.WriteEndArray();
            w.WriteString("columnKind", "unicodeCodePoints");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }

    private static void WriteRule(Utf8JsonWriter w, RuleDescriptor rule, ReportLanguage language)
    {
        var remediation = RuleTexts.Remediation(language, rule.Id);
        w.WriteStartObject();
        w.WriteString("id", rule.Id);
        w.WriteString("name", rule.Name);
        Text(w, "shortDescription", RuleTexts.Title(language, rule.Id));
        Text(w, "fullDescription", RuleTexts.Explanation(language, rule.Id));
        w.WriteStartObject("help");
        w.WriteString("text", string.Join("\n", remediation.Select((step, i) => $"{ReportText.Number(i + 1)}. {step}")));
        w.WriteString("markdown", string.Join("\n", remediation.Select((step, i) => $"{ReportText.Number(i + 1)}. {Markdown.MarkdownText.Escape(step)}")));
        w.WriteEndObject();
        w.WriteStartObject("defaultConfiguration");
        w.WriteString("level", Level(rule.DefaultSeverity));
        w.WriteEndObject();
        w.WriteStartObject("properties");
        w.WriteString("category", rule.Category.ToString());
        w.WriteBoolean("derived", rule.Derived);
        w.WriteString("helpPage", rule.HelpUri);
        w.WriteStrings("sources", rule.Sources);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter w, ReportFinding f, int ruleIndex, LocationMap locations, string? firstInput)
    {
        w.WriteStartObject();
        w.WriteString("ruleId", f.RuleId);
        w.WriteNumber("ruleIndex", ruleIndex);
        w.WriteString("kind", f.Kind switch
        {
            FindingKind.Fail => "fail",
            FindingKind.NotApplicable => "notApplicable",
            _ => "informational",
        });

        // SARIF 2.1.0 section 3.27.10: a result that is not a failure has level "none".
        w.WriteString("level", f.Kind == FindingKind.Fail ? Level(f.Severity) : "none");
        Text(w, "message", f.Message);
        w.WriteStartArray("locations");
        var evidence = f.Evidence.Where(e => e.Source.Length > 0).Take(1).ToList();
        if (evidence.Count == 0 && firstInput is not null)
        {
            w.WriteStartObject();
            w.WriteStartObject("physicalLocation");
            WriteArtifactLocation(w, locations.Of(firstInput));
            w.WriteEndObject();
            WriteLogical(w, f.Subject);
            w.WriteEndObject();
        }

        foreach (var e in evidence)
        {
            w.WriteStartObject();
            w.WriteStartObject("physicalLocation");
            WriteArtifactLocation(w, locations.Of(e.Source));
            if (e.Line > 0)
            {
                w.WriteStartObject("region");
                w.WriteNumber("startLine", e.Line);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            WriteLogical(w, e.Dn.Length > 0 ? e.Dn : f.Subject);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("partialFingerprints");
        w.WriteString(FingerprintKey, f.Fingerprint);
        w.WriteEndObject();
        if (f.Suppressed is { } reason)
        {
            w.WriteStartArray("suppressions");
            w.WriteStartObject();
            w.WriteString("kind", "external");
            w.WriteString("status", "accepted");
            w.WriteString("justification", reason);
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteStartObject("properties");
        w.WriteString("name", f.Name);
        w.WriteString("subject", f.Subject);
        w.WriteString("severity", f.Severity.ToName());
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteLogical(Utf8JsonWriter w, string subject)
    {
        if (subject.Length == 0)
        {
            return;
        }

        w.WriteStartArray("logicalLocations");
        w.WriteStartObject();
        w.WriteString("fullyQualifiedName", subject);
        w.WriteString("kind", "object");
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteArtifactLocation(Utf8JsonWriter w, (string Uri, bool UnderRoot) location, string name = "artifactLocation")
    {
        w.WriteStartObject(name);
        w.WriteString("uri", location.Uri);
        if (location.UnderRoot)
        {
            w.WriteString("uriBaseId", RootBase);
        }

        w.WriteEndObject();
    }

    private static void Text(Utf8JsonWriter w, string name, string text)
    {
        w.WriteStartObject(name);
        w.WriteString("text", text);
        w.WriteEndObject();
    }

    private static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    /// <summary>Input paths as URI references: relative ones as they are, absolute ones relative to the folder they share.</summary>
    private sealed class LocationMap
    {
        private readonly string? _rootPath;

        public LocationMap(IEnumerable<string> inputs)
        {
            var absolute = inputs.Select(FilePart).Where(Path.IsPathRooted).Select(p => Path.GetDirectoryName(p) ?? p).ToList();
            if (absolute.Count == 0)
            {
                return;
            }

            var common = absolute[0];
            foreach (var folder in absolute.Skip(1))
            {
                while (!IsUnder(folder, common))
                {
                    common = Path.GetDirectoryName(common) ?? string.Empty;
                }
            }

            _rootPath = common.EndsWith('/') ? common : common + "/";
            Root = new Uri(_rootPath).AbsoluteUri;
        }

        /// <summary>The <c>DUMPROOT</c> base as an absolute <c>file:</c> URI ending with '/', when some input path is absolute.</summary>
        public string? Root { get; }

        public (string Uri, bool UnderRoot) Of(string path)
        {
            // "archive.zip!/member.ldf": the member is named after the archive, as the other reports do.
            var p = path.Replace('\\', '/');
            if (_rootPath is not null && Path.IsPathRooted(FilePart(p)) && p.StartsWith(_rootPath, StringComparison.Ordinal))
            {
                return (Escape(p[_rootPath.Length..]), true);
            }

            return (Escape(p), false);
        }

        private static string FilePart(string path)
        {
            var bang = path.IndexOf("!/", StringComparison.Ordinal);
            return bang < 0 ? path : path[..bang];
        }

        private static bool IsUnder(string path, string folder) =>
            folder.Length == 0 || path == folder || path.StartsWith(folder.EndsWith('/') ? folder : folder + "/", StringComparison.Ordinal);

        /// <summary>Percent-encodes each segment (RFC 3986), keeping the '/' separators.</summary>
        private static string Escape(string relative) => string.Join('/', relative.Split('/').Select(Uri.EscapeDataString));
    }
}
