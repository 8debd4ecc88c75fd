using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace RusSnapshot.Cli.Tests;

public sealed class ValidateCommandTests
{
    private const string Good = "dn: CN=a,DC=corp,DC=test\r\nchangetype: add\r\ncn: a\r\n\r\ndn: CN=b,DC=corp,DC=test\r\nchangetype: add\r\ncn: b\r\n\r\n";

    [Fact]
    public void Valid_dump_exits_0_and_names_format_dialect_encoding_and_count()
    {
        using var dir = new TempFolder();
        var file = dir.Write("corp.ldf", Good);

        var r = CliRunner.Run("validate", file);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"{file}: ldif (ldifde), utf-8: 2 entries; 0 errors, 0 warnings", r.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_dump_exits_3_with_file_and_line()
    {
        using var dir = new TempFolder();
        var file = dir.Write("bad.ldf", "dn: CN=a,DC=x\r\nchangetype: add\r\ncn: a\r\nthis line has no colon\r\n\r\n");

        var r = CliRunner.Run("validate", file);

        Assert.Equal(3, r.ExitCode);
        Assert.Contains($"{file}:4: error: attribute line without ':'", r.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_has_the_documented_shape()
    {
        using var dir = new TempFolder();
        var file = dir.Write("bad.ldf", "dn: CN=a,DC=x\r\nchangetype: add\r\nsn:: !!\r\n\r\ndn: CN=b,DC=x\r\nchangetype: add\r\ncn: b\r\n\r\n");

        var r = CliRunner.Run("validate", "--format", "json", file);

        Assert.Equal(3, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Output);
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("entries").GetInt64());
        var input = Assert.Single(root.GetProperty("inputs").EnumerateArray());
        Assert.Equal(file, input.GetProperty("path").GetString());
        Assert.Equal("ldif", input.GetProperty("format").GetString());
        Assert.Equal("ldifde", input.GetProperty("dialect").GetString());
        Assert.Equal("utf-8", input.GetProperty("encoding").GetString());
        Assert.Equal(1, input.GetProperty("entries").GetInt64());
        var error = Assert.Single(input.GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("line").GetInt64());
        Assert.Contains("base64", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16_with_bom_as_ldifde_u_writes_it_is_detected()
    {
        using var dir = new TempFolder();
        var bytes = new UnicodeEncoding(false, true).GetPreamble().Concat(Encoding.Unicode.GetBytes("dn: CN=x,DC=y\r\nchangetype: add\r\ncn:: UmVuw6ll\r\n\r\n")).ToArray();
        var file = dir.Write("u.ldf", bytes);

        var r = CliRunner.Run("validate", file);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("ldif (ldifde), utf-16le-bom: 1 entries", r.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Folders_gz_and_zip_are_read_and_duplicates_across_inputs_count_once()
    {
        using var dir = new TempFolder();
        dir.Write("in/a.ldf", Good);
        using (var gz = new GZipStream(File.Create(Path.Combine(dir.Path, "in", "b.ldf.gz")), CompressionLevel.Fastest))
        {
            gz.Write(Encoding.UTF8.GetBytes(Good.Replace("cn: b", "cn: changed", StringComparison.Ordinal)));
        }

        using (var zip = ZipFile.Open(Path.Combine(dir.Path, "in", "c.zip"), ZipArchiveMode.Create))
        {
            using var s = zip.CreateEntry("nested/c.ldf").Open();
            s.Write(Encoding.UTF8.GetBytes("dn: CN=c,DC=corp,DC=test\r\nchangetype: add\r\ncn: c\r\n\r\n"));
        }

        var r = CliRunner.Run("validate", "--format", "json", Path.Combine(dir.Path, "in"));

        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Output);
        Assert.Equal(3, doc.RootElement.GetProperty("entries").GetInt64());
        var inputs = doc.RootElement.GetProperty("inputs").EnumerateArray().ToList();
        Assert.Equal(3, inputs.Count);
        Assert.EndsWith("c.zip!/nested/c.ldf", inputs[2].GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, inputs[1].GetProperty("duplicates").GetInt64());
        var conflict = Assert.Single(doc.RootElement.GetProperty("conflicts").EnumerateArray());
        Assert.Equal("CN=b,DC=corp,DC=test", conflict.GetProperty("dn").GetString());
    }

    [Fact]
    public void Missing_file_exits_3_and_unknown_option_exits_2()
    {
        Assert.Equal(3, CliRunner.Run("validate", "/nonexistent/dump.ldf").ExitCode);
        Assert.Equal(2, CliRunner.Run("validate", "--no-such-option", "x.ldf").ExitCode);
        Assert.Equal(2, CliRunner.Run("validate").ExitCode);
        Assert.Equal(2, CliRunner.Run("validate", "--encoding", "klingon", "x.ldf").ExitCode);
    }
}
