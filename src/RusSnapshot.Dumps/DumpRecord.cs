using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;

namespace RusSnapshot.Dumps;

/// <summary>
/// One record of a dump, as a view over the reader's buffers: nothing is decoded or turned into a string
/// until asked for. Valid until the reader's next <c>Read</c>; call <see cref="ToEntry"/> to keep it.
/// </summary>
/// <remarks>
/// This is the type the hot path uses: attribute names are compared as ASCII bytes, values are decoded
/// (unfolded, base64 or hex) once on first access into a per-record arena, and only the values a caller
/// keeps become strings. A million-entry dump therefore costs parsing, not allocation.
/// </remarks>
public sealed class DumpRecord
{
    internal const byte SourceBuffer = 0;
    internal const byte SourceArena = 1;
    internal const byte SourceHeader = 2;

    internal struct Slot
    {
        public int NameStart;
        public int NameLength;          // attribute type, without options
        public int DescriptionLength;   // type plus ";option..." as written
        public int ValueStart;
        public int ValueLength;         // for folded LDIF values: the first physical segment only
        public int DecodedStart;        // arena offset of the decoded value, -1 until decoded
        public int DecodedLength;
        public long Line;
        public ValueEncoding Encoding;
        public byte NameSource;
        public byte ValueSource;
        public bool Folded;
        public bool Critical;           // LDIF control slots only: the criticality
        public bool HasValue;           // LDIF control slots only: a value follows the OID

        /// <summary>
        /// One attribute value as a reader found it, filled in place (clearing what the slot held before): where its
        /// description is (type, then options) and where its value is, in which source; how the value is written; and
        /// its line (the object index for a snapshot). Nothing decoded yet. In place, as a slot built elsewhere and
        /// copied in stalls the copy: the narrow stores that built it cannot be forwarded to the wide loads that copy it
        /// (measured: a quarter of the LDIF reader's record loop).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Set(
            byte nameSource, int nameStart, int nameLength, int descriptionLength,
            byte valueSource, int valueStart, int valueLength, ValueEncoding encoding, long line, bool folded)
        {
            NameSource = nameSource;
            NameStart = nameStart;
            NameLength = nameLength;
            DescriptionLength = descriptionLength;
            ValueSource = valueSource;
            ValueStart = valueStart;
            ValueLength = valueLength;
            DecodedStart = -1;
            DecodedLength = 0;
            Encoding = encoding;
            Folded = folded;
            Line = line;
            Critical = false;
            HasValue = false;
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    internal Slot[] Slots = new Slot[64];
    internal int SlotCount;
    internal Slot[] ControlSlots = new Slot[2];   // LDIF change-record controls: the name is the OID
    internal int ControlSlotCount;
    internal byte[] Buffer = [];
    internal byte[] Header = [];
    internal byte[] Arena = new byte[1024];
    internal int ArenaUsed;
    internal byte DnSource;
    internal int DnStart;
    internal int DnLength;
    internal int BufferLimit;   // end of the valid region in Buffer: folds never look past it
    private string? _dn;

    /// <summary>What kind of record this is.</summary>
    public DumpRecordKind Kind { get; internal set; }

    /// <summary>The record's first line.</summary>
    public DumpPosition Position { get; internal set; }

    /// <summary>For LDIF change records read as entries: true when the record carried <c>changetype: add</c>.</summary>
    public bool IsChangeAdd { get; internal set; }

    /// <summary>Number of attribute values (one per LDIF value line; CSV multi-values are split).</summary>
    public int Count => SlotCount;

    /// <summary>The DN, decoded (a <c>dn::</c> is base64-decoded, folds joined), as UTF-8 bytes. Empty for the root DSE and for records without a DN.</summary>
    public ReadOnlySpan<byte> DnUtf8 => Source(DnSource).AsSpan(DnStart, DnLength);

    /// <summary>The DN as a string, made on first use.</summary>
    public string Dn => _dn ??= DecodeUtf8(DnUtf8);

    /// <summary>The attribute type of value <paramref name="index"/>, without options (<c>userCertificate</c> for <c>userCertificate;binary</c>).</summary>
    public ReadOnlySpan<byte> NameAt(int index)
    {
        ref readonly var s = ref SlotAt(index);
        return Source(s.NameSource).AsSpan(s.NameStart, s.NameLength);
    }

    /// <summary>The attribute description of value <paramref name="index"/> as written, options included.</summary>
    public ReadOnlySpan<byte> DescriptionAt(int index)
    {
        ref readonly var s = ref SlotAt(index);
        return Source(s.NameSource).AsSpan(s.NameStart, s.DescriptionLength);
    }

    /// <summary>The attribute description of value <paramref name="index"/> as a string.</summary>
    public string DescriptionStringAt(int index) => Encoding.ASCII.GetString(DescriptionAt(index));

    /// <summary>The physical line on which value <paramref name="index"/> starts.</summary>
    public long LineAt(int index) => SlotAt(index).Line;

    /// <summary>How value <paramref name="index"/> was written.</summary>
    public ValueEncoding EncodingAt(int index) => SlotAt(index).Encoding;

    /// <summary>Number of LDIF <c>control:</c> lines of a change record (they are not attribute values).</summary>
    public int ControlCount => ControlSlotCount;

    /// <summary>The LDIF <c>control:</c> line <paramref name="index"/>, decoded (base64 values decoded; URL values are the URL, never followed).</summary>
    public DumpControl ControlAt(int index)
    {
        if ((uint)index >= (uint)ControlSlotCount)
        {
            ThrowIndex(index);
        }

        ref var s = ref ControlSlots[index];
        var oid = Encoding.ASCII.GetString(Source(s.NameSource).AsSpan(s.NameStart, s.NameLength));
        var value = s.HasValue ? ValueOf(ref s).ToArray() : null;
        return new DumpControl(oid, s.Critical, value, s.HasValue && s.Encoding == ValueEncoding.Url, s.Line);
    }

    /// <summary>True when attribute <paramref name="index"/> has the type <paramref name="name"/> (ASCII, case-insensitive, options ignored).</summary>
    public bool NameIs(int index, ReadOnlySpan<byte> name) => Ascii.EqualsIgnoreCase(NameAt(index), name);

    /// <summary>The index of the next value at or after <paramref name="start"/> whose attribute type is <paramref name="name"/>, or -1.</summary>
    public int IndexOf(ReadOnlySpan<byte> name, int start = 0)
    {
        for (var i = start; i < SlotCount; i++)
        {
            ref readonly var s = ref Slots[i];
            if (s.NameLength == name.Length && Ascii.EqualsIgnoreCase(Source(s.NameSource).AsSpan(s.NameStart, s.NameLength), name))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>True when the record has at least one value of attribute type <paramref name="name"/>.</summary>
    public bool Has(ReadOnlySpan<byte> name) => IndexOf(name) >= 0;

    /// <summary>
    /// The decoded bytes of value <paramref name="index"/>: plain values as written (UTF-8), base64 and hex decoded,
    /// folded lines joined; for a URL value, the URL itself (never followed).
    /// </summary>
    public ReadOnlySpan<byte> ValueAt(int index)
    {
        if ((uint)index >= (uint)SlotCount)
        {
            ThrowIndex(index);
        }

        return ValueOf(ref Slots[index]);
    }

    /// <summary>
    /// How many values repeat an earlier value of the same attribute description in this record (descriptions compared
    /// ASCII case-insensitively as written, values as decoded bytes). Computed on demand, off the reading path: the
    /// reader keeps duplicates as they are, and a caller that wants to report them asks here.
    /// </summary>
    public int CountDuplicateValues()
    {
        var duplicates = 0;
        var seen = new Dictionary<int, List<int>>();
        for (var i = 0; i < SlotCount; i++)
        {
            var hash = new HashCode();
            foreach (var b in DescriptionAt(i))
            {
                hash.Add(b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b);
            }

            hash.AddBytes(ValueAt(i));
            var key = hash.ToHashCode();
            if (!seen.TryGetValue(key, out var same))
            {
                seen.Add(key, [i]);
                continue;
            }

            var repeated = false;
            foreach (var j in same)
            {
                if (Ascii.EqualsIgnoreCase(DescriptionAt(i), DescriptionAt(j)) && ValueAt(i).SequenceEqual(ValueAt(j)))
                {
                    repeated = true;
                    break;
                }
            }

            if (repeated)
            {
                duplicates++;
            }
            else
            {
                same.Add(i);
            }
        }

        return duplicates;
    }

    private ReadOnlySpan<byte> ValueOf(ref Slot s)
    {
        if (s.Encoding == ValueEncoding.Plain && !s.Folded || s.Encoding == ValueEncoding.Url && !s.Folded)
        {
            return Source(s.ValueSource).AsSpan(s.ValueStart, s.ValueLength);
        }

        if (s.DecodedStart < 0)
        {
            Decode(ref s);
        }

        return Arena.AsSpan(s.DecodedStart, s.DecodedLength);
    }

    /// <summary>Value <paramref name="index"/> decoded as UTF-8 text (invalid sequences become U+FFFD).</summary>
    public string ValueStringAt(int index) => DecodeUtf8(ValueAt(index));

    /// <summary>The first value of attribute <paramref name="name"/> as a string, or null when absent.</summary>
    public string? FirstString(ReadOnlySpan<byte> name)
    {
        var i = IndexOf(name);
        return i < 0 ? null : ValueStringAt(i);
    }

    /// <summary>Copies the record into an immutable <see cref="DumpEntry"/> that outlives the reader's buffers.</summary>
    public DumpEntry ToEntry()
    {
        var attributes = new List<DumpAttribute>();
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var values = new List<List<DumpValue>>();
        for (var i = 0; i < SlotCount; i++)
        {
            var description = DescriptionStringAt(i);
            if (!index.TryGetValue(description, out var at))
            {
                at = values.Count;
                index.Add(description, at);
                values.Add([]);
                attributes.Add(null!);
            }

            values[at].Add(new DumpValue(ValueAt(i).ToArray(), EncodingAt(i) == ValueEncoding.Url, LineAt(i)));
        }

        foreach (var (description, at) in index)
        {
            attributes[at] = new DumpAttribute(description, values[at]);
        }

        return new DumpEntry(Dn, attributes, Position, Kind);
    }

    /// <summary>
    /// Copies this record into <paramref name="destination"/>, reusing its arrays, so that the copy stays valid after the
    /// reader's next <c>Read</c> (for handing records to another thread). Only the bytes the record refers to are
    /// copied: the part of the reader's buffer its DN, names and values (folds included) lie in, and the decoded values.
    /// The copy answers every question as the original would, values not yet decoded included.
    /// </summary>
    public void CopyTo(DumpRecord destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (ReferenceEquals(destination, this))
        {
            return;
        }

        // The region of Buffer the record refers to.
        int lo = int.MaxValue, hi = 0;
        if (DnSource == SourceBuffer && DnLength > 0)
        {
            lo = DnStart;
            hi = DnStart + DnLength;
        }

        Cover(Slots, SlotCount, ref lo, ref hi);
        Cover(ControlSlots, ControlSlotCount, ref lo, ref hi);
        if (lo > hi)
        {
            lo = hi = 0;
        }

        var length = hi - lo;
        if (destination.Buffer.Length < length || destination.Buffer.Length == 0)
        {
            destination.Buffer = new byte[Math.Max(length, 256)];
        }

        Buffer.AsSpan(lo, length).CopyTo(destination.Buffer);
        destination.BufferLimit = length;

        if (destination.Arena.Length < ArenaUsed)
        {
            destination.Arena = new byte[Math.Max(ArenaUsed, destination.Arena.Length * 2)];
        }

        Arena.AsSpan(0, ArenaUsed).CopyTo(destination.Arena);
        destination.ArenaUsed = ArenaUsed;
        destination.Header = Header; // the CSV header's names: one array per reader, never changed once read

        CopySlots(Slots, SlotCount, ref destination.Slots, lo);
        destination.SlotCount = SlotCount;
        CopySlots(ControlSlots, ControlSlotCount, ref destination.ControlSlots, lo);
        destination.ControlSlotCount = ControlSlotCount;

        destination.DnSource = DnSource;
        destination.DnStart = DnSource != SourceBuffer ? DnStart : DnLength > 0 ? DnStart - lo : 0;
        destination.DnLength = DnLength;
        destination._dn = _dn;
        destination.Kind = Kind;
        destination.Position = Position;
        destination.IsChangeAdd = IsChangeAdd;
    }

    /// <summary>The bytes this record holds on to (its own arrays, not the reader's buffer): what keeping a copy costs.</summary>
    public long RetainedBytes => (Buffer.Length + Arena.Length) + (long)(Slots.Length + ControlSlots.Length) * Unsafe.SizeOf<Slot>();

    private void Cover(Slot[] slots, int count, ref int lo, ref int hi)
    {
        var buffer = Buffer.AsSpan(0, BufferLimit);
        for (var i = 0; i < count; i++)
        {
            ref readonly var s = ref slots[i];
            if (s.NameSource == SourceBuffer && s.DescriptionLength > 0)
            {
                lo = Math.Min(lo, s.NameStart);
                hi = Math.Max(hi, s.NameStart + s.DescriptionLength);
            }

            if (s.ValueSource == SourceBuffer && (s.ValueLength > 0 || s.Folded))
            {
                lo = Math.Min(lo, s.ValueStart);
                hi = Math.Max(hi, s.Folded ? FoldedEnd(buffer, s.ValueStart, s.ValueLength) : s.ValueStart + s.ValueLength);
            }
        }
    }

    private static void CopySlots(Slot[] from, int count, ref Slot[] to, int lo)
    {
        if (to.Length < count)
        {
            to = new Slot[Math.Max(count, to.Length * 2)];
        }

        from.AsSpan(0, count).CopyTo(to);
        for (var i = 0; i < count; i++)
        {
            // Empty names and values were not covered: any offset in the copy serves them.
            ref var s = ref to[i];
            if (s.NameSource == SourceBuffer)
            {
                s.NameStart = s.DescriptionLength > 0 ? s.NameStart - lo : 0;
            }

            if (s.ValueSource == SourceBuffer)
            {
                s.ValueStart = s.ValueLength > 0 || s.Folded ? s.ValueStart - lo : 0;
            }
        }
    }

    /// <summary>Where the last segment of the folded line at <paramref name="start"/> ends (as <see cref="WalkFolds"/> walks it).</summary>
    private static int FoldedEnd(ReadOnlySpan<byte> buffer, int start, int firstLength)
    {
        var p = start + firstLength;
        var end = p;
        while (true)
        {
            if (p < buffer.Length && buffer[p] == (byte)'\r')
            {
                p++;
            }

            p++;
            if (p >= buffer.Length || buffer[p] != (byte)' ')
            {
                return end;
            }

            p++;
            var next = buffer[p..].IndexOfAny((byte)'\r', (byte)'\n');
            p += next < 0 ? buffer.Length - p : next;
            end = p;
        }
    }

    internal static string DecodeUtf8(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? string.Empty : StrictUtf8.GetString(bytes);

    internal void Reset(byte[] buffer, DumpPosition position)
    {
        Buffer = buffer;
        BufferLimit = buffer.Length;
        Position = position;
        SlotCount = 0;
        ControlSlotCount = 0;
        ArenaUsed = 0;
        DnSource = SourceBuffer;
        DnStart = 0;
        DnLength = 0;
        _dn = null;
        Kind = DumpRecordKind.Entry;
        IsChangeAdd = false;
    }

    /// <summary>
    /// Appends one attribute value as a reader found it (<see cref="Slot.Set"/>), filled in place in the slot array. The
    /// readers call this for every value of a dump: one bounds check and the stores; growing is out of line.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddValue(
        byte nameSource, int nameStart, int nameLength, int descriptionLength,
        byte valueSource, int valueStart, int valueLength, ValueEncoding encoding, long line)
    {
        NextSlot().Set(nameSource, nameStart, nameLength, descriptionLength, valueSource, valueStart, valueLength, encoding, line, folded: false);
        CommitSlot();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow() => Array.Resize(ref Slots, Slots.Length * 2);

    /// <summary>
    /// The slot the next value goes to, to be filled in place (<see cref="Slot.Set"/>); it counts as a value only once
    /// <see cref="CommitSlot"/> is called, so a line that is no value (a DN, a control) leaves it free. Nothing else may
    /// add a slot in between: the reference would point into an array replaced by growth.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref Slot NextSlot()
    {
        if ((uint)SlotCount >= (uint)Slots.Length)
        {
            Grow();
        }

        return ref Slots[SlotCount];
    }

    /// <summary>Counts the slot <see cref="NextSlot"/> handed out as the record's next value.</summary>
    internal void CommitSlot() => SlotCount++;

    internal ref Slot AddControlSlot() => ref Append(ref ControlSlots, ref ControlSlotCount);

    /// <summary>Appends a fresh slot (nothing decoded yet) to a growable slot array.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Slot Append(ref Slot[] slots, ref int count)
    {
        if (count == slots.Length)
        {
            Array.Resize(ref slots, slots.Length * 2);
        }

        ref var s = ref slots[count++];
        s = default;
        s.DecodedStart = -1;
        return ref s;
    }

    internal void SetDn(byte source, int start, int length)
    {
        DnSource = source;
        DnStart = start;
        DnLength = length;
        _dn = null;
    }

    /// <summary>Reserves <paramref name="length"/> bytes in the arena and returns their offset; earlier offsets stay valid.</summary>
    internal int ArenaAlloc(int length)
    {
        if (ArenaUsed + length > Arena.Length)
        {
            var size = Math.Max(Arena.Length * 2, ArenaUsed + length);
            Array.Resize(ref Arena, size);
        }

        var at = ArenaUsed;
        ArenaUsed += length;
        return at;
    }

    internal byte[] Source(byte source) => source switch
    {
        SourceBuffer => Buffer,
        SourceArena => Arena,
        _ => Header,
    };

    /// <summary>Joins the physical segments of a folded LDIF line (RFC 2849 note 2: drop the line break and one space).</summary>
    internal static int Unfold(ReadOnlySpan<byte> buffer, int start, int firstLength, Span<byte> destination) =>
        WalkFolds(buffer, start, firstLength, destination, copy: true);

    /// <summary>The length of the logical line that starts at <paramref name="start"/>, folds joined, not counting the breaks.</summary>
    internal static int UnfoldedLength(ReadOnlySpan<byte> buffer, int start, int firstLength) =>
        WalkFolds(buffer, start, firstLength, default, copy: false);

    /// <summary>
    /// Walks the segments of a folded line and returns its joined length, copying the segments to
    /// <paramref name="destination"/> when <paramref name="copy"/> is set. Inlined into both callers, where
    /// <paramref name="copy"/> is a constant, so each gets its own loop with no test per segment.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WalkFolds(ReadOnlySpan<byte> buffer, int start, int firstLength, Span<byte> destination, bool copy)
    {
        if (copy)
        {
            buffer[start..(start + firstLength)].CopyTo(destination);
        }

        var length = firstLength;
        var p = start + firstLength;
        while (true)
        {
            // p is at the line break of the segment just walked: skip CRLF or LF.
            if (p < buffer.Length && buffer[p] == (byte)'\r')
            {
                p++;
            }

            p++;
            if (p >= buffer.Length || buffer[p] != (byte)' ')
            {
                return length;
            }

            p++;
            var rest = buffer[p..];
            var end = rest.IndexOfAny((byte)'\r', (byte)'\n');
            if (end < 0)
            {
                end = rest.Length;
            }

            if (copy)
            {
                rest[..end].CopyTo(destination[length..]);
            }

            length += end;
            p += end;
        }
    }

    private void Decode(ref Slot s)
    {
        var src = s.ValueSource == SourceBuffer ? Buffer.AsSpan(0, BufferLimit) : Source(s.ValueSource);
        ReadOnlySpan<byte> text = src.Slice(s.ValueStart, s.ValueLength);
        byte[]? rented = null;
        if (s.Folded)
        {
            var length = UnfoldedLength(src, s.ValueStart, s.ValueLength);
            if (s.Encoding is ValueEncoding.Plain or ValueEncoding.Url)
            {
                var at = ArenaAlloc(length);
                Unfold(src, s.ValueStart, s.ValueLength, Arena.AsSpan(at, length));
                s.DecodedStart = at;
                s.DecodedLength = length;
                return;
            }

            rented = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
            Unfold(src, s.ValueStart, s.ValueLength, rented);
            text = rented.AsSpan(0, length);
        }

        try
        {
            switch (s.Encoding)
            {
                case ValueEncoding.Base64:
                    {
                        var max = Base64.GetMaxDecodedFromUtf8Length(text.Length);
                        var at = ArenaAlloc(max);
                        var status = Base64.DecodeFromUtf8(text, Arena.AsSpan(at, max), out _, out var written);
                        if (status != System.Buffers.OperationStatus.Done)
                        {
                            // Readers validate base64 before handing a record out; reaching this is a reader bug.
                            throw new InvalidOperationException("A base64 value that the reader accepted does not decode.");
                        }

                        ArenaUsed = at + written;
                        s.DecodedStart = at;
                        s.DecodedLength = written;
                        break;
                    }

                case ValueEncoding.Hex:
                    {
                        var at = ArenaAlloc(text.Length / 2);
                        if (!Hex.TryDecode(text, Arena.AsSpan(at, text.Length / 2), out var written))
                        {
                            throw new InvalidOperationException("A hex value that the reader accepted does not decode.");
                        }

                        s.DecodedStart = at;
                        s.DecodedLength = written;
                        break;
                    }

                default:
                    throw new InvalidOperationException($"Unexpected encoding {s.Encoding}.");
            }
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref readonly Slot SlotAt(int index)
    {
        if ((uint)index >= (uint)SlotCount)
        {
            ThrowIndex(index);
        }

        return ref Slots[index];
    }

    private static void ThrowIndex(int index) => throw new ArgumentOutOfRangeException(nameof(index), index, "No value at this index.");
}

/// <summary>An LDIF <c>control:</c> line of a change record (RFC 2849 <c>control: oid [true|false] [value-spec]</c>).</summary>
/// <param name="Oid">The control's OID.</param>
/// <param name="IsCritical">The criticality; false when not written.</param>
/// <param name="Value">The decoded control value, or null when the line has none.</param>
/// <param name="ValueIsUrl">True when the value was written <c>:&lt; URL</c>: <paramref name="Value"/> is the URL, not followed.</param>
/// <param name="Line">The physical line of the control.</param>
public sealed record DumpControl(string Oid, bool IsCritical, byte[]? Value, bool ValueIsUrl, long Line);
