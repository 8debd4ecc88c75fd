namespace RusSnapshot.Analysis.Rules;

/// <summary>The one factory for descriptors, so every rule states the same things.</summary>
internal static class RuleDescriptors
{
    public static RuleDescriptor Create(string id, string name, RuleCategory category, Severity severity, bool derived, params string[] sources) =>
        new(id, name, category, severity, derived, [.. sources]);
}
