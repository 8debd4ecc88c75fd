using RusSnapshot.Collector.Ldap;
using RusSnapshot.Dumps.Manifest;

namespace RusSnapshot.Collector.Collection;

/// <summary>What was read from one naming context, becoming its <see cref="ManifestNamingContext"/>.</summary>
internal sealed class NamingContextStats(string dn, string kind, string? dnsName, string server)
{
    public string Dn { get; } = dn;

    public string Kind { get; } = kind;

    public string? DnsName { get; } = dnsName;

    public string Server { get; set; } = server;

    public long Entries { get; set; }

    public long Pages { get; set; }

    public long Searches { get; set; }

    public long RangeRequests { get; set; }

    public long RangedValues { get; set; }

    public long EntriesWithoutAttributes { get; set; }

    /// <summary>Paged searches started again after a reconnect (the new connection refused the cookie); also counted as retries.</summary>
    public long Restarts { get; set; }

    /// <summary>Entries a restarted search returned again and that were skipped, already written.</summary>
    public long DuplicatesSkipped { get; set; }

    public List<string> Referrals { get; } = [];

    public RequestCounters Requests { get; } = new();

    public bool Failed { get; set; }

    public bool Unread { get; set; }

    public ManifestNamingContext ToManifest() => new()
    {
        Dn = Dn,
        Kind = Kind,
        DnsName = DnsName,
        Server = Server,
        Status = Unread ? "unread" : Failed ? "partial" : "complete",
        Entries = Entries,
        Pages = Pages,
        Searches = Searches,
        RangeRequests = RangeRequests,
        RangedValues = RangedValues,
        EntriesWithoutAttributes = EntriesWithoutAttributes,
        Referrals = [.. Referrals],
        Retries = Requests.Retries,
        Reconnects = Requests.Reconnects,
        Restarts = Restarts,
        DuplicatesSkipped = DuplicatesSkipped,
    };
}
