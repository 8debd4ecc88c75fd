namespace RusSnapshot.Analysis.Rules;

/// <summary>The registry of rule ids. Never reuse or renumber one; ranges are in docs/rules/id-ranges.txt.</summary>
public static class RuleIds
{
    public const string IncompleteDump = "RSN1001";
    public const string ConflictingDuplicate = "RSN1002";
    public const string DomainWithoutRus = "RSN2001";
    public const string EnterpriseRusMissing = "RSN2002";
    public const string RusServerMissing = "RSN2003";
    public const string RusOnUnsupportedServer = "RSN2004";
    public const string RusForUnknownDomain = "RSN2005";
    public const string RusDomainControllerUnknown = "RSN2006";
    public const string UnstampedRecipients = "RSN2007";
    public const string DomainNotPrepared = "RSN4001";
}
