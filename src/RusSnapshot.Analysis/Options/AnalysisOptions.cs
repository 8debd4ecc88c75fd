using System.Collections.Immutable;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Analysis.Options;

/// <summary>A finding the user chose to accept: it stays in the report, marked suppressed, with the reason.</summary>
/// <param name="RuleId">The rule (id or name).</param>
/// <param name="Subject">The DN it applies to; null for every subject of the rule.</param>
/// <param name="Reason">Why (required: a suppression without a reason is a configuration error).</param>
/// <param name="Expires">After this day the suppression no longer applies.</param>
public sealed record Suppression(string RuleId, string? Subject, string Reason, DateOnly? Expires = null);

/// <summary>Everything that steers an analysis (from the command line and the YAML configuration).</summary>
public sealed record AnalysisOptions
{
    public ImmutableDictionary<string, Severity> SeverityOverrides { get; init; } = ImmutableDictionary<string, Severity>.Empty;

    public ImmutableArray<Suppression> Suppressions { get; init; } = [];

    /// <summary>Domains (DN or DNS name) left out of the analysis.</summary>
    public ImmutableArray<string> ExcludedDomains { get; init; } = [];

    /// <summary>Today, for suppression expiry (pinned in tests and by SOURCE_DATE_EPOCH).</summary>
    public DateOnly Today { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);

    public DumpOpenOptions Open { get; init; } = new();

    /// <summary>
    /// Where a large file read in two parts keeps each part's unstamped recipients until the parts are joined (when they
    /// are listed: <c>--recipients</c>), in files that delete themselves; null for the system's temporary folder.
    /// </summary>
    public string? SpoolFolder { get; init; }

    /// <summary>Compute each input file's SHA-256 (while it is read, on a thread of its own).</summary>
    public bool HashInputs { get; init; } = true;

    /// <summary>Exchange setup logs to read beside the dump (<c>--setup-log</c>), in the order given.</summary>
    public ImmutableArray<string> SetupLogs { get; init; } = [];

    /// <summary>The 1-based run of each setup log to read (<c>--setup-run</c>); null for the last run.</summary>
    public int? SetupRun { get; init; }

    /// <summary>
    /// Parse on a second thread while this one builds the model (<see cref="Dumps.Input.DumpSetReadAhead"/>). The result
    /// is the same either way. Null (the default) reads ahead on three or more processors only: on two vCPUs it was
    /// measured slower, with hashing (SHA-256 has a thread of its own already: 7.1 s against 6.0 s for 1,000,000
    /// entries) and without it (4.2 s against 3.9 s at load 3.9), as the copies cost about what they move away.
    /// </summary>
    public bool? ReadAhead { get; init; }

    /// <summary>
    /// Tests: where to cut a single input read in two parts (<see cref="Dumps.Input.DumpSetReader.TryReadInParts{TSink}"/>),
    /// whatever its size; null to cut near the middle of a file of 64 MiB or more.
    /// </summary>
    internal long? PartsCutAt { get; init; }

    /// <summary>Whether <see cref="ReadAhead"/> applies on this machine.</summary>
    public bool UsesReadAhead => ReadAhead ?? Environment.ProcessorCount >= 3;
}
