using System.DirectoryServices.Protocols;
using System.Globalization;
using System.Runtime.InteropServices;
using RusSnapshot.Collector.Ldap;
using RusSnapshot.Dumps;
using RusSnapshot.Dumps.Input;
using RusSnapshot.Dumps.Manifest;

namespace RusSnapshot.Collector.Collection;

/// <summary>A search that ended early, with why (the entries before it were delivered).</summary>
internal sealed record SearchFailure(string Subject, UnreadReason Reason, string Message, int? ResultCode);

/// <summary>
/// Runs one <see cref="Query"/>: paged (RFC 2696) for subtree searches, every attribute returned in ranges
/// (<c>member;range=0-1499</c>) completed with follow-up base searches, continuation references recorded and never
/// chased. Entries are handed out one page at a time, so memory holds at most one page.
/// <para>
/// A dropped connection (<see cref="LdapSession.Send"/> reconnects) and paged results: a cookie names state the server
/// keeps for the search. Samba 4.17 keeps it with the connection (its LDAP server opens the database per connection) and
/// refuses it on a new one: "error in module dsdb_paged_results: Unwilling to perform" (53), seen by the tests. AD keeps
/// it in a DC-wide pool it may evict from (MaxResultSetSize; an evicted or unknown cookie fails, reported as
/// unavailableCriticalExtension (12)), so an old cookie may or may not work on a new connection to the same DC. So when a
/// request sent with a cookie of an earlier connection fails, whatever the code, the search starts again from its first
/// page, and the entries this search already delivered are recognised by their DN and skipped: nothing is delivered twice
/// and nothing is lost, whatever order the second pass returns the entries in (entries deleted meanwhile do not shift
/// anything; entries added meanwhile still arrive). When a server does accept the old cookie, the search carries on, and
/// the same check lets nothing through twice. A search restarts at most <see cref="LdapSession.MaxReconnects"/> times.
/// </para>
/// </summary>
internal sealed class SearchReader(LdapSession session, int pageSize, int rangeSize, Action<string>? warn = null)
{
    private readonly ulong _seed = (ulong)Random.Shared.NextInt64();

    /// <summary>Reads the query; <paramref name="onEntry"/> gets each entry. Returns null when the search completed, else why not.</summary>
    public SearchFailure? Read(Query query, NamingContextStats stats, Action<CollectedEntry> onEntry, Action? onPage = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(onEntry);
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in query.Attributes)
        {
            names[a] = a;
        }

        var requested = query.Attributes
            .Select(a => rangeSize > 0 && QuerySet.LargeMultiValued.Contains(a) ? $"{a};range=0-{rangeSize - 1}" : a)
            .ToArray();
        var paged = query.Scope != SearchScope.Base;
        var request = new SearchRequest(query.Base, query.Filter, query.Scope, requested) { SizeLimit = 0 };
        PageResultRequestControl? page = null;
        if (paged)
        {
            page = new PageResultRequestControl(pageSize) { IsCritical = false };
            request.Controls.Add(page);
        }

        stats.Searches++;
        var delivered = paged ? new HashSet<ulong>() : null;   // DNs (hashed) this search handed out, in case it starts again
        var restarted = false;
        var restarts = 0;
        var cookieGeneration = session.Generation;             // the connection the current cookie belongs to
        while (true)
        {
            SearchResponse response;
            SearchFailure? failure = null;
            try
            {
                response = (SearchResponse)session.Send(request, stats.Requests);
            }
            catch (DirectoryOperationException ex) when (ex.Response is SearchResponse partial)
            {
                var code = partial.ResultCode;
                if (code == ResultCode.NoSuchObject && query.MayBeAbsent)
                {
                    return null;   // the container does not exist: nothing to read
                }

                if (paged && page!.Cookie.Length > 0 && session.Generation != cookieGeneration && restarts < LdapSession.MaxReconnects)
                {
                    // The connection the cookie belonged to is gone and the new one refused it: start again from the first
                    // page; what was delivered is skipped below.
                    restarts++;
                    restarted = true;
                    stats.Restarts++;
                    stats.Requests.Retries++;
                    page.Cookie = [];
                    cookieGeneration = session.Generation;
                    warn?.Invoke($"{query.Name}: the connection to {session.Endpoint} dropped and the server refused to resume the paged search "
                        + $"on the new connection ({LdapSession.Describe(ex)}): it starts again from the first page and skips the {delivered!.Count:N0} entries already written");
                    continue;
                }

                response = partial;
                failure = Failure(query, partial, ex);
            }
            catch (LdapException ex)
            {
                return new SearchFailure(query.Base, ex.ErrorCode == LdapSession.LdapErrorTimeout ? UnreadReason.Timeout : UnreadReason.ServerError,
                    $"{query.Name}: {LdapSession.Describe(ex)}", ex.ErrorCode);
            }

            stats.Pages++;
            foreach (SearchResultReference reference in response.References)
            {
                foreach (var uri in reference.Reference)
                {
                    stats.Referrals.Add(uri.OriginalString);
                }
            }

            foreach (SearchResultEntry entry in response.Entries)
            {
                if (delivered is not null && !delivered.Add(KeyOf(entry.DistinguishedName)))
                {
                    stats.DuplicatesSkipped++;   // delivered before the search started again
                    continue;
                }

                var collected = Collect(entry, names, stats);
                if (collected is null)
                {
                    stats.EntriesWithoutAttributes++;
                    continue;
                }

                onEntry(collected);
            }

            onPage?.Invoke();
            if (failure is not null)
            {
                return failure;
            }

            var cookie = paged ? response.Controls.OfType<PageResultResponseControl>().FirstOrDefault()?.Cookie : null;
            if (cookie is not { Length: > 0 })
            {
                if (restarted)
                {
                    warn?.Invoke($"{query.Name}: read again in full after the reconnect; {stats.DuplicatesSkipped:N0} entries already written were skipped");
                }

                return null;
            }

            page!.Cookie = cookie;
            cookieGeneration = session.Generation;
        }
    }

    /// <summary>
    /// A DN as 64 bits: the hash of its canonical key (<see cref="DnKey"/>, the one DN identity the analyzer compares by,
    /// so "CN=a" and "cn=A" are one entry). Eight bytes an entry keep the set small for large searches; the seed is
    /// random per run, and two DNs of one search share a hash with a probability below 1e-7 at a million entries.
    /// </summary>
    private ulong KeyOf(string dn) =>
        FastHash.Hash(MemoryMarshal.AsBytes(DnKey.Of(dn).Canonical.AsSpan()), _seed);

    private static SearchFailure Failure(Query query, SearchResponse response, DirectoryOperationException ex)
    {
        var code = response.ResultCode;
        var reason = code switch
        {
            ResultCode.Referral => UnreadReason.Referral,
            ResultCode.InsufficientAccessRights => UnreadReason.AccessDenied,
            ResultCode.TimeLimitExceeded => UnreadReason.Timeout,
            _ => UnreadReason.ServerError,
        };
        var subject = reason == UnreadReason.Referral && response.Referral is { Length: > 0 } referral ? referral[0].OriginalString : query.Base;
        return new SearchFailure(subject, reason, $"{query.Name}: {LdapSession.Describe(ex)}", (int)code);
    }

    /// <summary>The entry with its attributes in query order, ranged attributes completed; null when it has no attribute.</summary>
    private CollectedEntry? Collect(SearchResultEntry entry, Dictionary<string, string> names, NamingContextStats stats)
    {
        var byName = new Dictionary<string, List<byte[]>>(StringComparer.OrdinalIgnoreCase);
        foreach (DirectoryAttribute attribute in entry.Attributes.Values)
        {
            var (type, range) = ParseRange(attribute.Name);
            if (!names.TryGetValue(type, out var name))
            {
                continue;   // not asked for (some servers add operational attributes)
            }

            if (!byName.TryGetValue(name, out var values))
            {
                byName[name] = values = [];
            }

            values.AddRange(attribute.GetValues(typeof(byte[])).Cast<byte[]>());
            if (range is { } r && r.High is { } high)
            {
                FetchRest(entry.DistinguishedName, name, high + 1, values, stats);
            }
        }

        if (byName.Count == 0)
        {
            return null;
        }

        var attributes = new List<CollectedAttribute>(byName.Count);
        foreach (var name in names.Values.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (byName.TryGetValue(name, out var values) && values.Count > 0)
            {
                attributes.Add(new CollectedAttribute(name, values));
            }
        }

        return attributes.Count == 0 ? null : new CollectedEntry(entry.DistinguishedName, attributes);
    }

    /// <summary>Asks for <c>name;range=low-*</c> (or <c>low-(low+size-1)</c>) until the server answers with a range ending in <c>*</c>.</summary>
    private void FetchRest(string dn, string name, long low, List<byte[]> values, NamingContextStats stats)
    {
        while (true)
        {
            var range = rangeSize > 0 ? $"{low}-{low + rangeSize - 1}" : $"{low}-*";
            var request = new SearchRequest(dn, "(objectClass=*)", SearchScope.Base, $"{name};range={range}");
            stats.RangeRequests++;
            var response = (SearchResponse)session.Send(request, stats.Requests);
            var attribute = response.Entries.Count == 0 ? null : response.Entries[0].Attributes.Values.Cast<DirectoryAttribute>()
                .FirstOrDefault(a => string.Equals(ParseRange(a.Name).Type, name, StringComparison.OrdinalIgnoreCase));
            if (attribute is null)
            {
                return;   // the values went away meanwhile
            }

            var got = attribute.GetValues(typeof(byte[])).Cast<byte[]>().ToList();
            values.AddRange(got);
            stats.RangedValues += got.Count;
            var (_, next) = ParseRange(attribute.Name);
            if (next?.High is not { } high || got.Count == 0)
            {
                return;
            }

            low = high + 1;
        }
    }

    /// <summary>The range of a value-range option (MS-ADTS 3.1.1.3.1.3.3): <c>member;range=0-1499</c> → (member, 0, 1499); <c>*</c> → no high.</summary>
    internal static (string Type, (long Low, long? High)? Range) ParseRange(string description)
    {
        var at = description.IndexOf(";range=", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return (description, null);
        }

        var type = description[..at];
        var spec = description[(at + 7)..];
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !long.TryParse(spec[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var low))
        {
            return (type, null);
        }

        var highText = spec[(dash + 1)..];
        if (highText == "*")
        {
            return (type, (low, null));
        }

        return long.TryParse(highText, NumberStyles.None, CultureInfo.InvariantCulture, out var high) ? (type, (low, high)) : (type, (low, null));
    }
}
