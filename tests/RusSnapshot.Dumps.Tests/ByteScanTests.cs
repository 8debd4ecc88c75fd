namespace RusSnapshot.Dumps.Tests;

/// <summary><see cref="ByteScan.IndexOfEither"/> answers as <c>IndexOfAny(a, b)</c> does (./test.sh also runs this without AVX2, for the 128-bit path).</summary>
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
}
