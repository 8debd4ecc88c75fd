using System.Text;
using RusSnapshot.Analysis.Building;
using RusSnapshot.Analysis.Model;

namespace RusSnapshot.Analysis.Tests;

public sealed class ModelTests
{
    [Theory]
    [InlineData("Version 6.5 (Build 7638.2: Service Pack 2)", null, ExchangeGeneration.Exchange2003, true)]
    [InlineData("Version 6.0 (Build 6249.4: Service Pack 3)", null, ExchangeGeneration.Exchange2000, true)]
    [InlineData("Version 8.3 (Build 83.6)", null, ExchangeGeneration.Exchange2007, false)]
    [InlineData("Version 14.3 (Build 123.4)", null, ExchangeGeneration.Exchange2010, false)]
    [InlineData(null, "7638", ExchangeGeneration.Exchange2003, true)]
    [InlineData(null, "6249", ExchangeGeneration.Exchange2000, true)]
    [InlineData(null, "1912832083", ExchangeGeneration.Exchange2007, false)]
    [InlineData(null, "1937801568", ExchangeGeneration.Exchange2010, false)]
    [InlineData(null, "1942061725", ExchangeGeneration.Exchange2013OrLater, false)]
    [InlineData("garbage", "x", ExchangeGeneration.Unknown, false)]
    public void Exchange_version_is_decoded_from_serial_number_or_version_number(string? serial, string? number, ExchangeGeneration generation, bool legacy)
    {
        var v = ExchangeVersion.From(serial, number);

        Assert.Equal(generation, v.Generation);
        Assert.Equal(legacy, v.IsLegacy);
    }

    [Fact]
    public void Packed_version_number_decodes_major_minor_build()
    {
        // 0x70008000 | 8 << 22 | 3 << 16 | 83  (EX15 ServerVersion.ToInt)
        var packed = 0x70008000 | (8 << 22) | (3 << 16) | 83;
        var v = ExchangeVersion.From(null, packed.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal((8, 3, 83), (v.Major, v.Minor, v.Build));
    }

    [Theory]
    [InlineData("CN=u,OU=x,DC=corp,DC=com", "DC=corp,DC=com", "OU=x")]
    [InlineData("DC=corp,DC=com", "DC=corp,DC=com", null)]
    [InlineData("CN=a\\,b,DC=child,DC=corp", "DC=child,DC=corp", "CN=a\\,b")]
    [InlineData("CN=x,CN=Configuration,DC=corp,DC=com", "DC=corp,DC=com", "CN=Configuration")]
    [InlineData("cn=x, dc=corp, dc=com", "dc=corp, dc=com", "cn=x")]
    [InlineData("CN=DC=fake,OU=y,DC=z", "DC=z", "OU=y")]
    public void Trailing_dc_run_is_the_naming_context(string dn, string run, string? previous)
    {
        var bytes = Encoding.UTF8.GetBytes(dn);
        Assert.True(DnBytes.TrailingDcRun(bytes, out var start, out var prev));
        Assert.Equal(run, Encoding.UTF8.GetString(bytes[start..]));
        if (previous is null)
        {
            Assert.Equal(-1, prev);
        }
        else
        {
            Assert.StartsWith(previous, Encoding.UTF8.GetString(bytes[prev..]), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_dn_without_dc_run_has_no_naming_context()
    {
        Assert.False(DnBytes.TrailingDcRun("CN=x,O=Org"u8, out _, out _));
        Assert.False(DnBytes.TrailingDcRun(""u8, out _, out _));
    }

    [Fact]
    public void Recipients_are_classified_stamped_unstamped_opted_out_and_hidden()
    {
        const string Ldif = """
            dn: DC=c,DC=t
            objectClass: domainDNS

            dn: CN=stamped,DC=c,DC=t
            objectClass: user
            mailNickname: a
            proxyAddresses: SMTP:a@c.t
            legacyExchangeDN: /o=O/ou=A/cn=Recipients/cn=a
            showInAddressBook: CN=GAL

            dn: CN=hidden-but-stamped,DC=c,DC=t
            objectClass: contact
            mailNickname: h
            proxyAddresses: SMTP:h@c.t
            legacyExchangeDN: /o=O/ou=A/cn=Recipients/cn=h
            msExchHideFromAddressLists: TRUE

            dn: CN=unstamped,DC=c,DC=t
            objectClass: user
            mailNickname: u
            homeMDB: CN=store

            dn: CN=opted-out,DC=c,DC=t
            objectClass: user
            mailNickname: o
            msExchPoliciesExcluded: {26491cfc-9e50-4857-861b-0cb8df22b5d7}

            dn: CN=not-mail-enabled,DC=c,DC=t
            objectClass: user

            dn: CN=public folder,CN=Microsoft Exchange System Objects,DC=c,DC=t
            objectClass: publicFolder
            mailNickname: pf

            dn: CN=deleted\0ADEL:1234,CN=Deleted Objects,DC=c,DC=t
            objectClass: user
            mailNickname: d
            isDeleted: TRUE

            """;
        var builder = new ForestModelBuilder();
        using var reader = new Dumps.Ldif.LdifReader(new MemoryStream(Encoding.UTF8.GetBytes(Ldif)), "t.ldif");
        while (reader.Read())
        {
            builder.Add(reader.Current);
        }

        var domain = Assert.Single(builder.Build().Domains);

        Assert.Equal(new RecipientCounts(MailEnabled: 4, Stamped: 2, Unstamped: 1, OptedOut: 1, Mailboxes: 1), domain.Recipients);
        Assert.Null(domain.CrossRef);
        Assert.Equal("c.t", domain.DnsName);
    }
}
