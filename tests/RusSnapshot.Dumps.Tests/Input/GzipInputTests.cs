using System.Buffers.Binary;

namespace RusSnapshot.Dumps.Tests.Input;

/// <summary>gzip read member by member, every trailer checked, whatever the bytes come from.</summary>
public sealed class GzipInputTests : IDisposable
{
    private readonly InputFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Concatenated_members_are_all_read()
    {
        var a = InputFiles.Gzip(InputFiles.Ldif("a", 30));
        var b = InputFiles.Gzip(InputFiles.Ldif("b", 40));
        var path = _files.Write("two.ldf.gz", [.. a, .. b]);

        var result = InputFiles.Read([path]);

        Assert.Equal(0, result.Errors);
        Assert.Equal(70, result.Entries.Count);
        Assert.Equal(a.Length + b.Length, result.Inputs[0].FileBytes);
    }

    [Fact]
    public void A_cut_at_any_byte_of_a_two_member_file_is_an_error_never_a_shorter_dump()
    {
        var a = InputFiles.Gzip(InputFiles.Ldif("a", 5));
        var b = InputFiles.Gzip(InputFiles.Ldif("b", 6));
        byte[] whole = [.. a, .. b];
        for (var cut = 0; cut < whole.Length; cut++)
        {
            if (cut == a.Length)
            {
                continue; // the first member alone is a complete gzip file: no format can tell that cut
            }

            var path = _files.Write($"cut{cut}.ldf.gz", whole[..cut]);
            var result = InputFiles.Read([path]);
            Assert.True(result.Errors > 0, $"a cut after {cut} of {whole.Length} bytes read as a valid dump of {result.Entries.Count} entries");
            Assert.False(result.Inputs[0].IsValid);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(17)]
    public void A_file_of_a_header_or_less_is_truncated_not_empty(int length)
    {
        var gz = InputFiles.Gzip(InputFiles.Ldif("a", 3));
        var path = _files.Write("short.ldf.gz", gz[..length]);

        var result = InputFiles.Read([path]);

        Assert.Equal(1, result.Errors);
        Assert.Contains("truncated", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_trailer_in_the_first_member_is_an_error()
    {
        var a = InputFiles.Gzip(InputFiles.Ldif("a", 5));
        var b = InputFiles.Gzip(InputFiles.Ldif("b", 5));
        a[^5] ^= 0x01; // ISIZE of member 1
        var path = _files.Write("bad.ldf.gz", [.. a, .. b]);

        var result = InputFiles.Read([path]);

        Assert.True(result.Errors > 0);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("member 1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { 0x1F })]
    public void Trailing_bytes_that_are_not_a_member_are_an_error(byte[] garbage)
    {
        var path = _files.Write("garbage.ldf.gz", [.. InputFiles.Gzip(InputFiles.Ldif("a", 5)), .. garbage]);

        var result = InputFiles.Read([path]);

        Assert.True(result.Errors > 0);
        Assert.False(result.Inputs[0].IsValid);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("not a gzip member", StringComparison.Ordinal));
    }

    [Fact]
    public void A_member_of_empty_content_is_found_exactly()
    {
        // Its deflate data and trailer are mostly zeros: the trailer must not be matched one byte early.
        var path = _files.Write("empty-first.ldf.gz", [.. InputFiles.Gzip([]), .. InputFiles.Gzip(InputFiles.Ldif("b", 2))]);

        var result = InputFiles.Read([path]);

        Assert.Equal(0, result.Errors);
        Assert.Equal(2, result.Entries.Count);
    }

    [Fact]
    public void A_header_with_name_comment_extra_and_crc_fields_is_skipped()
    {
        var gz = InputFiles.Gzip(InputFiles.Ldif("a", 4));
        var header = gz[..10];
        header[3] = 0x02 | 0x04 | 0x08 | 0x10;
        byte[] extra = [4, 0, (byte)'x', (byte)'y', 2, 0];
        byte[] fields = [.. extra, .. "dump.ldf"u8, 0, .. "a comment"u8, 0, 0xAB, 0xCD];
        var path = _files.Write("fields.ldf.gz", [.. header, .. fields, .. gz[10..]]);

        var result = InputFiles.Read([path]);

        Assert.Equal(0, result.Errors);
        Assert.Equal(4, result.Entries.Count);
    }

    [Fact]
    public void A_large_multi_member_file_crosses_buffer_edges()
    {
        // Members larger than the internal chunks, with random-ish content so they compress poorly.
        var rnd = new Random(7);
        var parts = Enumerable.Range(0, 3).Select(m =>
        {
            var ldif = InputFiles.Ldif($"m{m}x", 2000 + m);
            var noise = new byte[150_000];
            rnd.NextBytes(noise);
            var comment = System.Text.Encoding.ASCII.GetBytes("# " + Convert.ToBase64String(noise) + "\n\n");
            return InputFiles.Gzip([.. comment, .. ldif]);
        }).ToList();
        var path = _files.Write("large.ldf.gz", [.. parts.SelectMany(p => p)]);

        var result = InputFiles.Read([path]);

        Assert.Equal(0, result.Errors);
        Assert.Equal(6003, result.Entries.Count);
    }

    [Fact]
    public void A_truncated_gz_inside_a_zip_is_an_error()
    {
        // Cut at a record boundary: the deflate data is whole up to there, only the trailer says it is short.
        var ldif = InputFiles.Ldif("a", 200);
        var gz = InputFiles.Gzip(ldif);
        var cut = gz[..(gz.Length / 2)];
        var path = _files.Write("dumps.zip", InputFiles.Zip(("part.ldf.gz", cut)));

        var result = InputFiles.Read([path]);

        Assert.True(result.Errors > 0);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("part.ldf.gz", StringComparison.Ordinal));
    }

    [Fact]
    public void A_gz_inside_a_zip_with_a_wrong_isize_is_an_error()
    {
        var gz = InputFiles.Gzip(InputFiles.Ldif("a", 20));
        BinaryPrimitives.WriteUInt32LittleEndian(gz.AsSpan(gz.Length - 4), 12345);
        var path = _files.Write("dumps.zip", InputFiles.Zip(("part.ldf.gz", gz)));

        var result = InputFiles.Read([path]);

        Assert.True(result.Errors > 0);
        Assert.False(result.Inputs[0].IsValid);
    }
}
