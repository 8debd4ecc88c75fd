namespace RusSnapshot.Analysis.Rules;

/// <summary>
/// The ids that code outside the rules names (reports, verdicts, tests), as constants. Each rule owns its id in its own
/// file (<c>Id</c>); these only repeat it, so a new rule needs no entry here unless other code must name it. Ids are
/// never reused or renumbered; ranges are in docs/rules/id-ranges.txt.
/// </summary>
public static class RuleIds
{
    public const string IncompleteDump = Health.IncompleteDump.Id;
    public const string ConflictingDuplicate = Health.ConflictingDuplicate.Id;
    public const string DomainWithoutRus = Rus.DomainWithoutRus.Id;
    public const string EnterpriseRusMissing = Rus.EnterpriseRusMissing.Id;
    public const string RusServerMissing = Rus.RusServerMissing.Id;
    public const string RusOnUnsupportedServer = Rus.RusOnUnsupportedServer.Id;
    public const string RusForUnknownDomain = Rus.RusForUnknownDomain.Id;
    public const string RusDomainControllerUnknown = Rus.RusDomainControllerUnknown.Id;
    public const string UnstampedRecipients = Rus.UnstampedRecipients.Id;
    public const string DomainNotPrepared = Forest.DomainNotPrepared.Id;
}
