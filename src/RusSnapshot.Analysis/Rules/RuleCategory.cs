namespace RusSnapshot.Analysis.Rules;

/// <summary>Rule categories; each owns an ID range (docs/rules/id-ranges.txt).</summary>
public enum RuleCategory
{
    /// <summary>RSN1xxx: is the dump complete and consistent enough to judge?</summary>
    DumpHealth,

    /// <summary>RSN2xxx: Recipient Update Service coverage and configuration.</summary>
    Rus,

    /// <summary>RSN3xxx: Exchange servers.</summary>
    ExchangeServers,

    /// <summary>RSN4xxx: domains and forest.</summary>
    Forest,
}
