using System.Text;
using RusSnapshot.Dumps.Csv;

namespace RusSnapshot.Dumps.Tests.Csv;

public sealed class CsvDumpWriterTests
{
    private static readonly byte[] Guid = Convert.FromHexString("0b818fd05ca3a849a4cdc6923dfc031e");

    private static readonly string[] Columns = ["objectClass", "cn", "description", "objectGUID", "member", "info"];

    private static DumpEntry Jane() => new(
        "CN=Jane Doe,OU=Sales,DC=corp",
        [
            DumpAttribute.Text("info", "line1\r\nline2"),
            DumpAttribute.Text("objectClass", "top", "person"),
            DumpAttribute.Text("cn", "Jane Doe"),
            DumpAttribute.Text("description", "He said \"hi\", then left"),
            DumpAttribute.Binary("objectGUID", Guid),
        ]);

    private static DumpEntry Team() => new(
        "CN=Team,OU=Groups,DC=corp",
        [
            DumpAttribute.Text("objectClass", "top", "group"),
            DumpAttribute.Text("member", "CN=Jane Doe,OU=Sales,DC=corp", "CN=Renée,OU=Sales,DC=corp"),
        ]);

    [Fact]
    public void Writes_what_csvde_writes()
    {
        var text = Write(Columns, null, Jane(), Team());

        Assert.Equal(
            "DN,objectClass,cn,description,objectGUID,member,info\r\n" +
            "\"CN=Jane Doe,OU=Sales,DC=corp\",top;person,Jane Doe,\"He said \"\"hi\"\", then left\",X'0b818fd05ca3a849a4cdc6923dfc031e',,\"line1\r\nline2\"\r\n" +
            "\"CN=Team,OU=Groups,DC=corp\",top;group,,,,\"CN=Jane Doe,OU=Sales,DC=corp;CN=Renée,OU=Sales,DC=corp\",\r\n",
            text);
    }

    [Fact]
    public void Line_ending_can_be_lf()
    {
        var text = Write(["cn"], new CsvDumpWriterOptions { NewLine = "\n" }, new DumpEntry("CN=a", [DumpAttribute.Text("cn", "a\r\nb")]));

        Assert.Equal("DN,cn\nCN=a,\"a\r\nb\"\n", text);
    }

    [Fact]
    public void Header_only_when_no_rows()
    {
        Assert.Equal("DN,cn,sn\r\n", Write(["cn", "sn"], null));
        Assert.Equal("DN\r\n", Write([], null));
    }

    [Fact]
    public void Attributes_that_are_not_columns_are_rejected_by_name_and_the_row_is_not_written()
    {
        using var output = new MemoryStream();
        using (var writer = new CsvDumpWriter(output, ["cn"], leaveOpen: true))
        {
            var entry = new DumpEntry("CN=a", [DumpAttribute.Text("cn", "a"), DumpAttribute.Text("sn", "b"), DumpAttribute.Text("mail", "c")]);
            var ex = Assert.Throws<ArgumentException>(() => writer.Write(entry));
            Assert.Contains("sn, mail", ex.Message, StringComparison.Ordinal);

            writer.Write(new DumpEntry("CN=b", [DumpAttribute.Text("CN", "b")]));
            Assert.Equal(1, writer.Rows);
        }

        Assert.Equal("DN,cn\r\nCN=b,b\r\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Theory]
    [InlineData("DN")]
    [InlineData("dn")]
    [InlineData("")]
    [InlineData("bad name")]
    [InlineData("a,b")]
    [InlineData(";binary")]
    public void Bad_column_names_are_rejected(string column)
    {
        Assert.Throws<ArgumentException>(() => new CsvDumpWriter(new MemoryStream(), ["cn", column]));
    }

    [Fact]
    public void Repeated_columns_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new CsvDumpWriter(new MemoryStream(), ["cn", "CN"]));
        Assert.Contains("'CN' is listed twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entry_without_a_dn_and_change_records_are_rejected()
    {
        using var writer = new CsvDumpWriter(new MemoryStream(), ["cn"]);

        Assert.Throws<ArgumentException>(() => writer.Write(new DumpEntry(string.Empty, [])));
        Assert.Throws<ArgumentException>(() => writer.Write(new DumpEntry("CN=a", [], kind: DumpRecordKind.Delete)));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_written_as_hex_and_binary_attributes_always_are()
    {
        var entry = new DumpEntry("CN=a", [
            DumpAttribute.Binary("info", [0xFF, 0x00], "ok"u8.ToArray()),
            DumpAttribute.Binary("objectSid", "abc"u8.ToArray()),
            DumpAttribute.Binary("userCertificate;binary", [0x30, 0x82])]);

        var text = Write(["info", "objectSid", "userCertificate;binary"], null, entry);

        Assert.Equal("DN,info,objectSid,userCertificate;binary\r\nCN=a,X'ff00';ok,X'616263',X'3082'\r\n", text);
    }

    [Fact]
    public void Binary_attributes_can_be_chosen()
    {
        var options = new CsvDumpWriterOptions { BinaryAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "cn" } };

        var text = Write(["cn", "objectGUID"], options, new DumpEntry("CN=a", [DumpAttribute.Text("cn", "a"), DumpAttribute.Text("objectGUID", "g")]));

        Assert.Equal("DN,cn,objectGUID\r\nCN=a,X'61',g\r\n", text);
    }

    [Fact]
    public void Text_that_looks_like_hex_is_written_as_the_hex_of_its_bytes_so_it_reads_back()
    {
        var entry = new DumpEntry("CN=a", [DumpAttribute.Text("description", "X'00'")]);

        var text = Write(["description"], null, entry);

        Assert.Equal("DN,description\r\nCN=a,X'5827303027'\r\n", text);
        Assert.Equal("X'00'", Assert.Single(CsvTestReader.Read(text).Entries).GetString("description"));
    }

    [Fact]
    public void Empty_text_values_cannot_be_written_and_are_left_out()
    {
        var entry = new DumpEntry("CN=a", [DumpAttribute.Text("cn", string.Empty), DumpAttribute.Text("member", string.Empty, "x"), DumpAttribute.Binary("objectGUID", Array.Empty<byte>())]);

        Assert.Equal("DN,cn,member,objectGUID\r\nCN=a,,x,X''\r\n", Write(["cn", "member", "objectGUID"], null, entry));
    }

    [Fact]
    public void Unicode_option_writes_utf16le_with_a_byte_order_mark()
    {
        using var output = new MemoryStream();
        using (var writer = new CsvDumpWriter(output, ["cn"], CsvDumpWriterOptions.Unicode, leaveOpen: true))
        {
            writer.Write(new DumpEntry("CN=Renée,DC=x", [DumpAttribute.Text("cn", "Renée 😀")]));
        }

        var bytes = output.ToArray();
        Assert.Equal([0xFF, 0xFE], bytes[..2]);
        Assert.Equal("DN,cn\r\n\"CN=Renée,DC=x\",Renée 😀\r\n", Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2));
    }

    [Fact]
    public void Ansi_option_writes_windows_1252()
    {
        using var output = new MemoryStream();
        using (var writer = new CsvDumpWriter(output, ["cn"], CsvDumpWriterOptions.Ansi, leaveOpen: true))
        {
            writer.Write(new DumpEntry("CN=Renée,DC=x", [DumpAttribute.Text("cn", "Renée Ω")]));
        }

        var bytes = output.ToArray();
        Assert.Equal("DN,cn\r\n\"CN=Ren\u00e9e,DC=x\",Ren\u00e9e O\r\n", Encoding.Latin1.GetString(bytes)); // Windows' best fit: Omega becomes O
    }

    [Fact]
    public void Rows_stream_out_as_they_are_written()
    {
        var output = new CountingStream();
        using var writer = new CsvDumpWriter(output, ["cn", "member"], new CsvDumpWriterOptions { BufferSize = 4096 });
        var entry = new DumpEntry("CN=someone,OU=Users,DC=corp", [DumpAttribute.Text("cn", "someone"), DumpAttribute.Text("member", "CN=a,DC=x", "CN=b,DC=x")]);

        for (var i = 0; i < 10_000; i++)
        {
            writer.Write(entry);
        }

        Assert.True(output.Written > 10_000 * 60, $"only {output.Written} bytes reached the stream");
        Assert.True(output.LargestWrite <= 4096 + 1024);
    }

    [Fact]
    public void Dispose_closes_the_output_unless_asked_not_to()
    {
        var closed = new MemoryStream();
        new CsvDumpWriter(closed, ["cn"]).Dispose();
        Assert.False(closed.CanWrite);

        var open = new MemoryStream();
        var writer = new CsvDumpWriter(open, ["cn"], leaveOpen: true);
        writer.Dispose();
        writer.Dispose();
        Assert.True(open.CanWrite);
        Assert.Throws<ObjectDisposedException>(() => writer.Write(Team()));
    }

    [Fact]
    public void Written_rows_read_back_as_the_same_entries()
    {
        var text = Write(Columns, null, Jane(), Team());

        var result = CsvTestReader.Read(text);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["DN", .. Columns], result.Columns);
        Assert.Equal(2, result.Entries.Count);
        Assert.True(Normalise(Jane(), Columns).SameContentAs(result.Entries[0]));
        Assert.True(Normalise(Team(), Columns).SameContentAs(result.Entries[1]));
        Assert.Equal(4, result.Entries[1].Position.Line); // Jane's info spans lines 2-3
    }

    /// <summary>The entry with its attributes in column order, as a reader returns it.</summary>
    internal static DumpEntry Normalise(DumpEntry entry, IReadOnlyList<string> columns) =>
        new(entry.Dn, columns
            .Select(c => entry.Attributes.Where(a => string.Equals(a.Description, c, StringComparison.OrdinalIgnoreCase)).ToList())
            .Where(list => list.Count > 0)
            .Select(list => new DumpAttribute(list[0].Description, list.SelectMany(a => a.Values).ToList()))
            .ToList());

    internal static string Write(IReadOnlyList<string> columns, CsvDumpWriterOptions? options, params DumpEntry[] entries) =>
        Encoding.UTF8.GetString(WriteBytes(columns, options, entries));

    internal static byte[] WriteBytes(IReadOnlyList<string> columns, CsvDumpWriterOptions? options, params DumpEntry[] entries)
    {
        using var output = new MemoryStream();
        using (var writer = new CsvDumpWriter(output, columns, options, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                writer.Write(entry);
            }
        }

        return output.ToArray();
    }

    private sealed class CountingStream : Stream
    {
        public long Written { get; private set; }

        public int LargestWrite { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Written;

        public override long Position { get => Written; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Written += count;
            LargestWrite = Math.Max(LargestWrite, count);
        }
    }
}
