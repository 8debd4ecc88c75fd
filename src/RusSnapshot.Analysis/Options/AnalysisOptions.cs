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

    /// <summary>Compute each input file's SHA-256 (while it is read, on the reading thread).</summary>
    public bool HashInputs { get; init; } = true;

    /// <summary>
    /// Parse on a second thread while this one builds the model (<see cref="Dumps.Input.DumpSetReadAhead"/>). The result
    /// is the same either way. Null (the default) decides by the processors there are: read ahead when a core is left
    /// for it, that is on two or more processors without <see cref="HashInputs"/>, on three or more with it, since
    /// SHA-256 runs on a thread of its own already. Measured on 2 vCPUs with hashing, a third busy thread made
    /// <c>analyze</c> slower (7.1 s against 6.0 s for 1,000,000 entries), not faster.
    /// </summary>
    public bool? ReadAhead { get; init; }

    /// <summary>Whether <see cref="ReadAhead"/> applies on this machine.</summary>
    public bool UsesReadAhead => ReadAhead ?? Environment.ProcessorCount >= (HashInputs ? 3 : 2);
}
