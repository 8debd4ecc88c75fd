using System.Collections.Immutable;

namespace RusSnapshot.Analysis.Rules;

/// <summary>
/// One result of one rule about one subject. The message is a message id plus arguments, so each report
/// renders it in its own language; the fingerprint (rule id + subject) is stable across runs for diffs.
/// </summary>
public sealed record Finding
{
    public required string RuleId { get; init; }

    public required Severity Severity { get; init; }

    public required FindingKind Kind { get; init; }

    /// <summary>The DN the finding is about, as written in the dump (empty for forest-wide findings).</summary>
    public required string Subject { get; init; }

    /// <summary>
    /// The id of the rule's declared message (<see cref="RuleDescriptor.MessageId"/>: <c>RSN2001.fail</c>), which is also the
    /// key of its text in <c>RuleTexts</c>. Not part of the fingerprint.
    /// </summary>
    public required string MessageId { get; init; }

    /// <summary>The message's argument values, in the order its declaration names them (<see cref="RuleMessage.Arguments"/>).</summary>
    public ImmutableArray<string> Arguments { get; init; } = [];

    public ImmutableArray<Evidence> Evidence { get; init; } = [];

    /// <summary>
    /// For the rules that can report one subject several times (declared in <see cref="RuleDescriptor.Discriminators"/>):
    /// which of those findings this is. Null for the others.
    /// </summary>
    public string? Discriminator { get; init; }

    /// <summary>Set when a configuration suppression matched: the finding stays visible, marked, with the reason.</summary>
    public string? SuppressedBecause { get; init; }

    /// <summary>Set when a configuration suppression matched but had expired: the finding counts again; this says since when.</summary>
    public DateOnly? SuppressionExpired { get; init; }

    /// <summary>
    /// Stable identity for diffing two reports and for suppressions: <c>rule id:canonical subject</c>, plus
    /// <c>#discriminator</c> for rules that declare one. It does not change with the message variant or the severity,
    /// so a domain whose finding turns from error to info is the same finding, changed, in a diff.
    /// </summary>
    public string Fingerprint => MakeFingerprint(RuleId, Subject, Discriminator);

    /// <summary>The section of the reports the finding belongs to (and what the summary counts it as).</summary>
    public Verdict.FindingGroup Group => Verdict.Verdicts.GroupOf(this);

    public static string MakeFingerprint(string ruleId, string subject, string? discriminator = null) =>
        $"{ruleId}:{(subject.Length == 0 ? string.Empty : Dumps.DnKey.Of(subject).Canonical)}{(discriminator is null ? string.Empty : "#" + discriminator)}";
}
