using System.Buffers.Binary;

namespace RusSnapshot.Dumps.Input;

/// <summary>
/// CRC-32 (IEEE 802.3, as zip and gzip use), slicing-by-8: eight bytes per step, so checking a decompressed
/// <c>.gz</c> costs little beside inflating it.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = Build();

    /// <summary>Continues a CRC (start with 0xFFFFFFFF; the final value is the complement).</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        var t = Table;
        while (data.Length >= 8)
        {
            var lo = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ crc;
            var hi = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            crc = t[(7 * 256) + (lo & 0xFF)] ^ t[(6 * 256) + ((lo >> 8) & 0xFF)] ^ t[(5 * 256) + ((lo >> 16) & 0xFF)] ^ t[(4 * 256) + (lo >> 24)]
                ^ t[(3 * 256) + (hi & 0xFF)] ^ t[(2 * 256) + ((hi >> 8) & 0xFF)] ^ t[256 + ((hi >> 16) & 0xFF)] ^ t[hi >> 24];
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = t[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    /// <summary>Table k maps a byte to its CRC after k more zero bytes.</summary>
    private static uint[] Build()
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        for (var i = 0; i < 256; i++)
        {
            for (var k = 1; k < 8; k++)
            {
                var prev = table[((k - 1) * 256) + i];
                table[(k * 256) + i] = table[prev & 0xFF] ^ (prev >> 8);
            }
        }

        return table;
    }
}
