using System.Collections.Immutable;
using RusSnapshot.Analysis.Model;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Dumps;

namespace RusSnapshot.Analysis;

/// <summary>What was read from one input.</summary>
public sealed record InputReport
{
    public required string Path { get; init; }

    public string? Format { get; init; }

    public required string Dialect { get; init; }

    public string? Encoding { get; init; }

    /// <summary>SHA-256 of the file on disk (for a member of a .zip: of the archive), lower-case hex; computed while reading, null unless read to its end.</summary>
    public string? Sha256 { get; init; }

    /// <summary>The file's own size in bytes (compressed for a .gz or a .zip member), not the decoded size; null when unknown.</summary>
    public long? Bytes { get; init; }

    public long Entries { get; init; }

    public long Duplicates { get; init; }

    public long Errors { get; init; }

    /// <summary>Format errors (records that could not be read, truncation), as opposed to an ldapsearch that stopped early.</summary>
    public long ReadErrors { get; init; }

    public long Warnings { get; init; }

    public bool Complete { get; init; }

    /// <summary>True when records could not be read, or a readable input was not read to its end.</summary>
    public bool HasReadErrors => ReadErrors > 0 || (Format is not null && !Complete);

    public ImmutableArray<DumpDiagnostic> Diagnostics { get; init; } = [];

    /// <summary>
    /// How the input was made, when a collector manifest or an AD Explorer snapshot's header says so: for the collector,
    /// tool, server and transport, bound identity, and the run as an ISO 8601 interval
    /// (<c>russnap-collect 0.1.0, dc1.corp.test:636 (ldaps), CORP\admin, 2026-11-20T10:00:00Z/2026-11-20T10:04:12Z</c>);
    /// for a snapshot, <c>AD Explorer, 2021-11-30T21:48:42Z, dc.windomain.local</c>.
    /// </summary>
    public string? CollectedBy { get; init; }

    /// <summary>The capture an AD Explorer snapshot's header describes (server, time, description); null for text dumps.</summary>
    public DumpCapture? Capture { get; init; }
    /// <summary>The collector's manifest found beside the input (<c>FILE.manifest.json</c>), or null.</summary>
    public Dumps.Manifest.CollectionManifest? Collection { get; init; }

    /// <summary>The <see cref="CollectedBy"/> line of a manifest.</summary>
    public static string Describe(Dumps.Manifest.CollectionManifest m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var c = System.Globalization.CultureInfo.InvariantCulture;
        static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return $"{m.Tool.Name} {m.Tool.Version}, {m.Server.DnsHostName ?? m.Server.Host}:{m.Server.Port.ToString(c)} ({m.Server.Transport}), "
            + $"{m.Bind.Identity ?? m.Bind.Method}, {Utc(m.StartedAt)}/{Utc(m.EndedAt)}";
    }
}

/// <summary>The outcome of an analysis: the model, the findings (sorted), the rules that ran, the inputs.</summary>
public sealed record AnalysisResult
{
    public required ForestModel Forest { get; init; }

    /// <summary>Sorted: severity (highest first), rule id, subject, message id.</summary>
    public required ImmutableArray<Finding> Findings { get; init; }

    public required ImmutableArray<RuleDescriptor> Rules { get; init; }

    public required ImmutableArray<InputReport> Inputs { get; init; }

    /// <summary>Unique entries read across all inputs.</summary>
    public long Entries { get; init; }

    /// <summary>Whether the input was read in two parts, a model builder each (tests: that the joined model was the one reported).</summary>
    internal bool ReadInParts { get; init; }

    /// <summary>Each domain of <see cref="Forest"/>, in the same order, with its coverage (derived from the model and the findings).</summary>
    public ImmutableArray<Verdict.DomainVerdict> Coverage => Verdict.Verdicts.Coverage(Forest, Findings);

    /// <summary>Counts, coverage and the overall verdict: what every report and the console summary say.</summary>
    public Verdict.AnalysisSummary Summary => Verdict.Verdicts.Summarize(Forest, Findings, Coverage);

    /// <summary>The readiness verdict per Exchange version, derived from the documented logic (DOMAIN.md section 4).</summary>
    public Verdict.ReadinessVerdict Readiness => Verdict.Readiness.Of(Forest);

    /// <summary>Each setup log given (<c>--setup-log</c>), in order, against the dump.</summary>
    public ImmutableArray<Verdict.SetupLogComparison> SetupLogs
    {
        get
        {
            var readiness = Readiness;
            return [.. Forest.SetupLogs.Select(log => Verdict.SetupLogComparisons.Compare(Forest, readiness, log))];
        }
    }

    /// <summary>True when an input could not be read completely (the exit code for invalid input), a setup log included.</summary>
    public bool HasInvalidInput => Inputs.Any(i => i.HasReadErrors) || Inputs.All(i => i.Format is null) || Forest.SetupLogs.Any(l => l.HasReadErrors);

    /// <summary>
    /// The domain the recipients of a naming context (<see cref="Recipients.UnstampedRecipient.NamingContext"/>) belong to, as
    /// RSN2007 names it (its DNS name, else its DN); the naming context itself when it matches no domain of the dump (RSN2007
    /// counts those apart); null when the configuration excluded that domain, so RSN2007 does not count them.
    /// </summary>
    public string? RecipientDomain(string namingContext)
    {
        ArgumentNullException.ThrowIfNull(namingContext);
        var key = DnKey.Of(namingContext);
        return Forest.DomainOf(key) is { } domain ? domain.DnsName ?? domain.Dn
            : Forest.ExcludedDomains.Any(dn => DnKey.Of(dn) == key) ? null
            : namingContext;
    }

    /// <summary>Failures that count at <paramref name="threshold"/>: not suppressed, of that severity or above.</summary>
    public IEnumerable<Finding> FailuresAtOrAbove(Severity threshold) =>
        Findings.Where(f => f.Kind == FindingKind.Fail && f.SuppressedBecause is null && f.Severity >= threshold);
}
