using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace RusSnapshot.Analysis.Rules;

/// <summary>
/// Every rule, in id order. A rule registers itself by being an <see cref="IRule"/> class of this assembly: the catalog
/// finds them once, at first use, and sorts them by id (ordinal), so the order is deterministic and adding a rule touches
/// only the rule's own files.
/// </summary>
public static class RuleCatalog
{
    /// <summary>
    /// Version of the catalog, shown in every report: bumped by the release that adds or removes a rule or changes what
    /// one means (a release decision, not part of adding a rule).
    /// </summary>
    public const string Version = "1.0.0";

    public static ImmutableArray<IRule> All { get; } = Discover();

    public static ImmutableArray<RuleDescriptor> Descriptors { get; } = [.. All.Select(r => r.Descriptor)];

    /// <summary>The descriptor with this id or name (case-insensitive), or null.</summary>
    public static RuleDescriptor? Find(string id) =>
        Descriptors.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase)
            || string.Equals(d.Name, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>One instance of each concrete rule class of the assembly, by id (plain loops: this runs at every start).</summary>
    /// <exception cref="InvalidOperationException">Two rules share an id or a name (a catalog test says which).</exception>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "ILLink.Descriptors.xml keeps every type of this assembly.")]
    [UnconditionalSuppressMessage("Trimming", "IL2062", Justification = "ILLink.Descriptors.xml keeps every rule's constructor.")]
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "ILLink.Descriptors.xml keeps every rule's constructor.")]
    private static ImmutableArray<IRule> Discover()
    {
        var rules = new List<IRule>();
        foreach (var type in typeof(IRule).Assembly.GetTypes())
        {
            if (type is { IsClass: true, IsAbstract: false, IsNested: false } && typeof(IRule).IsAssignableFrom(type))
            {
                rules.Add((IRule)Activator.CreateInstance(type)!);
            }
        }

        rules.Sort((x, y) => string.CompareOrdinal(x.Descriptor.Id, y.Descriptor.Id));
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < rules.Count; i++)
        {
            var d = rules[i].Descriptor;
            if ((i > 0 && string.Equals(rules[i - 1].Descriptor.Id, d.Id, StringComparison.OrdinalIgnoreCase)) || !names.Add(d.Name) || !names.Add(d.Id))
            {
                throw new InvalidOperationException($"Two rules share the id {d.Id} or the name {d.Name}.");
            }
        }

        return [.. rules];
    }
}
