using System.Text;

namespace RusSnapshot.Synth.Content;

/// <summary>
/// One domain partition: the domain head, the standard containers, the Exchange domain-prep objects, DCs,
/// and the recipients (users as ldifde exports them, groups with full member lists, contacts).
/// The hot path (users, group members) builds every DN and value as UTF-8 bytes in place.
/// </summary>
internal sealed class DomainWriter
{
    private const int DepartmentCount = 9;

    private static readonly byte[][] UserClasses = [Encoding.ASCII.GetBytes("top"), Encoding.ASCII.GetBytes("person"), Encoding.ASCII.GetBytes("organizationalPerson"), Encoding.ASCII.GetBytes("user")];

    private readonly ForestLayout _layout;
    private readonly SynthDomain _d;
    private readonly Emitter _e;
    private readonly ulong _nameSeed;
    private readonly ValueBuilder _cn = new();

    private readonly byte[] _dn;
    private readonly byte[] _dns;
    private readonly byte[][] _departmentSuffix;   // ",OU=Sales,OU=Staff,DC=..."
    private readonly string _staffParent;          // "DC=..." or, with long DNs, the three deep OUs above OU=Staff
    private readonly byte[] _groupsSuffix;
    private readonly byte[] _contactsSuffix;
    private readonly byte[] _organization;
    private readonly byte[] _x400Prefix;           // "c=US;a= ;p=Contoso;o=Exchange;s="
    private readonly byte[] _gal;
    private readonly byte[] _allUsers;
    private readonly byte[] _allGroups;
    private readonly byte[] _allContacts;
    private readonly byte[] _policies;             // "{policy},{26491CFC-...}"
    private readonly byte[] _legacyPrefix;         // "/o=Contoso/ou=First Administrative Group/cn=Recipients/cn="
    private readonly byte[] _personCategory;
    private readonly byte[] _groupCategory;
    private readonly MailboxHome[] _homes;

    private sealed record MailboxHome(byte[] HomeMdb, byte[] HomeMta, byte[] HomeServerName, byte[] LegacyPrefix);

    public DomainWriter(ForestLayout layout, SynthDomain domain, Emitter emitter)
    {
        _layout = layout;
        _d = domain;
        _e = emitter;
        _nameSeed = Rng.Mix((ulong)layout.Spec.Seed ^ 0x4E414D45UL ^ ((ulong)domain.Index << 48));
        var spec = layout.Spec;
        _dn = Encoding.UTF8.GetBytes(domain.Dn);
        _dns = Encoding.UTF8.GetBytes(domain.DnsName);
        _staffParent = spec.LongDns ? string.Concat(DeepOus.Select(ou => "OU=" + ou + ",")) + domain.Dn : domain.Dn;
        var staffParent = Encoding.UTF8.GetBytes(_staffParent);
        _departmentSuffix = Names.Departments
            .Select(dep => new ValueBuilder().Add(",OU="u8).AddDnValue(dep.Utf8).Add(",OU=Staff,"u8).Add(staffParent).ToArray())
            .ToArray();
        _groupsSuffix = Encoding.UTF8.GetBytes(",OU=Groups," + domain.Dn);
        _contactsSuffix = Encoding.UTF8.GetBytes(",OU=Contacts," + domain.Dn);
        _organization = Encoding.UTF8.GetBytes(spec.Organization);
        _x400Prefix = Encoding.UTF8.GetBytes($"c=US;a= ;p={spec.Organization};o=Exchange;s=");
        _gal = Encoding.UTF8.GetBytes(ConfigurationWriter.GalDn(layout));
        _allUsers = Encoding.UTF8.GetBytes(ConfigurationWriter.AddressListDn(layout, "All Users"));
        _allGroups = Encoding.UTF8.GetBytes(ConfigurationWriter.AddressListDn(layout, "All Groups"));
        _allContacts = Encoding.UTF8.GetBytes(ConfigurationWriter.AddressListDn(layout, "All Contacts"));
        _policies = new ValueBuilder().AddGuidText(ConfigurationWriter.PolicyGuid(spec.Seed, domain.Index)).Add(","u8)
            .Add(ConfigurationWriter.AddressPolicyFlagGuid).ToArray();
        _legacyPrefix = Encoding.UTF8.GetBytes($"/o={spec.Organization}/ou={ForestLayout.StandardAdminGroup}/cn=Recipients/cn=");
        _personCategory = Encoding.ASCII.GetBytes("Person");
        _groupCategory = Encoding.ASCII.GetBytes("Group");
        _homes = layout.Servers.Where(s => s.HasMailboxes)
            .Select(s => new MailboxHome(
                Encoding.UTF8.GetBytes(s.MailboxDatabaseDn!),
                Encoding.UTF8.GetBytes(s.MtaDn),
                Encoding.UTF8.GetBytes(s.LegacyExchangeDn),
                Encoding.UTF8.GetBytes($"/o={spec.Organization}/ou={s.AdminGroup}/cn=Recipients/cn=")))
            .ToArray();
    }

    /// <summary>Entries of this partition that are not recipients (head, containers, DCs, domain-prep objects, OUs).</summary>
    public static long FixedEntries(ForestLayout layout, SynthDomain d) =>
        1 + 4 + (d.Prepared ? 3 : 0) + d.DomainControllers.Length + (d.Index == 0 ? layout.Servers.Length : 0) + 1 + DepartmentCount + 2
        + (layout.Spec.LongDns ? DeepOus.Length : 0);

    /// <summary>With <see cref="ForestSpec.LongDns"/>: the OUs above <c>OU=Staff</c>, the last one under the domain (names under AD's 64).</summary>
    private static readonly string[] DeepOus =
    [
        "Mailbox Accounts Managed by the Regional IT Service Desk Team",
        "Europe Middle East and Africa Sales and Marketing Region",
        "Corporate Directory Objects Synchronised from HR Systems",
    ];

    public void Write()
    {
        Head();
        SimpleContainer("CN=Users," + _d.Dn, "Users", "container", "Container", "Default container for upgraded user accounts");
        SimpleContainer("CN=Computers," + _d.Dn, "Computers", "container", "Container", "Default container for upgraded computer accounts");
        SimpleContainer("OU=Domain Controllers," + _d.Dn, "Domain Controllers", "organizationalUnit", "Organizational-Unit", "Default container for domain controllers");
        SimpleContainer("CN=System," + _d.Dn, "System", "container", "Container", "Builtin system settings");
        if (_d.Prepared)
        {
            SystemObjects();
        }

        for (var n = 0; n < _d.DomainControllers.Length; n++)
        {
            DomainController(n);
        }

        if (_d.Index == 0)
        {
            foreach (var server in _layout.Servers)
            {
                ServerComputer(server);
            }
        }

        if (_d.Prepared)
        {
            DomainPrepGroups();
        }

        if (_layout.Spec.LongDns)
        {
            for (var k = DeepOus.Length - 1; k >= 0; k--)
            {
                var parent = string.Concat(DeepOus.Skip(k + 1).Select(ou => "OU=" + ou + ",")) + _d.Dn;
                SimpleContainer("OU=" + DeepOus[k] + "," + parent, DeepOus[k], "organizationalUnit", "Organizational-Unit", null);
            }
        }

        SimpleContainer("OU=Staff," + _staffParent, "Staff", "organizationalUnit", "Organizational-Unit", null);
        for (var k = 0; k < DepartmentCount; k++)
        {
            _e.Dn.Clear().Add("OU="u8).AddDnValue(Names.Departments[k].Utf8).Add(",OU=Staff,"u8).Add(_staffParent);
            OrganizationalUnit(Names.Departments[k].Utf8);
        }

        SimpleContainer("OU=Groups," + _d.Dn, "Groups", "organizationalUnit", "Organizational-Unit", null);
        SimpleContainer("OU=Contacts," + _d.Dn, "Contacts", "organizationalUnit", "Organizational-Unit", null);

        for (long i = 0; i < _d.Users; i++)
        {
            User(i);
        }

        for (long j = 0; j < _d.Groups; j++)
        {
            Group(j);
        }

        for (long c = 0; c < _d.Contacts; c++)
        {
            Contact(c);
        }
    }

    // ------------------------------------------------------------------ structure

    private void Head()
    {
        _e.Begin(_d.Dn);
        _e.Classes("top", "domain", "domainDNS");
        _e.T("dc"u8, _d.Label);
        _e.Stamp();
        _e.T("name"u8, _d.Label);
        _e.Guid("objectGUID"u8);
        Span<byte> sid = stackalloc byte[28];
        Emitter.WriteSid(sid, _d, -1);
        _e.B("objectSid"u8, sid[..24]);
        _e.T("lockoutDuration"u8, -18_000_000_000L);
        _e.T("maxPwdAge"u8, -36_288_000_000_000L);
        _e.T("minPwdLength"u8, 7);
        _e.T("pwdProperties"u8, 1);
        _e.T("nTMixedDomain"u8, 0);
        _e.T("msDS-Behavior-Version"u8, 2);
        _e.T("fSMORoleOwner"u8, $"CN=NTDS Settings,CN={ConfigurationWriter.DcName(_d, 0)},CN=Servers,CN={_d.Site},CN=Sites,{_layout.ConfigurationDn}");
        _e.Category("Domain-DNS"u8);
        _e.T("isCriticalSystemObject"u8, "TRUE");
        _e.End();
    }

    private void SimpleContainer(string dn, string name, string cls, string category, string? description)
    {
        _e.Begin(dn);
        _e.Classes("top", cls);
        _e.T(cls == "organizationalUnit" ? "ou"u8 : "cn"u8, name);
        if (description is not null)
        {
            _e.T("description"u8, description);
        }

        _e.Stamp();
        _e.Identity(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(category));
        _e.End();
    }

    private void OrganizationalUnit(ReadOnlySpan<byte> name)
    {
        _e.Begin();
        _e.T("objectClass"u8, "top"u8);
        _e.T("objectClass"u8, "organizationalUnit"u8);
        _e.T("ou"u8, name);
        _e.Stamp();
        _e.Identity(name, "Organizational-Unit"u8);
        _e.End();
    }

    private void SystemObjects()
    {
        // objectVersion of the MESO container : 6936 after E2003 /domainprep; E2007/2010 /PrepareAD
        // raises it in the root domain only (11221 / 13040).
        var version = _d.Index != 0 ? 6936
            : _layout.Servers.Any(s => s.Kind == ExchangeServerKind.Exchange2010) ? 13040
            : _layout.Servers.Any(s => s.Kind == ExchangeServerKind.Exchange2007) ? 11221
            : 6936;
        _e.Begin("CN=Microsoft Exchange System Objects," + _d.Dn);
        _e.Classes("top", "container", "msExchSystemObjectsContainer");
        _e.T("cn"u8, "Microsoft Exchange System Objects");
        _e.Stamp(advanced: true);
        _e.T("objectVersion"u8, version);
        _e.Identity("Microsoft Exchange System Objects"u8, "ms-Exch-System-Objects-Container"u8);
        _e.End();
    }

    private void DomainController(int n)
    {
        var name = ConfigurationWriter.DcName(_d, n);
        _e.Begin($"CN={name},OU=Domain Controllers,{_d.Dn}");
        _e.Classes("top", "person", "organizationalPerson", "user", "computer");
        _e.T("cn"u8, name);
        _e.Stamp();
        _e.T("name"u8, name);
        _e.Guid("objectGUID"u8);
        _e.T("userAccountControl"u8, 532480);
        _e.T("primaryGroupID"u8, 516);
        _e.Sid("objectSid"u8, _d, 1000 + n);
        _e.T("sAMAccountName"u8, name + "$");
        _e.T("sAMAccountType"u8, 805306369);
        _e.T("operatingSystem"u8, "Windows Server 2003");
        _e.T("dNSHostName"u8, _d.DomainControllers[n]);
        _e.T("serverReferenceBL"u8, $"CN={name},CN=Servers,CN={_d.Site},CN=Sites,{_layout.ConfigurationDn}");
        _e.Category("Computer"u8);
        _e.T("isCriticalSystemObject"u8, "TRUE");
        _e.End();
    }

    private void ServerComputer(SynthServer s)
    {
        _e.Begin($"CN={s.Name},CN=Computers,{_d.Dn}");
        _e.Classes("top", "person", "organizationalPerson", "user", "computer");
        _e.T("cn"u8, s.Name);
        _e.Stamp();
        _e.T("name"u8, s.Name);
        _e.Guid("objectGUID"u8);
        _e.T("userAccountControl"u8, 4096);
        _e.T("primaryGroupID"u8, 515);
        _e.Sid("objectSid"u8, _d, 1200 + _layout.Servers.IndexOf(s));
        _e.T("sAMAccountName"u8, s.Name + "$");
        _e.T("sAMAccountType"u8, 805306369);
        _e.T("operatingSystem"u8, s.IsLegacy ? "Windows Server 2003" : "Windows Server 2008 R2 Enterprise");
        _e.T("dNSHostName"u8, s.HostName);
        _e.Category("Computer"u8);
        _e.End();
    }

    /// <summary>The /domainprep groups (KB253770): Exchange Domain Servers (global) and Exchange Enterprise Servers (domain local).</summary>
    private void DomainPrepGroups()
    {
        var eds = "CN=Exchange Domain Servers,CN=Users," + _d.Dn;
        _e.Begin(eds);
        _e.Classes("top", "group");
        _e.T("cn"u8, "Exchange Domain Servers");
        if (_d.Index == 0)
        {
            foreach (var s in _layout.Servers)
            {
                _e.T("member"u8, $"CN={s.Name},CN=Computers,{_d.Dn}");
            }
        }

        _e.T("description"u8, "Microsoft Exchange Domain Servers");
        _e.Stamp();
        _e.T("name"u8, "Exchange Domain Servers");
        _e.Guid("objectGUID"u8);
        _e.Sid("objectSid"u8, _d, 1109);
        _e.T("sAMAccountName"u8, "Exchange Domain Servers");
        _e.T("sAMAccountType"u8, 268435456);
        _e.T("groupType"u8, -2147483646);
        _e.Category("Group"u8);
        _e.End();

        _e.Begin("CN=Exchange Enterprise Servers,CN=Users," + _d.Dn);
        _e.Classes("top", "group");
        _e.T("cn"u8, "Exchange Enterprise Servers");
        foreach (var other in _layout.Domains.Where(o => o.Prepared))
        {
            _e.T("member"u8, "CN=Exchange Domain Servers,CN=Users," + other.Dn);
        }

        _e.T("description"u8, "Microsoft Exchange Enterprise Servers");
        _e.Stamp();
        _e.T("name"u8, "Exchange Enterprise Servers");
        _e.Guid("objectGUID"u8);
        _e.Sid("objectSid"u8, _d, 1110);
        _e.T("sAMAccountName"u8, "Exchange Enterprise Servers");
        _e.T("sAMAccountType"u8, 536870912);
        _e.T("groupType"u8, -2147483644);
        _e.Category("Group"u8);
        _e.End();
    }

    // ------------------------------------------------------------------ recipients (hot path)

    /// <summary>The name of a user: a pure function of its index (<see cref="NameOf"/>), so group member lists can rebuild it.</summary>
    private readonly record struct UserName(NameForm Given, NameForm Surname, long Round, bool LastFirst, int Department);

    private UserName NameOf(long i)
    {
        var g = Names.Given.Length;
        var s = Names.Surnames.Length;
        var gi = (int)(i % g);
        var si = (int)((i / g + gi * 13L) % s);
        var h = Rng.Mix(_nameSeed ^ (ulong)i);
        return new UserName(Names.Given[gi], Names.Surnames[si], i / ((long)g * s), h % 5 == 0, (int)((h >> 8) % DepartmentCount));
    }

    /// <summary>The cn, unescaped: "Jane Doe", "Doe, Jane", "Jane Doe 2".</summary>
    private void BuildCn(ValueBuilder v, in UserName u)
    {
        v.Clear();
        if (u.LastFirst)
        {
            v.Add(u.Surname.Utf8).Add(", "u8).Add(u.Given.Utf8);
        }
        else
        {
            v.Add(u.Given.Utf8).Add((byte)' ').Add(u.Surname.Utf8);
        }

        if (u.Round > 0)
        {
            v.Add((byte)' ').Add(u.Round + 1);
        }
    }

    private void BuildUserDn(ValueBuilder v, in UserName u)
    {
        BuildCn(_cn, u);
        v.Clear().Add("CN="u8).AddDnValue(_cn.Span).Add(_departmentSuffix[u.Department]);
    }

    private void Account(ValueBuilder v, in UserName u, long i)
    {
        var surname = u.Surname.AsciiLower;
        v.Clear().Add(u.Given.AsciiLower[0]).Add(surname.AsSpan(0, Math.Min(surname.Length, 10))).Add(i);
    }

    private void MailLocal(ValueBuilder v, in UserName u)
    {
        v.Add(u.Given.AsciiLower).Add((byte)'.').Add(u.Surname.AsciiLower);
        if (u.Round > 0)
        {
            v.Add(u.Round + 1);
        }
    }

    private void User(long i)
    {
        var e = _e;
        var v = e.V;
        var u = NameOf(i);
        var mailbox = i % 10 != 9;
        var stamped = mailbox && !IsUnstamped(i);
        var home = mailbox && _homes.Length > 0 ? _homes[(int)(Rng.Mix(_nameSeed + (ulong)i) % (ulong)_homes.Length)] : null;

        BuildUserDn(e.Dn, u);
        e.Begin();
        foreach (var c in UserClasses)
        {
            e.T("objectClass"u8, c);
        }

        // _cn still holds the unescaped cn.
        e.T("cn"u8, _cn.Span);
        e.T("sn"u8, u.Surname.Utf8);
        e.T("givenName"u8, u.Given.Utf8);
        e.Stamp();
        e.T("displayName"u8, _cn.Span);
        e.T("department"u8, Names.Departments[u.Department].Utf8);
        e.T("company"u8, _organization);
        if (stamped)
        {
            v.Clear().Add("SMTP:"u8);
            MailLocal(v, u);
            v.Add((byte)'@').Add(_dns);
            e.TV("proxyAddresses"u8);
            Account(v, u, i);
            var account = v.ToArray();
            v.Clear().Add("smtp:"u8).Add(account).Add((byte)'@').Add(_dns);
            e.TV("proxyAddresses"u8);
            v.Clear().Add("X400:"u8).Add(_x400Prefix).Add(u.Surname.Ascii).Add(";g="u8).Add(u.Given.Ascii).Add((byte)';');
            e.TV("proxyAddresses"u8);
        }

        if (home is not null)
        {
            e.T("homeMTA"u8, home.HomeMta);
            e.T("homeMDB"u8, home.HomeMdb);
            e.T("mDBUseDefaults"u8, "TRUE"u8);
        }

        if (mailbox)
        {
            Account(v, u, i);
            e.TV("mailNickname"u8);
        }

        e.T("name"u8, _cn.Span);
        e.Guid("objectGUID"u8);
        e.T("userAccountControl"u8, i % 97 == 0 ? "66048"u8 : "512"u8);
        e.T("badPwdCount"u8, "0"u8);
        e.FileTime("lastLogon"u8);
        e.FileTime("pwdLastSet"u8);
        e.T("primaryGroupID"u8, "513"u8);
        e.Sid("objectSid"u8, _d, 2000 + i);
        e.T("accountExpires"u8, "9223372036854775807"u8);
        e.T("logonCount"u8, e.Random.Below(2000));
        Account(v, u, i);
        e.TV("sAMAccountName"u8);
        e.T("sAMAccountType"u8, "805306368"u8);
        if (stamped)
        {
            e.T("showInAddressBook"u8, _gal);
            e.T("showInAddressBook"u8, _allUsers);
            Account(v, u, i);
            var account = v.ToArray();
            v.Clear().Add(home?.LegacyPrefix ?? _legacyPrefix).Add(account);
            e.TV("legacyExchangeDN"u8);
        }

        Account(v, u, i);
        v.Add((byte)'@').Add(_dns);
        e.TV("userPrincipalName"u8);
        e.Category(_personCategory);
        e.T("dSCorePropagationData"u8, "16010101000000.0Z"u8);
        e.FileTime("lastLogonTimestamp"u8);
        if (stamped)
        {
            v.Clear().Add(_x400Prefix).Add(u.Surname.Ascii).Add(";g="u8).Add(u.Given.Ascii).Add((byte)';');
            e.TV("textEncodedORAddress"u8);
            v.Clear();
            MailLocal(v, u);
            v.Add((byte)'@').Add(_dns);
            e.TV("mail"u8);
        }

        if (home is not null)
        {
            e.T("msExchHomeServerName"u8, home.HomeServerName);
        }

        if (stamped)
        {
            e.T("msExchALObjectVersion"u8, "55"u8);
        }

        if (mailbox)
        {
            e.Blob("msExchMailboxSecurityDescriptor"u8, 96);
            e.T("msExchUserAccountControl"u8, "0"u8);
            e.Guid("msExchMailboxGuid"u8);
        }

        if (stamped)
        {
            e.T("msExchPoliciesIncluded"u8, _policies);
        }

        e.End();
    }

    /// <summary>
    /// Whether mailbox user <paramref name="i"/> is one of the domain's unstamped users: the unstamped ones are spread
    /// evenly over the mailbox users, exactly <see cref="SynthDomain.UnstampedUsers"/> of them.
    /// </summary>
    private bool IsUnstamped(long i)
    {
        var unstamped = _d.UnstampedUsers;
        if (unstamped == 0)
        {
            return false;
        }

        var mailboxes = _d.MailboxUsers;
        var k = i - i / 10;   // this user's position among the mailbox users (every tenth user has no mailbox)
        return (k + 1) * unstamped / mailboxes > k * unstamped / mailboxes;
    }

    private void Group(long j)
    {
        var e = _e;
        var v = e.V;
        var mail = j % 5 < 3;
        var prefix = Names.GroupPrefixes[(int)(j % Names.GroupPrefixes.Length)];
        _cn.Clear().Add(prefix.Utf8).Add((byte)' ').AddPadded(j, 4);
        var cn = _cn.ToArray();
        e.Dn.Clear().Add("CN="u8).AddDnValue(cn).Add(_groupsSuffix);
        e.Begin();
        e.T("objectClass"u8, "top"u8);
        e.T("objectClass"u8, "group"u8);
        e.T("cn"u8, cn);

        // Member counts: most groups small, some large, a few very large (capped at the domain's users).
        var users = _d.Users;
        if (users > 0)
        {
            ref var rng = ref e.Random;
            var roll = rng.Below(100);
            long count = roll < 70 ? 2 + rng.Below(19) : roll < 95 ? 20 + rng.Below(181) : 200 + rng.Below(1801);
            if (_layout.Spec.GroupMembers is { } fixedCount)
            {
                count = fixedCount;
            }

            count = Math.Min(count, users);
            var start = rng.Below(users);
            var stride = Stride(users, ref rng);
            var member = new ValueBuilder();
            for (long m = 0; m < count; m++)
            {
                var index = (start + m * stride) % users;
                BuildUserDn(member, NameOf(index));
                e.T("member"u8, member.Span);
            }
        }

        e.Stamp();
        if (mail)
        {
            e.T("displayName"u8, cn);
        }

        e.T("name"u8, cn);
        e.Guid("objectGUID"u8);
        e.Sid("objectSid"u8, _d, 500_000 + j);
        v.Clear().Add(prefix.AsciiLower).AddPadded(j, 4);
        var account = v.ToArray();
        e.T("sAMAccountName"u8, account);
        e.T("sAMAccountType"u8, mail ? "268435457"u8 : "268435456"u8);
        e.T("groupType"u8, mail ? "8"u8 : "-2147483646"u8);
        e.Category(_groupCategory);
        if (mail)
        {
            e.T("proxyAddresses"u8, v.Clear().Add("SMTP:"u8).Add(account).Add((byte)'@').Add(_dns).Span);
            e.T("proxyAddresses"u8, v.Clear().Add("X400:"u8).Add(_x400Prefix).Add(account).Add((byte)';').Span);
            e.T("mailNickname"u8, account);
            e.T("showInAddressBook"u8, _gal);
            e.T("showInAddressBook"u8, _allGroups);
            e.T("legacyExchangeDN"u8, v.Clear().Add(_legacyPrefix).Add(account).Span);
            e.T("mail"u8, v.Clear().Add(account).Add((byte)'@').Add(_dns).Span);
            e.T("reportToOriginator"u8, "TRUE"u8);
            e.T("msExchALObjectVersion"u8, "55"u8);
            e.T("msExchPoliciesIncluded"u8, _policies);
        }

        e.End();
    }

    /// <summary>A stride coprime with <paramref name="n"/>, so that start + k * stride visits distinct users.</summary>
    private static long Stride(long n, ref Rng rng)
    {
        if (n <= 2)
        {
            return 1;
        }

        for (var attempt = 0; attempt < 16; attempt++)
        {
            var s = 1 + rng.Below(n - 1);
            if (Gcd(s, n) == 1)
            {
                return s;
            }
        }

        return 1;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    private void Contact(long c)
    {
        var e = _e;
        var v = e.V;
        var g = Names.Given.Length;
        var s = Names.Surnames.Length;
        var given = Names.Given[(int)((c * 7) % g)];
        var surname = Names.Surnames[(int)((c / g + c * 7 % g * 3) % s)];
        var round = c / ((long)g * s);
        var company = Names.Companies[(int)(Rng.Mix(_nameSeed ^ 0xC0C0UL ^ (ulong)c) % (ulong)Names.Companies.Length)];
        _cn.Clear().Add(given.Utf8).Add((byte)' ').Add(surname.Utf8).Add(" ("u8).Add(company.Utf8).Add((byte)')');
        if (round > 0)
        {
            _cn.Add((byte)' ').Add(round + 1);
        }

        var cn = _cn.ToArray();
        e.Dn.Clear().Add("CN="u8).AddDnValue(cn).Add(_contactsSuffix);
        e.Begin();
        e.T("objectClass"u8, "top"u8);
        e.T("objectClass"u8, "person"u8);
        e.T("objectClass"u8, "organizationalPerson"u8);
        e.T("objectClass"u8, "contact"u8);
        e.T("cn"u8, cn);
        e.T("sn"u8, surname.Utf8);
        e.T("givenName"u8, given.Utf8);
        e.Stamp();
        e.T("displayName"u8, cn);
        e.T("company"u8, company.Utf8);

        v.Clear().Add(given.AsciiLower).Add((byte)'.').Add(surname.AsciiLower);
        if (round > 0)
        {
            v.Add(round + 1);
        }

        v.Add((byte)'@').Add(company.AsciiLower).Add(".example"u8);
        var address = v.ToArray();
        v.Clear().Add("ext-"u8).Add(given.AsciiLower).Add(surname.AsciiLower).Add(c);
        var nickname = v.ToArray();
        e.T("proxyAddresses"u8, v.Clear().Add("SMTP:"u8).Add(address).Span);
        e.T("proxyAddresses"u8, v.Clear().Add("X400:"u8).Add(_x400Prefix).Add(surname.Ascii).Add(";g="u8).Add(given.Ascii).Add((byte)';').Span);
        e.T("targetAddress"u8, v.Clear().Add("SMTP:"u8).Add(address).Span);
        e.T("mailNickname"u8, nickname);
        e.T("name"u8, cn);
        e.Guid("objectGUID"u8);
        e.T("showInAddressBook"u8, _gal);
        e.T("showInAddressBook"u8, _allContacts);
        e.T("legacyExchangeDN"u8, v.Clear().Add(_legacyPrefix).Add(nickname).Span);
        e.Category(_personCategory);
        e.T("textEncodedORAddress"u8, v.Clear().Add(_x400Prefix).Add(surname.Ascii).Add(";g="u8).Add(given.Ascii).Add((byte)';').Span);
        e.T("mail"u8, address);
        e.T("internetEncoding"u8, "1310720"u8);
        e.T("mAPIRecipient"u8, "FALSE"u8);
        e.T("msExchALObjectVersion"u8, "55"u8);
        e.T("msExchPoliciesIncluded"u8, _policies);
        e.End();
    }
}
