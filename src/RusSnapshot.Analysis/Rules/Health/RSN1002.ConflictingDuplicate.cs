using RusSnapshot.Analysis.Model;

namespace RusSnapshot.Analysis.Rules.Health;

/// <summary>RSN1002: one DN, two inputs, different content.</summary>
internal sealed class ConflictingDuplicate : IRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptors.Create(
        RuleIds.ConflictingDuplicate, nameof(ConflictingDuplicate), RuleCategory.DumpHealth, Severity.Warning, derived: true,
        "DESIGN.md section 3 (several inputs)");

    public RuleDescriptor Descriptor => Rule;

    public IEnumerable<Finding> Evaluate(ForestModel forest, RuleContext context) =>
        forest.Completeness.Conflicts.Select(c => context.Fail(Rule, c.Dn, "fail", [c.Dn, c.First.ToString(), c.Second.ToString()],
        [
            new Evidence(c.First.Source, c.First.Line, c.Dn),
            new Evidence(c.Second.Source, c.Second.Line, c.Dn),
        ]));
}
