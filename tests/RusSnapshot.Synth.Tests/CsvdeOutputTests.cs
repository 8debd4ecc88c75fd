using System.Text;
using RusSnapshot.Dumps;

namespace RusSnapshot.Synth.Tests;

/// <summary>csvde output, read back with the library's CsvDumpReader and compared with the LDIF output of the same spec.</summary>
public sealed class CsvdeOutputTests
{
    private static readonly ForestSpec Spec = new() { Domains = 3, Users = 60, Groups = 4, Seed = 3, Faults = [SynthFault.Parse("rus-deleted-server")] };

    [Theory]
    [InlineData(nameof(SynthEncoding.Utf8), "utf-8")]
    [InlineData(nameof(SynthEncoding.Utf16LittleEndian), "utf-16le-bom")]
    [InlineData(nameof(SynthEncoding.Windows1252), "windows-1252")]
    public void Csv_reads_back_with_the_ldif_content(string encodingName, string detected)
    {
        var encoding = Enum.Parse<SynthEncoding>(encodingName);
        var csv = SynthDump.Generate(Spec with { Dialect = SynthDialect.Csvde, Encoding = encoding });
        var ldif = SynthDump.Generate(Spec).ReadAll();
        var file = csv.Report.Files.Single();
        var bytes = csv.Files[file.Name];

        var read = SynthDump.Read(file.Name, bytes, format: null);

        Assert.Equal("forest.csv", file.Name);
        Assert.Equal(bytes.Length, file.Bytes);
        Assert.Empty(read.Diagnostics);
        Assert.Equal(DumpDialect.Csvde, read.Dialect);
        Assert.Equal(detected, read.Encoding);
        Assert.Equal(ldif.Count, read.Entries.Count);
        Assert.Equal(file.Entries, read.Entries.Count);
        Assert.StartsWith("DN,objectClass,", Text(bytes, encoding), StringComparison.Ordinal);
        for (var i = 0; i < ldif.Count; i++)
        {
            var expected = ldif[i];
            var actual = read.Entries[i];
            Assert.Equal(expected.Dn, actual.Dn);
            Assert.Equal(expected.Attributes.Select(a => a.Description).Order(StringComparer.OrdinalIgnoreCase), actual.Attributes.Select(a => a.Description).Order(StringComparer.OrdinalIgnoreCase));
            foreach (var attribute in expected.Attributes)
            {
                // csvde joins values with ';' and escapes nothing, so an X.400 address splits on its own ';':
                // compare the joined values.
                Assert.Equal(Joined(attribute), Joined(actual.Get(attribute.Description)!));
            }
        }

        Assert.Contains(read.Entries, e => !Ascii.IsValid(e.Dn));
        Assert.Contains(read.Entries, e => e.Strings("msExchAddressListServiceLink").Any(v => v.Contains("\nDEL:", StringComparison.Ordinal)));
    }

    private static string Joined(DumpAttribute attribute) =>
        string.Join(';', attribute.Values.Select(v => Ascii.IsValid(v.Bytes) || System.Text.Unicode.Utf8.IsValid(v.Bytes) ? v.ToString() : Convert.ToHexString(v.Bytes))).TrimEnd(';');

    private static string Text(byte[] bytes, SynthEncoding encoding) => encoding switch
    {
        SynthEncoding.Utf16LittleEndian => Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2),
        _ => Encoding.Latin1.GetString(bytes),
    };
}
