using System.Buffers.Binary;
using System.Text;

namespace RusSnapshot.Dumps.Tests.AdExplorer;

/// <summary>
/// Writes small AD Explorer snapshots for tests, from the format description (ADEXPLORER.md), independently of the
/// generator's writer: explicit property types, values shared by back-references (or not), placeholders, a tree index.
/// </summary>
internal sealed class SnapshotBuilder
{
    public const int HeaderSize = 0x43E;

    private readonly List<(string Name, int Syntax, uint AdsType)> _properties = [];
    private readonly List<(string Dn, List<(string Name, object[] Values)> Attributes)> _objects = [];
    private readonly List<string> _placeholders = [];

    public string Server { get; set; } = "dc1.contoso.test";

    public string Description { get; set; } = string.Empty;

    public DateTime Time { get; set; } = new(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);

    /// <summary>False writes <c>win-ad-XX</c>, as a capture that never finished.</summary>
    public bool Finished { get; set; } = true;

    public bool WithTree { get; set; } = true;

    /// <summary>Identical blocks are written once and pointed back at (as AD Explorer does).</summary>
    public bool Share { get; set; } = true;

    public uint Marker { get; set; } = 0x00010001;

    public SnapshotBuilder()
    {
        Property("distinguishedName", 18, 1);
        Property("objectClass", 12, 3);
    }

    /// <summary>Declares (or finds) a property; returns its index.</summary>
    public int Property(string name, int syntax, uint adsType)
    {
        var i = _properties.FindIndex(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        if (i >= 0)
        {
            return i;
        }

        _properties.Add((name, syntax, adsType));
        return _properties.Count - 1;
    }

    /// <summary>An object: its DN first, then the attributes (declared first with <see cref="Property"/>) with typed values.</summary>
    public SnapshotBuilder Add(string dn, params (string Name, object[] Values)[] attributes)
    {
        _objects.Add((dn, [.. attributes]));
        return this;
    }

    public SnapshotBuilder Placeholder(string dn)
    {
        _placeholders.Add(dn);
        return this;
    }

    public byte[] Build()
    {
        using var body = new MemoryStream();
        body.Write(new byte[HeaderSize]);
        var shared = new Dictionary<string, long>(StringComparer.Ordinal);
        var recordOffsets = new List<long>();
        long attributeEntries = 0;
        foreach (var (dn, attributes) in _objects.Concat(_placeholders.Select(p => (Dn: p, Attributes: new List<(string Name, object[] Values)>()))))
        {
            var start = body.Position;
            recordOffsets.Add(start);
            var entries = new List<(int Property, byte[] Block)> { (0, StringBlock([dn])) };
            foreach (var (name, values) in attributes)
            {
                var index = _properties.FindIndex(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
                if (index < 0)
                {
                    throw new InvalidOperationException($"declare {name} first");
                }

                entries.Add((index, Block(_properties[index].Syntax, _properties[index].AdsType, values)));
            }

            attributeEntries += entries.Count - 1;
            var tableEnd = 8 + (8 * entries.Count);
            var own = new MemoryStream();
            var offsets = new int[entries.Count];
            for (var i = 0; i < entries.Count; i++)
            {
                var key = Convert.ToHexString(entries[i].Block);
                if (Share && i > 0 && shared.TryGetValue(key, out var at) && start + tableEnd + own.Length - at <= 1_000_000)
                {
                    offsets[i] = (int)(at - start);
                    continue;
                }

                offsets[i] = tableEnd + (int)own.Length;
                if (i > 0)
                {
                    shared[key] = start + offsets[i];
                }

                own.Write(entries[i].Block);
            }

            var record = new byte[tableEnd + own.Length];
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)record.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), (uint)entries.Count);
            for (var i = 0; i < entries.Count; i++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(8 + (8 * i)), (uint)entries[i].Property);
                BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(12 + (8 * i)), offsets[i]);
            }

            own.ToArray().CopyTo(record, tableEnd);
            body.Write(record);
        }

        body.Write(new byte[8]); // padding before the property table, as on the real file
        var mapping = body.Position;
        WriteU32(body, (uint)_properties.Count);
        foreach (var (name, syntax, adsType) in _properties)
        {
            WriteString(body, name);
            WriteU32(body, (uint)syntax);
            WriteU32(body, adsType);
            WriteString(body, $"CN={name},CN=Schema,CN=Configuration,DC=contoso,DC=test");
            body.Write(new byte[32]);
            WriteU32(body, 0);
        }

        WriteU32(body, 0); // classes
        WriteU32(body, 0); // rights
        while (body.Position % 8 != 0)
        {
            body.WriteByte(0);
        }

        var tree = body.Position;
        if (WithTree)
        {
            // The root, every record as one of its leaves: enough for a reader, which only counts.
            WriteU64(body, unchecked((ulong)-2L));
            WriteU32(body, 0);
            WriteU32(body, (uint)recordOffsets.Count);
            foreach (var offset in recordOffsets)
            {
                WriteU64(body, (ulong)offset);
            }
        }

        var bytes = body.ToArray();
        var h = bytes.AsSpan();
        (Finished ? "win-ad-ob\0"u8 : "win-ad-XX\0"u8).CopyTo(h);
        BinaryPrimitives.WriteUInt32LittleEndian(h[0x0A..], Marker);
        BinaryPrimitives.WriteInt64LittleEndian(h[0x0E..], Time.ToFileTimeUtc());
        Encoding.Unicode.GetBytes(Description).CopyTo(h[0x16..]);
        Encoding.Unicode.GetBytes(Server).CopyTo(h[0x21E..]);
        BinaryPrimitives.WriteUInt32LittleEndian(h[0x426..], (uint)_objects.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(h[0x42A..], (uint)attributeEntries);
        BinaryPrimitives.WriteUInt64LittleEndian(h[0x42E..], (ulong)mapping);
        BinaryPrimitives.WriteUInt64LittleEndian(h[0x436..], WithTree ? (ulong)tree : 0);
        return bytes;
    }

    /// <summary>The value block of <paramref name="values"/> for a property of this syntax and adsType.</summary>
    public static byte[] Block(int syntax, uint adsType, object[] values)
    {
        switch (adsType)
        {
            case 1 or 2 or 3 or 4 or 5 or 12:
                return StringBlock([.. values.Cast<string>()]);
            case 6:
                return Fixed(values, 4, (v, d) => BinaryPrimitives.WriteUInt32LittleEndian(d, (bool)v ? 1u : 0u));
            case 7:
                return Fixed(values, 4, (v, d) => BinaryPrimitives.WriteInt32LittleEndian(d, (int)v));
            case 10:
                return Fixed(values, 8, (v, d) => BinaryPrimitives.WriteInt64LittleEndian(d, (long)v));
            case 9:
                return Fixed(values, 16, (v, d) =>
                {
                    var t = (DateTime)v;
                    ushort[] parts = [(ushort)t.Year, (ushort)t.Month, (ushort)t.DayOfWeek, (ushort)t.Day, (ushort)t.Hour, (ushort)t.Minute, (ushort)t.Second, 0];
                    for (var i = 0; i < 8; i++)
                    {
                        BinaryPrimitives.WriteUInt16LittleEndian(d[(2 * i)..], parts[i]);
                    }
                });
            case 8 or 25:
                {
                    var parts = values.Select(v => v is (byte[] bin, string dn) && syntax == 21
                        ? [.. bin, .. Encoding.Unicode.GetBytes(dn + "\0")]
                        : (byte[])v).ToList();
                    var block = new List<byte>();
                    block.AddRange(U32(values.Length));
                    foreach (var v in values)
                    {
                        block.AddRange(U32(v is (byte[] bin, string) ? bin.Length : ((byte[])v).Length));
                    }

                    foreach (var p in parts)
                    {
                        block.AddRange(p);
                    }

                    return [.. block];
                }

            default:
                // Type 28 and unknown types: only the count, as the writer-side tool says AD Explorer stores type 28.
                return U32(values.Length);
        }
    }

    /// <summary><c>u32 n</c>, <c>i32 off[n]</c> relative to the block, then the NUL-terminated UTF-16LE strings.</summary>
    public static byte[] StringBlock(string[] values)
    {
        var block = new List<byte>();
        block.AddRange(U32(values.Length));
        var offset = 4 + (4 * values.Length);
        var strings = new List<byte>();
        foreach (var v in values)
        {
            block.AddRange(U32(offset + strings.Count));
            strings.AddRange(Encoding.Unicode.GetBytes(v + "\0"));
        }

        block.AddRange(strings);
        return [.. block];
    }

    private static byte[] Fixed(object[] values, int size, Action<object, Span<byte>> write)
    {
        var block = new byte[4 + (size * values.Length)];
        BinaryPrimitives.WriteUInt32LittleEndian(block, (uint)values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            write(values[i], block.AsSpan(4 + (size * i), size));
        }

        return block;
    }

    private static byte[] U32(int value)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, value);
        return b;
    }

    private static void WriteU32(Stream s, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        s.Write(b);
    }

    private static void WriteU64(Stream s, ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        s.Write(b);
    }

    private static void WriteString(Stream s, string value)
    {
        var bytes = Encoding.Unicode.GetBytes(value + "\0");
        WriteU32(s, (uint)bytes.Length);
        s.Write(bytes);
    }
}

/// <summary>The real snapshot beside the repository (<c>../shared/adexplorer/detectionlab.dat</c>), never copied into it.</summary>
internal static class RealSnapshot
{
    public const string EnvironmentVariable = "RUSSNAPSHOT_ADEXPLORER_DIR";

    private const string FileName = "detectionlab.dat";

    private static readonly Lazy<string?> Located = new(Locate);

    /// <summary>The snapshot's path, or null when it is not there.</summary>
    public static string? Path => Located.Value;

    public static string MissingReason =>
        $"the real AD Explorer snapshot was not found: expected 'shared/adexplorer/{FileName}' beside the repository (or set {EnvironmentVariable})";

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            var file = System.IO.Path.Combine(configured, FileName);
            return File.Exists(file) ? System.IO.Path.GetFullPath(file) : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "adexplorer", FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A fact that needs the real snapshot; reported as skipped (not passed) when it is absent.</summary>
public sealed class RealSnapshotFactAttribute : FactAttribute
{
    public RealSnapshotFactAttribute()
    {
        if (RealSnapshot.Path is null)
        {
            Skip = RealSnapshot.MissingReason;
        }
    }
}
