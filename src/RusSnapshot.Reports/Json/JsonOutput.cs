using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace RusSnapshot.Reports.Json;

/// <summary>
/// How every JSON document the tools print is written (reports, <c>validate --format json</c>, the rule catalog):
/// indented by two spaces, LF line ends, and one escaping policy. Non-ASCII letters are written as they are;
/// HTML-sensitive characters (<c>&lt; &gt; &amp; ' " `</c>) are escaped as <c>\u003C</c>..., so the output is safe to
/// paste into a page, and so are characters that could reorder or hide text (bidi controls, zero-width spaces).
/// </summary>
public static class JsonOutput
{
    /// <summary>The writer options of every JSON output.</summary>
    public static JsonWriterOptions Options { get; } = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = MakeEncoder(),
    };

    /// <summary>Runs <paramref name="write"/> on a JSON writer with <see cref="Options"/> and returns the text, with a final line break.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            write(w);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    /// <summary>Writes <c>"name": "value"</c>, or <c>"name": null</c> for a null value.</summary>
    public static void WriteStringOrNull(this Utf8JsonWriter w, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    /// <summary>Writes <c>"name": [ "a", "b" ]</c>.</summary>
    public static void WriteStrings(this Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(values);
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    /// <summary>
    /// Letters of every script stay readable; characters that could reorder or hide text in an editor (line and
    /// paragraph separators, and every default-ignorable code point: bidi controls, joiners, the BOM...) are
    /// escaped like controls and HTML-sensitive ones. The encoder escapes every astral code point anyway (tags).
    /// </summary>
    private static JavaScriptEncoder MakeEncoder()
    {
        var settings = new TextEncoderSettings(UnicodeRanges.All);
        settings.ForbidCharacters('\u2028', '\u2029');
        for (var c = 0; c <= 0xFFFF; c++)
        {
            if (ReportText.IsDefaultIgnorable(c))
            {
                settings.ForbidCharacter((char)c);
            }
        }

        return JavaScriptEncoder.Create(settings);
    }
}
