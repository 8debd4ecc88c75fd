using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using RusSnapshot.Analysis.Redaction;
using RusSnapshot.Dumps;
using RusSnapshot.Dumps.Input;
using RusSnapshot.Synth;

namespace RusSnapshot.Cli.Tests;

/// <summary>
/// <c>russnap redact</c>: what DESIGN.md section 6 lists as breaking careless redaction, value by value, and the command's
/// guarantees (a new folder, the mapping never inside it, nothing written when an input cannot be read faithfully).
/// </summary>
public sealed class RedactCommandTests
{
    private static ValueRedactor Redactor(string key = RedactionProof.Key) => new(new Pseudonyms(RedactionKey.FromText(key)));

    [Fact]
    public void A_name_maps_alike_in_dns_components_dns_names_netbios_names_and_the_organisation()
    {
        var r = Redactor();
        var domain = r.Dn("DC=contoso,DC=com");
        var label = domain.Split(',')[0][3..];
        var tld = domain.Split(',')[1][3..];

        Assert.NotEqual("contoso", label);
        Assert.NotEqual("com", tld);
        Assert.Equal($"{label}.{tld}", r.Text("contoso.com"));
        Assert.Equal(label.ToUpperInvariant(), r.Text("CONTOSO"));
        var org = char.ToUpperInvariant(label[0]) + label[1..];
        Assert.Equal($"CN={org},CN=Microsoft Exchange,CN=Services,CN=Configuration,DC={label},DC={tld}",
            r.Dn("CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com"));
        Assert.Equal($"Recipient Update Service ({label.ToUpperInvariant()})", r.Text("Recipient Update Service (CONTOSO)"));

        // legacyExchangeDN, X500 and EX addresses, msExchHomeServerName: /o=<org>/ou=<group>/cn=...
        var legacy = r.Text("/o=Contoso/ou=First Administrative Group/cn=Recipients/cn=jsmith");
        Assert.StartsWith($"/o={org}/ou=First Administrative Group/cn=Recipients/cn=", legacy, StringComparison.Ordinal);
        Assert.DoesNotContain("jsmith", legacy, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("X500:" + legacy, r.Text("X500:/o=Contoso/ou=First Administrative Group/cn=Recipients/cn=jsmith"));

        // Host names: the DC's dNSHostName and the RUS's msExchServer1NetworkAddress map together (RSN2006 compares them).
        Assert.Equal(r.Text("dc1.contoso.com").Split('.')[0], r.Text("DC1").ToLowerInvariant());
    }

    [Fact]
    public void Pseudonyms_keep_the_shape_of_each_name()
    {
        var r = Redactor();
        foreach (var name in new[] { "CONTOSO", "Müller", "EX2003A", "child1", "jsmith0", "O'Brien", "Kowalski-Nowak", "NETBIOSNAME1234" })
        {
            var redacted = r.Text(name);
            Assert.NotEqual(name, redacted);
            Assert.Equal(name.Length, redacted.Length);
            for (var i = 0; i < name.Length; i++)
            {
                var (a, b) = (name[i], redacted[i]);
                Assert.True(char.IsAsciiDigit(a) ? a == b : char.IsLetter(a) ? char.IsLetter(b) && char.IsUpper(a) == char.IsUpper(b) && (a < 0x80) == (b < 0x80) : a == b,
                    $"'{name}' -> '{redacted}' at {i}");
            }
        }

        // Short tokens (CN, ou, X.400's c=US) and keep words stay; a pseudonym never equals a keep word.
        Assert.Equal("CN=Users,OU=Domain Controllers", r.Text("CN=Users,OU=Domain Controllers"));
        Assert.Equal("c=US", r.Text("c=US"));
    }

    [Fact]
    public void Dns_are_compared_unescaped_and_redacted_values_escaped_again()
    {
        var r = Redactor();
        var a = r.Dn(@"CN=caf\C3\A9\, Smith,OU=Support \+ Services,OU=R&D,DC=contoso,DC=com");
        var b = r.Dn(@"cn=CAFÉ\2C SMITH, ou=support \2B services,ou=r&d,dc=CONTOSO,dc=COM");
        Assert.Equal(DnKey.Of(a), DnKey.Of(b));
        Assert.True(DistinguishedName.TryParse(a, out var parsed), a);
        Assert.Equal(5, parsed.Depth);
        Assert.Contains(@"\,", a, StringComparison.Ordinal);
        Assert.Contains(@"\+ Services", a, StringComparison.Ordinal);
        Assert.DoesNotContain("caf", a, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("smith", a, StringComparison.OrdinalIgnoreCase);

        // A delete-mangled RDN stays one (the analysis tells a deleted server by it), and its GUID maps like the objectGUID.
        var guid = Guid.Parse("1c6b1deb-c372-4cbb-87b1-15031de169db");
        var deleted = r.Dn($@"CN=EX1\0ADEL:{guid},CN=Deleted Objects,CN=Configuration,DC=contoso,DC=com");
        Assert.True(DnKey.Of(deleted).IsDeleted, deleted);
        Assert.Contains(r.Pseudonyms.Guid(guid).ToString("D"), deleted, StringComparison.Ordinal);
        Assert.Contains(",CN=Deleted Objects,CN=Configuration,", deleted, StringComparison.Ordinal);

        // Schema objects are named by the product: their RDNs stay, the forest's DC= part does not.
        Assert.Equal($"CN=ms-Exch-Address-List-Service,CN=Schema,CN=Configuration,{r.Dn("DC=contoso,DC=com")}",
            r.Dn("CN=ms-Exch-Address-List-Service,CN=Schema,CN=Configuration,DC=contoso,DC=com"));
    }

    [Fact]
    public void Sids_keep_their_rid_per_domain_and_builtin_sids_stay()
    {
        var r = Redactor();
        var local = r.Text("S-1-5-21-1004336348-1177238915-682003330-1110");
        var global = r.Text("S-1-5-21-1004336348-1177238915-682003330-1109");
        Assert.EndsWith("-1110", local, StringComparison.Ordinal);
        Assert.Equal(local[..^5], global[..^5]);
        Assert.DoesNotContain("1004336348", local, StringComparison.Ordinal);
        Assert.NotEqual(local[..^5], r.Text("S-1-5-21-1-2-3-1110")[..^5]);
        Assert.Equal("S-1-5-32-544", r.Text("S-1-5-32-544"));

        // The binary objectSid maps as the text form does; a SID inside a security descriptor too, with its RID.
        var sid = new byte[28];
        sid[0] = 1;
        sid[1] = 5;
        sid[7] = 5;
        BinaryPrimitives.WriteUInt32LittleEndian(sid.AsSpan(8), 21);
        BinaryPrimitives.WriteUInt32LittleEndian(sid.AsSpan(12), 1004336348);
        BinaryPrimitives.WriteUInt32LittleEndian(sid.AsSpan(16), 1177238915);
        BinaryPrimitives.WriteUInt32LittleEndian(sid.AsSpan(20), 682003330);
        BinaryPrimitives.WriteUInt32LittleEndian(sid.AsSpan(24), 1110);
        var descriptor = new byte[20].Concat(sid).Concat(new byte[8]).ToArray();
        r.Binary(sid, guidAttribute: false);
        r.Binary(descriptor, guidAttribute: false);
        var text = $"S-1-5-21-{BinaryPrimitives.ReadUInt32LittleEndian(sid.AsSpan(12))}-{BinaryPrimitives.ReadUInt32LittleEndian(sid.AsSpan(16))}-{BinaryPrimitives.ReadUInt32LittleEndian(sid.AsSpan(20))}-{BinaryPrimitives.ReadUInt32LittleEndian(sid.AsSpan(24))}";
        Assert.Equal(local, text);
        Assert.Equal(sid, descriptor[20..48]);
    }

    [Fact]
    public void Object_guids_are_replaced_in_every_form_and_well_known_guids_stay()
    {
        var r = Redactor();
        var guid = Guid.Parse("0F3C1B4A-1234-4321-ABCD-0123456789AB");
        var binary = guid.ToByteArray();
        r.Binary(binary, guidAttribute: true);
        var mapped = new Guid(binary);
        Assert.NotEqual(guid, mapped);
        Assert.Equal($"{{{mapped.ToString("D").ToUpperInvariant()}}},{{26491CFC-9E50-4857-861B-0CB8DF22B5D7}}",
            r.Text("{0F3C1B4A-1234-4321-ABCD-0123456789AB},{26491CFC-9E50-4857-861B-0CB8DF22B5D7}"));
        Assert.Equal($"<GUID={Convert.ToHexStringLower(mapped.ToByteArray())}>;{r.Dn("CN=x1y,DC=contoso,DC=com")}",
            r.Text($"<GUID={Convert.ToHexStringLower(guid.ToByteArray())}>;CN=x1y,DC=contoso,DC=com"));

        var wellKnown = Guid.Parse("26491CFC-9E50-4857-861B-0CB8DF22B5D7").ToByteArray();
        r.Binary(wellKnown, guidAttribute: true);
        Assert.Equal(Guid.Parse("26491CFC-9E50-4857-861B-0CB8DF22B5D7"), new Guid(wellKnown));
        Assert.False(RedactionVocabulary.IsGuidAttribute("schemaIDGUID"));
        Assert.True(RedactionVocabulary.IsGuidAttribute("msExchMailboxGuid"));
    }

    [Fact]
    public void Proxy_addresses_keep_their_type_and_its_case_and_x400_keeps_its_structure()
    {
        var r = Redactor();
        var primary = r.Text("SMTP:John.Smith@contoso.com");
        var secondary = r.Text("smtp:jsmith@contoso.com");
        Assert.StartsWith("SMTP:", primary, StringComparison.Ordinal);
        Assert.StartsWith("smtp:", secondary, StringComparison.Ordinal);
        Assert.EndsWith("@" + r.Text("contoso.com"), primary, StringComparison.Ordinal);
        Assert.Matches(@"^SMTP:[A-Z][a-z]{3}\.[A-Z][a-z]{4}@", primary);

        var x400 = r.Text("X400:c=US;a= ;p=Contoso;o=Exchange;s=Smith;g=John;");
        Assert.Matches(@"^X400:c=US;a= ;p=[A-Z][a-z]{6};o=Exchange;s=[A-Z][a-z]{4};g=[A-Z][a-z]{3};$", x400);
        Assert.Contains(";p=" + r.Text("Contoso") + ";", x400, StringComparison.Ordinal);
        Assert.Equal(r.Text("Smith"), x400.Split(';')[4][2..]);

        // Filters keep attribute and class names; their values are redacted.
        var filter = r.Text("(&(mailnickname=*)(objectCategory=person)(userPrincipalName=*@contoso.com))");
        Assert.Equal($"(&(mailnickname=*)(objectCategory=person)(userPrincipalName=*@{r.Text("contoso.com")}))", filter);
    }

    [Fact]
    public void A_key_redacts_alike_every_time_and_another_key_otherwise()
    {
        Assert.Equal(Redactor().Dn("CN=Jane Doe,OU=Sales,DC=contoso,DC=com"), Redactor().Dn("CN=Jane Doe,OU=Sales,DC=contoso,DC=com"));
        Assert.NotEqual(Redactor().Dn("CN=Jane Doe,OU=Sales,DC=contoso,DC=com"), Redactor("another key, also long enough").Dn("CN=Jane Doe,OU=Sales,DC=contoso,DC=com"));
        Assert.Throws<ArgumentException>(() => RedactionKey.FromText("short"));
    }

    [Fact]
    public void Redact_writes_each_input_in_its_own_dialect_and_encoding_under_a_redacted_name()
    {
        using var temp = new TempFolder();
        var forest = Generate(temp.Path, SynthDialect.Ldifde, SynthEncoding.Utf16LittleEndian);
        var redaction = RedactionProof.Redact(Directory.GetFiles(forest), temp.Path);

        var names = Directory.GetFiles(redaction.Output).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, names.Count);
        Assert.Contains("configuration.ldf", names);
        Assert.DoesNotContain(names, n => n!.Contains("contoso", StringComparison.OrdinalIgnoreCase) || n.Contains("test", StringComparison.OrdinalIgnoreCase));
        foreach (var file in Directory.GetFiles(redaction.Output))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.Equal([0xFF, 0xFE], bytes[..2]);                                  // UTF-16LE with a BOM, as ldifde -u
            Assert.True(bytes.AsSpan().IndexOf("\r\0\n\0"u8) > 0, file);           // CRLF
            Assert.Contains("changetype: add", Encoding.Unicode.GetString(bytes), StringComparison.Ordinal);
            Assert.DoesNotContain("description:", Encoding.Unicode.GetString(bytes), StringComparison.Ordinal); // free text dropped
        }

        var run = CliRunner.Run("validate", redaction.Output);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("ldifde", run.Output, StringComparison.Ordinal);
        Assert.Contains("utf-16le", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_dumps_of_one_customer_redacted_with_one_key_and_mapping_match()
    {
        using var temp = new TempFolder();
        var forest = Generate(temp.Path, SynthDialect.Rfc2849, SynthEncoding.Utf8);
        var key = temp.Write("customer.key", RedactionProof.Key);
        var map = Path.Combine(temp.Path, "customer.map.json");
        var configuration = Path.Combine(forest, "configuration.ldif");
        var domain = Path.Combine(forest, "child1.contoso.test.ldif");

        Assert.Equal(0, CliRunner.Run("redact", configuration, "-o", Path.Combine(temp.Path, "one"), "--key", key, "--map", map).ExitCode);
        Assert.Equal(0, CliRunner.Run("redact", domain, "-o", Path.Combine(temp.Path, "two"), "--key", key, "--map", map).ExitCode);

        // Analysed together, the two halves still make one forest: the child domain's partition matches its crossRef.
        var run = CliRunner.Run("analyze", Path.Combine(temp.Path, "one"), Path.Combine(temp.Path, "two"), "-o", Path.Combine(temp.Path, "reports"), "--format", "json", "--fail-on", "never");
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var json = File.ReadAllText(Path.Combine(temp.Path, "reports", "russnap-report.json"));
        Assert.Contains("\"partitionInDump\": true", json, StringComparison.Ordinal);
        var mapping = File.ReadAllText(map);
        Assert.Contains("\"CHILD1\"", mapping, StringComparison.Ordinal);
        Assert.Contains("child1.contoso.test.ldif", mapping, StringComparison.Ordinal);

        // Another key's mapping is refused rather than mixed in.
        var other = temp.Write("other.key", "a different key, long enough to be one");
        var refused = CliRunner.Run("redact", domain, "-o", Path.Combine(temp.Path, "three"), "--key", other, "--map", map);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("another key", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Gz_inputs_stay_gz_and_zip_members_become_files()
    {
        using var temp = new TempFolder();
        var forest = Generate(temp.Path, SynthDialect.Ldapsearch, SynthEncoding.Utf8);
        var config = Path.Combine(forest, "configuration.ldif");
        var gz = Path.Combine(temp.Path, "contoso.test.ldif.gz");
        using (var output = File.Create(gz))
        using (var zipper = new GZipStream(output, CompressionLevel.Fastest))
        {
            zipper.Write(File.ReadAllBytes(Path.Combine(forest, "contoso.test.ldif")));
        }

        var zip = Path.Combine(temp.Path, "export.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(Path.Combine(forest, "child1.contoso.test.ldif"), "dumps/child1.contoso.test.ldif");
        }

        var run = CliRunner.Run("redact", config, gz, zip, "-o", Path.Combine(temp.Path, "out"));
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var names = Directory.GetFiles(Path.Combine(temp.Path, "out")).Select(Path.GetFileName).ToList();
        Assert.Contains(names, n => n!.EndsWith(".ldif.gz", StringComparison.Ordinal) && !n.Contains("contoso", StringComparison.Ordinal));
        Assert.Equal(3, names.Count);
        Assert.Equal(0, CliRunner.Run("validate", Path.Combine(temp.Path, "out")).ExitCode);
        Assert.Contains("key: random, forgotten", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_output_folder_must_be_new_or_empty_and_hold_neither_key_nor_mapping()
    {
        using var temp = new TempFolder();
        var input = Path.Combine(RulesCommandTests.RepoRoot(), "fixtures", "cases", "healthy-ldapsearch", "configuration.ldif");
        var full = Path.Combine(temp.Path, "full");
        temp.Write("full/existing.txt", "x");
        var key = temp.Write("k.key", RedactionProof.Key);

        AssertUsage(CliRunner.Run("redact", input, "-o", full), "is not empty");
        AssertUsage(CliRunner.Run("redact", input, "-o", Path.Combine(temp.Path, "out"), "--map", Path.Combine(temp.Path, "out", "map.json")), "outside the output folder");
        AssertUsage(CliRunner.Run("redact", input, "-o", Path.Combine(temp.Path, "out2"), "--key", temp.Write("short.key", "too short")), "at least 16 bytes");
        AssertUsage(CliRunner.Run("redact", temp.Path, "-o", Path.Combine(temp.Path, "inside")), "inside the input folder");
        Assert.Equal(2, CliRunner.Run("redact", input).ExitCode); // -o is required
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "out")));
        Assert.True(File.Exists(key));

        static void AssertUsage(CliRunner.Result run, string message)
        {
            Assert.True(run.ExitCode == 2, run.Output + run.Error);
            Assert.Contains(message, run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_input_with_unreadable_records_is_not_redacted_and_nothing_is_written()
    {
        using var temp = new TempFolder();
        var good = Path.Combine(RulesCommandTests.RepoRoot(), "fixtures", "cases", "healthy-ldapsearch", "configuration.ldif");
        var bad = temp.Write("broken.ldif", "dn: CN=a,DC=contoso,DC=com\nobjectClass: top\n\ndn: CN=b,DC=contoso,DC=com\nobjectClass:: ###\n\n");
        var output = Path.Combine(temp.Path, "out");

        var run = CliRunner.Run("redact", good, bad, "-o", output);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("cannot be redacted faithfully", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing written", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void An_ldapsearch_output_cut_before_its_result_stays_cut_and_one_that_finished_stays_finished()
    {
        using var temp = new TempFolder();
        var dir = Path.Combine(SupportCaseTests.CasesRoot, "healthy-ldapsearch");
        var whole = File.ReadAllText(Path.Combine(dir, "child1.contoso.test.ldif"));
        var cut = temp.Write("input/child1.contoso.test.ldif", whole[..whole.LastIndexOf("# search result", StringComparison.Ordinal)]);
        File.Copy(Path.Combine(dir, "configuration.ldif"), Path.Combine(temp.Path, "input", "configuration.ldif"));
        File.Copy(Path.Combine(dir, "contoso.test.ldif"), Path.Combine(temp.Path, "input", "contoso.test.ldif"));

        var redaction = RedactionProof.Redact(Directory.GetFiles(Path.Combine(temp.Path, "input")), temp.Path);

        RedactionProof.AssertSameFindings(redaction, temp.Path);
        var original = CliRunner.Run("analyze", Path.Combine(temp.Path, "input"), "-o", Path.Combine(temp.Path, "reports-original"), "--format", "json");
        var run = CliRunner.Run("analyze", redaction.Output, "-o", Path.Combine(temp.Path, "reports"), "--format", "json");
        Assert.Equal(original.ExitCode, run.ExitCode);
        var json = File.ReadAllText(Path.Combine(temp.Path, "reports", "russnap-report.json"));
        // One unfinished search: the cut input's; the two that finished still do.
        Assert.Single(json.Split('\n'), l => l.Contains("\"messageId\": \"RSN1001.ldapsearchUnfinished\"", StringComparison.Ordinal));
        Assert.True(File.Exists(cut));
    }

    [Fact]
    public void A_csvde_export_stays_csv_in_its_code_page_with_binary_values_as_hex()
    {
        using var temp = new TempFolder();
        var forest = Generate(temp.Path, SynthDialect.Csvde, SynthEncoding.Windows1252);
        var redaction = RedactionProof.Redact(Directory.GetFiles(forest), temp.Path);
        var domainFile = Directory.GetFiles(redaction.Output).First(f => !f.EndsWith("configuration.csv", StringComparison.Ordinal));
        var text = Encoding.Latin1.GetString(File.ReadAllBytes(domainFile));
        Assert.StartsWith("DN,objectClass,", text, StringComparison.Ordinal);
        Assert.Contains(",X'01050000000000051500000", text, StringComparison.Ordinal);  // objectSid as csvde writes it
        Assert.DoesNotContain(",description,", text.Split('\n')[0], StringComparison.Ordinal);

        using var opened = DumpOpener.Open(DumpSource.Expand([domainFile])[0]);
        while (opened.Reader.Read())
        {
        }

        Assert.Equal("windows-1252", opened.EncodingName);
        Assert.Equal(DumpDialect.Csvde, opened.Reader.Dialect);
    }

    private static string Generate(string folder, SynthDialect dialect, SynthEncoding encoding)
    {
        var path = Path.Combine(folder, "forest");
        new ForestGenerator(new ForestSpec
        {
            Domains = 2,
            Users = 30,
            Groups = 3,
            Seed = 7,
            Dialect = dialect,
            Encoding = encoding,
            SplitByPartition = true,
            LdapsearchPageSize = 0,
        }).Generate(path);
        return path;
    }
}
