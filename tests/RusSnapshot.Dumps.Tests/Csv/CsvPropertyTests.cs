using System.Text;
using CsCheck;
using RusSnapshot.Dumps.Csv;

namespace RusSnapshot.Dumps.Tests.Csv;

/// <summary>Random entries written by <see cref="CsvDumpWriter"/> read back unchanged; random damage never escapes as anything but <see cref="DumpFormatException"/>.</summary>
public sealed class CsvPropertyTests
{
    // objectClass/member/proxyAddresses split on ';', description/info do not, objectGUID and userCertificate;binary are binary.
    private static readonly string[] Columns = ["objectClass", "cn", "description", "objectGUID", "member", "proxyAddresses", "info", "userCertificate;binary"];

    // Pieces that stress quoting, doubling, line breaks, escapes, hex look-alikes and multi-byte UTF-8.
    private static readonly Gen<string> Piece = Gen.OneOf(
        "a", "Z", "CN=", "DC=x", ",", "\"", "\"\"", "\\", "'", " ", "\r\n", "\n", "\r", "X'", "00", "é", "€", "😀", "Renée", "\t");

    private static readonly Gen<string> Text = Piece.Array[1, 8].Select(p => string.Concat(p));

    // In a column that splits, a value cannot hold ';' nor end with a backslash (the writer's ';' would then look escaped):
    // csvde has no way to write those either.
    private static readonly Gen<string> SplitText = Text.Where(t => !t.EndsWith('\\'));

    private static readonly Gen<DumpValue> SplitValue = Gen.Frequency(
        (4, SplitText.Select(DumpValue.FromString)),
        (1, Gen.Byte.Array[0, 6].Select(b => new DumpValue([0xFF, .. b])))); // not UTF-8: written as hex

    private static readonly Gen<DumpEntry> Entry =
        Gen.Select(
            Text.Where(t => t.Trim().Length > 0),
            SplitValue.Array[0, 3],
            Text.Array[0, 1],
            Gen.Byte.Array[0, 16].Array[0, 2],
            SplitValue.Array[0, 4],
            SplitValue.Array[0, 3],
            Gen.Int[0, 1000])
        .Select((dn, classes, description, guids, members, proxies, seed) =>
        {
            var attributes = new List<DumpAttribute>();
            Add(attributes, "objectClass", classes);
            Add(attributes, "description", description.Select(DumpValue.FromString).ToArray());
            Add(attributes, "objectGUID", guids.Select(g => new DumpValue(g)).ToArray());
            Add(attributes, "member", members);
            Add(attributes, "proxyAddresses", proxies);

            // Attribute order in the entry is not the column order: the writer must place them.
            var random = new Random(seed);
            return new DumpEntry(dn, attributes.OrderBy(_ => random.Next()).ToList());
        });

    [Fact]
    public void Random_entries_round_trip_through_writer_and_reader()
    {
        Gen.Select(Entry.Array[1, 6], Gen.Bool, Gen.Int[16, 300]).Sample((entries, lf, bufferSize) =>
        {
            var options = new CsvDumpWriterOptions { NewLine = lf ? "\n" : "\r\n" };
            var bytes = CsvDumpWriterTests.WriteBytes(Columns, options, entries);

            var result = CsvTestReader.Read(bytes, bufferSize, BadRecordHandling.Throw);

            Assert.Empty(result.Diagnostics);
            Assert.Equal(entries.Length, result.Entries.Count);
            for (var i = 0; i < entries.Length; i++)
            {
                var expected = CsvDumpWriterTests.Normalise(entries[i], Columns);
                Assert.Equal(expected.Dn, result.Entries[i].Dn);
                Assert.True(expected.SameContentAs(result.Entries[i]), $"entry {i} differs:\n{Encoding.UTF8.GetString(bytes)}");
            }
        }, iter: 500);
    }

    [Fact]
    public void Damaged_csv_only_ever_fails_with_dump_format_errors()
    {
        var valid = CsvDumpWriterTests.WriteBytes(Columns, null,
            new DumpEntry("CN=Jane Doe,OU=Sales,DC=corp", [
                DumpAttribute.Text("objectClass", "top", "person", "user"),
                DumpAttribute.Text("description", "He said \"hi\";\r\nthen left"),
                DumpAttribute.Binary("objectGUID", Convert.FromHexString("0b818fd05ca3a849a4cdc6923dfc031e")),
                DumpAttribute.Text("member", "CN=A\\;B,DC=x", "CN=Renée,DC=x")]),
            new DumpEntry("CN=Team,DC=corp", [DumpAttribute.Text("objectClass", "top", "group"), DumpAttribute.Text("info", "x")]),
            new DumpEntry("CN=Empty,DC=corp", []));
        var special = Gen.OneOf<byte>((byte)',', (byte)'"', (byte)'\r', (byte)'\n', (byte)';', (byte)'\'', (byte)'X', 0xC3, 0xFF, 0);
        var mutation = Gen.Select(Gen.Int[0, 3], Gen.Int[0, valid.Length], Gen.Frequency((1, (IGen<byte>)Gen.Byte), (2, special)));

        Gen.Select(mutation.Array[1, 6], Gen.Int[16, 100]).Sample((mutations, bufferSize) =>
        {
            var bytes = Mutate(valid, mutations);
            ReadThrowing(bytes, bufferSize);

            // Collecting, nothing is thrown at all, and every value that is handed out decodes.
            var result = CsvTestReader.Read(bytes, bufferSize, BadRecordHandling.Collect);
            Assert.Equal(result.Statistics.Entries, result.Entries.Count);
        }, iter: 3000);
    }

    [Fact]
    public void Random_bytes_only_ever_fail_with_dump_format_errors()
    {
        var alphabet = Gen.OneOf<byte>((byte)'D', (byte)'N', (byte)',', (byte)'"', (byte)'\r', (byte)'\n', (byte)';', (byte)'X', (byte)'\'', (byte)'0', (byte)'f', (byte)'a', 0xE9);
        Gen.Select(alphabet.Array[0, 80], Gen.Int[16, 40]).Sample((body, bufferSize) =>
        {
            var bytes = "DN,a,b\n"u8.ToArray().Concat(body).ToArray();
            ReadThrowing(bytes, bufferSize);
            CsvTestReader.Read(bytes, bufferSize, BadRecordHandling.Collect);
        }, iter: 3000);
    }

    private static void Add(List<DumpAttribute> attributes, string name, DumpValue[] values)
    {
        if (values.Length > 0)
        {
            attributes.Add(new DumpAttribute(name, values));
        }
    }

    private static byte[] Mutate(byte[] valid, (int Kind, int At, byte Value)[] mutations)
    {
        var bytes = valid.ToList();
        foreach (var (kind, at, value) in mutations)
        {
            var i = Math.Min(at, bytes.Count);
            switch (kind)
            {
                case 0 when i < bytes.Count: bytes[i] = value; break;
                case 1: bytes.Insert(i, value); break;
                case 2 when i < bytes.Count: bytes.RemoveAt(i); break;
                case 3: bytes.RemoveRange(i, bytes.Count - i); break; // cut off
            }
        }

        return [.. bytes];
    }

    /// <summary>Reads with <see cref="BadRecordHandling.Throw"/>, going on after each error the reader can continue from.</summary>
    private static void ReadThrowing(byte[] bytes, int bufferSize)
    {
        var options = new DumpReaderOptions { BufferSize = bufferSize, OnBadRecord = BadRecordHandling.Throw };
        using var reader = new CsvDumpReader(new MemoryStream(bytes), "fuzz.csv", options);
        for (var guard = 0; guard < 10_000; guard++)
        {
            try
            {
                if (!reader.Read())
                {
                    return;
                }

                var record = reader.Current;
                _ = record.Dn;
                for (var i = 0; i < record.Count; i++)
                {
                    _ = record.ValueAt(i);
                    _ = record.DescriptionStringAt(i);
                }

                _ = record.ToEntry();
            }
            catch (DumpFormatException ex) when (ex.MayContinue)
            {
                Assert.True(ex.Position.Line >= 1);
            }
            catch (DumpFormatException)
            {
                Assert.False(reader.Read());
                Assert.False(reader.Statistics.Complete);
                return;
            }
        }

        Assert.Fail("the reader did not come to an end");
    }
}
