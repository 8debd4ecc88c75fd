using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace RusSnapshot.Synth.Writing;

/// <summary>What an AD Explorer snapshot's header says: the server it was taken from, when, and the description typed.</summary>
internal sealed record AdExplorerCapture(string Server, DateTime Time, string Description);

/// <summary>
/// Writes entries as a Sysinternals AD Explorer snapshot (<c>.dat</c>), the way AD Explorer does (ADEXPLORER.md): the
/// header with <c>win-ad-XX</c> until the end, then object records (the DN first; a value block identical to one written
/// less than 1,000,000 bytes before is pointed back at, not written again; DN blocks never shared), the placeholder
/// records of uncaptured parents, the property table (each attribute with its real type), empty class and right tables,
/// the tree index, and last the final header with <c>win-ad-ob</c>. Needs a seekable stream (the header is written last).
/// </summary>
/// <remarks>
/// Values arrive as an LDIF export holds them (UTF-8 text, binary bytes) and are stored in the attribute's type: a text
/// value that does not parse as that type is a generator bug, and throws. Memory: the current object, the blocks of the
/// last 1,000,000 bytes, and per object its offset and parent (for the tree index), about 30 bytes an object.
/// </remarks>
internal sealed class AdExplorerEntrySink : IEntrySink
{
    private const int HeaderSize = 0x43E;
    private const int ShareDistance = 1_000_000;

    private readonly Stream _file;
    private readonly BufferedStream _out;
    private readonly AdExplorerCapture _capture;
    private readonly Dictionary<string, int> _propertyIndex = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Name, AdExplorerSchema.Type Type)> _properties = [];
    private readonly ArrayBufferWriter<byte> _values = new(64 * 1024);
    private readonly List<(int Slot, int Start, int Length)> _valueList = [];
    private readonly List<int> _slots = [];                       // property of each attribute of the current object, in order
    private readonly Dictionary<int, int> _slotOfProperty = [];
    private readonly ArrayBufferWriter<byte> _record = new(64 * 1024);
    private readonly ArrayBufferWriter<byte> _block = new(4096);
    private readonly Dictionary<byte[], long> _shared = new(BlockComparer.Instance);
    private readonly Queue<(long Offset, byte[] Key)> _sharedOrder = new();
    private readonly List<long> _recordOffsets = [];
    private readonly List<int> _parents = [];                       // record index, -1 for the root, -2 pending
    private readonly Dictionary<ulong, int> _byDn = [];
    private readonly HashSet<ulong> _namingContexts = [];
    private readonly List<(int Record, string ParentDn)> _pending = [];
    private byte[] _dn = [];
    private bool _inEntry;
    private long _position;
    private long _attributeEntries;
    private bool _disposed;

    public AdExplorerEntrySink(Stream output, AdExplorerCapture capture)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!output.CanSeek)
        {
            throw new ArgumentException("An AD Explorer snapshot is written to a seekable stream (its header is written last).", nameof(output));
        }

        _file = output;
        _out = new BufferedStream(output, 1024 * 1024);
        _capture = capture;
        Span<byte> header = stackalloc byte[HeaderSize];
        header.Clear();
        "win-ad-XX\0"u8.CopyTo(header); // the final signature is set last: a file left like this never finished
        _out.Write(header);
        _position = HeaderSize;
    }

    public long Entries { get; private set; }

    public long Bytes { get; private set; }

    public void BeginPartition(string namingContext) => _namingContexts.Add(DnHash(Encoding.UTF8.GetBytes(namingContext)));

    public void EndPartition(IReadOnlyList<string> references, int resultCode, string resultText)
    {
    }

    public void Begin(ReadOnlySpan<byte> dn)
    {
        if (_inEntry)
        {
            throw new InvalidOperationException("End was not called for the previous entry.");
        }

        _inEntry = true;
        _dn = dn.ToArray();
        _values.Clear();
        _valueList.Clear();
        _slots.Clear();
        _slotOfProperty.Clear();
    }

    public void Text(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => Value(name, value, binary: false);

    public void Binary(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => Value(name, value, binary: true);

    public void End()
    {
        if (!_inEntry)
        {
            throw new InvalidOperationException("Begin was not called.");
        }

        _inEntry = false;
        var index = WriteRecord(_dn, true);
        Entries++;
        Resolve(index, _dn);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_inEntry)
        {
            throw new InvalidOperationException("End was not called for the last entry.");
        }

        // Parents not captured (or written after their children) get placeholder records: only a DN.
        var objects = _recordOffsets.Count;
        var placeholders = new Dictionary<ulong, int>();
        foreach (var (record, parentDn) in _pending)
        {
            var bytes = Encoding.UTF8.GetBytes(parentDn);
            var hash = DnHash(bytes);
            if (_byDn.TryGetValue(hash, out var parent) || placeholders.TryGetValue(hash, out parent))
            {
                _parents[record] = parent;
                continue;
            }

            _dn = bytes;
            _valueList.Clear();
            _slots.Clear();
            var placeholder = WriteRecord(bytes, false);
            placeholders.Add(hash, placeholder);
            _parents[record] = placeholder;
            _parents[placeholder] = ParentDn(bytes) is { } up && _byDn.TryGetValue(DnHash(Encoding.UTF8.GetBytes(up)), out var above) ? above : -1;
        }

        Span<byte> eight = stackalloc byte[8];
        eight.Clear();
        Write(eight); // padding before the property table, as AD Explorer leaves it
        var mapping = _position;
        WriteProperties();
        WriteU32(0); // classes: not needed to read objects
        WriteU32(0); // rights
        while (_position % 8 != 0)
        {
            _out.WriteByte(0);
            _position++;
        }

        var tree = _position;
        WriteTree();
        _out.Flush();
        Bytes = _position;

        Span<byte> h = stackalloc byte[HeaderSize];
        h.Clear();
        "win-ad-ob\0"u8.CopyTo(h);
        BinaryPrimitives.WriteUInt32LittleEndian(h[0x0A..], 0x00010001);
        BinaryPrimitives.WriteInt64LittleEndian(h[0x0E..], _capture.Time.ToFileTimeUtc());
        HeaderText(_capture.Description, h.Slice(0x16, 520));
        HeaderText(_capture.Server, h.Slice(0x21E, 520));
        BinaryPrimitives.WriteUInt32LittleEndian(h[0x426..], (uint)objects);
        BinaryPrimitives.WriteUInt32LittleEndian(h[0x42A..], (uint)_attributeEntries);
        BinaryPrimitives.WriteUInt64LittleEndian(h[0x42E..], (ulong)mapping);
        BinaryPrimitives.WriteUInt64LittleEndian(h[0x436..], (ulong)tree);
        _file.Seek(0, SeekOrigin.Begin);
        _file.Write(h);
        _file.Seek(0, SeekOrigin.End);
        _file.Flush();
        _out.Dispose(); // disposes the file too
    }

    private void Value(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, bool binary)
    {
        if (!_inEntry)
        {
            throw new InvalidOperationException("Begin was not called.");
        }

        if (Ascii.EqualsIgnoreCase(name, "distinguishedName"u8))
        {
            return; // the DN is the record's first entry, from Begin
        }

        var property = PropertyOf(name, binary);
        if (!_slotOfProperty.TryGetValue(property, out var slot))
        {
            slot = _slots.Count;
            _slots.Add(property);
            _slotOfProperty.Add(property, slot);
        }

        var start = _values.WrittenCount;
        _values.Write(value);
        _valueList.Add((slot, start, value.Length));
    }

    private int PropertyOf(ReadOnlySpan<byte> name, bool binary)
    {
        var text = Encoding.ASCII.GetString(name);
        if (_propertyIndex.TryGetValue(text, out var index))
        {
            if ((_properties[index].Type.Encoding == AdExplorerSchema.Encoding.Octets) != binary)
            {
                throw new InvalidOperationException($"{text} is written both as text and as binary: one type per attribute.");
            }

            return index;
        }

        return Declare(text, AdExplorerSchema.Of(text, binary));
    }

    private int Declare(string name, AdExplorerSchema.Type type)
    {
        _properties.Add((name, type));
        _propertyIndex.Add(name, _properties.Count - 1);
        return _properties.Count - 1;
    }

    /// <summary>Writes the record of the DN in <paramref name="dn"/> and the attributes collected; returns its index.</summary>
    private int WriteRecord(byte[] dn, bool withAttributes)
    {
        var start = _position;
        EvictShared(start);
        var dnProperty = _propertyIndex.TryGetValue("distinguishedName", out var d) ? d : Declare("distinguishedName", AdExplorerSchema.Dn);
        var slots = withAttributes ? _slots.Count : 0;
        var tableEnd = 8 + (8 * (1 + slots));
        _record.Clear();
        _record.GetSpan(tableEnd)[..tableEnd].Clear();
        _record.Advance(tableEnd);

        // The DN first, never shared.
        _block.Clear();
        EncodeStrings([(0, dn.Length)], dn);
        SetEntry(0, dnProperty, tableEnd);
        _record.Write(_block.WrittenSpan);

        for (var s = 0; s < slots; s++)
        {
            var property = _slots[s];
            _block.Clear();
            Encode(property, s);
            var key = _block.WrittenSpan.ToArray();
            if (_shared.TryGetValue(key, out var at) && start - at < ShareDistance)
            {
                SetEntry(1 + s, property, (int)(at - start));
                continue;
            }

            var offset = _record.WrittenCount;
            SetEntry(1 + s, property, offset);
            _record.Write(key);
            _shared[key] = start + offset;
            _sharedOrder.Enqueue((start + offset, key));
        }

        BinaryPrimitives.WriteUInt32LittleEndian(MutableRecord(), (uint)_record.WrittenCount);
        BinaryPrimitives.WriteUInt32LittleEndian(MutableRecord()[4..], (uint)(1 + slots));
        Write(_record.WrittenSpan);
        _attributeEntries += slots;
        _recordOffsets.Add(start);
        _parents.Add(-1);
        return _recordOffsets.Count - 1;
    }

    private Span<byte> MutableRecord() => System.Runtime.InteropServices.MemoryMarshal.AsMemory(_record.WrittenMemory).Span;

    private void SetEntry(int entry, int property, int offset)
    {
        var table = MutableRecord();
        BinaryPrimitives.WriteUInt32LittleEndian(table[(8 + (8 * entry))..], (uint)property);
        BinaryPrimitives.WriteInt32LittleEndian(table[(12 + (8 * entry))..], offset);
    }

    private void EvictShared(long position)
    {
        while (_sharedOrder.TryPeek(out var oldest) && position - oldest.Offset >= ShareDistance)
        {
            _sharedOrder.Dequeue();
            if (_shared.TryGetValue(oldest.Key, out var at) && at == oldest.Offset)
            {
                _shared.Remove(oldest.Key);
            }
        }
    }

    /// <summary>The value block of attribute slot <paramref name="slot"/> in the property's type.</summary>
    private void Encode(int property, int slot)
    {
        var values = new List<(int Start, int Length)>();
        foreach (var v in _valueList)
        {
            if (v.Slot == slot)
            {
                values.Add((v.Start, v.Length));
            }
        }

        var bytes = _values.WrittenSpan;
        var (name, type) = _properties[property];
        switch (type.Encoding)
        {
            case AdExplorerSchema.Encoding.String:
                EncodeStrings(values, bytes);
                return;
            case AdExplorerSchema.Encoding.Octets:
                U32(_block, values.Count);
                foreach (var (_, length) in values)
                {
                    U32(_block, length);
                }

                foreach (var (start, length) in values)
                {
                    _block.Write(bytes.Slice(start, length));
                }

                return;
        }

        U32(_block, values.Count);
        foreach (var (start, length) in values)
        {
            var text = Encoding.UTF8.GetString(bytes.Slice(start, length));
            switch (type.Encoding)
            {
                case AdExplorerSchema.Encoding.Boolean:
                    U32(_block, text switch
                    {
                        "TRUE" => 1,
                        "FALSE" => 0,
                        _ => throw Unparsable(name, text),
                    });
                    break;
                case AdExplorerSchema.Encoding.Integer:
                    if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)
                        || i.ToString(CultureInfo.InvariantCulture) != text)
                    {
                        throw Unparsable(name, text);
                    }

                    U32(_block, i);
                    break;
                case AdExplorerSchema.Encoding.LargeInteger:
                    if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                        || l.ToString(CultureInfo.InvariantCulture) != text)
                    {
                        throw Unparsable(name, text);
                    }

                    BinaryPrimitives.WriteInt64LittleEndian(_block.GetSpan(8), l);
                    _block.Advance(8);
                    break;
                default:
                    // GeneralizedTime as ldifde writes it, to a SYSTEMTIME (day of week and milliseconds 0, as AD Explorer leaves them).
                    if (!DateTime.TryParseExact(text, "yyyyMMddHHmmss'.0Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t))
                    {
                        throw Unparsable(name, text);
                    }

                    var st = _block.GetSpan(16)[..16];
                    st.Clear();
                    BinaryPrimitives.WriteUInt16LittleEndian(st, (ushort)t.Year);
                    BinaryPrimitives.WriteUInt16LittleEndian(st[2..], (ushort)t.Month);
                    BinaryPrimitives.WriteUInt16LittleEndian(st[6..], (ushort)t.Day);
                    BinaryPrimitives.WriteUInt16LittleEndian(st[8..], (ushort)t.Hour);
                    BinaryPrimitives.WriteUInt16LittleEndian(st[10..], (ushort)t.Minute);
                    BinaryPrimitives.WriteUInt16LittleEndian(st[12..], (ushort)t.Second);
                    _block.Advance(16);
                    break;
            }
        }
    }

    private static InvalidOperationException Unparsable(string name, string text) =>
        new($"{name}: '{text}' is not a value of the type AD Explorer stores it in.");

    /// <summary><c>u32 n</c>, <c>i32 off[n]</c> relative to the block, then the NUL-terminated UTF-16LE strings.</summary>
    private void EncodeStrings(List<(int Start, int Length)> values, ReadOnlySpan<byte> bytes)
    {
        U32(_block, values.Count);
        var offsets = _block.WrittenCount;
        _block.GetSpan(4 * values.Count)[..(4 * values.Count)].Clear();
        _block.Advance(4 * values.Count);
        for (var k = 0; k < values.Count; k++)
        {
            var (start, length) = values[k];
            var at = _block.WrittenCount;
            var utf8 = bytes.Slice(start, length);
            var chars = Encoding.UTF8.GetCharCount(utf8);
            var span = _block.GetSpan((2 * chars) + 2);
            var status = System.Text.Unicode.Utf8.ToUtf16(utf8, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(span[..(2 * chars)]), out _, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done || utf8.Contains((byte)0))
            {
                throw new InvalidOperationException("A text value is not valid UTF-8, or holds a NUL: AD Explorer stores NUL-terminated strings.");
            }

            span[2 * written] = 0;
            span[(2 * written) + 1] = 0;
            _block.Advance((2 * written) + 2);
            BinaryPrimitives.WriteInt32LittleEndian(System.Runtime.InteropServices.MemoryMarshal.AsMemory(_block.WrittenMemory).Span[(offsets + (4 * k))..], at);
        }
    }

    /// <summary>Remembers where a record sits in the tree: under the naming context root, its parent, or pending (parent not seen yet).</summary>
    private void Resolve(int index, byte[] dn)
    {
        var hash = DnHash(dn);
        _byDn.TryAdd(hash, index);
        if (_namingContexts.Contains(hash))
        {
            _parents[index] = -1;
            return;
        }

        var parent = ParentDn(dn);
        if (parent is not null && _byDn.TryGetValue(DnHash(Encoding.UTF8.GetBytes(parent)), out var p))
        {
            _parents[index] = p;
            return;
        }

        _parents[index] = -1;
        if (parent is not null)
        {
            _pending.Add((index, parent));
        }
    }

    /// <summary>The DN without its first RDN (after the first comma not escaped), or null for a single RDN.</summary>
    private static string? ParentDn(byte[] dn)
    {
        for (var i = 0; i < dn.Length; i++)
        {
            if (dn[i] == (byte)'\\')
            {
                i++;
            }
            else if (dn[i] == (byte)',')
            {
                return Encoding.UTF8.GetString(dn.AsSpan(i + 1)).TrimStart();
            }
        }

        return null;
    }

    /// <summary>FNV-1a over the DN with ASCII letters folded: DNs compare case-insensitively.</summary>
    private static ulong DnHash(ReadOnlySpan<byte> dn)
    {
        var h = 14695981039346656037UL;
        foreach (var b in dn)
        {
            h ^= b is >= (byte)'a' and <= (byte)'z' ? (byte)(b - 32) : b;
            h *= 1099511628211UL;
        }

        return h;
    }

    private void WriteProperties()
    {
        WriteU32((uint)_properties.Count);
        Span<byte> zero = stackalloc byte[32];
        zero.Clear();
        foreach (var (name, type) in _properties)
        {
            WriteString(name);
            WriteU32((uint)type.Syntax);
            WriteU32(type.AdsType);
            WriteString($"CN={name},CN=Schema,CN=Configuration");
            var guid = Guid(name);
            Write(guid);
            Write(zero[..16]); // attributeSecurityGUID
            WriteU32(name.Equals("objectGUID", StringComparison.OrdinalIgnoreCase) ? 1u
                : name.Equals("objectSid", StringComparison.OrdinalIgnoreCase) ? 2u
                : type.AdsType == 10 ? 4u : 0u);
        }
    }

    /// <summary>A stable schemaIDGUID per name (the generator has no schema partition).</summary>
    private static byte[] Guid(string name)
    {
        var guid = new byte[16];
        var h = DnHash(Encoding.ASCII.GetBytes(name));
        BinaryPrimitives.WriteUInt64LittleEndian(guid, h);
        BinaryPrimitives.WriteUInt64LittleEndian(guid.AsSpan(8), h * 31);
        return guid;
    }

    /// <summary>The tree index: depth first, each node followed by its subtree; records with children are nodes, the others leaves.</summary>
    private void WriteTree()
    {
        var n = _recordOffsets.Count;
        var counts = new int[n + 1];          // children per record; the root is n
        foreach (var p in _parents)
        {
            counts[p < 0 ? n : p]++;
        }

        var first = new int[n + 2];
        for (var i = 0; i <= n; i++)
        {
            first[i + 1] = first[i] + counts[i];
        }

        var children = new int[n];
        var fill = (int[])first.Clone();
        for (var i = 0; i < n; i++)
        {
            var p = _parents[i] < 0 ? n : _parents[i];
            children[fill[p]++] = i;
        }

        // Subtree sizes, children before parents (an explicit stack: no recursion depth limit).
        var sizes = new long[n + 1];
        var order = new List<int>(n + 1);
        var stack = new Stack<int>();
        stack.Push(n);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            order.Add(node);
            for (var k = first[node]; k < first[node + 1]; k++)
            {
                stack.Push(children[k]);
            }
        }

        for (var o = order.Count - 1; o >= 0; o--)
        {
            var node = order[o];
            long size = 16;
            for (var k = first[node]; k < first[node + 1]; k++)
            {
                var c = children[k];
                size += counts[c] > 0 ? 4 + sizes[c] : 8;
            }

            sizes[node] = size;
        }

        WriteNode(n, n, first, children, counts, sizes);
    }

    private void WriteNode(int root, int start, int[] first, int[] children, int[] counts, long[] sizes)
    {
        var stack = new Stack<int>();
        stack.Push(start);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            int childNodes = 0, leaves = 0;
            for (var k = first[node]; k < first[node + 1]; k++)
            {
                if (counts[children[k]] > 0)
                {
                    childNodes++;
                }
                else
                {
                    leaves++;
                }
            }

            WriteU64(node == root ? unchecked((ulong)-2L) : (ulong)_recordOffsets[node]);
            WriteU32((uint)childNodes);
            WriteU32((uint)leaves);
            long next = 16 + (4L * childNodes) + (8L * leaves);
            for (var k = first[node]; k < first[node + 1]; k++)
            {
                var c = children[k];
                if (counts[c] > 0)
                {
                    WriteU32((uint)next);
                    next += sizes[c];
                }
            }

            for (var k = first[node]; k < first[node + 1]; k++)
            {
                var c = children[k];
                if (counts[c] == 0)
                {
                    WriteU64((ulong)_recordOffsets[c]);
                }
            }

            // Child nodes follow in order, each with its subtree: push them last first.
            for (var k = first[node + 1] - 1; k >= first[node]; k--)
            {
                if (counts[children[k]] > 0)
                {
                    stack.Push(children[k]);
                }
            }
        }
    }

    private static void HeaderText(string text, Span<byte> field)
    {
        var chars = text.Length > 259 ? text[..259] : text;
        Encoding.Unicode.GetBytes(chars, field);
    }

    private void WriteString(string value)
    {
        var bytes = Encoding.Unicode.GetBytes(value + "\0");
        WriteU32((uint)bytes.Length);
        Write(bytes);
    }

    private static void U32(ArrayBufferWriter<byte> buffer, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(buffer.GetSpan(4), value);
        buffer.Advance(4);
    }

    private void WriteU32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        Write(b);
    }

    private void WriteU64(ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        Write(b);
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        _out.Write(bytes);
        _position += bytes.Length;
    }

    /// <summary>Blocks compared by content.</summary>
    private sealed class BlockComparer : IEqualityComparer<byte[]>
    {
        public static readonly BlockComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj)
        {
            var h = new HashCode();
            h.AddBytes(obj);
            return h.ToHashCode();
        }
    }
}
