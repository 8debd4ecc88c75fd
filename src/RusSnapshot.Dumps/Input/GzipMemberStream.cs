using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace RusSnapshot.Dumps.Input;

/// <summary>
/// Decompresses gzip (RFC 1952) forward only, member after member, and checks every member's trailer (CRC-32 and
/// ISIZE), so a cut or corrupt <c>.gz</c> is an error whatever it comes from (a file, a pipe, a <c>.zip</c> member).
/// </summary>
/// <remarks>
/// <para>.NET's <see cref="GZipStream"/> decodes concatenated members but ends quietly on a cut file and on trailing
/// garbage, and hides member boundaries. Here the header is parsed by hand and only the raw deflate data goes through
/// a <see cref="DeflateStream"/>. That stream reads its input ahead and does not say where the deflate data ended; it
/// is fed from a buffer kept here, in chunks, so the end lies in the last chunk or the one before (it never asks for
/// input after the final block). The trailer is the first place there holding the CRC-32 and length of what was
/// inflated and followed by the end of the input or by the next member's magic bytes: a false match needs 80 bits to
/// agree by chance.</para>
/// <para>Rules: an input of 0 bytes, or one that ends inside a header, deflate data or trailer, is truncated; data
/// after a member that is not another member (even zeros, which gzip itself only warns about) is an error.</para>
/// </remarks>
internal sealed class GzipMemberStream : ReadOnlyStreamBase
{
    private const int Chunk = 64 * 1024;

    private readonly Stream _raw;
    private readonly string _name;
    private readonly byte[] _buf = new byte[(3 * Chunk) + 64];
    private readonly Feed _feed;
    private int _pos;              // next byte not yet parsed or handed to the inflater
    private int _len;              // end of valid data in _buf
    private bool _rawEof;
    private long _bufOffset;       // offset in the input of _buf[0], for messages
    private int _lastChunk;        // start of the last chunk handed to the inflater
    private int _searchFrom;       // start of the chunk before it: the trailer lies at or after here
    private DeflateStream? _inflate;
    private int _dataStart;        // where the current member's deflate data starts
    private uint _crc;
    private long _size;
    private int _members;
    private bool _done;
    private bool _header;

    public GzipMemberStream(Stream raw, string name)
    {
        _raw = raw;
        _name = name;
        _feed = new Feed(this);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (!_done && !buffer.IsEmpty)
        {
            if (_inflate is null)
            {
                StartMember();
                continue;
            }

            int n;
            try
            {
                n = _inflate.Read(buffer);
            }
            catch (InvalidDataException ex)
            {
                throw Corrupt($"gzip member {Ordinal()} holds invalid deflate data ({ex.Message})");
            }

            if (n > 0)
            {
                _crc = Crc32.Update(_crc, buffer[..n]);
                _size += n;
                return n;
            }

            EndMember();
        }

        return 0;
    }

    /// <summary>Parses a member header, or ends the input when none follows the last member.</summary>
    private void StartMember()
    {
        _header = true;
        if (!Ensure(1))
        {
            if (_members == 0)
            {
                throw Corrupt("the file is empty, not gzip data: it is truncated");
            }

            _done = true;
            return;
        }

        if (!Ensure(10))
        {
            throw Truncated("header");
        }

        if (_buf[_pos] != 0x1F || _buf[_pos + 1] != 0x8B)
        {
            throw _members == 0
                ? Corrupt("not gzip data (no gzip magic bytes at the start)")
                : Corrupt($"data that is not a gzip member follows member {_members.ToString(CultureInfo.InvariantCulture)} at byte {Where(_pos)}");
        }

        var method = _buf[_pos + 2];
        var flags = _buf[_pos + 3];
        if (method != 8 || (flags & 0xE0) != 0)
        {
            throw Corrupt($"gzip member {Ordinal()} uses an unknown compression method or reserved flags");
        }

        _pos += 10; // ID1 ID2 CM FLG MTIME(4) XFL OS
        if ((flags & 0x04) != 0)
        {
            // FEXTRA: a 2-byte length, then that many bytes.
            if (!Ensure(2))
            {
                throw Truncated("header");
            }

            var extra = BinaryPrimitives.ReadUInt16LittleEndian(_buf.AsSpan(_pos));
            _pos += 2;
            Skip(extra);
        }

        if ((flags & 0x08) != 0)
        {
            SkipZeroTerminated(); // FNAME
        }

        if ((flags & 0x10) != 0)
        {
            SkipZeroTerminated(); // FCOMMENT
        }

        if ((flags & 0x02) != 0)
        {
            Skip(2); // FHCRC: the header's own CRC-16; the data is what matters, and its CRC-32 is checked
        }

        _header = false;
        _dataStart = _searchFrom = _lastChunk = _pos;
        _crc = 0xFFFFFFFFu;
        _size = 0;
        _inflate = new DeflateStream(_feed, CompressionMode.Decompress, leaveOpen: true);
    }

    /// <summary>The inflater reached its end: finds and checks the trailer, and moves to what follows it.</summary>
    private void EndMember()
    {
        _inflate!.Dispose();
        _inflate = null;
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, ~_crc);
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)_size); // ISIZE: the length mod 2^32

        // The deflate data ended at or before _pos; the trailer (and the next member's magic) may not be buffered yet.
        var complete = Ensure(10);
        var garbage = false;
        var p = Math.Max(_searchFrom, _dataStart);
        while (p <= _pos && p + 8 <= _len)
        {
            var at = _buf.AsSpan(p, Math.Min(_len, _pos + 8) - p).IndexOf(trailer);
            if (at < 0)
            {
                break;
            }

            p += at;
            var next = p + 8;
            var endsHere = next == _len && !complete; // only at the end of the input can fewer than 10 bytes follow _pos
            if (endsHere || (next + 1 < _len && _buf[next] == 0x1F && _buf[next + 1] == 0x8B))
            {
                _pos = next;
                _members++;
                return;
            }

            garbage = true;
            p++;
        }

        throw garbage
            ? Corrupt($"data that is not a gzip member follows member {Ordinal()}")
            : Corrupt($"gzip member {Ordinal()} does not end with the CRC-32 and length of its data: the file is truncated or corrupt");
    }

    /// <summary>True when <paramref name="count"/> bytes from <see cref="_pos"/> are buffered, reading more if needed.</summary>
    private bool Ensure(int count)
    {
        while (_len - _pos < count)
        {
            if (_rawEof)
            {
                return false;
            }

            // In a header only what follows is needed; after deflate data, the chunks the trailer may lie in too.
            Compact(_header ? _pos : Math.Min(_pos, _searchFrom));
            var n = _raw.Read(_buf, _len, _buf.Length - _len);
            if (n == 0)
            {
                _rawEof = true;
                return false;
            }

            _len += n;
        }

        return true;
    }

    /// <summary>Drops the bytes before <paramref name="keepFrom"/> when the buffer has less than a chunk of room.</summary>
    /// <remarks>What is kept is at most two chunks and a trailer, so there is always room left to read into.</remarks>
    private void Compact(int keepFrom)
    {
        if (_len < _buf.Length - Chunk || keepFrom == 0)
        {
            return;
        }

        Buffer.BlockCopy(_buf, keepFrom, _buf, 0, _len - keepFrom);
        _len -= keepFrom;
        _pos -= keepFrom;
        _searchFrom = Math.Max(0, _searchFrom - keepFrom);
        _lastChunk = Math.Max(0, _lastChunk - keepFrom);
        _dataStart = Math.Max(0, _dataStart - keepFrom);
        _bufOffset += keepFrom;
    }

    private void Skip(int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (!Ensure(1))
            {
                throw Truncated("header");
            }

            _pos++;
        }
    }

    private void SkipZeroTerminated()
    {
        while (true)
        {
            if (!Ensure(1))
            {
                throw Truncated("header");
            }

            if (_buf[_pos++] == 0)
            {
                return;
            }
        }
    }

    /// <summary>What the inflater reads: the buffered bytes, a chunk at a time, remembering where each chunk started.</summary>
    private int FeedRead(Span<byte> into)
    {
        if (_pos == _len)
        {
            // Keep the chunk just handed out: the deflate data may end in it.
            Compact(_lastChunk);
            if (!_rawEof)
            {
                var r = _raw.Read(_buf, _len, _buf.Length - _len);
                if (r == 0)
                {
                    _rawEof = true;
                }

                _len += r;
            }
        }

        var n = Math.Min(Math.Min(into.Length, _len - _pos), Chunk);
        if (n == 0)
        {
            return 0;
        }

        _searchFrom = _lastChunk;
        _lastChunk = _pos;
        _buf.AsSpan(_pos, n).CopyTo(into);
        _pos += n;
        return n;
    }

    private string Ordinal() => (_members + 1).ToString(CultureInfo.InvariantCulture);

    private string Where(int p) => (_bufOffset + p).ToString(CultureInfo.InvariantCulture);

    private InvalidDataException Truncated(string part) =>
        Corrupt($"the input ends inside the {part} of gzip member {Ordinal()}: the file is truncated");

    private InvalidDataException Corrupt(string message) => new($"{_name}: {message}");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inflate?.Dispose();
            _raw.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The inflater's input.</summary>
    private sealed class Feed(GzipMemberStream owner) : ReadOnlyStreamBase
    {
        public override int Read(byte[] buffer, int offset, int count) => owner.FeedRead(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer) => owner.FeedRead(buffer);

        protected override void Dispose(bool disposing) => base.Dispose(disposing);
    }
}
