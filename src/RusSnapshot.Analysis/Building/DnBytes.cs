namespace RusSnapshot.Analysis.Building;

/// <summary>
/// Byte-level DN helpers for the hot path (every recipient): find the trailing run of <c>DC=</c> RDNs, which in
/// Active Directory is the domain naming context an object lives in, without parsing the DN into objects.
/// </summary>
internal static class DnBytes
{
    /// <summary>
    /// Finds where the trailing <c>DC=</c> run starts and where the RDN just before it starts.
    /// For <c>CN=u,OU=x,DC=corp,DC=com</c>: run at <c>DC=corp</c>, previous RDN <c>OU=x</c>.
    /// </summary>
    /// <returns>False when the DN does not end with a <c>DC=</c> RDN.</returns>
    public static bool TrailingDcRun(ReadOnlySpan<byte> dn, out int runStart, out int previousRdnStart)
    {
        runStart = -1;
        previousRdnStart = -1;
        var rdnStart = 0;
        var lastNonDcStart = -1;
        while (true)
        {
            // Find the end of this RDN: an unescaped ',' (a '\' escapes the next byte; hex escapes are two plain bytes).
            var end = rdnStart;
            while (end < dn.Length)
            {
                var b = dn[end];
                if (b == (byte)'\\')
                {
                    end += 2;
                    continue;
                }

                if (b == (byte)',' || b == (byte)';')
                {
                    break;
                }

                end++;
            }

            end = Math.Min(end, dn.Length);
            var rdn = dn[rdnStart..end].TrimStart((byte)' ');
            var isDc = rdn.Length >= 3 && (rdn[0] | 0x20) == 'd' && (rdn[1] | 0x20) == 'c' && IsEqualsAfterSpaces(rdn[2..]);
            if (isDc)
            {
                if (runStart < 0)
                {
                    runStart = rdnStart;
                    previousRdnStart = lastNonDcStart;
                }
            }
            else
            {
                runStart = -1;
                lastNonDcStart = rdnStart;
            }

            if (end >= dn.Length)
            {
                break;
            }

            rdnStart = end + 1;
        }

        if (runStart < 0)
        {
            return false;
        }

        // Skip spaces after the comma, as some tools write "CN=x, DC=y".
        while (runStart < dn.Length && dn[runStart] == (byte)' ')
        {
            runStart++;
        }

        return true;
    }

    /// <summary>True when the RDN starting at <paramref name="rdnStart"/> (and ending where the DC run starts) equals <paramref name="expected"/>.</summary>
    public static bool IsRdn(ReadOnlySpan<byte> dn, int rdnStart, int runStart, ReadOnlySpan<byte> expected)
    {
        if (rdnStart < 0)
        {
            return false;
        }

        var rdn = dn[rdnStart..runStart].TrimEnd((byte)' ').TrimEnd((byte)',').TrimEnd((byte)' ').TrimStart((byte)' ');
        return System.Text.Ascii.EqualsIgnoreCase(rdn, expected);
    }

    private static bool IsEqualsAfterSpaces(ReadOnlySpan<byte> s)
    {
        var t = s.TrimStart((byte)' ');
        return t.Length > 0 && t[0] == (byte)'=';
    }
}
