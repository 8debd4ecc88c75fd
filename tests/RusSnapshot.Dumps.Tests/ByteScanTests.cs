namespace RusSnapshot.Dumps.Tests;

/// <summary><see cref="ByteScan"/> answers as the span methods it stands in for do (./test.sh also runs this without AVX2, for the 128-bit paths).</summary>
public sealed class ByteScanTests
{
    [Fact]
    public void Index_of_either_byte_is_the_one_IndexOfAny_gives_at_every_length_and_position()
    {
        var random = new Random(15);
        var alphabet = "ab\n\r\"x"u8.ToArray();
        var compared = 0;
        for (var length = 0; length <= 140; length++)
        {
            for (var n = 0; n < 60; n++)
            {
                var bytes = new byte[length];
                for (var i = 0; i < length; i++)
                {
                    // Mostly bytes that are not searched for, so the first match falls anywhere, also past one or more vectors.
                    bytes[i] = random.Next(20) == 0 ? alphabet[random.Next(alphabet.Length)] : (byte)'a';
                }

                foreach (var (x, y) in new (byte, byte)[] { ((byte)'\n', (byte)'\r'), ((byte)'"', (byte)'\n') })
                {
                    Assert.Equal(bytes.AsSpan().IndexOfAny(x, y), ByteScan.IndexOfEither(bytes, x, y));
                    compared++;
                }
            }
        }

        Assert.True(compared > 10_000);
    }

    /// <summary>
    /// <see cref="ByteScan.AllBase64Alphabet"/> answers as <c>IndexOfAnyExcept(alphabet) &lt; 0</c> does: every byte value at
    /// every position of spans of 0 to 49 bytes of the alphabet (the 16-byte blocks, the overlapping last one, the scalar
    /// tail of short spans), and random spans with a byte next to an alphabet range (<c>@ [ ` { / :</c>) anywhere.
    /// </summary>
    [Fact]
    public void All_base64_alphabet_answers_as_IndexOfAnyExcept_the_alphabet_does()
    {
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8.ToArray();
        var set = System.Buffers.SearchValues.Create(alphabet);
        var compared = 0;
        for (var length = 0; length < 50; length++)
        {
            var bytes = Enumerable.Range(0, length).Select(i => alphabet[(i * 7) % alphabet.Length]).ToArray();
            Assert.True(ByteScan.AllBase64Alphabet(bytes));
            for (var at = 0; at < length; at++)
            {
                var kept = bytes[at];
                for (var b = 0; b < 256; b++)
                {
                    bytes[at] = (byte)b;
                    Assert.True(
                        (bytes.AsSpan().IndexOfAnyExcept(set) < 0) == ByteScan.AllBase64Alphabet(bytes),
                        $"length {length}, byte 0x{b:X2} at {at}");
                    compared++;
                }

                bytes[at] = kept;
            }
        }

        var random = new Random(4648);
        var edges = "@[`{/:+*,.-=AZaz09\0\x80\xFF"u8.ToArray();
        for (var n = 0; n < 20_000; n++)
        {
            var bytes = new byte[random.Next(0, 120)];
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = random.Next(40) == 0 ? edges[random.Next(edges.Length)] : alphabet[random.Next(alphabet.Length)];
            }

            Assert.Equal(bytes.AsSpan().IndexOfAnyExcept(set) < 0, ByteScan.AllBase64Alphabet(bytes));
            compared++;
        }

        Assert.True(compared > 300_000, compared.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// <see cref="ByteScan.LeadingNameChars"/> counts the leading letters, digits, <c>-</c> and <c>.</c> where it answers,
    /// and answers wherever that run ends before the last whole 16-byte block within the first 64 bytes: every byte value at
    /// every position of spans of 0 to 80 name bytes.
    /// </summary>
    [Fact]
    public void Leading_name_chars_counts_the_run_of_attribute_type_bytes()
    {
        var name = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-."u8.ToArray();
        var compared = 0;
        for (var length = 0; length <= 80; length++)
        {
            var bytes = Enumerable.Range(0, length).Select(i => name[(i * 5) % name.Length]).ToArray();
            for (var at = 0; at < length; at++)
            {
                var kept = bytes[at];
                for (var b = 0; b < 256; b++)
                {
                    bytes[at] = (byte)b;
                    var run = bytes.AsSpan().IndexOfAnyExcept(name);
                    run = run < 0 ? length : run;
                    var answer = ByteScan.LeadingNameChars(bytes);
                    var mustAnswer = System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated && run < 64 && (run / 16 * 16) + 16 <= length;
                    Assert.True(answer == (mustAnswer ? run : -1), $"length {length}, byte 0x{b:X2} at {at}: {answer}, run {run}");
                    compared++;
                }

                bytes[at] = kept;
            }
        }

        Assert.True(compared > 800_000, compared.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
