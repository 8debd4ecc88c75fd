using Microsoft.Win32.SafeHandles;

namespace RusSnapshot.Dumps.Input;

/// <summary>Positioned reads of a file handle, which may return less than asked before the end of the file.</summary>
internal static class PositionedRead
{
    /// <summary>Reads from <paramref name="offset"/> until <paramref name="into"/> is full or the file ends; the bytes read.</summary>
    public static int Fill(SafeFileHandle file, Span<byte> into, long offset)
    {
        var total = 0;
        while (total < into.Length)
        {
            var n = RandomAccess.Read(file, into[total..], offset + total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
