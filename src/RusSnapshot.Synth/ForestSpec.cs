using System.Collections.Immutable;
using System.Globalization;

namespace RusSnapshot.Synth;

/// <summary>Which tool's output the generator imitates.</summary>
internal enum SynthDialect
{
    /// <summary>Microsoft <c>ldifde</c> export (change records, CRLF, folded at 78).</summary>
    Ldifde,

    /// <summary>OpenLDAP <c>ldapsearch</c> without <c>-L</c>, paged as against AD (header per page, result trailers, references).</summary>
    Ldapsearch,

    /// <summary>Plain RFC 2849 content records with <c>version: 1</c>.</summary>
    Rfc2849,

    /// <summary>Microsoft <c>csvde</c> export.</summary>
    Csvde,

    /// <summary>
    /// A Sysinternals AD Explorer snapshot (<c>.dat</c>): binary, values in their attribute's type, identical blocks shared.
    /// Split by partition, one snapshot per domain, each with the Configuration partition too (the view a DC of that domain gives).
    /// </summary>
    AdExplorer,
}

/// <summary>The bytes of the dump files.</summary>
internal enum SynthEncoding
{
    /// <summary>UTF-8 without BOM.</summary>
    Utf8,

    /// <summary>UTF-16LE with BOM: what <c>ldifde -u</c> / <c>csvde -u</c> write.</summary>
    Utf16LittleEndian,

    /// <summary>Windows-1252: what <c>csvde</c>/<c>ldifde</c> write without <c>-u</c> on a western system.</summary>
    Windows1252,
}

/// <summary>How the Recipient Update Service instances are laid out before faults are applied.</summary>
internal enum RusLayout
{
    /// <summary>The Enterprise Configuration RUS and one RUS per domain, spread over the Exchange 2000/2003 back-end servers.</summary>
    Standard,

    /// <summary>As <see cref="Standard"/>, every instance on the first Exchange 2000/2003 back-end server.</summary>
    SingleServer,

    /// <summary>As <see cref="Standard"/> plus a second instance per domain on another domain controller (and server when there is one).</summary>
    Redundant,

    /// <summary>No RUS at all (an organisation whose legacy servers are gone).</summary>
    None,
}

/// <summary>Exchange server generations the generator can place in the organisation.</summary>
internal enum ExchangeServerKind
{
    /// <summary>Exchange 2000 SP3 back-end.</summary>
    Exchange2000,

    /// <summary>Exchange 2003 SP2 back-end.</summary>
    Exchange2003,

    /// <summary>Exchange 2003 SP2 front-end (<c>serverRole: 1</c>).</summary>
    Exchange2003FrontEnd,

    /// <summary>Exchange 2007 SP3 (Mailbox, Client Access, Hub Transport).</summary>
    Exchange2007,

    /// <summary>Exchange 2010 SP3 (Mailbox, Client Access, Hub Transport).</summary>
    Exchange2010,
}

/// <summary>What a fault does to the generated forest.</summary>
internal enum FaultKind
{
    /// <summary><c>missing-rus:DOMAIN</c>: the domain is prepared but no RUS serves it.</summary>
    MissingRus,

    /// <summary><c>no-enterprise-rus</c>: no RUS serves the Configuration partition.</summary>
    NoEnterpriseRus,

    /// <summary><c>rus-deleted-server[:TARGET]</c>: the RUS's server link points at a deleted (<c>\0ADEL:</c>) server.</summary>
    RusDeletedServer,

    /// <summary><c>rus-on-e2007[:TARGET]</c>: the RUS is run by an Exchange 2007 server.</summary>
    RusOnExchange2007,

    /// <summary><c>rus-on-frontend[:TARGET]</c>: the RUS is run by an Exchange 2003 front-end server.</summary>
    RusOnFrontEnd,

    /// <summary><c>rus-unknown-domain</c>: an extra RUS whose domain link names a domain that is not in the forest.</summary>
    RusUnknownDomain,

    /// <summary><c>rus-no-server[:TARGET]</c>: the RUS has no <c>msExchAddressListServiceLink</c>.</summary>
    RusNoServer,

    /// <summary><c>rus-dc-unknown[:TARGET]</c>: the RUS's domain controller is not a domain controller of its domain.</summary>
    RusDcUnknown,

    /// <summary><c>unstamped:N[:DOMAIN]</c>: N mailbox users that RUS never stamped (no proxyAddresses, showInAddressBook, legacyExchangeDN, mail).</summary>
    Unstamped,

    /// <summary><c>unprepared-domain[:DOMAIN]</c>: the domain has no Microsoft Exchange System Objects container but holds mailboxes.</summary>
    UnpreparedDomain,

    /// <summary><c>precreated-domain</c>: a crossRef with <c>Enabled: FALSE</c> (pre-created, no partition), which no RUS needs to serve.</summary>
    PrecreatedDomain,

    /// <summary><c>size-limit[:PARTITION]</c> (ldapsearch only): the search of that partition ends with <c>result: 4 Size limit exceeded</c>.</summary>
    SizeLimit,
}

/// <summary>One fault to inject, as given on the command line (<c>kind[:target]</c>, <c>unstamped:N[:domain]</c>).</summary>
/// <param name="Kind">What the fault does.</param>
/// <param name="Target">The domain (label, NetBIOS or DNS name), <c>enterprise</c>, <c>configuration</c>, or null for the default.</param>
/// <param name="Count">For <see cref="FaultKind.Unstamped"/>: how many users.</param>
internal sealed record SynthFault(FaultKind Kind, string? Target = null, int Count = 0)
{
    private static readonly (string Name, FaultKind Kind)[] Names =
    [
        ("missing-rus", FaultKind.MissingRus),
        ("no-enterprise-rus", FaultKind.NoEnterpriseRus),
        ("rus-deleted-server", FaultKind.RusDeletedServer),
        ("rus-on-e2007", FaultKind.RusOnExchange2007),
        ("rus-on-frontend", FaultKind.RusOnFrontEnd),
        ("rus-unknown-domain", FaultKind.RusUnknownDomain),
        ("rus-no-server", FaultKind.RusNoServer),
        ("rus-dc-unknown", FaultKind.RusDcUnknown),
        ("unstamped", FaultKind.Unstamped),
        ("unprepared-domain", FaultKind.UnpreparedDomain),
        ("precreated-domain", FaultKind.PrecreatedDomain),
        ("size-limit", FaultKind.SizeLimit),
    ];

    /// <summary>The fault names accepted by <see cref="Parse"/>.</summary>
    public static IEnumerable<string> KnownNames => Names.Select(n => n.Name);

    /// <summary>Parses <c>kind[:target]</c> or <c>unstamped:N[:domain]</c>.</summary>
    /// <exception cref="FormatException">Unknown fault, missing or bad argument.</exception>
    public static SynthFault Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':', 3);
        var name = parts[0].Trim();
        var match = Names.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase));
        if (match.Name is null)
        {
            throw new FormatException($"Unknown fault '{name}'. Known faults: {string.Join(", ", KnownNames)}.");
        }

        var kind = match.Kind;
        if (kind == FaultKind.Unstamped)
        {
            if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
            {
                throw new FormatException("unstamped needs a positive count: unstamped:N or unstamped:N:DOMAIN.");
            }

            return new SynthFault(kind, parts.Length == 3 ? NonEmpty(parts[2], text) : null, count);
        }

        if (parts.Length == 3)
        {
            throw new FormatException($"'{text}': only unstamped takes two arguments.");
        }

        var target = parts.Length == 2 ? NonEmpty(parts[1], text) : null;
        if (target is not null && kind is FaultKind.NoEnterpriseRus or FaultKind.RusUnknownDomain or FaultKind.PrecreatedDomain)
        {
            throw new FormatException($"'{name}' takes no argument.");
        }

        if (target is null && kind == FaultKind.MissingRus)
        {
            throw new FormatException("missing-rus needs a domain: missing-rus:DOMAIN.");
        }

        return new SynthFault(kind, target);
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var name = Names.First(n => n.Kind == Kind).Name;
        return Kind == FaultKind.Unstamped
            ? $"{name}:{Count.ToString(CultureInfo.InvariantCulture)}{(Target is null ? string.Empty : ":" + Target)}"
            : Target is null ? name : $"{name}:{Target}";
    }

    private static string NonEmpty(string value, string text) =>
        string.IsNullOrWhiteSpace(value) ? throw new FormatException($"'{text}': empty argument.") : value.Trim();
}

/// <summary>Everything that decides a generated forest. The same spec always gives byte-identical files.</summary>
internal sealed record ForestSpec
{
    /// <summary>Number of domains (the first is the forest root; then child domains, the root of a second tree, and more children).</summary>
    public int Domains { get; init; } = 4;

    /// <summary>Users in total, spread over the domains.</summary>
    public long Users { get; init; } = 1000;

    /// <summary>Groups in total, spread over the domains, with full member lists.</summary>
    public long Groups { get; init; } = 50;

    /// <summary>Mail-enabled contacts in total; null: one per 20 users.</summary>
    public long? Contacts { get; init; }

    /// <summary>The seed of every random choice.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>The output format.</summary>
    public SynthDialect Dialect { get; init; } = SynthDialect.Ldifde;

    /// <summary>The output encoding.</summary>
    public SynthEncoding Encoding { get; init; } = SynthEncoding.Utf8;

    /// <summary>One file per naming context (as ldifde is run once per partition) instead of one file.</summary>
    public bool SplitByPartition { get; init; }

    /// <summary>The RUS layout before faults.</summary>
    public RusLayout RusLayout { get; init; } = RusLayout.Standard;

    /// <summary>Exchange servers by kind (the default: two Exchange 2003 back-ends, one front-end, one Exchange 2007, one Exchange 2010).</summary>
    public ImmutableArray<(ExchangeServerKind Kind, int Count)> Servers { get; init; } = DefaultServers;

    /// <summary>Faults to inject.</summary>
    public ImmutableArray<SynthFault> Faults { get; init; } = [];

    /// <summary>The Exchange organisation name.</summary>
    public string Organization { get; init; } = "Contoso";

    /// <summary>DNS name of the forest root domain.</summary>
    public string RootDomain { get; init; } = "contoso.test";

    /// <summary>DNS name of the second tree's root domain (the third domain).</summary>
    public string SecondTree { get; init; } = "fabrikam.test";

    /// <summary>ldapsearch dialect: the <c>-E pr=N</c> page size (0: no paging). AD returns at most 1,000 objects per page.</summary>
    public int LdapsearchPageSize { get; init; } = 1000;

    /// <summary>
    /// Benchmark shape: users sit three OUs deeper, under OU names of about 60 bytes, so that their DNs and every DN-valued
    /// attribute naming them (<c>member</c>, <c>distinguishedName</c>, <c>manager</c>) are 230-320 bytes and an LDIF line
    /// of one folds three or four times.
    /// </summary>
    public bool LongDns { get; init; }

    /// <summary>Benchmark shape, LDIF only: every Nth text value is written base64 (<c>name:: ...</c>) even when it need not be; 0: only those that must be.</summary>
    public int Base64Every { get; init; }

    /// <summary>Benchmark shape: every group has this many members (at most the users of its domain); null: the usual mix of small and large groups.</summary>
    public int? GroupMembers { get; init; }

    /// <summary>Benchmark shape, LDIF only: each entry's values in the reverse of the order the generator makes them (the DN stays first).</summary>
    public bool ReverseAttributes { get; init; }

    /// <summary>Benchmark shape, LDIF only: true writes LF line ends, false CRLF; null: the dialect's (CRLF for ldifde, LF otherwise).</summary>
    public bool? LfLineEnds { get; init; }

    /// <summary>The default server mix.</summary>
    public static ImmutableArray<(ExchangeServerKind Kind, int Count)> DefaultServers { get; } =
    [
        (ExchangeServerKind.Exchange2003, 2),
        (ExchangeServerKind.Exchange2003FrontEnd, 1),
        (ExchangeServerKind.Exchange2007, 1),
        (ExchangeServerKind.Exchange2010, 1),
    ];

    /// <summary>Parses a server mix such as <c>2003:2,2003fe:1,2007:1,2010:1</c> (kinds: 2000, 2003, 2003fe, 2007, 2010).</summary>
    /// <exception cref="FormatException">An unknown kind or a bad count.</exception>
    public static ImmutableArray<(ExchangeServerKind Kind, int Count)> ParseServers(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = ImmutableArray.CreateBuilder<(ExchangeServerKind, int)>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split(':');
            var kind = parts[0].ToUpperInvariant() switch
            {
                "2000" => ExchangeServerKind.Exchange2000,
                "2003" => ExchangeServerKind.Exchange2003,
                "2003FE" => ExchangeServerKind.Exchange2003FrontEnd,
                "2007" => ExchangeServerKind.Exchange2007,
                "2010" => ExchangeServerKind.Exchange2010,
                _ => throw new FormatException($"Unknown server kind '{parts[0]}': use 2000, 2003, 2003fe, 2007 or 2010."),
            };
            var count = 1;
            if (parts.Length > 2 || (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 0)))
            {
                throw new FormatException($"Bad server count in '{item}': use KIND:N.");
            }

            result.Add((kind, count));
        }

        return result.ToImmutable();
    }

    /// <summary>Checks the numbers; the generator checks what needs the layout (fault targets, servers).</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (Domains is < 1 or > 99)
        {
            throw new ArgumentException("Domains must be between 1 and 99.");
        }

        if (Users < 0 || Groups < 0 || Contacts < 0)
        {
            throw new ArgumentException("Users, groups and contacts cannot be negative.");
        }

        if (Base64Every < 0 || GroupMembers < 0)
        {
            throw new ArgumentException("The base64 share and the group size cannot be negative.");
        }

        if (Dialect == SynthDialect.Csvde && (Base64Every > 0 || ReverseAttributes || LfLineEnds is not null))
        {
            throw new ArgumentException("Base64 values, the attribute order and the line ends are LDIF shapes; csvde has none of them.");
        }

        if (LdapsearchPageSize < 0)
        {
            throw new ArgumentException("The ldapsearch page size cannot be negative.");
        }

        if (string.IsNullOrWhiteSpace(Organization) || Organization.Contains(',', StringComparison.Ordinal) || Organization.Contains('=', StringComparison.Ordinal))
        {
            throw new ArgumentException("The organisation name must be a plain name.");
        }

        foreach (var name in new[] { RootDomain, SecondTree })
        {
            if (name.Split('.').Any(l => l.Length == 0 || !l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
            {
                throw new ArgumentException($"'{name}' is not a DNS name.");
            }
        }

        if (string.Equals(RootDomain, SecondTree, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("The second tree needs another name than the forest root.");
        }
    }
}
