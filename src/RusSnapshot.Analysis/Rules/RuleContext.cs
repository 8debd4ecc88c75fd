namespace RusSnapshot.Analysis.Rules;

/// <summary>
/// Builds findings for a rule, so rules never assemble them by hand. Every finding carries one of the rule's declared
/// messages with exactly the arguments it declares: anything else is a bug of the rule, and throws.
/// </summary>
public sealed class RuleContext
{
    public Finding Fail(RuleDescriptor rule, string subject, RuleMessage message, IEnumerable<string> args, IEnumerable<Evidence>? evidence = null, Severity? severity = null) =>
        Make(rule, FindingKind.Fail, severity ?? rule.DefaultSeverity, subject, message, args, evidence);

    /// <summary>A failure of a rule that declares discriminators: <paramref name="discriminator"/> must be one of them.</summary>
    public Finding Fail(RuleDescriptor rule, string subject, string discriminator, RuleMessage message, IEnumerable<string> args, IEnumerable<Evidence>? evidence = null) =>
        Make(rule, FindingKind.Fail, rule.DefaultSeverity, subject, message, args, evidence) with { Discriminator = Declared(rule, discriminator) };

    public Finding NotApplicable(RuleDescriptor rule, string subject, RuleMessage message, IEnumerable<string>? args = null, IEnumerable<Evidence>? evidence = null) =>
        Make(rule, FindingKind.NotApplicable, rule.DefaultSeverity, subject, message, args ?? [], evidence);

    public Finding Info(RuleDescriptor rule, string subject, RuleMessage message, IEnumerable<string> args, IEnumerable<Evidence>? evidence = null) =>
        Make(rule, FindingKind.Info, Severity.Info, subject, message, args, evidence);

    private static string Declared(RuleDescriptor rule, string discriminator) =>
        rule.Discriminators.Contains(discriminator)
            ? discriminator
            : throw new InvalidOperationException($"{rule.Id} uses the discriminator '{discriminator}' without declaring it.");

    private static Finding Make(RuleDescriptor rule, FindingKind kind, Severity severity, string subject, RuleMessage message, IEnumerable<string> args, IEnumerable<Evidence>? evidence)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(args);

        // By reference: a message of another rule with the same key is still not this rule's.
        if (!rule.Messages.Contains(message))
        {
            throw new InvalidOperationException($"{rule.Id} emits the message '{message.Key}' without declaring it in its descriptor.");
        }

        string[] values = [.. args];
        if (values.Length != message.Arguments.Length)
        {
            throw new InvalidOperationException(
                $"{rule.MessageId(message)} takes {message.Arguments.Length} argument(s) ({string.Join(", ", message.Arguments)}), not {values.Length}.");
        }

        return new Finding
        {
            RuleId = rule.Id,
            Kind = kind,
            Severity = severity,
            Subject = subject,
            MessageId = rule.MessageId(message),
            Arguments = [.. values],
            Evidence = evidence is null ? [] : [.. evidence],
        };
    }
}
