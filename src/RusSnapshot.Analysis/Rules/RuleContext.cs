using System.Collections.Immutable;

namespace RusSnapshot.Analysis.Rules;

/// <summary>Builds findings for a rule, so rules never assemble them by hand.</summary>
public sealed class RuleContext
{
    public Finding Fail(RuleDescriptor rule, string subject, string messageKey, IEnumerable<string> args, IEnumerable<Evidence>? evidence = null, Severity? severity = null) =>
        Make(rule, FindingKind.Fail, severity ?? rule.DefaultSeverity, subject, messageKey, args, evidence);

    /// <summary>A failure of a rule that declares discriminators: <paramref name="discriminator"/> must be one of them.</summary>
    public Finding Fail(RuleDescriptor rule, string subject, string discriminator, string messageKey, IEnumerable<string> args, IEnumerable<Evidence>? evidence = null) =>
        Make(rule, FindingKind.Fail, rule.DefaultSeverity, subject, messageKey, args, evidence) with { Discriminator = Declared(rule, discriminator) };

    public Finding NotApplicable(RuleDescriptor rule, string subject, string messageKey, IEnumerable<string>? args = null, IEnumerable<Evidence>? evidence = null) =>
        Make(rule, FindingKind.NotApplicable, rule.DefaultSeverity, subject, messageKey, args ?? [], evidence);

    public Finding Info(RuleDescriptor rule, string subject, string messageKey, IEnumerable<string> args, IEnumerable<Evidence>? evidence = null) =>
        Make(rule, FindingKind.Info, Severity.Info, subject, messageKey, args, evidence);

    private static string Declared(RuleDescriptor rule, string discriminator) =>
        rule.Discriminators.Contains(discriminator)
            ? discriminator
            : throw new InvalidOperationException($"{rule.Id} uses the discriminator '{discriminator}' without declaring it.");

    private static Finding Make(RuleDescriptor rule, FindingKind kind, Severity severity, string subject, string messageKey, IEnumerable<string> args, IEnumerable<Evidence>? evidence) => new()
    {
        RuleId = rule.Id,
        Kind = kind,
        Severity = severity,
        Subject = subject,
        MessageId = $"{rule.Id}.{messageKey}",
        Arguments = [.. args],
        Evidence = evidence is null ? [] : [.. evidence],
    };
}
