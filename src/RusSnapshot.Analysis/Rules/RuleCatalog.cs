using System.Collections.Immutable;
using RusSnapshot.Analysis.Rules.Forest;
using RusSnapshot.Analysis.Rules.Health;
using RusSnapshot.Analysis.Rules.Rus;

namespace RusSnapshot.Analysis.Rules;

/// <summary>Every rule, in id order: an explicit list (deterministic, trim-friendly), checked against the assembly by a test.</summary>
public static class RuleCatalog
{
    /// <summary>Version of the catalog: bump when a rule is added, removed or changes meaning.</summary>
    public const string Version = "1.0.0";

    public static ImmutableArray<IRule> All { get; } =
    [
        new IncompleteDump(),
        new ConflictingDuplicate(),
        new DomainWithoutRus(),
        new EnterpriseRusMissing(),
        new RusServerMissing(),
        new RusOnUnsupportedServer(),
        new RusForUnknownDomain(),
        new RusDomainControllerUnknown(),
        new UnstampedRecipients(),
        new DomainNotPrepared(),
    ];

    public static ImmutableArray<RuleDescriptor> Descriptors { get; } = [.. All.Select(r => r.Descriptor)];

    /// <summary>The descriptor with this id (case-insensitive), or null.</summary>
    public static RuleDescriptor? Find(string id) =>
        Descriptors.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase)
            || string.Equals(d.Name, id, StringComparison.OrdinalIgnoreCase));
}
