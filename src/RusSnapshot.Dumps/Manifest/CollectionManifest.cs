using System.Text.Json.Serialization;

namespace RusSnapshot.Dumps.Manifest;

/// <summary>
/// What <c>russnap-collect</c> says about one dump it wrote: who collected what from where, when, and what could not be
/// read and why. Written beside the dump as <c>&lt;dump&gt;.manifest.json</c> (schema
/// <c>schemas/collection-manifest.schema.json</c>); read with <see cref="CollectionManifestFile"/>. It never holds a
/// credential: the bound identity is the name the server knows the account by, never a password.
/// </summary>
public sealed record CollectionManifest
{
    /// <summary>The version of this contract that <see cref="CollectionManifestFile"/> writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The manifest format version (1).</summary>
    public required int SchemaVersion { get; init; }

    /// <summary>The collector that wrote the dump.</summary>
    public required ManifestTool Tool { get; init; }

    /// <summary>The domain controller the run started from.</summary>
    public required ManifestServer Server { get; init; }

    /// <summary>How the collector bound and as whom.</summary>
    public required ManifestBind Bind { get; init; }

    /// <summary>When the run started (UTC).</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the dump was closed (UTC).</summary>
    public required DateTimeOffset EndedAt { get; init; }

    /// <summary><c>config</c> (rootDSE and Configuration partition) or <c>full</c> (also every domain).</summary>
    public required string Scope { get; init; }

    /// <summary>The dump this manifest describes: file name (no folder) and format.</summary>
    public required ManifestDump Dump { get; init; }

    /// <summary>True when everything the scope asks for was read; false when <see cref="Unread"/> is not empty.</summary>
    public required bool Complete { get; init; }

    /// <summary>The naming contexts read (or tried), in the order they were read.</summary>
    public required IReadOnlyList<ManifestNamingContext> NamingContexts { get; init; }

    /// <summary>What could not be read, and why. Empty for a complete dump.</summary>
    public required IReadOnlyList<ManifestUnread> Unread { get; init; }
}

/// <summary>The program that wrote a dump.</summary>
/// <param name="Name">Always <c>russnap-collect</c> for now.</param>
/// <param name="Version">Its version.</param>
public sealed record ManifestTool(string Name, string Version);

/// <summary>The server a run connected to first.</summary>
/// <param name="Host">The host name or address as given on the command line.</param>
/// <param name="Port">The TCP port.</param>
/// <param name="Transport"><c>ldap</c> (no TLS), <c>ldaps</c> or <c>starttls</c>.</param>
/// <param name="DnsHostName">The DC's own name (rootDSE <c>dnsHostName</c>), when it said.</param>
public sealed record ManifestServer(string Host, int Port, string Transport, string? DnsHostName);

/// <summary>How a run authenticated.</summary>
/// <param name="Method"><c>simple</c> (a name and a password, over TLS unless allowed otherwise) or <c>negotiate</c> (the current user: Kerberos/NTLM).</param>
/// <param name="Identity">Who the server says we are (LDAP "Who am I?", RFC 4532), else the name given; never a password.</param>
public sealed record ManifestBind(string Method, string? Identity);

/// <summary>The dump file a manifest sits beside.</summary>
/// <param name="File">Its file name, without the folder.</param>
/// <param name="Format"><c>ldif</c> (as <c>ldifde</c> writes it) or <c>csv</c> (as <c>csvde</c> writes it).</param>
/// <param name="Entries">Entries written to it.</param>
public sealed record ManifestDump(string File, string Format, long Entries);

/// <summary>One naming context (partition) and what was read from it.</summary>
public sealed record ManifestNamingContext
{
    /// <summary>The naming context's DN (empty for the rootDSE).</summary>
    public required string Dn { get; init; }

    /// <summary><c>rootDse</c>, <c>configuration</c> or <c>domain</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The DNS name of a domain (its crossRef's <c>dnsRoot</c>); null otherwise.</summary>
    public string? DnsName { get; init; }

    /// <summary>The server it was read from (<c>host:port</c>), or tried.</summary>
    public required string Server { get; init; }

    /// <summary><c>complete</c>, <c>partial</c> (some searches failed: see the manifest's unread list) or <c>unread</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Entries written from this naming context.</summary>
    public required long Entries { get; init; }

    /// <summary>Result pages received (one per search without paging).</summary>
    public required long Pages { get; init; }

    /// <summary>Searches sent, ranged follow-ups not counted.</summary>
    public required long Searches { get; init; }

    /// <summary>Follow-up searches for the rest of an attribute the server returned in ranges (<c>member;range=0-1499</c>).</summary>
    public required long RangeRequests { get; init; }

    /// <summary>Attribute values that arrived through those follow-ups.</summary>
    public required long RangedValues { get; init; }

    /// <summary>Entries the server returned without any attribute (visible, not readable with this account): not written.</summary>
    public required long EntriesWithoutAttributes { get; init; }

    /// <summary>Continuation references the server returned (not chased: each names a partition read on its own, or is listed as unread).</summary>
    public required IReadOnlyList<string> Referrals { get; init; }

    /// <summary>Requests repeated after a busy or unavailable answer, a timeout or a dropped connection.</summary>
    public required long Retries { get; init; }

    /// <summary>Times the connection dropped while this naming context was read and was opened again (also counted in <see cref="Retries"/>).</summary>
    /// <remarks>Optional in the schema (0 when absent): manifests written before it existed still read.</remarks>
    public long Reconnects { get; init; }

    /// <summary>Paged searches started again from their first page because a new connection refused the old cookie.</summary>
    public long Restarts { get; init; }

    /// <summary>Entries a restarted search returned again and that were skipped, because they had been written already.</summary>
    public long DuplicatesSkipped { get; init; }
}

/// <summary>Something the run could not read.</summary>
/// <param name="Subject">The naming context or search base that was not read (a DN), or a referral URL.</param>
/// <param name="Reason">Why, in one word (see <see cref="UnreadReason"/>).</param>
/// <param name="Server">The server that was asked (<c>host:port</c>), when there was one.</param>
/// <param name="Message">What the server or the network said, in English; never a credential.</param>
/// <param name="ResultCode">The LDAP result code, when there was one.</param>
public sealed record ManifestUnread(
    string Subject,
    [property: JsonConverter(typeof(JsonStringEnumConverter<UnreadReason>))] UnreadReason Reason,
    string? Server,
    string Message,
    int? ResultCode);

/// <summary>Why something was not read.</summary>
public enum UnreadReason
{
    /// <summary>The server answered with an error (other than the ones below).</summary>
    [JsonStringEnumMemberName("serverError")]
    ServerError,

    /// <summary>The server referred the search elsewhere, and the collector does not chase referrals.</summary>
    [JsonStringEnumMemberName("referral")]
    Referral,

    /// <summary>A request, or the whole run, took longer than allowed.</summary>
    [JsonStringEnumMemberName("timeout")]
    Timeout,

    /// <summary>The account may not read it.</summary>
    [JsonStringEnumMemberName("accessDenied")]
    AccessDenied,

    /// <summary>No domain controller of that domain could be reached or bound to.</summary>
    [JsonStringEnumMemberName("unreachable")]
    Unreachable,
}
