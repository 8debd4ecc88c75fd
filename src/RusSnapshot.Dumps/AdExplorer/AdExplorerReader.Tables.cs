using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace RusSnapshot.Dumps.AdExplorer;

/// <summary>The header, the property table, and the checks at the end (placeholders, counts, the tree index).</summary>
public sealed partial class AdExplorerReader
{
    /// <summary>Property names are at most this long (AD's ldapDisplayName is far shorter).</summary>
    private const int MaxNameBytes = 1024;

    /// <summary>A property's schema DN is at most this long.</summary>
    private const int MaxSchemaDnBytes = 64 * 1024;

    private static readonly UnicodeEncoding Utf16 = new(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: false);

    private AdExplorerProperty[] _properties = [];
    private byte[] _names = [];
    private int _dnProperty = -1;
    private long _length;
    private long _objectCount;
    private long _headerAttributeCount;
    private long _areaEnd;
    private long _tablesEnd;
    private long _tree = -1;
    private long _attributeEntries;
    private long _extraRecords;

    private void OpenFile()
    {
        if (_spool is not null)
        {
            _storage = _spool() ?? throw Fail(DiagnosticCodes.AdxSpoolLimit, _spoolLimit, 0,
                $"this snapshot comes from an archive or a pipe, so it must be copied to be read at random, and it is larger than {Num(_spoolLimit)} bytes: extract it and give the .dat file itself");
            _raw?.Dispose();
            _raw = null;
        }

        _window = new SnapshotWindow(_storage!);
        _length = _window.Length;
        ReadHeader();
        ReadProperties();
        _next = AdExplorerFormat.HeaderSize;
        _window.Restart(_next);
    }

    private void ReadHeader()
    {
        var signature = AdExplorerFormat.Signature;
        var start = _window!.GetFar(0, (int)Math.Min(_length, signature.Length));
        if (!start.StartsWith(AdExplorerFormat.SignaturePrefix) && !AdExplorerFormat.SignaturePrefix.StartsWith(start))
        {
            throw Fail(DiagnosticCodes.AdxHeader, 0, 0, "this is not an AD Explorer snapshot: the file does not start with the signature 'win-ad-ob'");
        }

        if (_length < AdExplorerFormat.HeaderSize)
        {
            throw Fail(DiagnosticCodes.AdxTruncated, _length, 0,
                $"the file ends inside the snapshot header, after {Num(_length)} of its {Num(AdExplorerFormat.HeaderSize)} bytes: it was cut off");
        }

        var h = _window.GetFar(0, AdExplorerFormat.HeaderSize).ToArray();
        var fileTime = BinaryPrimitives.ReadInt64LittleEndian(h.AsSpan(AdExplorerFormat.TimeOffset));
        Capture = new DumpCapture(ToolName, TimeOf(fileTime),
            HeaderText(h.AsSpan(AdExplorerFormat.ServerOffset, AdExplorerFormat.HeaderTextBytes)),
            HeaderText(h.AsSpan(AdExplorerFormat.DescriptionOffset, AdExplorerFormat.HeaderTextBytes)));

        var sig = h.AsSpan(0, signature.Length);
        if (sig.SequenceEqual(AdExplorerFormat.UnfinishedSignature))
        {
            throw Fail(DiagnosticCodes.AdxIncomplete, 0, 0,
                "the signature is 'win-ad-XX': AD Explorer writes the final signature last, so this capture never finished; take the snapshot again");
        }

        if (!sig.SequenceEqual(signature))
        {
            throw Fail(DiagnosticCodes.AdxHeader, 0, 0, "the signature is neither 'win-ad-ob' (a finished snapshot) nor 'win-ad-XX' (an unfinished one)");
        }

        var marker = BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(AdExplorerFormat.MarkerOffset));
        if (marker != AdExplorerFormat.Marker)
        {
            Warn(DiagnosticCodes.AdxMarker, AdExplorerFormat.MarkerOffset, 0,
                $"the format marker is {Hex(marker)}, not {Hex(AdExplorerFormat.Marker)}: the file is read as that version");
        }

        _objectCount = BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(AdExplorerFormat.ObjectCountOffset));
        _headerAttributeCount = BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(AdExplorerFormat.AttributeCountOffset));
        var mapping = BinaryPrimitives.ReadUInt64LittleEndian(h.AsSpan(AdExplorerFormat.MappingOffsetOffset));
        var tree = BinaryPrimitives.ReadUInt64LittleEndian(h.AsSpan(AdExplorerFormat.TreeOffsetOffset));

        if (mapping < AdExplorerFormat.HeaderSize)
        {
            throw Fail(DiagnosticCodes.AdxHeader, AdExplorerFormat.MappingOffsetOffset, 0,
                $"the property table's offset {Hex((long)Math.Min(mapping, long.MaxValue))} lies inside the header");
        }

        if (mapping > (ulong)_length)
        {
            throw Fail(DiagnosticCodes.AdxTruncated, _length, 0,
                $"the header puts the property table at {Hex((long)Math.Min(mapping, long.MaxValue))}, past the end of the file ({Num(_length)} bytes): the snapshot was cut off");
        }

        _areaEnd = (long)mapping;
        if (tree != 0 && tree != ulong.MaxValue)
        {
            if (tree < mapping + 4)
            {
                throw Fail(DiagnosticCodes.AdxHeader, AdExplorerFormat.TreeOffsetOffset, 0,
                    $"the tree index's offset {Hex((long)Math.Min(tree, long.MaxValue))} is not after the property table at {Hex(_areaEnd)}");
            }

            if (tree > (ulong)_length)
            {
                throw Fail(DiagnosticCodes.AdxTruncated, _length, 0,
                    $"the header puts the tree index at {Hex((long)Math.Min(tree, long.MaxValue))}, past the end of the file ({Num(_length)} bytes): the snapshot was cut off");
            }

            _tree = (long)tree;
        }

        // A record holds at least its two counts and one DN entry: 16 bytes.
        if (_objectCount > (_areaEnd - AdExplorerFormat.HeaderSize) / 16)
        {
            throw Fail(DiagnosticCodes.AdxHeader, AdExplorerFormat.ObjectCountOffset, 0,
                $"the header counts {Num(_objectCount)} objects, more than the {Num(_areaEnd - AdExplorerFormat.HeaderSize)} bytes of the object area can hold");
        }
    }

    private static DateTimeOffset? TimeOf(long fileTime) =>
        fileTime > 0 && fileTime <= DateTime.MaxValue.Ticks - new DateTime(1601, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks
            ? new DateTimeOffset(DateTime.FromFileTimeUtc(fileTime))
            : null;

    /// <summary>A NUL-padded UTF-16LE header field; null when empty. Unpaired surrogates become U+FFFD (it is only shown).</summary>
    private static string? HeaderText(ReadOnlySpan<byte> field)
    {
        var chars = MemoryMarshal.Cast<byte, char>(field);
        var end = chars.IndexOf('\0');
        var text = Utf16.GetString(field[..(2 * (end < 0 ? chars.Length : end))]).Trim();
        return text.Length == 0 ? null : text;
    }

    private void ReadProperties()
    {
        var end = _tree >= 0 ? _tree : _length;
        var p = _areaEnd;
        var count = TableU32(ref p, end);
        var properties = new List<AdExplorerProperty>();
        var names = new List<byte>();
        for (long i = 0; i < count; i++)
        {
            var at = p;
            var nameBytes = TableU32(ref p, end);
            if (nameBytes is < 2 or > MaxNameBytes || nameBytes % 2 != 0)
            {
                throw Fail(DiagnosticCodes.AdxPropertyTable, at, 0, $"property {Num(i + 1)} has a name of {Num(nameBytes)} bytes (2 to {Num(MaxNameBytes)}, even, expected)");
            }

            TableNeed(p, nameBytes, end);
            var nameStart = names.Count;
            if (!AppendName(_window!.GetFar(p, (int)nameBytes), names))
            {
                throw Fail(DiagnosticCodes.AdxPropertyTable, p, 0, $"property {Num(i + 1)}'s name is not an attribute name (ASCII letters, digits and '-')");
            }

            p += nameBytes;
            var syntax = (int)TableU32(ref p, end);
            var adsType = TableU32(ref p, end);
            var dnBytes = TableU32(ref p, end);
            if (dnBytes > MaxSchemaDnBytes)
            {
                throw Fail(DiagnosticCodes.AdxPropertyTable, p - 4, 0, $"property {Num(i + 1)}'s schema DN is {Num(dnBytes)} bytes long (at most {Num(MaxSchemaDnBytes)} expected)");
            }

            TableNeed(p, dnBytes + 16 + 16 + 4, end);
            p += dnBytes + 16 + 16 + 4; // schema DN, schemaIDGUID, attributeSecurityGUID, display hint: not needed
            properties.Add(new AdExplorerProperty(nameStart, names.Count - nameStart, syntax, adsType, AdExplorerFormat.KindOf(syntax, adsType)));
        }

        _properties = [.. properties];
        _names = [.. names];
        _warned = new bool[_properties.Length];
        _tablesEnd = p;
        for (var i = 0; i < _properties.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(NameOf(i), "distinguishedName"u8))
            {
                _dnProperty = i;
                break;
            }
        }

        if (_dnProperty < 0 || _properties[_dnProperty].Kind != ValueKind.String)
        {
            throw Fail(DiagnosticCodes.AdxPropertyTable, _areaEnd, 0, "the property table has no distinguishedName property of a string type: no object can be named");
        }
    }

    /// <summary>Appends a UTF-16LE property name (NULs at its end dropped) as ASCII; false unless it is letters, digits and '-'.</summary>
    private static bool AppendName(ReadOnlySpan<byte> utf16, List<byte> names)
    {
        var chars = MemoryMarshal.Cast<byte, char>(utf16).TrimEnd('\0');
        if (chars.IsEmpty)
        {
            return false;
        }

        foreach (var c in chars)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }

            names.Add((byte)c);
        }

        return true;
    }

    private ReadOnlySpan<byte> NameOf(int property) => _names.AsSpan(_properties[property].NameStart, _properties[property].NameLength);

    private string NameStringOf(int property) => Encoding.ASCII.GetString(NameOf(property));

    private uint TableU32(ref long p, long end)
    {
        TableNeed(p, 4, end);
        var value = BinaryPrimitives.ReadUInt32LittleEndian(_window!.GetFar(p, 4));
        p += 4;
        return value;
    }

    /// <summary>The property table must hold <paramref name="bytes"/> more at <paramref name="p"/>: cut off if the file ends first, malformed if the tree index does.</summary>
    private void TableNeed(long p, long bytes, long end)
    {
        if (p + bytes <= end)
        {
            return;
        }

        throw end == _length
            ? Fail(DiagnosticCodes.AdxTruncated, _length, 0, $"the file ends inside the property table (at {Hex(p)}): the snapshot was cut off")
            : Fail(DiagnosticCodes.AdxPropertyTable, p, 0, $"the property table runs into the tree index at {Hex(end)}");
    }

    /// <summary>
    /// After the objects: the placeholder records (one per uncaptured parent of captured objects, each only a DN) up to
    /// the zero padding before the property table. A record with more than a DN is not a placeholder: it is rejected.
    /// </summary>
    private void ReadExtraRecords()
    {
        while (_next + 8 <= _areaEnd)
        {
            var head = _window!.Get(_next, 8);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(head);
            var tableSize = BinaryPrimitives.ReadUInt32LittleEndian(head[4..]);
            if (size == 0)
            {
                return; // the padding
            }

            var start = _next;
            var index = _index + PlaceholderRecords + _extraRecords + 1;
            CheckRecordSize(start, size, index);
            _next = start + size;
            _stats.Bytes = _next;
            _attributeEntries += Math.Max(0, tableSize - 1L);
            var onlyDn = tableSize == 1 && size >= 16
                && BinaryPrimitives.ReadUInt32LittleEndian(_window.Get(start + 8, 4)) == (uint)_dnProperty;
            if (onlyDn)
            {
                PlaceholderRecords++;
                continue;
            }

            _extraRecords++;
            throw Fail(DiagnosticCodes.AdxExtraRecord, start, index,
                $"a record after the {Num(_objectCount)} objects the header counts holds {Num(tableSize)} attribute entries, so it is not a placeholder (only a DN): it is not read");
        }
    }

    /// <summary>A record's size must cover its counts and one entry and end inside the object area; else the next record cannot be found.</summary>
    private void CheckRecordSize(long start, uint size, long index)
    {
        if (size < 16)
        {
            throw Fail(DiagnosticCodes.AdxRecordSize, start, index,
                $"a record of {Num(size)} bytes cannot hold its counts and a DN: where the next record starts is unknown, so the rest is not read");
        }

        if (size > _areaEnd - start)
        {
            throw Fail(DiagnosticCodes.AdxRecordSize, start, index,
                $"a record of {Num(size)} bytes runs past the end of the object area at {Hex(_areaEnd)}: the rest is not read");
        }
    }

    /// <summary>The checks once every record is read: the attribute count, and that the file ends where its last table or its tree index does.</summary>
    private void CheckEnd()
    {
        if (_attributeEntries != _headerAttributeCount)
        {
            Warn(DiagnosticCodes.AdxAttributeCount, AdExplorerFormat.AttributeCountOffset, 0,
                $"the header counts {Num(_headerAttributeCount)} attribute entries, the records hold {Num(_attributeEntries)}");
        }

        var records = _index + PlaceholderRecords + _extraRecords;
        if (_tree < 0)
        {
            SkipClassAndRightTables();
            return;
        }

        // Depth first, each node followed by its subtree: i64 object offset, u32 child nodes, u32 leaves, then their offsets.
        var p = _tree;
        _window!.Restart(p);
        long nodes = 0, leaves = 0;
        while (p < _length)
        {
            if (p + 16 > _length)
            {
                throw Fail(DiagnosticCodes.AdxTruncated, _length, 0, $"the file ends inside the tree index (a node at {Hex(p)}): the snapshot was cut off");
            }

            var node = _window!.Get(p, 16);
            var objectOffset = BinaryPrimitives.ReadInt64LittleEndian(node);
            var childNodes = BinaryPrimitives.ReadUInt32LittleEndian(node[8..]);
            var leafCount = BinaryPrimitives.ReadUInt32LittleEndian(node[12..]);
            if (nodes == 0 && objectOffset != AdExplorerFormat.TreeRootOffset)
            {
                throw Fail(DiagnosticCodes.AdxTree, p, 0, "the tree index does not start with its root node");
            }

            var size = 16 + (4L * childNodes) + (8L * leafCount);
            if (p + size > _length)
            {
                throw Fail(DiagnosticCodes.AdxTruncated, _length, 0, $"the file ends inside the tree index (the node at {Hex(p)}): the snapshot was cut off");
            }

            p += size;
            nodes++;
            leaves += leafCount;
        }

        var visited = nodes == 0 ? 0 : nodes - 1 + leaves;
        if (visited != records)
        {
            throw Fail(DiagnosticCodes.AdxTree, _tree, 0,
                $"the tree index lists {Num(visited)} records, the file holds {Num(records)}: it is corrupt or belongs to another file");
        }
    }

    /// <summary>Without a tree index, the file ends with the class and right tables: walking them tells a file cut in them.</summary>
    private void SkipClassAndRightTables()
    {
        var p = _tablesEnd;
        if (p == _length)
        {
            return; // a writer that stops after the properties
        }

        var classes = SkipU32(ref p);
        for (long i = 0; i < classes; i++)
        {
            SkipStrings(ref p, 4);     // name, DN, display name, superclass
            SkipBytes(ref p, 16);      // schemaIDGUID
            SkipBytes(ref p, SkipU32(ref p));
            var m = SkipU32(ref p);
            for (long j = 0; j < m; j++)
            {
                SkipBytes(ref p, 4);
                SkipStrings(ref p, 1);
            }

            SkipBytes(ref p, 16L * SkipU32(ref p));
            SkipStrings(ref p, SkipU32(ref p)); // possible superiors
            SkipStrings(ref p, SkipU32(ref p)); // auxiliary classes
        }

        var rights = SkipU32(ref p);
        for (long i = 0; i < rights; i++)
        {
            SkipStrings(ref p, 2);
            SkipBytes(ref p, 16 + 4);
        }
    }

    private uint SkipU32(ref long p)
    {
        SkipBytes(ref p, 4);
        return BinaryPrimitives.ReadUInt32LittleEndian(_window!.GetFar(p - 4, 4));
    }

    private void SkipStrings(ref long p, long count)
    {
        for (long i = 0; i < count; i++)
        {
            SkipBytes(ref p, SkipU32(ref p));
        }
    }

    private void SkipBytes(ref long p, long bytes)
    {
        if (p + bytes > _length)
        {
            throw Fail(DiagnosticCodes.AdxTruncated, _length, 0, $"the file ends inside the class or right tables (at {Hex(p)}): the snapshot was cut off");
        }

        p += bytes;
    }
}
