using System.Globalization;
using System.Text;
using RusSnapshot.Dumps.Ldif;

namespace RusSnapshot.Synth.Writing;

/// <summary>
/// What OpenLDAP's <c>ldapsearch</c> (without <c>-L</c>) prints around the LDIF records, written through an
/// <see cref="LdifWriter"/> in its ldapsearch dialect: the <c># extended LDIF</c> header, a <c># user-friendly name</c>
/// comment before each entry, search references, and the <c>search:</c>/<c>result:</c> trailer; with a page size, the
/// result block with its paged-results cookie and a new header after every page, as paged ldapsearch does.
/// </summary>
/// <remarks>Only the generator writes this (readers must handle it); the collector writes ldifde, so it lives here.</remarks>
internal sealed class LdapsearchFraming(LdifWriter writer)
{
    private LdapsearchHeader? _search;
    private int _messageId;
    private int _pageRecords;
    private int _pageNumber;
    private long _entries;
    private long _references;
    private long _results;

    /// <summary>Starts one ldapsearch run: writes the header.</summary>
    public void BeginSearch(LdapsearchHeader header)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(header.PageSize);
        if (_search is not null)
        {
            throw new InvalidOperationException("EndSearch was not called for the previous search.");
        }

        _search = header;
        _messageId = 2;   // message 1 is the bind
        _pageRecords = 0;
        _pageNumber = 0;
        _entries = 0;
        _references = 0;
        _results = 0;
        WriteHeader();
    }

    /// <summary>Before an entry's <c>dn:</c>: closes a full page, then writes the entry's user-friendly name.</summary>
    public void BeforeEntry(ReadOnlySpan<byte> dn)
    {
        if (_search is not null)
        {
            NextPageIfFull();
            _entries++;
            _pageRecords++;
        }

        writer.WriteComment(dn.IsEmpty ? string.Empty : Encoding.ASCII.GetString(Ufn(dn)));
    }

    /// <summary>Writes a search continuation reference (<c># search reference</c>, <c>ref: URL</c>).</summary>
    public void WriteReference(string url)
    {
        RequireSearch();
        NextPageIfFull();
        writer.WriteComment("search reference");
        writer.WriteDirective("ref", url);
        writer.WriteBlankLine();
        _references++;
        _pageRecords++;
    }

    /// <summary>Ends the search: its last result block (<c>result: 0 Success</c> by default) and the response counts.</summary>
    public void EndSearch(int resultCode, string resultText)
    {
        RequireSearch();
        WriteResultBlock(resultCode, resultText, last: true);
        writer.WriteBlankLine();
        var c = CultureInfo.InvariantCulture;
        writer.WriteComment("numResponses: " + (_entries + _references + _results).ToString(c));
        if (_entries > 0)
        {
            writer.WriteComment("numEntries: " + _entries.ToString(c));
        }

        if (_references > 0)
        {
            writer.WriteComment("numReferences: " + _references.ToString(c));
        }

        _search = null;
    }

    private void RequireSearch()
    {
        if (_search is null)
        {
            throw new InvalidOperationException("BeginSearch was not called.");
        }
    }

    private void WriteHeader()
    {
        var h = _search!;
        writer.WriteComment("extended LDIF");
        writer.WriteComment(string.Empty);
        writer.WriteComment("LDAPv3");
        writer.WriteComment($"base <{h.SearchBase}> with scope {h.Scope}");
        writer.WriteComment("filter: " + h.Filter);
        writer.WriteComment("requesting: " + h.Requesting);
        if (h.PageSize > 0)
        {
            writer.WriteComment("with pagedResults control: size=" + h.PageSize.ToString(CultureInfo.InvariantCulture));
        }

        writer.WriteComment(string.Empty);
        writer.WriteBlankLine();
    }

    /// <summary>With paging, closes a full page (result block with a cookie) and writes the next page's header.</summary>
    private void NextPageIfFull()
    {
        if (_search is not { PageSize: > 0 } search || _pageRecords < search.PageSize)
        {
            return;
        }

        WriteResultBlock(0, "Success", last: false);
        _pageRecords = 0;
        _pageNumber++;
        _messageId++;

        // ldapsearch prints the next page's header right after the cookie line, without a blank line.
        WriteHeader();
    }

    private void WriteResultBlock(int code, string text, bool last)
    {
        var c = CultureInfo.InvariantCulture;
        writer.WriteComment("search result");
        writer.WriteDirective("search", _messageId.ToString(c));
        writer.WriteDirective("result", code.ToString(c) + " " + text);
        _results++;
        if (_search is { PageSize: > 0 })
        {
            // RFC 2696 control value: SEQUENCE { size INTEGER (0 in responses), cookie OCTET STRING }.
            Span<byte> cookie = stackalloc byte[8];
            var cookieLength = 0;
            if (!last)
            {
                BitConverter.TryWriteBytes(cookie, (long)_pageNumber + 1);
                cookieLength = 8;
            }

            Span<byte> ber = stackalloc byte[7 + 8];
            ber[0] = 0x30;
            ber[1] = (byte)(5 + cookieLength);
            ber[2] = 0x02;
            ber[3] = 0x01;
            ber[4] = 0x00;
            ber[5] = 0x04;
            ber[6] = (byte)cookieLength;
            cookie[..cookieLength].CopyTo(ber[7..]);
            writer.WriteDirective("control", "1.2.840.113556.1.4.319 false " + Convert.ToBase64String(ber[..(7 + cookieLength)]));
            writer.WriteDirective("pagedresults", "cookie=" + Convert.ToBase64String(cookie[..cookieLength]));
        }
    }

    /// <summary>
    /// The comment ldapsearch prints before each entry: the DN in "user-friendly name" form
    /// (<c>cn=Jane Doe,ou=Sales,dc=corp,dc=test</c> becomes <c>Jane Doe, Sales, corp.test</c>), with the
    /// bytes that ldapsearch escapes (non-ASCII, control characters, DN specials) as <c>\XX</c>.
    /// </summary>
    internal static byte[] Ufn(ReadOnlySpan<byte> dn)
    {
        // Split into RDN values (text after '='), honouring '\' escapes; remember which are dc= values.
        Span<byte> decoded = stackalloc byte[1];
        var values = new List<(byte[] Value, bool IsDc)>();
        var current = new List<byte>(64);
        var typeStart = 0;
        var inValue = false;
        var isDc = false;
        var i = 0;
        while (i <= dn.Length)
        {
            var end = i == dn.Length;
            var b = end ? (byte)',' : dn[i];
            if (!end && b == (byte)'\\' && i + 1 < dn.Length)
            {
                // Keep the escaped character; hex escapes (\2C) are decoded to their byte.
                if (i + 2 < dn.Length && Dumps.Hex.TryDecode(dn.Slice(i + 1, 2), decoded, out _))
                {
                    current.Add(decoded[0]);
                    i += 3;
                }
                else
                {
                    current.Add(dn[i + 1]);
                    i += 2;
                }

                continue;
            }

            if (!inValue && b == (byte)'=')
            {
                var type = dn[typeStart..i].Trim((byte)' ');
                isDc = Ascii.EqualsIgnoreCase(type, "dc"u8);
                inValue = true;
                current.Clear();
                i++;
                continue;
            }

            if (b is (byte)',' or (byte)'+' && inValue)
            {
                values.Add((current.ToArray(), isDc && b != (byte)'+'));
                inValue = false;
                typeStart = i + 1;
                i++;
                continue;
            }

            if (inValue)
            {
                current.Add(b);
            }

            i++;
        }

        // Trailing dc= values join with '.', the rest with ", ".
        var firstDc = values.Count;
        while (firstDc > 0 && values[firstDc - 1].IsDc)
        {
            firstDc--;
        }

        var output = new List<byte>(dn.Length + 16);
        for (var k = 0; k < values.Count; k++)
        {
            if (k > 0)
            {
                if (k > firstDc)
                {
                    output.Add((byte)'.');
                }
                else
                {
                    output.Add((byte)',');
                    output.Add((byte)' ');
                }
            }

            foreach (var c in values[k].Value)
            {
                if (c >= 0x80 || c < 0x20 || c is (byte)',' or (byte)'+' or (byte)'"' or (byte)'\\' or (byte)'<' or (byte)'>' or (byte)';')
                {
                    output.Add((byte)'\\');
                    output.AddRange(Encoding.ASCII.GetBytes(Convert.ToHexString([c])));
                }
                else
                {
                    output.Add(c);
                }
            }
        }

        return output.ToArray();
    }
}

/// <summary>What <c>ldapsearch</c> prints in its header (see <see cref="LdapsearchFraming.BeginSearch"/>).</summary>
/// <param name="SearchBase">The <c>-b</c> base DN.</param>
/// <param name="Filter">The filter as given (ldapsearch prints <c>(objectclass=*)</c> when none was given).</param>
/// <param name="Scope">base, one, subtree or children.</param>
/// <param name="Requesting">The attribute list, or <c>ALL</c>.</param>
/// <param name="PageSize">The <c>-E pr=N</c> page size; 0 without paging. With paging the header and a result block are written for every page.</param>
internal sealed record LdapsearchHeader(
    string SearchBase,
    string Filter = "(objectclass=*)",
    string Scope = "subtree",
    string Requesting = "ALL",
    int PageSize = 0);
