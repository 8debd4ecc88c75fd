using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Unicode;

namespace RusSnapshot.Dumps.AdExplorer;

/// <summary>Object records and their value blocks, decoded into the record's arena as an LDIF export would give them.</summary>
public sealed partial class AdExplorerReader
{
    /// <summary>Offsets and lengths are read this many at a time, so that a block of a million values needs no large buffer.</summary>
    private const int Chunk = 4096;

    /// <summary>At most this many corrupt blocks are remembered.</summary>
    private const int MaxBadBlocks = 4096;

    private readonly int[] _chunk = new int[Chunk];
    private readonly Dictionary<long, (DiagnosticCode Code, long Offset, string Message)> _badBlocks = [];
    private uint[] _attributes = new uint[64];
    private int[] _offsets = new int[64];
    private bool[] _warned = [];
    private long _next;
    private long _index;

    private void ReadObject()
    {
        var index = _index + 1;
        var start = _next;
        if (start + 8 > _areaEnd || BinaryPrimitives.ReadUInt32LittleEndian(_window!.Get(start, 4)) == 0)
        {
            throw Fail(DiagnosticCodes.AdxObjectCount, start, index,
                $"the object area ends after {Num(_index)} of the {Num(_objectCount)} objects the header counts: the snapshot is incomplete");
        }

        var head = _window.Get(start, 8);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(head);
        var tableSize = BinaryPrimitives.ReadUInt32LittleEndian(head[4..]);
        CheckRecordSize(start, size, index);

        // From here on the next record is known: a bad object is skipped and reading goes on.
        _next = start + size;
        _index++;
        _stats.Bytes = _next;
        _attributeEntries += Math.Max(0, tableSize - 1L);
        _record.Reset([], At(start, index));
        _record.Header = _names;
        DecodeObject(start, size, tableSize, index);
        _stats.Entries++;
    }

    private void DecodeObject(long start, uint size, uint tableSize, long index)
    {
        if (tableSize == 0 || tableSize > _properties.Length || 8 + (8L * tableSize) > size)
        {
            throw Fail(DiagnosticCodes.AdxTable, start, index,
                $"the record's attribute table of {Num(tableSize)} entries does not fit in its {Num(size)} bytes or exceeds the {Num(_properties.Length)} properties");
        }

        var count = (int)tableSize;
        if (_attributes.Length < count)
        {
            _attributes = new uint[Math.Max(count, _attributes.Length * 2)];
            _offsets = new int[_attributes.Length];
        }

        var table = _window!.Get(start + 8, 8 * count);
        for (var i = 0; i < count; i++)
        {
            _attributes[i] = BinaryPrimitives.ReadUInt32LittleEndian(table[(8 * i)..]);
            _offsets[i] = BinaryPrimitives.ReadInt32LittleEndian(table[((8 * i) + 4)..]);
        }

        if (_attributes[0] != (uint)_dnProperty)
        {
            throw Fail(DiagnosticCodes.AdxNoDn, start, index, "the record's first entry is not its distinguishedName: the object has no name");
        }

        DecodeBlock(_dnProperty, start + _offsets[0], start, index);
        if (_record.SlotCount != 1 || _record.Slots[0].ValueLength == 0)
        {
            throw Fail(DiagnosticCodes.AdxNoDn, start + _offsets[0], index,
                $"the distinguishedName holds {Num(_record.SlotCount)} values, not one non-empty DN: the object has no name");
        }

        _record.SetDn(DumpRecord.SourceArena, _record.Slots[0].ValueStart, _record.Slots[0].ValueLength);
        for (var i = 1; i < count; i++)
        {
            if (_attributes[i] >= (uint)_properties.Length)
            {
                throw Fail(DiagnosticCodes.AdxTable, start + 8 + (8L * i), index,
                    $"attribute entry {Num(i + 1)} names property {Num(_attributes[i])}, outside the property table of {Num(_properties.Length)}");
            }

            DecodeBlock((int)_attributes[i], start + _offsets[i], start, index);
        }
    }

    /// <summary>Decodes one value block into slots: from the cache when it is an earlier record's block decoded before.</summary>
    private void DecodeBlock(int property, long block, long recordStart, long index)
    {
        ref readonly var p = ref _properties[property];
        if (block < AdExplorerFormat.HeaderSize || block > _areaEnd - 4)
        {
            throw Fail(DiagnosticCodes.AdxValueOffset, block, index,
                $"the value block of {NameStringOf(property)} at {Hex(block)} lies outside the object area ({Hex(AdExplorerFormat.HeaderSize)} to {Hex(_areaEnd)})");
        }

        if (p.Kind is ValueKind.DnString or ValueKind.Unknown)
        {
            if (!_warned[property])
            {
                _warned[property] = true;
                Warn(p.Kind == ValueKind.DnString ? DiagnosticCodes.AdxDnString : DiagnosticCodes.AdxValueType, block, index,
                    p.Kind == ValueKind.DnString
                        ? $"{NameStringOf(property)} is a DN-String attribute (type 28), whose layout is not known: its values are not read, here or in later objects"
                        : $"{NameStringOf(property)} has value type {Num(p.AdsType)}, which AD Explorer is not known to write: its values are not read, here or in later objects");
            }

            return;
        }

        // Shared blocks (an earlier record's) are looked up by offset and decoding.
        var shared = block < recordStart;
        var key = DecodedBlockCache.Key(block, p.Kind);
        if (shared && _cache.TryGet(key, out var cachedData, out var cachedLengths))
        {
            var start = _record.ArenaAlloc(cachedData.Length);
            cachedData.CopyTo(_record.Arena.AsSpan(start));
            foreach (var length in cachedLengths)
            {
                AddValue(p, start, length, index);
                start += length;
            }

            CheckRecordBytes(block, index);
            return;
        }

        if (shared && _badBlocks.TryGetValue(key, out var bad))
        {
            // A corrupt block many records point at is diagnosed once, not searched again for each of them.
            throw Fail(bad.Code, bad.Offset, index, bad.Message);
        }

        var firstSlot = _record.SlotCount;
        var arenaStart = _record.ArenaUsed;
        var n = BinaryPrimitives.ReadUInt32LittleEndian(_window!.Get(block, 4));
        try
        {
            switch (p.Kind)
            {
                case ValueKind.String:
                    DecodeStrings(property, block, n, index);
                    break;
                case ValueKind.Octets:
                case ValueKind.DnBinary:
                    DecodeLengthPrefixed(property, block, n, index);
                    break;
                default:
                    DecodeFixed(property, block, n, index);
                    break;
            }
        }
        catch (DumpFormatException ex) when (_badBlocks.Count < MaxBadBlocks && DiagnosticCodes.Find(ex.Code) is { } code)
        {
            _badBlocks[key] = (code, ex.Position.Offset ?? block, ex.Detail);
            throw;
        }

        var added = _record.SlotCount - firstSlot;
        if (shared && added > 0 && _record.ArenaUsed - arenaStart <= DecodedBlockCache.MaxEntryBytes)
        {
            Span<int> lengths = added <= 64 ? stackalloc int[added] : new int[added];
            for (var i = 0; i < added; i++)
            {
                lengths[i] = _record.Slots[firstSlot + i].ValueLength;
            }

            _cache.Add(key, _record.Arena.AsSpan(arenaStart, _record.ArenaUsed - arenaStart), lengths);
        }
    }

    /// <summary><c>i32 off[n]</c> relative to the block, each at a NUL-terminated UTF-16LE string.</summary>
    private void DecodeStrings(int property, long block, uint n, long index)
    {
        CheckCount(property, block, n, 4, index);
        for (long i = 0; i < n; i += Chunk)
        {
            var m = (int)Math.Min(Chunk, n - i);
            var offsets = _window!.Get(block + 4 + (4 * i), 4 * m);
            for (var j = 0; j < m; j++)
            {
                _chunk[j] = BinaryPrimitives.ReadInt32LittleEndian(offsets[(4 * j)..]);
            }

            for (var j = 0; j < m; j++)
            {
                var at = block + _chunk[j];
                if (at < AdExplorerFormat.HeaderSize || at >= _areaEnd)
                {
                    throw Fail(DiagnosticCodes.AdxValueOffset, block, index,
                        $"value {Num(i + j + 1)} of {NameStringOf(property)} points at {Hex(at)}, outside the object area");
                }

                var start = _record.ArenaUsed;
                DecodeUtf16(property, at, index);
                AddValue(_properties[property], start, _record.ArenaUsed - start, index);
            }
        }
    }

    /// <summary><c>u32 len[n]</c>, then the values back to back: bytes, or for DN-Binary bytes followed by a NUL-terminated UTF-16LE DN.</summary>
    private void DecodeLengthPrefixed(int property, long block, uint n, long index)
    {
        CheckCount(property, block, n, 4, index);
        var dnBinary = _properties[property].Kind == ValueKind.DnBinary;
        var data = block + 4 + (4L * n);
        for (long i = 0; i < n; i += Chunk)
        {
            var m = (int)Math.Min(Chunk, n - i);
            var lengths = _window!.Get(block + 4 + (4 * i), 4 * m);
            for (var j = 0; j < m; j++)
            {
                _chunk[j] = BinaryPrimitives.ReadInt32LittleEndian(lengths[(4 * j)..]);
            }

            for (var j = 0; j < m; j++)
            {
                var length = (uint)_chunk[j];
                if (length > (uint)_options.MaxValueBytes)
                {
                    throw Fail(DiagnosticCodes.AdxValueTooLarge, data, index,
                        $"value {Num(i + j + 1)} of {NameStringOf(property)} is {Num(length)} bytes, over the value size limit of {Num(_options.MaxValueBytes)}");
                }

                if (data + length > _areaEnd)
                {
                    throw Fail(DiagnosticCodes.AdxValueOffset, data, index,
                        $"value {Num(i + j + 1)} of {NameStringOf(property)} ({Num(length)} bytes at {Hex(data)}) runs past the object area");
                }

                var start = _record.ArenaUsed;
                var bytes = _window.Get(data, (int)length);
                if (dnBinary)
                {
                    // B:<number of hex digits>:<HEX>:<DN>, as LDAP writes syntax 2.5.5.7.
                    var digits = (2 * length).ToString(CultureInfo.InvariantCulture);
                    var at = _record.ArenaAlloc(2 + digits.Length + 1 + (2 * (int)length) + 1);
                    var d = _record.Arena.AsSpan(at);
                    d[0] = (byte)'B';
                    d[1] = (byte)':';
                    var k = 2;
                    foreach (var c in digits)
                    {
                        d[k++] = (byte)c;
                    }

                    d[k++] = (byte)':';
                    foreach (var b in bytes)
                    {
                        d[k++] = HexDigits[b >> 4];
                        d[k++] = HexDigits[b & 0xF];
                    }

                    d[k] = (byte)':';
                    data += length;
                    if (data >= _areaEnd)
                    {
                        throw Fail(DiagnosticCodes.AdxValueOffset, data, index,
                            $"the DN of DN-Binary value {Num(i + j + 1)} of {NameStringOf(property)} lies outside the object area");
                    }

                    data += DecodeUtf16(property, data, index) + 2;
                }
                else
                {
                    var at = _record.ArenaAlloc((int)length);
                    bytes.CopyTo(_record.Arena.AsSpan(at));
                    data += length;
                }

                AddValue(_properties[property], start, _record.ArenaUsed - start, index);
                CheckRecordBytes(block, index);
            }
        }
    }

    private static ReadOnlySpan<byte> HexDigits => "0123456789ABCDEF"u8;

    /// <summary>Booleans and integers (<c>u32[n]</c>), large integers (<c>i64[n]</c>), times (16-byte SYSTEMTIMEs).</summary>
    private void DecodeFixed(int property, long block, uint n, long index)
    {
        var kind = _properties[property].Kind;
        var size = kind switch
        {
            ValueKind.Boolean or ValueKind.Integer => 4,
            ValueKind.LargeInteger => 8,
            _ => 16,
        };
        CheckCount(property, block, n, size, index);
        var per = Chunk * 4 / size;
        for (long i = 0; i < n; i += per)
        {
            var m = (int)Math.Min(per, n - i);
            var values = _window!.Get(block + 4 + (size * i), size * m);
            for (var j = 0; j < m; j++)
            {
                var v = values.Slice(size * j, size);
                var at = _record.ArenaAlloc(40);
                var d = _record.Arena.AsSpan(at, 40);
                int written;
                switch (kind)
                {
                    case ValueKind.Boolean:
                        written = BinaryPrimitives.ReadUInt32LittleEndian(v) != 0 ? Copy("TRUE"u8, d) : Copy("FALSE"u8, d);
                        break;
                    case ValueKind.Integer:
                        // Stored unsigned; AD integers (2.5.5.9) are 32-bit signed: groupType 0x80000002 is -2147483646.
                        ((int)BinaryPrimitives.ReadUInt32LittleEndian(v)).TryFormat(d, out written, default, CultureInfo.InvariantCulture);
                        break;
                    case ValueKind.LargeInteger:
                        BinaryPrimitives.ReadInt64LittleEndian(v).TryFormat(d, out written, default, CultureInfo.InvariantCulture);
                        break;
                    default:
                        written = FormatTime(v, d, kind == ValueKind.UtcTime);
                        break;
                }

                _record.ArenaUsed = at + written;
                AddValue(_properties[property], at, written, index);
            }
        }

        CheckRecordBytes(block, index);
    }

    private static int Copy(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }

    /// <summary>
    /// A SYSTEMTIME (u16 year, month, day of week, day, hour, minute, second, milliseconds) as ldifde writes the time:
    /// GeneralizedTime <c>YYYYMMDDHHMMSS.0Z</c>, or <c>YYMMDDHHMMSSZ</c> for a UTCTime attribute. 1601-01-01 ("never") stays as it is.
    /// </summary>
    private static int FormatTime(ReadOnlySpan<byte> t, Span<byte> d, bool utcTime)
    {
        var year = BinaryPrimitives.ReadUInt16LittleEndian(t);
        var k = utcTime ? Digits(d, year % 100, 2, 0) : Digits(d, year, 4, 0);
        k = Digits(d, BinaryPrimitives.ReadUInt16LittleEndian(t[2..]), 2, k);
        k = Digits(d, BinaryPrimitives.ReadUInt16LittleEndian(t[6..]), 2, k);
        k = Digits(d, BinaryPrimitives.ReadUInt16LittleEndian(t[8..]), 2, k);
        k = Digits(d, BinaryPrimitives.ReadUInt16LittleEndian(t[10..]), 2, k);
        k = Digits(d, BinaryPrimitives.ReadUInt16LittleEndian(t[12..]), 2, k);
        return utcTime ? k + Copy("Z"u8, d[k..]) : k + Copy(".0Z"u8, d[k..]);
    }

    /// <summary>Writes <paramref name="value"/> with at least <paramref name="width"/> digits at <paramref name="at"/>; returns the end.</summary>
    private static int Digits(Span<byte> d, int value, int width, int at)
    {
        value.TryFormat(d[at..], out var written, width == 4 ? "D4" : "D2", CultureInfo.InvariantCulture);
        return at + written;
    }

    /// <summary>
    /// Decodes the NUL-terminated UTF-16LE string at <paramref name="at"/> into the arena as UTF-8 and returns its length in
    /// bytes of UTF-16 (without the NUL). The NUL must come before the object area ends and within the value size limit.
    /// </summary>
    private int DecodeUtf16(int property, long at, long index)
    {
        var available = _areaEnd - at;
        var limit = Math.Min(available, (2L * _options.MaxValueBytes) + 2);
        var probe = (int)Math.Min(limit, 512);
        while (true)
        {
            var bytes = _window!.Get(at, probe);
            var chars = MemoryMarshal.Cast<byte, char>(bytes);
            var nul = chars.IndexOf('\0');
            if (nul >= 0)
            {
                chars = chars[..nul];
                var max = 3 * chars.Length;
                var start = _record.ArenaAlloc(max);
                var status = Utf8.FromUtf16(chars, _record.Arena.AsSpan(start, max), out _, out var written, replaceInvalidSequences: false);
                if (status != System.Buffers.OperationStatus.Done)
                {
                    throw Fail(DiagnosticCodes.AdxString, at, index, $"a string of {NameStringOf(property)} at {Hex(at)} is not valid UTF-16 (an unpaired surrogate)");
                }

                if (written > _options.MaxValueBytes)
                {
                    throw Fail(DiagnosticCodes.AdxValueTooLarge, at, index,
                        $"a string of {NameStringOf(property)} is {Num(written)} bytes in UTF-8, over the value size limit of {Num(_options.MaxValueBytes)}");
                }

                _record.ArenaUsed = start + written;
                return 2 * nul;
            }

            if (probe >= limit)
            {
                throw limit < available
                    ? Fail(DiagnosticCodes.AdxValueTooLarge, at, index,
                        $"a string of {NameStringOf(property)} at {Hex(at)} runs on past the value size limit of {Num(_options.MaxValueBytes)} bytes")
                    : Fail(DiagnosticCodes.AdxString, at, index,
                        $"a string of {NameStringOf(property)} at {Hex(at)} has no terminating NUL before the end of the object area");
            }

            probe = (int)Math.Min(limit, (long)probe * 8);
        }
    }

    /// <summary>A block of <paramref name="n"/> values of <paramref name="size"/> bytes each (or offsets/lengths) must fit in the object area.</summary>
    private void CheckCount(int property, long block, uint n, int size, long index)
    {
        if (n > (_areaEnd - block - 4) / size)
        {
            throw Fail(DiagnosticCodes.AdxValueOffset, block, index,
                $"the value block of {NameStringOf(property)} at {Hex(block)} counts {Num(n)} values, more than fit before the end of the object area");
        }
    }

    /// <summary>The values decoded for one object stay within the record size limit.</summary>
    private void CheckRecordBytes(long block, long index)
    {
        if (_record.ArenaUsed > _options.MaxRecordBytes)
        {
            throw Fail(DiagnosticCodes.AdxValueTooLarge, block, index,
                $"the object's values exceed the record size limit of {Num(_options.MaxRecordBytes)} bytes");
        }
    }

    private void AddValue(in AdExplorerProperty property, int start, int length, long index) =>
        _record.AddValue(DumpRecord.SourceHeader, property.NameStart, property.NameLength, property.NameLength,
            DumpRecord.SourceArena, start, length, ValueEncoding.Plain, index);
}
