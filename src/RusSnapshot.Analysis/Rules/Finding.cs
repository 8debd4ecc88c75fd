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

    /// <summary>Key of the message text in <c>RuleTexts</c> (e.g. <c>RSN2001.fail</c>).</summary>
    public required string MessageId { get; init; }

    /// <summary>Values substituted into the message (<c>{0}</c>, <c>{1}</c>...).</summary>
    public ImmutableArray<string> Arguments { get; init; } = [];

    public ImmutableArray<Evidence> Evidence { get; init; } = [];

    /// <summary>Set when a configuration suppression matched: the finding stays visible, marked, with the reason.</summary>
    public string? SuppressedBecause { get; init; }

    /// <summary>
    /// Stable identity for diffing two reports and for suppressions: the message id (rule id and which condition) and the
    /// subject in canonical form (case, spacing and escapes normalised), so two findings of one rule never collide.
    /// </summary>
    public string Fingerprint => MakeFingerprint(MessageId, Subject);

    public static string MakeFingerprint(string messageId, string subject) =>
        $"{messageId}:{(subject.Length == 0 ? string.Empty : Model.Dn.Key(subject))}";
}
