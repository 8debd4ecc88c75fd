using RusSnapshot.Analysis.Model;

namespace RusSnapshot.Analysis.Rules.Health;

/// <summary>RSN1002: one DN, two inputs, different content.</summary>
internal sealed class ConflictingDuplicate : IRule
{
    internal const string Id = "RSN1002";

    public static readonly RuleDescriptor Rule = RuleDescriptors.Create(
        Id, nameof(ConflictingDuplicate), RuleCategory.DumpHealth, Severity.Warning, derived: true,
        [Messages.Fail],
        "MS-ADTS 3.1.1.1.9: an object has one DN in a naming context; two differing copies come from exports taken at different times or from DCs not yet replicated");

    public RuleDescriptor Descriptor => Rule;

    internal static class Messages
    {
        public static readonly RuleMessage Fail = new("fail", "dn", "first", "others");
    }

    /// <summary>One finding per DN, however many copies differ (so the fingerprint, rule id + DN, stays unique).</summary>
    public IEnumerable<Finding> Evaluate(ForestModel forest, RuleContext context) =>
        forest.Completeness.Conflicts
            .GroupBy(c => Dumps.DnKey.Of(c.Dn))
            .Select(g =>
            {
                var first = g.First();
                return context.Fail(Rule, first.Dn, Messages.Fail, [first.Dn, first.First.ToString(), string.Join("; ", g.Select(c => c.Second.ToString()))],
                    [new Evidence(first.First.Source, first.First.Line, first.Dn), .. g.Select(c => new Evidence(c.Second.Source, c.Second.Line, c.Dn))]);
            });
}
