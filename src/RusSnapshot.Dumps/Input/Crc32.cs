namespace RusSnapshot.Dumps.Input;

/// <summary>CRC-32 (IEEE 802.3, as zip uses), table-driven: only archive members pay for it.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = Build();

    /// <summary>Continues a CRC (start with 0xFFFFFFFF; the final value is the complement).</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] Build()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
