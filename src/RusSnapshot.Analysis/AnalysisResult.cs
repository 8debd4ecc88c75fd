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

    public ImmutableArray<DumpDiagnostic> Diagnostics { get; init; } = [];

    /// <summary>How the input was made, when a collector manifest says so (e.g. <c>russnap-collect 0.1.0, 2026-11-20T10:00:00Z, dc1.contoso.com</c>).</summary>
    public string? CollectedBy { get; init; }
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

    /// <summary>Findings that count toward the exit code: failures not suppressed.</summary>
    public IEnumerable<Finding> Effective => Findings.Where(f => f.SuppressedBecause is null && f.Kind != FindingKind.Info);
}
