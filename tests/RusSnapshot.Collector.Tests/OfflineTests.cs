using System.Net;
using System.Net.Sockets;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using NJsonSchema;
using RusSnapshot.Collector.Collection;
using RusSnapshot.Dumps.Manifest;

namespace RusSnapshot.Collector.Tests;

/// <summary>What needs no domain controller: the command line's refusals and usage errors, read-only by construction, ranges.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void A_simple_bind_without_TLS_is_refused_before_anything_is_sent()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var run = Collect.InProcess("secret-pw", "--server", "127.0.0.1", "--port", port, "--user", "admin@corp.test", "--password-env", Collect.PasswordVariable,
            "-o", Path.Combine(Path.GetTempPath(), "never.ldf"));
        Assert.Equal(5, run.Code);
        Assert.Contains("--allow-plain-bind", run.Error, StringComparison.Ordinal);
        Assert.False(listener.Pending(), "the collector connected although it refused the bind");
        Assert.DoesNotContain("secret-pw", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--server", "dc", "--ldaps", "--starttls")]
    [InlineData("--server", "dc", "--insecure")]
    [InlineData("--server", "dc", "--ldaps", "--domain-server", "child.corp.test")]
    [InlineData("--server", "dc", "--ldaps", "--page-size", "0")]
    [InlineData("--server", "dc", "--ldaps", "--format", "xml")]
    [InlineData("--server", "dc", "--ldaps", "--user", "a@b", "--password-env", "RUSSNAP_NOT_SET_ANYWHERE")]
    [InlineData("--ldaps")]
    [InlineData("--server", "dc", "--password")]
    public void Usage_errors_give_exit_2_before_any_connection(params string[] args)
    {
        var run = Collect.InProcess("pw", args);
        Assert.Equal(2, run.Code);
        Assert.StartsWith("russnap-collect: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void No_password_source_and_no_terminal_is_a_usage_error()
    {
        var run = Collect.InProcess("pw", "--server", "dc", "--ldaps", "--user", "a@b");
        Assert.Equal(2, run.Code);
        Assert.Contains("--password-env", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("child.corp.test=dc1.child.corp.test", "child.corp.test", "dc1.child.corp.test", null)]
    [InlineData("child.corp.test=10.0.0.5:3269", "child.corp.test", "10.0.0.5", 3269)]
    [InlineData("c.test=[::1]:636", "c.test", "::1", 636)]
    public void Domain_servers_parse(string spec, string dns, string host, int? port)
    {
        Assert.True(CollectorCommandLine.TryParseDomainServer(spec, out var d, out var h, out var p));
        Assert.Equal((dns, host, port), (d, h, p));
    }

    [Theory]
    [InlineData("member;range=0-1499", "member", 0L, 1499L)]
    [InlineData("member;range=1500-*", "member", 1500L, null)]
    public void Range_options_parse(string description, string type, long low, long? high)
    {
        var (t, range) = SearchReader.ParseRange(description);
        Assert.Equal(type, t);
        Assert.Equal((low, high), range!.Value);
    }

    /// <summary>
    /// The Kerberos bind on Linux sets two libldap options through a private field of System.DirectoryServices.Protocols:
    /// a package update that moves it must fail here, not as a Kerberos error at a customer's site.
    /// </summary>
    [Fact]
    public void The_libldap_options_of_a_Kerberos_bind_can_be_set_on_this_platform()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows binds with Negotiate through wldap32: no libldap options to set
        }

        using var connection = new System.DirectoryServices.Protocols.LdapConnection(new System.DirectoryServices.Protocols.LdapDirectoryIdentifier("127.0.0.1", 1));
        Assert.True(RusSnapshot.Collector.Ldap.OpenLdap.PrepareKerberosBind(connection, overTls: false));
        Assert.True(RusSnapshot.Collector.Ldap.OpenLdap.PrepareKerberosBind(connection, overTls: true));
    }

    [Fact]
    public void The_collector_is_read_only_it_references_no_add_modify_delete_or_rename_request()
    {
        var path = typeof(CollectorCommandLine).Assembly.Location;
        using var pe = new PEReader(File.OpenRead(path));
        var metadata = pe.GetMetadataReader();
        var referenced = metadata.TypeReferences.Select(h => metadata.GetTypeReference(h))
            .Select(t => metadata.GetString(t.Namespace) + "." + metadata.GetString(t.Name)).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("System.DirectoryServices.Protocols.SearchRequest", referenced);
        foreach (var forbidden in new[] { "AddRequest", "ModifyRequest", "DeleteRequest", "ModifyDNRequest", "CompareRequest" })
        {
            Assert.DoesNotContain("System.DirectoryServices.Protocols." + forbidden, referenced);
        }
    }
}

/// <summary>The manifest API the analyzer will use: read beside a dump, tolerant of absence, strict with file:line:column.</summary>
public sealed class ManifestTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("russnap-manifest-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static CollectionManifest Sample() => new()
    {
        SchemaVersion = 1,
        Tool = new ManifestTool("russnap-collect", "0.1.0"),
        Server = new ManifestServer("dc1.corp.test", 636, "ldaps", "dc1.corp.test"),
        Bind = new ManifestBind("simple", "CORP\\admin"),
        StartedAt = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero),
        EndedAt = new DateTimeOffset(2026, 12, 1, 10, 0, 3, TimeSpan.Zero),
        Scope = "full",
        Dump = new ManifestDump("forest.ldf", "ldif", 12),
        Complete = false,
        NamingContexts =
        [
            new ManifestNamingContext
            {
                Dn = "DC=child,DC=corp,DC=test", Kind = "domain", DnsName = "child.corp.test", Server = "child.corp.test:636", Status = "unread",
                Entries = 0, Pages = 0, Searches = 0, RangeRequests = 0, RangedValues = 0, EntriesWithoutAttributes = 0, Referrals = [], Retries = 0,
            },
        ],
        Unread = [new ManifestUnread("DC=child,DC=corp,DC=test", UnreadReason.Unreachable, "child.corp.test:636", "the name does not resolve", -1)],
    };

    [Fact]
    public async Task A_written_manifest_reads_back_beside_its_dump_and_validates_against_the_schema()
    {
        var dump = Path.Combine(_folder, "forest.ldf");
        CollectionManifestFile.WriteFile(Sample(), CollectionManifestFile.PathFor(dump));
        var read = CollectionManifestFile.ReadBeside(dump)!;
        Assert.Equal(Sample().Unread.Single(), read.Unread.Single());
        Assert.Equal(Sample().Server, read.Server);
        Assert.Equal("forest.ldf.manifest.json", Path.GetFileName(CollectionManifestFile.PathFor(dump)));

        var json = File.ReadAllText(CollectionManifestFile.PathFor(dump));
        Assert.Contains("\"reason\": \"unreachable\"", json, StringComparison.Ordinal);
        var schema = await JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(RepoPaths.Root, "schemas", "collection-manifest.schema.json")));
        Assert.Empty(schema.Validate(json));
    }

    [Fact]
    public async Task A_manifest_from_before_reconnects_were_counted_still_reads_and_validates()
    {
        var written = Sample() with { NamingContexts = [Sample().NamingContexts[0] with { Reconnects = 2, Restarts = 1, DuplicatesSkipped = 1500 }] };
        var path = Path.Combine(_folder, "old.ldf.manifest.json");
        CollectionManifestFile.WriteFile(written, path);
        var json = File.ReadAllText(path);
        Assert.Contains("\"duplicatesSkipped\": 1500", json, StringComparison.Ordinal);
        Assert.Equal(1500, CollectionManifestFile.Read(path).NamingContexts[0].DuplicatesSkipped);

        // The same manifest as an earlier collector wrote it: without the three counters.
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        var context = node["namingContexts"]![0]!.AsObject();
        context.Remove("reconnects");
        context.Remove("restarts");
        context.Remove("duplicatesSkipped");
        var old = node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        File.WriteAllText(path, old);

        var read = CollectionManifestFile.Read(path).NamingContexts[0];
        Assert.Equal((0L, 0L, 0L), (read.Reconnects, read.Restarts, read.DuplicatesSkipped));
        var schema = await JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(RepoPaths.Root, "schemas", "collection-manifest.schema.json")));
        Assert.Empty(schema.Validate(old));
        Assert.Empty(schema.Validate(json));
    }

    [Fact]
    public void No_manifest_beside_a_dump_is_null()
    {
        Assert.Null(CollectionManifestFile.ReadBeside(Path.Combine(_folder, "none.ldf")));
    }

    [Theory]
    [InlineData("{\n  \"schemaVersion\": 1,\n  \"tool\": [\n", 3)]              // cut short
    [InlineData("{\n  \"schemaVersion\": 1,\n  \"surprise\": true\n}\n", 3)]      // unknown property
    [InlineData("{\n  \"schemaVersion\": \"one\"\n}\n", 2)]                       // wrong type
    public void A_malformed_manifest_names_file_and_line(string json, int line)
    {
        var path = Path.Combine(_folder, "bad.ldf.manifest.json");
        File.WriteAllText(path, json);
        var ex = Assert.Throws<ManifestFormatException>(() => CollectionManifestFile.ReadBeside(Path.Combine(_folder, "bad.ldf")));
        Assert.Equal(path, ex.File);
        Assert.Equal(line, ex.Line);
        Assert.StartsWith($"{path}:{line}:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_property_or_another_schema_version_is_an_error()
    {
        var path = Path.Combine(_folder, "m.json");
        File.WriteAllText(path, "{ \"schemaVersion\": 1 }");
        Assert.Throws<ManifestFormatException>(() => CollectionManifestFile.Read(path));

        using (var stream = File.Create(path))
        {
            CollectionManifestFile.Write(Sample() with { SchemaVersion = 2 }, stream);
        }

        var ex = Assert.Throws<ManifestFormatException>(() => CollectionManifestFile.Read(path));
        Assert.Contains("schemaVersion 2", ex.Message, StringComparison.Ordinal);
    }
}
