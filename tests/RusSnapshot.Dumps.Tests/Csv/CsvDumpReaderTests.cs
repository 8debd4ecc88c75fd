using System.Text;
using RusSnapshot.Dumps.Csv;

namespace RusSnapshot.Dumps.Tests.Csv;

public sealed class CsvDumpReaderTests
{
    // Line 1 header; line 2 Jane; lines 3-4 the group (its description spans two lines); line 5 Renée.
    private const string Csvde =
        "DN,objectClass,cn,description,objectGUID,member,dSCorePropagationData,info\r\n" +
        "\"CN=Jane Doe,OU=Sales,DC=corp,DC=contoso,DC=com\",top;person;organizationalPerson;user,Jane Doe,\"Sales rep, EMEA; nights\",X'0b818fd05ca3a849a4cdc6923dfc031e',,20140425080456.0Z;16010101000001.0Z,\r\n" +
        "\"CN=Team,OU=Groups,DC=corp,DC=contoso,DC=com\",top;group,Team,\"He said \"\"hi\"\"\r\nand left\",,\"CN=Jane Doe,OU=Sales,DC=corp,DC=contoso,DC=com;CN=A\\;B,OU=Sales,DC=corp,DC=contoso,DC=com\",,\r\n" +
        "\"CN=Renée,OU=Sales,DC=corp,DC=contoso,DC=com\",top;person,Renée,user's description,,,,Zoë\r\n";

    [Theory]
    [MemberData(nameof(CsvTestReader.BufferSizes), MemberType = typeof(CsvTestReader))]
    public void Reads_csvde_rows_at_any_buffer_size(int bufferSize)
    {
        var result = CsvTestReader.Read(Csvde, bufferSize);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(DumpDialect.Csvde, result.Dialect);
        Assert.Equal(["DN", "objectClass", "cn", "description", "objectGUID", "member", "dSCorePropagationData", "info"], result.Columns);
        Assert.Equal(3, result.Entries.Count);

        var jane = result.Entries[0];
        Assert.Equal("CN=Jane Doe,OU=Sales,DC=corp,DC=contoso,DC=com", jane.Dn);
        Assert.Equal(2, jane.Position.Line);
        Assert.Equal(["top", "person", "organizationalPerson", "user"], jane.Strings("objectClass"));
        Assert.Equal(["Sales rep, EMEA; nights"], jane.Strings("description"));
        Assert.Equal(new Guid("d08f810b-a35c-49a8-a4cd-c6923dfc031e"), new Guid(jane.Get("objectGUID")!.Values[0].Bytes));
        Assert.Equal(["20140425080456.0Z", "16010101000001.0Z"], jane.Strings("dSCorePropagationData"));
        Assert.Null(jane.Get("member"));
        Assert.Null(jane.Get("info"));
        Assert.Equal(["objectClass", "cn", "description", "objectGUID", "dSCorePropagationData"], jane.Attributes.Select(a => a.Description));

        var team = result.Entries[1];
        Assert.Equal(3, team.Position.Line);
        Assert.Equal(["He said \"hi\"\r\nand left"], team.Strings("description"));
        Assert.Equal([3L], team.Lines("description"));
        Assert.Equal(["CN=Jane Doe,OU=Sales,DC=corp,DC=contoso,DC=com", "CN=A\\;B,OU=Sales,DC=corp,DC=contoso,DC=com"], team.Strings("member"));
        Assert.Equal([4L, 4L], team.Lines("member"));

        var renee = result.Entries[2];
        Assert.Equal("CN=Renée,OU=Sales,DC=corp,DC=contoso,DC=com", renee.Dn);
        Assert.Equal(5, renee.Position.Line);
        Assert.Equal(["user's description"], renee.Strings("description"));
        Assert.Equal(["Zoë"], renee.Strings("info"));

        Assert.Equal(5, result.Statistics.Lines);
        Assert.Equal(3, result.Statistics.Entries);
        Assert.Equal(Encoding.UTF8.GetByteCount(Csvde), result.Statistics.Bytes);
        Assert.True(result.Statistics.Complete);
    }

    [Fact]
    public void The_record_view_gives_hex_values_decoded_and_names_as_bytes()
    {
        using var reader = new CsvDumpReader(new MemoryStream(Encoding.UTF8.GetBytes(Csvde)), "x.csv");

        Assert.True(reader.Read());
        var record = reader.Current;
        var guid = record.IndexOf("objectguid"u8);
        Assert.True(guid >= 0);
        Assert.Equal(ValueEncoding.Hex, record.EncodingAt(guid));
        Assert.Equal(Convert.FromHexString("0b818fd05ca3a849a4cdc6923dfc031e"), record.ValueAt(guid).ToArray());
        Assert.True(record.NameIs(guid, "objectGUID"u8));
        Assert.Equal(ValueEncoding.Plain, record.EncodingAt(record.IndexOf("cn"u8)));
        Assert.Equal("Jane Doe", record.FirstString("cn"u8));
        Assert.Equal(DumpRecordKind.Entry, record.Kind);
    }

    [Fact]
    public void Every_buffer_size_reads_the_same_as_one_big_buffer()
    {
        foreach (var text in new[] { Csvde, Csvde.Replace("\r\n", "\n", StringComparison.Ordinal), Csvde + "bad row\r\n\"CN=x\",,,,X'0',,,\r\n\"CN=cut" })
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var expected = CsvTestReader.Describe(CsvTestReader.Read(bytes));
            for (var size = 16; size <= bytes.Length + 1; size++)
            {
                Assert.Equal(expected, CsvTestReader.Describe(CsvTestReader.Read(bytes, size)));
            }
        }
    }

    [Fact]
    public void Lf_and_crlf_give_the_same_entries()
    {
        var crlf = CsvTestReader.Read(Csvde);
        var lf = CsvTestReader.Read(Csvde.Replace("\r\n", "\n", StringComparison.Ordinal));

        Assert.Empty(lf.Diagnostics);
        Assert.Equal(crlf.Entries.Count, lf.Entries.Count);
        Assert.Equal(["He said \"hi\"\nand left"], lf.Entries[1].Strings("description"));
        Assert.True(crlf.Entries[0].SameContentAs(lf.Entries[0]));
        Assert.True(crlf.Entries[2].SameContentAs(lf.Entries[2]));
        Assert.Equal(crlf.Entries.Select(e => e.Position.Line), lf.Entries.Select(e => e.Position.Line));
    }

    [Fact]
    public void Quoted_fields_spanning_lines_keep_physical_line_numbers()
    {
        const string text = "DN,description,info,cn\n" +
            "CN=a,\"one\ntwo\n\nthree\",\"x\ny\",a\n" +
            "CN=b,,,b\n" +
            "\"CN=c\nline\",\"1;2\",\"p\nq\",c\n";

        var result = CsvTestReader.Read(text, 17);

        Assert.Empty(result.Diagnostics);
        Assert.Equal([2L, 7L, 8L], result.Entries.Select(e => e.Position.Line));
        var a = result.Entries[0];
        Assert.Equal(["one\ntwo\n\nthree"], a.Strings("description"));
        Assert.Equal([2L], a.Lines("description"));
        Assert.Equal([5L], a.Lines("info"));
        Assert.Equal([6L], a.Lines("cn"));
        var c = result.Entries[2];
        Assert.Equal("CN=c\nline", c.Dn);
        Assert.Equal(["1;2"], c.Strings("description"));
        Assert.Equal([9L], c.Lines("description"));
        Assert.Equal([9L], c.Lines("info"));
        Assert.Equal([10L], c.Lines("cn"));
        Assert.Equal(10, result.Statistics.Lines);
    }

    [Fact]
    public void Split_values_inside_a_multi_line_field_carry_their_own_lines()
    {
        var result = CsvTestReader.Read("DN,member\nCN=g,\"CN=a,DC=x;CN=b\n,DC=x;CN=c,DC=x\"\n");

        var g = Assert.Single(result.Entries);
        Assert.Equal(["CN=a,DC=x", "CN=b\n,DC=x", "CN=c,DC=x"], g.Strings("member"));
        Assert.Equal([2L, 2L, 3L], g.Lines("member"));
    }

    [Fact]
    public void Semicolons_split_multi_valued_attributes_but_not_free_text_or_escaped_dn_characters()
    {
        // csvde escapes nothing inside a field: this is the documented compromise (see CsvdeConventions).
        const string text = "DN,objectClass,member,description,displayName,proxyAddresses,otherTelephone,textEncodedORAddress\n" +
            "CN=x,top;group,\"CN=A\\;B,DC=x;CN=C,DC=x;CN=D\\\\;E,DC=x\",\"Temp; contractor\",A;B,\"SMTP:a@x;X400:c=US;a= ;p=Org;\",1;;2;,c=US;a= ;p=Org;\n";

        var x = Assert.Single(CsvTestReader.Read(text).Entries);

        Assert.Equal(["top", "group"], x.Strings("objectClass"));
        Assert.Equal(["CN=A\\;B,DC=x", "CN=C,DC=x", "CN=D\\\\", "E,DC=x"], x.Strings("member"));
        Assert.Equal(["Temp; contractor"], x.Strings("description"));
        Assert.Equal(["A;B"], x.Strings("displayName"));
        Assert.Equal(["SMTP:a@x", "X400:c=US", "a= ", "p=Org"], x.Strings("proxyAddresses"));
        Assert.Equal(["1", "2"], x.Strings("otherTelephone"));
        Assert.Equal(["c=US;a= ;p=Org;"], x.Strings("textEncodedORAddress"));
        IReadOnlySet<string> unsplit = CsvdeConventions.UnsplitAttributes;
        Assert.Contains("Description", unsplit);
        Assert.DoesNotContain("member", unsplit);
        Assert.DoesNotContain("objectClass", unsplit);
    }

    [Fact]
    public void Empty_fields_are_absent_attributes_including_trailing_ones()
    {
        var result = CsvTestReader.Read("DN,a,b,c,d\r\nCN=x,,1,,\r\nCN=y,,,,\r\n");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["b"], result.Entries[0].Attributes.Select(a => a.Description));
        Assert.Empty(result.Entries[1].Attributes);
    }

    [Fact]
    public void Quoted_empty_field_and_quoted_header_names_are_accepted()
    {
        var result = CsvTestReader.Read("\"DN\",\"cn\",sn\nCN=x,\"\",\"\"\"\"\n");

        var x = Assert.Single(result.Entries);
        Assert.Equal(["DN", "cn", "sn"], result.Columns);
        Assert.Null(x.Get("cn"));
        Assert.Equal(["\""], x.Strings("sn"));
    }

    [Theory]
    [InlineData("X'0b818fd05ca3a849a4cdc6923dfc031'", "odd number of hex digits")]
    [InlineData("X'0b818fd05ca3a849a4cdc6923dfc03zz'", "not a hex digit")]
    [InlineData("X'0b 8'", "not a hex digit")]
    public void Invalid_hex_is_an_error_with_its_line(string value, string expected)
    {
        var result = CsvTestReader.Read($"DN,description,objectGUID\nCN=a,\"x\ny\",{value}\nCN=b,,X'00'\n", 16);

        var error = Assert.Single(result.Errors);
        Assert.Equal("CSV-HEX", error.Code);
        Assert.Equal(3, error.Position.Line);
        Assert.Equal(2, error.Position.RecordStartLine);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("objectGUID", error.Message, StringComparison.Ordinal);
        Assert.Equal("CN=b", Assert.Single(result.Entries).Dn);
        Assert.Equal(1, result.Statistics.RejectedRecords);
        Assert.True(result.Statistics.Complete);
    }

    [Fact]
    public void Text_that_only_starts_like_hex_is_text_and_empty_hex_is_an_empty_binary_value()
    {
        var x = Assert.Single(CsvTestReader.Read("DN,description,objectGUID,info\nCN=a,X'mas party,X'',x'00'\n").Entries);

        Assert.Equal(["X'mas party"], x.Strings("description"));
        Assert.Empty(x.Get("objectGUID")!.Values[0].Bytes);
        Assert.Equal(["x'00'"], x.Strings("info"));
    }

    [Fact]
    public void Field_count_mismatch_names_the_line_and_both_counts_and_reading_goes_on()
    {
        var result = CsvTestReader.Read("DN,cn,sn,description\nCN=a,a,a,\nCN=b,b,Doe, John,x\nCN=c,c\nCN=d,d,d,d\n");

        Assert.Equal(["CN=a", "CN=d"], result.Entries.Select(e => e.Dn));
        Assert.Equal(2, result.Errors.Count);
        var more = result.Errors[0];
        Assert.Equal("CSV-FIELD-COUNT", more.Code);
        Assert.Equal(3, more.Position.Line);
        Assert.Equal("test.csv:3: error: the row has 5 fields, the header has 4 (a value with an unquoted comma?)", more.ToString());
        Assert.Equal(4, result.Errors[1].Position.Line);
        Assert.Contains("has 2 fields, the header has 4", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.Equal(2, result.Statistics.RejectedRecords);
        Assert.Equal(2, result.Statistics.Errors);
        Assert.True(result.Statistics.Complete);
    }

    [Fact]
    public void Throws_by_default_with_file_and_line_and_can_read_on()
    {
        using var reader = new CsvDumpReader(new MemoryStream(Encoding.UTF8.GetBytes("DN,cn\nCN=a,a\nCN=b,b,extra\nCN=c,c\n")), "x.csv");

        Assert.True(reader.Read());
        var ex = Assert.Throws<DumpFormatException>(() => reader.Read());
        Assert.Equal("x.csv:3: the row has 3 fields, the header has 2 (a value with an unquoted comma?)", ex.Message);
        Assert.Equal("CSV-FIELD-COUNT", ex.Code);
        Assert.True(ex.MayContinue);
        Assert.True(reader.Read());
        Assert.Equal("CN=c", reader.Current.Dn);
        Assert.False(reader.Read());
        Assert.Equal(1, reader.Statistics.Errors);
        Assert.True(reader.Statistics.Complete);
    }

    [Fact]
    public void Header_must_start_with_dn()
    {
        var result = CsvTestReader.Read("cn,DN\na,CN=a\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal("CSV-NO-DN-HEADER", error.Code);
        Assert.Equal(1, error.Position.Line);
        Assert.Empty(result.Entries);
        Assert.False(result.Statistics.Complete);
        Assert.Equal(DumpDialect.Unknown, result.Dialect);

        using var reader = new CsvDumpReader(new MemoryStream("distinguishedName,cn\n"u8.ToArray()), "h.csv");
        var ex = Assert.Throws<DumpFormatException>(() => reader.Read());
        Assert.StartsWith("h.csv:1: ", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.MayContinue);
        Assert.False(reader.Read());
    }

    [Theory]
    [InlineData("dn,cn\r\n")]
    [InlineData("\uFEFFDN,cn\r\n")]
    [InlineData("\"DN\",cn\r\n")]
    [InlineData("DN,cn")]
    public void Header_spellings_that_are_accepted(string header)
    {
        var result = CsvTestReader.Read(header + (header.EndsWith('\n') ? string.Empty : "\n") + "CN=a,a\n");

        Assert.Empty(result.Diagnostics);
        Assert.Equal("a", Assert.Single(result.Entries).GetString("cn"));
    }

    [Theory]
    [InlineData("DN,cn,,sn\n", "column 3 of the header has no name")]
    [InlineData("DN,cn,\n", "column 3 of the header has no name")]
    [InlineData("DN,c n\n", "character '0x20' is not allowed")]
    [InlineData("DN,\"cn\n", "not closed on the header line")]
    [InlineData("DN,\"cn\"x\n", "text after the closing quote")]
    [InlineData("DN,;binary\n", "the attribute type is empty")]
    public void Bad_header_names_are_fatal_errors_on_line_1(string header, string expected)
    {
        var result = CsvTestReader.Read(header + "CN=a,a\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Position.Line);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Entries);
        Assert.False(result.Statistics.Complete);
    }

    [Fact]
    public void Repeated_column_is_a_warning_and_both_values_are_read()
    {
        var result = CsvTestReader.Read("DN,cn,CN\nCN=a,a,b\n");

        Assert.Equal("CSV-HEADER-DUPLICATE", Assert.Single(result.Warnings).Code);
        Assert.Equal(2, Assert.Single(result.Entries).Attributes.Sum(a => a.Values.Count));
    }

    [Fact]
    public void Header_options_are_kept_in_the_description_and_left_out_of_the_name()
    {
        using var reader = new CsvDumpReader(new MemoryStream("DN,userCertificate;binary\nCN=a,X'00ff'\n"u8.ToArray()), "x.csv");

        Assert.True(reader.Read());
        Assert.Equal("userCertificate;binary", reader.Current.DescriptionStringAt(0));
        Assert.True(reader.Current.NameAt(0).SequenceEqual("userCertificate"u8));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    public void Empty_input_has_no_entries_and_no_errors(string text)
    {
        var result = CsvTestReader.Read(text);

        Assert.Empty(result.Entries);
        Assert.Empty(result.Diagnostics);
        Assert.True(result.Statistics.Complete);
    }

    [Fact]
    public void Header_only_and_blank_lines_are_fine()
    {
        Assert.Empty(CsvTestReader.Read("DN,cn\r\n").Entries);

        var result = CsvTestReader.Read("DN,cn\r\n\r\nCN=a,a\r\n\r\n\r\nCN=b,b\r\n\r\n");
        Assert.Empty(result.Diagnostics);
        Assert.Equal([3L, 6L], result.Entries.Select(e => e.Position.Line));
        Assert.Equal(7, result.Statistics.Lines);
    }

    [Fact]
    public void Unterminated_quote_at_the_end_is_a_fatal_truncation_at_the_line_where_it_opened()
    {
        var result = CsvTestReader.Read("DN,description,cn\r\nCN=a,x,a\r\nCN=b,\"starts here\r\nand never\r\nends,b\r\n", 16);

        Assert.Equal("CN=a", Assert.Single(result.Entries).Dn);
        var error = Assert.Single(result.Errors);
        Assert.Equal("CSV-UNTERMINATED-QUOTE", error.Code);
        Assert.Equal(3, error.Position.Line);
        Assert.False(result.Statistics.Complete);

        using var reader = new CsvDumpReader(new MemoryStream("DN,cn\nCN=a,\"x"u8.ToArray()), "x.csv");
        var ex = Assert.Throws<DumpFormatException>(() => reader.Read());
        Assert.False(ex.MayContinue);
        Assert.False(reader.Read());
        Assert.False(reader.Statistics.Complete);
    }

    [Fact]
    public void Row_cut_off_without_a_line_break_is_an_error()
    {
        var result = CsvTestReader.Read("DN,cn,sn,description\r\nCN=a,a,a,a\r\n\"CN=b,DC=x\",b");

        Assert.Equal("CN=a", Assert.Single(result.Entries).Dn);
        var error = Assert.Single(result.Errors);
        Assert.Equal("CSV-TRUNCATED", error.Code);
        Assert.Equal(3, error.Position.Line);
        Assert.Contains("2 of 4 fields", error.Message, StringComparison.Ordinal);
        Assert.False(result.Statistics.Complete);
        Assert.Equal(3, result.Statistics.Lines);
    }

    [Fact]
    public void Last_row_without_a_line_break_is_a_truncation_because_csvde_always_ends_rows()
    {
        // The row has all its fields, but its last value may have been cut: csvde writes CRLF after every row.
        var result = CsvTestReader.Read("DN,cn,sn\r\nCN=a,a,a\r\nCN=b,b,");

        Assert.Equal(["CN=a"], result.Entries.Select(e => e.Dn));
        var error = Assert.Single(result.Errors);
        Assert.Equal("CSV-TRUNCATED", error.Code);
        Assert.Equal(3, error.Position.Line);
        Assert.False(result.Statistics.Complete);
    }

    [Fact]
    public void Invalid_utf8_is_an_error_on_its_physical_line_suggesting_an_encoding()
    {
        var bytes = Encoding.UTF8.GetBytes("DN,description,cn\nCN=a,\"ok\nRen\u00e9e\",a\nCN=b,,b\n");
        var at = Array.IndexOf(bytes, (byte)0xC3);
        bytes = [.. bytes[..at], 0xE9, .. bytes[(at + 2)..]]; // 'é' as Windows-1252 wrote it

        var result = CsvTestReader.Read(bytes, 17);

        var error = Assert.Single(result.Errors);
        Assert.Equal("CSV-UTF8", error.Code);
        Assert.Equal(3, error.Position.Line);
        Assert.Equal(2, error.Position.RecordStartLine);
        Assert.Contains("--encoding windows-1252", error.Message, StringComparison.Ordinal);
        Assert.Equal("CN=b", Assert.Single(result.Entries).Dn);
    }

    [Fact]
    public void Invalid_utf8_in_the_header_is_fatal()
    {
        var result = CsvTestReader.Read([.. "DN,c"u8, 0xFF, .. "\nCN=a,a\n"u8]);

        Assert.Equal("CSV-HEADER-UTF8", Assert.Single(result.Errors).Code);
        Assert.Empty(result.Entries);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_an_error_and_a_stray_quote_is_data_with_a_warning()
    {
        var result = CsvTestReader.Read("DN,cn,sn\nCN=a,\"ab\"c,x\nCN=b,5'10\",x\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal("CSV-TEXT-AFTER-QUOTE", error.Code);
        Assert.Equal(2, error.Position.Line);
        var b = Assert.Single(result.Entries);
        Assert.Equal(["5'10\""], b.Strings("cn"));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("CSV-STRAY-QUOTE", warning.Code);
        Assert.Equal(3, warning.Position.Line);
    }

    [Fact]
    public void Lone_carriage_return_outside_quotes_is_an_error_and_inside_quotes_is_data()
    {
        var result = CsvTestReader.Read("DN,cn,sn\r\nCN=a,a\rb,x\r\nCN=b,\"a\rb\",x\r\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal("CSV-LONE-CR", error.Code);
        Assert.Equal(2, error.Position.Line);
        Assert.Equal(["a\rb"], Assert.Single(result.Entries).Strings("cn"));
    }

    [Fact]
    public void Empty_dn_is_an_error()
    {
        var result = CsvTestReader.Read("DN,cn\n,a\n\"\",b\nCN=c,c\n");

        Assert.Equal(["CSV-EMPTY-DN", "CSV-EMPTY-DN"], result.Errors.Select(e => e.Code));
        Assert.Equal("CN=c", Assert.Single(result.Entries).Dn);
    }

    [Fact]
    public void Dn_with_doubled_quotes_is_unescaped()
    {
        var x = Assert.Single(CsvTestReader.Read("DN,cn\n\"CN=\\\"\"Q\\\"\",DC=x\",q\n").Entries);

        Assert.Equal("CN=\\\"Q\\\",DC=x", x.Dn);
    }

    [Fact]
    public void Value_over_the_size_limit_is_an_error_and_reading_goes_on()
    {
        var options = new DumpReaderOptions { MaxValueBytes = 8 };
        var result = CsvTestReader.Read("DN,cn,objectGUID\nCN=a,123456789,\nCN=b,,X'00112233445566778899'\nCN=c,12345678,X'0011223344556677'\n", options: options);

        Assert.Equal(["CSV-VALUE-TOO-LARGE", "CSV-VALUE-TOO-LARGE"], result.Errors.Select(e => e.Code));
        Assert.Equal("CN=c", Assert.Single(result.Entries).Dn);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(1 << 20)]
    public void Row_over_the_record_limit_is_skipped_when_whole_else_reading_stops_saying_so(int bufferSize)
    {
        var options = new DumpReaderOptions { MaxRecordBytes = 64 };
        var result = CsvTestReader.Read("DN,member\nCN=a,x\nCN=g,\"" + string.Join(';', Enumerable.Repeat("CN=m,DC=x", 20)) + "\"\nCN=b,y\n", bufferSize, options: options);

        var error = Assert.Single(result.Errors);
        Assert.Equal(bufferSize < 100 ? "CSV-RECORD-UNBOUNDED" : "CSV-RECORD-TOO-LARGE", error.Code);
        Assert.Equal(3, error.Position.Line);
        if (bufferSize < 100)
        {
            // The row does not fit the buffer: where it ends is unknown, so the rest is not read, and the error says so.
            Assert.Equal("CN=a", Assert.Single(result.Entries).Dn);
            Assert.Contains("rest of the file", error.Message, StringComparison.Ordinal);
            Assert.False(result.Statistics.Complete);
        }
        else
        {
            Assert.Equal(["CN=a", "CN=b"], result.Entries.Select(e => e.Dn));
            Assert.True(result.Statistics.Complete);
        }
    }

    [Fact]
    public void Only_max_diagnostics_are_kept_but_all_are_counted()
    {
        var text = "DN,cn\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"CN={i},a,b\n"));

        var result = CsvTestReader.Read(text, options: new DumpReaderOptions { MaxDiagnostics = 10 });

        Assert.Equal(10, result.Diagnostics.Count);
        Assert.Equal(50, result.Statistics.Errors);
        Assert.Equal(50, result.Statistics.RejectedRecords);
    }

    [Fact]
    public void Messages_hold_no_values_from_the_dump()
    {
        var result = CsvTestReader.Read("DN,cn,objectGUID\nCN=secret,secret,X'zz'\nCN=secret2,\"secret\"x,\n\"CN=secret3,a,b\n");

        Assert.NotEmpty(result.Errors);
        Assert.All(result.Diagnostics, d => Assert.DoesNotContain("secret", d.Message, StringComparison.Ordinal));
    }

    /// <summary>
    /// Empty fields (most of a csvde row) are only their commas: runs of them, one at the end of a row, one after a
    /// quoted value; each value lands in its own column; an extra or a missing empty field is still a field count error;
    /// an empty DN is still refused. At every buffer size, so that runs of commas straddle the buffer's end.
    /// </summary>
    [Theory]
    [MemberData(nameof(CsvTestReader.BufferSizes), MemberType = typeof(CsvTestReader))]
    public void Runs_of_empty_fields_keep_every_value_in_its_column_and_the_count_checked(int bufferSize)
    {
        var text = "DN,a,b,c,d,e,f\r\n"
            + "CN=1,,,,,,x\r\n"            // only the last column
            + "CN=2,x,,,,,\r\n"            // only the first, then five empty ones up to the line break
            + "\"CN=3\",,\"q\",,,y,\r\n"   // after quoted fields
            + "CN=4,,,,,,,\r\n"            // one field too many, empty
            + "CN=5,,,,,\r\n"              // one field too few
            + ",,,,,,\r\n"                 // an empty DN
            + "CN=6,,,,,,\r\n";            // every value empty

        var result = CsvTestReader.Read(text, bufferSize);

        Assert.Equal(["CN=1", "CN=2", "CN=3", "CN=6"], result.Entries.Select(e => e.Dn));
        Assert.Equal(["x"], result.Entries[0].Strings("f"));
        Assert.Single(result.Entries[0].Attributes);
        Assert.Equal(["x"], result.Entries[1].Strings("a"));
        Assert.Single(result.Entries[1].Attributes);
        Assert.Equal(["q"], result.Entries[2].Strings("b"));
        Assert.Equal(["y"], result.Entries[2].Strings("e"));
        Assert.Equal(2, result.Entries[2].Attributes.Count);
        Assert.Empty(result.Entries[3].Attributes);
        Assert.Equal(
            [(DiagnosticCodes.CsvFieldCount.Id, 5L), (DiagnosticCodes.CsvFieldCount.Id, 6L), (DiagnosticCodes.CsvEmptyDn.Id, 7L)],
            result.Errors.Select(d => (d.Code, d.Position.Line)));
    }
}
