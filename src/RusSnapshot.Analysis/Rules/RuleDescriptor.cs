using System.Collections.Immutable;

namespace RusSnapshot.Analysis.Rules;

/// <summary>
/// What a rule is, independent of any dump, and which messages it can emit. Their texts (title, summary, explanation,
/// remediation steps and one text per message) live beside the rule, one file per language (<c>RSN2001.DomainWithoutRus.en.txt</c>),
/// and are read through <c>RuleTexts</c>.
/// </summary>
/// <param name="Id">Stable, opaque id (<c>RSN2001</c>); never reused.</param>
/// <param name="Name">Human name in PascalCase (<c>DomainWithoutRus</c>); differs from the id.</param>
/// <param name="Category">The category; it owns the id's range.</param>
/// <param name="DefaultSeverity">Severity of a failure unless the rule or the configuration says otherwise.</param>
/// <param name="Derived">True when the logic is RusSnapshot's own derivation rather than a documented Microsoft check.</param>
/// <param name="Sources">Where the facts the rule rests on come from (articles, KBs, specifications).</param>
public sealed record RuleDescriptor(
    string Id,
    string Name,
    RuleCategory Category,
    Severity DefaultSeverity,
    bool Derived,
    ImmutableArray<string> Sources)
{
    /// <summary>
    /// The stable discriminators of a rule that can report one subject several times (empty for the others): each
    /// finding of such a rule carries one, and its fingerprint ends with it. Never renamed once shipped.
    /// </summary>
    public ImmutableArray<string> Discriminators { get; init; } = [];

    /// <summary>The messages the rule can emit, declared in its own file: the only ones <see cref="RuleContext"/> accepts from it.</summary>
    public ImmutableArray<RuleMessage> Messages { get; init; } = [];

    /// <summary>The declared message with this key, or null.</summary>
    public RuleMessage? FindMessage(string key) => Messages.FirstOrDefault(m => string.Equals(m.Key, key, StringComparison.Ordinal));

    /// <summary>The id a finding carries for <paramref name="message"/> (<c>RSN2001.fail</c>): the key of its text.</summary>
    public string MessageId(RuleMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return $"{Id}.{message.Key}";
    }

    /// <summary>The rule's documentation page in the repository.</summary>
    public string HelpUri => $"docs/rules/{Id}.md";
}

/// <summary>A rule: stateless; evaluates the model and returns findings (failures, not-applicable, info).</summary>
public interface IRule
{
    RuleDescriptor Descriptor { get; }

    IEnumerable<Finding> Evaluate(Model.ForestModel forest, RuleContext context);
}
