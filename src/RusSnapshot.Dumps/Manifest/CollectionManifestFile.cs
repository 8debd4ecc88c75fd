using System.Text.Json;
using System.Text.Json.Serialization;

namespace RusSnapshot.Dumps.Manifest;

/// <summary>
/// Reads and writes <see cref="CollectionManifest"/>s: <c>&lt;dump&gt;.manifest.json</c> beside the dump. Reading is
/// tolerant of absence (<see cref="ReadBeside"/> returns null) and strict about content: unknown or missing properties,
/// wrong types and a schema version it does not know are errors that name the file, the line and the column.
/// </summary>
public static class CollectionManifestFile
{
    /// <summary>What follows the dump's own file name.</summary>
    public const string Suffix = ".manifest.json";

    /// <summary>Manifests are small: anything larger is not one.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>The manifest path for a dump path (<c>forest.ldf</c> → <c>forest.ldf.manifest.json</c>).</summary>
    public static string PathFor(string dumpPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(dumpPath);
        return dumpPath + Suffix;
    }

    /// <summary>Reads the manifest beside <paramref name="dumpPath"/>, or returns null when there is none.</summary>
    /// <exception cref="ManifestFormatException">The file exists but is not a valid manifest.</exception>
    /// <exception cref="IOException">The file exists but cannot be read.</exception>
    public static CollectionManifest? ReadBeside(string dumpPath)
    {
        var path = PathFor(dumpPath);
        return File.Exists(path) ? Read(path) : null;
    }

    /// <summary>Reads a manifest file.</summary>
    /// <exception cref="ManifestFormatException">The file is not a valid manifest (the message names file, line and column).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static CollectionManifest Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        if (stream.Length > MaxBytes)
        {
            throw new ManifestFormatException(path, 0, 0, $"the file is larger than {MaxBytes / (1024 * 1024)} MiB: it is not a manifest");
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return Parse(bytes, path);
    }

    /// <summary>Parses a manifest from UTF-8 JSON; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="ManifestFormatException">The JSON is not a valid manifest.</exception>
    public static CollectionManifest Parse(ReadOnlySpan<byte> utf8Json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        if (utf8Json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8Json = utf8Json[3..];
        }

        CollectionManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(utf8Json, ManifestJsonContext.Default.CollectionManifest);
        }
        catch (JsonException ex)
        {
            // System.Text.Json counts lines and bytes from 0.
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            throw new ManifestFormatException(sourceName, line, column, Describe(ex), ex);
        }

        if (manifest is null)
        {
            throw new ManifestFormatException(sourceName, 1, 1, "the manifest is 'null', not an object");
        }

        if (manifest.SchemaVersion != CollectionManifest.CurrentSchemaVersion)
        {
            throw new ManifestFormatException(sourceName, LineOf(utf8Json, "\"schemaVersion\""u8), 1,
                $"schemaVersion {manifest.SchemaVersion} is not supported (this version reads {CollectionManifest.CurrentSchemaVersion})");
        }

        return manifest;
    }

    /// <summary>Writes a manifest as indented UTF-8 JSON (LF line ends, final newline).</summary>
    public static void Write(CollectionManifest manifest, Stream output)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(output);
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            JsonSerializer.Serialize(writer, manifest, ManifestJsonContext.Default.CollectionManifest);
        }

        output.WriteByte((byte)'\n');
    }

    /// <summary>Writes a manifest to a file: to a temporary name first, then renamed over <paramref name="path"/>.</summary>
    public static void WriteFile(CollectionManifest manifest, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            Write(manifest, stream);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static string Describe(JsonException ex)
    {
        // The serializer's message ends with its own "Path: ... | LineNumber: ..." suffix; the position is ours to say.
        var message = ex.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        if (ex.Path is { Length: > 1 } path)
        {
            message += $" (at {path})";
        }

        return message.TrimEnd('.');
    }

    private static long LineOf(ReadOnlySpan<byte> json, ReadOnlySpan<byte> needle)
    {
        var at = json.IndexOf(needle);
        return at < 0 ? 1 : json[..at].Count((byte)'\n') + 1;
    }
}

/// <summary>A manifest file that is not valid JSON or not a valid manifest.</summary>
public sealed class ManifestFormatException : Exception
{
    public ManifestFormatException()
    {
    }

    public ManifestFormatException(string message)
        : base(message)
    {
    }

    public ManifestFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception; the message reads <c>file:line:column: what</c>.</summary>
    public ManifestFormatException(string file, long line, long column, string what, Exception? innerException = null)
        : base($"{file}:{line}:{column}: {what}", innerException)
    {
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>The file (or source name) that was read.</summary>
    public string? File { get; }

    /// <summary>1-based line of the error (0 when it concerns the whole file).</summary>
    public long Line { get; }

    /// <summary>1-based column (in bytes) of the error.</summary>
    public long Column { get; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CollectionManifest))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
