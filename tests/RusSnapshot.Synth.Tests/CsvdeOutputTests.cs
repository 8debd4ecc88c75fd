using System.Text;

namespace RusSnapshot.Synth.Tests;

/// <summary>
/// The generator's own csvde writer (until the library's CsvDumpReader/Writer land): checked with a small
/// RFC 4180 parser against the LDIF output of the same spec.
/// </summary>
public sealed class CsvdeOutputTests
{
    private static readonly ForestSpec Spec = new() { Domains = 3, Users = 60, Groups = 4, Seed = 3, Faults = [SynthFault.Parse("rus-deleted-server")] };

    [Theory]
    [InlineData(SynthEncoding.Utf8)]
    [InlineData(SynthEncoding.Utf16LittleEndian)]
    [InlineData(SynthEncoding.Windows1252)]
    public void Csv_has_one_row_per_entry_with_the_ldif_content(SynthEncoding encoding)
    {
        var csv = SynthDump.Generate(Spec with { Dialect = SynthDialect.Csvde, Encoding = encoding });
        var ldif = SynthDump.Generate(Spec).ReadAll();
        var file = csv.Report.Files.Single();
        var bytes = csv.Files[file.Name];

        var text = encoding switch
        {
            SynthEncoding.Utf16LittleEndian => Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2),
            SynthEncoding.Windows1252 => Latin1(bytes),
            _ => Encoding.UTF8.GetString(bytes),
        };
        var rows = Parse(text);

        Assert.Equal("forest.csv", file.Name);
        Assert.Equal(bytes.Length, file.Bytes);
        if (encoding == SynthEncoding.Utf16LittleEndian)
        {
            Assert.Equal([0xFF, 0xFE], bytes[..2]);
        }

        Assert.Equal("DN", rows[0][0]);
        Assert.Equal("objectClass", rows[0][1]);
        Assert.All(rows, r => Assert.Equal(rows[0].Count, r.Count));
        Assert.Equal(ldif.Count, rows.Count - 1);
        Assert.Equal(file.Entries, rows.Count - 1);
        var header = rows[0];
        for (var i = 0; i < ldif.Count; i++)
        {
            var row = rows[i + 1];
            Assert.Equal(ldif[i].Dn, row[0]);
            foreach (var attribute in ldif[i].Attributes)
            {
                var column = header.IndexOf(attribute.Description);
                Assert.True(column > 0, $"no column {attribute.Description}");
                var expected = string.Join(';', attribute.Values.Select(v =>
                    attribute.Description is "objectGUID" or "objectSid" or "invocationId" or "msExchMailboxGuid" or "msExchMailboxSecurityDescriptor"
                        or "msExchDomainLocalGroupGuid" or "msExchDomainGlobalGroupGuid"
                        ? "X'" + Convert.ToHexStringLower(v.Bytes) + "'"
                        : v.ToString()));
                Assert.Equal(expected, row[column]);
            }
        }

        Assert.Contains(rows, r => r[0].Any(ch => ch > 127));
        Assert.Contains(rows, r => r.Any(f => f.Contains("\nDEL:", StringComparison.Ordinal)));
    }

    private static string Latin1(byte[] bytes)
    {
        // The names the generator uses are all in the Latin-1 range, where Windows-1252 and ISO-8859-1 agree.
        Assert.DoesNotContain(bytes, b => b is >= 0x80 and < 0xA0);
        return Encoding.Latin1.GetString(bytes);
    }

    /// <summary>RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; records end with CRLF.</summary>
    private static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        var quoted = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }

                if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }

                i++;
                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    row.Add(field.ToString());
                    field.Clear();
                    rows.Add(row);
                    row = [];
                    i++;
                    break;
                default:
                    field.Append(c);
                    break;
            }

            i++;
        }

        Assert.Empty(row);
        return rows;
    }
}
