namespace RusSnapshot.Dumps;

/// <summary>Hexadecimal over UTF-8 bytes (csvde writes binary values as <c>X'0b818fd0...'</c>).</summary>
public static class Hex
{
    private static readonly sbyte[] Nibbles = BuildNibbles();

    /// <summary>True when <paramref name="text"/> is an even number of hex digits.</summary>
    public static bool IsValid(ReadOnlySpan<byte> text)
    {
        if ((text.Length & 1) != 0)
        {
            return false;
        }

        foreach (var b in text)
        {
            if (Nibbles[b] < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Decodes hex digits (either case) into <paramref name="destination"/>.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> text, Span<byte> destination, out int written)
    {
        written = 0;
        if ((text.Length & 1) != 0 || destination.Length < text.Length / 2)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i += 2)
        {
            int hi = Nibbles[text[i]], lo = Nibbles[text[i + 1]];
            if ((hi | lo) < 0)
            {
                return false;
            }

            destination[written++] = (byte)((hi << 4) | lo);
        }

        return true;
    }

    /// <summary>Lower-case hex digits of <paramref name="bytes"/>, as csvde writes them.</summary>
    public static string ToLowerHex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    private static sbyte[] BuildNibbles()
    {
        var table = new sbyte[256];
        Array.Fill(table, (sbyte)-1);
        for (var c = '0'; c <= '9'; c++)
        {
            table[c] = (sbyte)(c - '0');
        }

        for (var c = 'a'; c <= 'f'; c++)
        {
            table[c] = (sbyte)(c - 'a' + 10);
            table[c - 32] = (sbyte)(c - 'a' + 10);
        }

        return table;
    }
}
