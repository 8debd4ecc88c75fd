using System.Text;
using RusSnapshot.Dumps;

namespace RusSnapshot.Synth.Tests;

/// <summary>The benchmark shapes (ForestSpec.LongDns, Base64Every, GroupMembers, ReverseAttributes, LfLineEnds) do what they say.</summary>
public sealed class DumpShapeTests
{
    private static readonly ForestSpec Small = new() { Domains = 2, Users = 300, Groups = 6, Seed = 3 };

    private static byte[] Only(SynthDump dump) => dump.Files.Single().Value;

    /// <summary>The logical lines of an LDIF file, each with the number of physical lines it took.</summary>
    private static List<(string Line, int Physical)> LogicalLines(byte[] bytes)
    {
        var lines = new List<(string, int)>();
        foreach (var raw in Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith(' ') && lines.Count > 0)
            {
                var (text, physical) = lines[^1];
                lines[^1] = (text + line[1..], physical + 1);
            }
            else
            {
                lines.Add((line, 1));
            }
        }

        return lines;
    }

    [Fact]
    public void Long_dns_make_dn_values_of_230_bytes_and_more_that_fold_three_or_four_times()
    {
        var dump = SynthDump.Generate(Small with { LongDns = true });
        var lines = LogicalLines(Only(dump));
        var members = lines.Where(l => l.Line.StartsWith("member: CN=", StringComparison.Ordinal) && l.Line.Contains(",OU=Staff,", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(members);
        Assert.All(members, m => Assert.True(m.Line.Length - "member: ".Length >= 230, m.Line));
        Assert.All(members, m => Assert.InRange(m.Physical - 1, 3, 4));
        Assert.Contains(lines, l => l.Line.StartsWith("distinguishedName: CN=", StringComparison.Ordinal) && l.Physical - 1 >= 3);

        // Still a consistent forest: every entry reads back, the deep OUs exist, and --entries stays exact.
        var entries = dump.ReadAll();
        var dns = entries.Select(e => DnKey.Of(e.Dn)).ToHashSet();
        Assert.All(entries.Where(e => e.HasClass("user")), u => Assert.Contains(DnKey.Of(u.Dn[(u.Dn.IndexOf(",OU=", StringComparison.Ordinal) + 1)..]), dns));
        var exact = SynthDump.Generate(ForestGenerator.WithTotalEntries(Small with { LongDns = true }, 2000));
        Assert.Equal(2000, exact.Report.Entries);
        Assert.Equal(2000, exact.ReadAll().Count);
    }

    [Fact]
    public void Base64_every_fifth_text_value_makes_at_least_a_fifth_of_the_values_base64_with_the_same_content()
    {
        var plain = SynthDump.Generate(Small);
        var shaped = SynthDump.Generate(Small with { Base64Every = 5 });
        var values = LogicalLines(Only(shaped)).Where(l => l.Line.Contains(':', StringComparison.Ordinal) && !l.Line.StartsWith("dn:", StringComparison.Ordinal)
            && !l.Line.StartsWith("changetype:", StringComparison.Ordinal)).ToList();
        var base64 = values.Count(l => l.Line.Contains(":: ", StringComparison.Ordinal));

        Assert.True(base64 >= values.Count / 5, $"{base64} of {values.Count} values are base64");
        Assert.Equal(Describe(plain.ReadAll()), Describe(shaped.ReadAll()));
    }

    [Fact]
    public void Group_members_gives_every_group_that_many_members()
    {
        var dump = SynthDump.Generate(Small with { GroupMembers = 120, Users = 400 });
        var groups = dump.ReadAll().Where(e => e.HasClass("group") && e.Dn.Contains(",OU=Groups,", StringComparison.Ordinal)).ToList();

        Assert.Equal(6, groups.Count);
        Assert.All(groups, g => Assert.Equal(120, g.Strings("member").Count()));
    }

    [Fact]
    public void Reverse_attributes_writes_each_entry_backwards_with_the_same_content()
    {
        var plain = SynthDump.Generate(Small);
        var shaped = SynthDump.Generate(Small with { ReverseAttributes = true });
        var a = plain.ReadAll();
        var b = shaped.ReadAll();

        Assert.Equal(Describe(a), Describe(b));
        var user = a.First(e => e.HasClass("user"));
        var reversed = b.Single(e => e.Dn == user.Dn);
        Assert.Equal(user.Attributes[^1].Description, reversed.Attributes[0].Description);
        Assert.Equal(user.Attributes[0].Description, reversed.Attributes[^1].Description);
    }

    [Fact]
    public void Lf_line_ends_leave_no_carriage_return_and_the_same_content()
    {
        var plain = SynthDump.Generate(Small);
        var shaped = SynthDump.Generate(Small with { LfLineEnds = true });

        Assert.Contains((byte)'\r', Only(plain));
        Assert.DoesNotContain((byte)'\r', Only(shaped));
        Assert.Equal(Describe(plain.ReadAll()), Describe(shaped.ReadAll()));
        Assert.Equal(DumpDialect.Ldifde, SynthDump.Read("f.ldf", Only(shaped)).Dialect);
    }

    [Fact]
    public void Ldif_shapes_are_refused_for_csvde()
    {
        Assert.Throws<ArgumentException>(() => (Small with { Dialect = SynthDialect.Csvde, Base64Every = 5 }).Validate());
        Assert.Throws<ArgumentException>(() => (Small with { Dialect = SynthDialect.Csvde, ReverseAttributes = true }).Validate());
        (Small with { Dialect = SynthDialect.Csvde, LongDns = true, GroupMembers = 50 }).Validate();
    }

    [Fact]
    public void Command_line_sets_the_shapes()
    {
        var dir = Directory.CreateTempSubdirectory("synth-shape-");
        try
        {
            var file = Path.Combine(dir.FullName, "f.ldf");
            var code = SynthCommandLine.Run(["-o", file, "--users", "50", "--groups", "2", "--long-dns", "--base64-every", "5", "--group-members", "40",
                "--reverse-attributes", "--line-ends", "lf", "-q"], TextWriter.Null, TextWriter.Null);

            Assert.Equal(0, code);
            var bytes = File.ReadAllBytes(file);
            Assert.DoesNotContain((byte)'\r', bytes);
            Assert.Contains(LogicalLines(bytes), l => l.Line.StartsWith("member", StringComparison.Ordinal) && l.Physical >= 4);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Every entry as its DN and its sorted (description, value) pairs: the content, whatever the order and encoding.</summary>
    private static List<string> Describe(List<DumpEntry> entries) =>
        [.. entries.Select(e => e.Dn + "\n" + string.Join("\n", e.Attributes.SelectMany(a => a.Values.Select(v => a.Description.ToUpperInvariant() + ":" + Convert.ToBase64String(v.Bytes))).Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal)];
}
