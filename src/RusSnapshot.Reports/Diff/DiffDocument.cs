using System.Collections.Immutable;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Text;

namespace RusSnapshot.Reports.Diff;

/// <summary>The comparison of two analyses, as every diff writer renders it.</summary>
public sealed record DiffDocument
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required ReportTool Tool { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    public required ReportLanguage Language { get; init; }

    public required DiffSide Before { get; init; }

    public required DiffSide After { get; init; }

    /// <summary>Failures of before that after no longer has.</summary>
    public ImmutableArray<DiffEntry> Fixed { get; init; } = [];

    /// <summary>Failures of after that before did not have.</summary>
    public ImmutableArray<DiffEntry> New { get; init; } = [];

    /// <summary>Failures in both (the severity may have changed).</summary>
    public ImmutableArray<DiffEntry> Unchanged { get; init; } = [];

    /// <summary>What changed in the forest, in a fixed order (kind, then subject).</summary>
    public ImmutableArray<ForestChange> Changes { get; init; } = [];

    /// <summary>New failures at or above <paramref name="threshold"/>: what makes <c>diff</c> exit 1.</summary>
    public IEnumerable<DiffEntry> NewAtOrAbove(Severity threshold) => New.Where(e => e.Severity >= threshold);
}

/// <summary>One finding of the comparison, with the forest changes that explain it.</summary>
/// <param name="Severity">The severity on the side it is from (after, or before for a fixed one).</param>
/// <param name="PreviousSeverity">For an unchanged finding whose severity changed, the severity before.</param>
/// <param name="Explanations">Indexes into <see cref="DiffDocument.Changes"/> of the changes about its subject.</param>
public sealed record DiffEntry(
    string Fingerprint, string RuleId, string Name, Severity Severity, Severity? PreviousSeverity, string Subject, string Message,
    ImmutableArray<int> Explanations);

/// <summary>What kind of forest change.</summary>
public enum ForestChangeKind
{
    DomainAdded,
    DomainRemoved,
    DomainCovered,
    DomainUncovered,
    RusAdded,
    RusRemoved,
    RusRepointed,
    ServerAdded,
    ServerRemoved,
    ServerVersionChanged,
    UnstampedChanged,
}

/// <summary>One change in the forest between the two sides.</summary>
/// <param name="Subject">The DN the change is about (the domain, the RUS instance, the server).</param>
/// <param name="Name">A readable name of the subject.</param>
/// <param name="Before">The value before (a server link, a version, a count), or null.</param>
/// <param name="After">The value after, or null.</param>
/// <param name="Related">DNs the change concerns besides its subject (the domain a RUS serves, its server).</param>
public sealed record ForestChange(ForestChangeKind Kind, string Subject, string Name, string? Before, string? After, ImmutableArray<string> Related);
