using System.Text;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Dumps.Tests.Input;

/// <summary>Duplicates across inputs are decided on the DNs' keys, and memory holds only the DNs that recur.</summary>
public sealed class DuplicateDetectionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("russnap-dup-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_same_dn_written_another_way_is_one_entry_in_every_input()
    {
        var a = Write("a.ldif", Entry(@"CN=caf\C3\A9,DC=corp,DC=test", "x"), Entry("CN=Café Two,DC=corp,DC=test", "x"));
        var b = Write("b.ldif", Entry("cn=CAFÉ, dc=CORP, dc=test", "x"), Entry("CN=CAFÉ TWO,DC=Corp,DC=Test", "x"), Entry("CN=other,DC=corp,DC=test", "x"));

        var (dns, set) = ReadAll(a, b);

        Assert.Equal(3, dns.Count);
        Assert.Equal([0L, 2L], set.Inputs.Select(i => i.DuplicateEntries).Order());
        Assert.True(set.UsedFirstPass);
    }

    [Fact]
    public void Distinct_dns_are_never_dropped_and_no_key_is_kept_when_inputs_do_not_overlap()
    {
        // 60,000 distinct DNs across two files: a 64-bit hash alone could in principle collide; keys decide.
        var a = Write("a.ldif", [.. Enumerable.Range(0, 30_000).Select(i => Entry($"CN=user{i},DC=a,DC=test", "x"))]);
        var b = Write("b.ldif", [.. Enumerable.Range(0, 30_000).Select(i => Entry($"CN=user{i},DC=b,DC=test", "x"))]);

        var (dns, set) = ReadAll(a, b);

        Assert.Equal(60_000, dns.Count);
        Assert.All(set.Inputs, i => Assert.Equal(0, i.DuplicateEntries));
        Assert.True(set.KeysKept < 10, $"{set.KeysKept} keys kept for inputs that do not overlap");
    }

    [Fact]
    public void Overlapping_inputs_keep_only_the_recurring_keys_and_report_conflicts()
    {
        var a = Write("a.ldif", [.. Enumerable.Range(0, 1_000).Select(i => Entry($"CN=user{i},DC=a,DC=test", "x"))]);
        var b = Write("b.ldif", Entry("CN=user5,DC=a,DC=test", "x"), Entry("CN=user6,DC=a,DC=test", "changed"), Entry("CN=new,DC=a,DC=test", "x"));

        var (dns, set) = ReadAll(a, b);

        Assert.Equal(1_001, dns.Count);
        Assert.Equal(2, set.Inputs[1].DuplicateEntries);
        var conflict = Assert.Single(set.Conflicts);
        Assert.Equal("CN=user6,DC=a,DC=test", conflict.Dn);
        Assert.InRange(set.KeysKept, 2, 20);
    }

    [Fact]
    public void An_input_that_cannot_be_read_twice_keeps_every_key_and_stays_exact()
    {
        var a = Write("a.ldif", Entry("CN=one,DC=a,DC=test", "x"), Entry("CN=two,DC=a,DC=test", "x"));
        var piped = Encoding.UTF8.GetBytes(Entry("cn=ONE,dc=a,dc=test", "x") + Entry("CN=three,DC=a,DC=test", "x"));
        var sources = new[] { DumpSource.Expand([a]).Single(), DumpSource.FromStream("stdin", () => new MemoryStream(piped)) };

        using var set = new DumpSetReader(sources);
        var dns = new List<string>();
        while (set.Read())
        {
            if (set.Current.Kind == DumpRecordKind.Entry)
            {
                dns.Add(set.Current.Dn);
            }
        }

        Assert.False(set.UsedFirstPass);
        Assert.Equal(["CN=one,DC=a,DC=test", "CN=two,DC=a,DC=test", "CN=three,DC=a,DC=test"], dns);
    }

    private (List<string> Dns, DumpSetReader Set) ReadAll(params string[] paths)
    {
        var set = new DumpSetReader(DumpSource.Expand(paths));
        var dns = new List<string>();
        while (set.Read())
        {
            if (set.Current.Kind == DumpRecordKind.Entry)
            {
                dns.Add(set.Current.Dn);
            }
        }

        set.Dispose();
        return (dns, set);
    }

    private string Write(string name, params string[] entries)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, "version: 1\n\n" + string.Concat(entries), new UTF8Encoding(false));
        return path;
    }

    private static string Entry(string dn, string description) =>
        (dn.All(c => c < 128) ? $"dn: {dn}\n" : $"dn:: {Convert.ToBase64String(Encoding.UTF8.GetBytes(dn))}\n")
        + $"objectClass: user\ndescription: {description}\n\n";
}
