using System.Text;
using RusSnapshot.Synth.Writing;

namespace RusSnapshot.Synth.Content;

/// <summary>
/// Writes entries to a sink with the bookkeeping every AD object carries (USNs, times, GUIDs) and
/// helpers for values built in place. One per partition, so that its random stream depends only on that partition.
/// </summary>
internal sealed class Emitter
{
    private readonly IEntrySink _sink;
    private readonly byte[] _schemaSuffix;
    private Rng _rng;
    private long _usn;
    private readonly long _timeBase;

    public Emitter(IEntrySink sink, string schemaDn, long seed, ulong partition)
    {
        _sink = sink;
        _schemaSuffix = Encoding.UTF8.GetBytes("," + schemaDn);
        _rng = Rng.For(seed, 0xE0 + partition);
        _usn = 4096 + (long)(partition * 1000);
        _timeBase = 86_400L * 700 + (long)(partition * 3600);
    }

    /// <summary>Builds values; cleared by every value helper that uses it.</summary>
    public ValueBuilder V { get; } = new();

    /// <summary>The DN of the current entry.</summary>
    public ValueBuilder Dn { get; } = new();

    public long Entries { get; private set; }

    public ref Rng Random => ref _rng;

    /// <summary>Starts an entry at the DN in <see cref="Dn"/>.</summary>
    public void Begin()
    {
        _sink.Begin(Dn.Span);
        Entries++;
    }

    public void Begin(string dn)
    {
        Dn.Clear().Add(dn);
        Begin();
    }

    public void End() => _sink.End();

    public void T(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => _sink.Text(name, value);

    public void T(ReadOnlySpan<byte> name, string value) => _sink.Text(name, V.Clear().Add(value).Span);

    public void T(ReadOnlySpan<byte> name, long value) => _sink.Text(name, V.Clear().Add(value).Span);

    /// <summary>The value built in <see cref="V"/>.</summary>
    public void TV(ReadOnlySpan<byte> name) => _sink.Text(name, V.Span);

    public void B(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => _sink.Binary(name, value);

    public void Classes(params string[] classes)
    {
        foreach (var c in classes)
        {
            T("objectClass"u8, c);
        }
    }

    /// <summary>
    /// What AD puts on every object after the class-specific attributes written first: distinguishedName,
    /// instanceType, times and USNs (ldifde writes them in about this order).
    /// </summary>
    public void Stamp(bool advanced = false)
    {
        _sink.Text("distinguishedName"u8, Dn.Span);
        _sink.Text("instanceType"u8, "4"u8);
        var created = _timeBase + _usn * 37;
        _sink.Text("whenCreated"u8, V.Clear().AddTime(created).Span);
        _sink.Text("whenChanged"u8, V.Clear().AddTime(created + 86_400 * 30 + _usn % 86_400).Span);
        _sink.Text("uSNCreated"u8, V.Clear().Add(_usn).Span);
        _sink.Text("uSNChanged"u8, V.Clear().Add(_usn + 17).Span);
        _usn += 23;
        if (advanced)
        {
            _sink.Text("showInAdvancedViewOnly"u8, "TRUE"u8);
        }
    }

    /// <summary>name, objectGUID, objectCategory (<c>CN=category,schema</c>).</summary>
    public void Identity(ReadOnlySpan<byte> name, ReadOnlySpan<byte> category)
    {
        _sink.Text("name"u8, name);
        Guid("objectGUID"u8);
        Category(category);
    }

    public void Category(ReadOnlySpan<byte> category) =>
        _sink.Text("objectCategory"u8, V.Clear().Add("CN="u8).Add(category).Add(_schemaSuffix).Span);

    /// <summary>A fresh random GUID as a binary value.</summary>
    public void Guid(ReadOnlySpan<byte> attribute)
    {
        Span<byte> g = stackalloc byte[16];
        _rng.Fill(g);
        _sink.Binary(attribute, g);
    }

    /// <summary>A domain account SID (S-1-5-21-a-b-c-rid) as a binary value.</summary>
    public void Sid(ReadOnlySpan<byte> attribute, SynthDomain domain, long rid)
    {
        Span<byte> sid = stackalloc byte[28];
        WriteSid(sid, domain, rid);
        _sink.Binary(attribute, sid);
    }

    /// <summary>Binary SID layout: revision 1, 5 sub-authorities, authority 5 (NT), then 21, a, b, c, rid little-endian.</summary>
    public static void WriteSid(Span<byte> sid, SynthDomain domain, long rid)
    {
        sid[0] = 1;
        sid[1] = (byte)(rid < 0 ? 4 : 5);
        sid[2..8].Clear();
        sid[7] = 5;
        BitConverter.TryWriteBytes(sid[8..], 21u);
        BitConverter.TryWriteBytes(sid[12..], domain.SidAuthorities[0]);
        BitConverter.TryWriteBytes(sid[16..], domain.SidAuthorities[1]);
        BitConverter.TryWriteBytes(sid[20..], domain.SidAuthorities[2]);
        if (rid >= 0)
        {
            BitConverter.TryWriteBytes(sid[24..], (uint)rid);
        }
    }

    /// <summary>Random bytes as a binary value (security descriptors and other opaque blobs).</summary>
    public void Blob(ReadOnlySpan<byte> attribute, int length)
    {
        Span<byte> b = length <= 512 ? stackalloc byte[length] : new byte[length];
        _rng.Fill(b);

        // Self-relative security descriptor header, so the blob at least starts like one.
        if (length >= 4)
        {
            b[0] = 1;
            b[1] = 0;
            b[2] = 0x04;
            b[3] = 0x8C;
        }

        _sink.Binary(attribute, b);
    }

    /// <summary>A FILETIME (100 ns since 1601) some time in 2007-2009, as AD writes pwdLastSet and lastLogon.</summary>
    public void FileTime(ReadOnlySpan<byte> attribute) =>
        _sink.Text(attribute, V.Clear().Add(128_100_000_000_000_000L + _rng.Below(900_000_000_000_000L)).Span);
}
