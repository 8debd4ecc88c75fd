using System.Globalization;
using System.Text;

namespace RusSnapshot.Synth.Content;

/// <summary>A reusable UTF-8 byte buffer for building DNs and values without a string per value.</summary>
internal sealed class ValueBuilder
{
    private byte[] _bytes = new byte[1024];
    private int _length;

    public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, _length);

    public int Length => _length;

    public ValueBuilder Clear()
    {
        _length = 0;
        return this;
    }

    public ValueBuilder Add(ReadOnlySpan<byte> bytes)
    {
        Room(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(_length));
        _length += bytes.Length;
        return this;
    }

    public ValueBuilder Add(string text)
    {
        Room(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _bytes.AsSpan(_length));
        return this;
    }

    public ValueBuilder Add(byte b)
    {
        Room(1);
        _bytes[_length++] = b;
        return this;
    }

    public ValueBuilder Add(long value)
    {
        Room(20);
        value.TryFormat(_bytes.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    /// <summary>A number with at least <paramref name="digits"/> digits (leading zeros).</summary>
    public ValueBuilder AddPadded(long value, int digits)
    {
        Room(20 + digits);
        Span<char> format = ['D', (char)('0' + digits / 10), (char)('0' + digits % 10)];
        value.TryFormat(_bytes.AsSpan(_length), out var written, format, CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    /// <summary>Adds a DN attribute value with RFC 4514 escapes (<c>,</c> <c>+</c> <c>"</c> <c>\</c> <c>&lt;</c> <c>&gt;</c> <c>;</c> <c>=</c>, leading <c>#</c> or space, trailing space).</summary>
    public ValueBuilder AddDnValue(ReadOnlySpan<byte> value)
    {
        Room(value.Length * 2);
        for (var i = 0; i < value.Length; i++)
        {
            var b = value[i];
            if (b is (byte)',' or (byte)'+' or (byte)'"' or (byte)'\\' or (byte)'<' or (byte)'>' or (byte)';' or (byte)'='
                || (i == 0 && b is (byte)'#' or (byte)' ') || (i == value.Length - 1 && b == (byte)' '))
            {
                _bytes[_length++] = (byte)'\\';
            }

            _bytes[_length++] = b;
        }

        return this;
    }

    /// <summary>A GUID in registry form, <c>{0F3C1B4A-...}</c>, from its 16 bytes (Windows layout).</summary>
    public ValueBuilder AddGuidText(ReadOnlySpan<byte> guid, bool braces = true)
    {
        Room(38);
        if (braces)
        {
            _bytes[_length++] = (byte)'{';
        }

        new Guid(guid).TryFormat(_bytes.AsSpan(_length), out var written, "D");
        for (var i = 0; i < written; i++)
        {
            var c = _bytes[_length + i];
            if (c is >= (byte)'a' and <= (byte)'f')
            {
                _bytes[_length + i] = (byte)(c - 32);
            }
        }

        _length += written;
        if (braces)
        {
            _bytes[_length++] = (byte)'}';
        }

        return this;
    }

    /// <summary>An AD generalized time, <c>yyyyMMddHHmmss.0Z</c>, <paramref name="seconds"/> after 2003-01-01.</summary>
    public ValueBuilder AddTime(long seconds)
    {
        var t = new DateTime(2003, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(seconds);
        Room(17);
        t.TryFormat(_bytes.AsSpan(_length), out var written, "yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        _length += written;
        return Add(".0Z"u8);
    }

    /// <summary>Copies the current content out (for values kept across entries).</summary>
    public byte[] ToArray() => Span.ToArray();

    private void Room(int more)
    {
        if (_length + more > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + more));
        }
    }
}
