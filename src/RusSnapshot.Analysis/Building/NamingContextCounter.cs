namespace RusSnapshot.Analysis.Building;

/// <summary>What streaming saw of one naming context (keyed by its DN, folded): entries and recipients, counted.</summary>
internal sealed class NamingContextCounter(string dn)
{
    public string Dn { get; } = dn;

    public long Entries;
    public long MailEnabled;
    public long Stamped;
    public long Unstamped;
    public long OptedOut;
    public long Mailboxes;
}
