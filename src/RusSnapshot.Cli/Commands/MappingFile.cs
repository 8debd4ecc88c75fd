using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RusSnapshot.Analysis.Redaction;

namespace RusSnapshot.Cli.Commands;

/// <summary>
/// The consultant's mapping of a redaction (<c>--map</c>): which name became which pseudonym, which domain SID which,
/// and which input which file. JSON; never written into the redacted dump's folder. Read back by a later run with the
/// same key, so that a second dump of the customer gets the very same pseudonyms.
/// </summary>
internal static class MappingFile
{
    private const string Format = "russnap-redaction-map/1";

    /// <summary>Writes the mapping (to a temporary file renamed over <paramref name="path"/>).</summary>
    public static void Write(string path, Pseudonyms pseudonyms, IEnumerable<RedactedInput> inputs)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteString("format", Format);
                json.WriteString("keyFingerprint", pseudonyms.Key.Fingerprint);
                json.WriteBoolean("randomKey", pseudonyms.Key.IsRandom);
                json.WriteString("note", "Names are upper-cased as matched (case-insensitively); pseudonyms are given in lower case and written in each occurrence's case. Object GUIDs are derived from the key and not listed.");
                json.WriteStartArray("files");
                foreach (var input in inputs)
                {
                    json.WriteStartObject();
                    json.WriteString("input", input.Source);
                    json.WriteString("output", input.OutputName);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartObject("names");
                foreach (var (token, pseudonym) in pseudonyms.Tokens.OrderBy(t => t.Key, StringComparer.Ordinal))
                {
                    json.WriteString(token, pseudonym.Replace("\0", string.Empty, StringComparison.Ordinal));
                }

                json.WriteEndObject();
                json.WriteStartObject("domainSids");
                foreach (var (sid, pseudonym) in pseudonyms.DomainSids.OrderBy(s => s.Key, StringComparer.Ordinal))
                {
                    json.WriteString(sid, pseudonym);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new OutputFolderException($"--map {path}: cannot write the mapping: {ex.Message}", ex);
        }
    }

    /// <summary>Seeds <paramref name="pseudonyms"/> with an earlier run's mapping.</summary>
    /// <exception cref="InvalidDataException">The file is not a mapping, or was made with another key.</exception>
    public static void Load(string path, Pseudonyms pseudonyms)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a mapping file ({ex.Message})", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.GetString() != Format)
            {
                throw new InvalidDataException($"{path}: not a mapping file written by russnap redact");
            }

            if (!root.TryGetProperty("keyFingerprint", out var fingerprint) || fingerprint.GetString() != pseudonyms.Key.Fingerprint)
            {
                throw new InvalidDataException($"{path}: this mapping was made with another key; pass that run's --key, or another --map file");
            }

            try
            {
                if (root.TryGetProperty("names", out var names))
                {
                    foreach (var name in names.EnumerateObject())
                    {
                        pseudonyms.Preload(name.Name, name.Value.GetString() ?? string.Empty);
                    }
                }

                if (root.TryGetProperty("domainSids", out var sids))
                {
                    foreach (var sid in sids.EnumerateObject())
                    {
                        pseudonyms.PreloadDomainSid(sid.Name, sid.Value.GetString() ?? string.Empty);
                    }
                }
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
            {
                throw new InvalidDataException($"{path}: {ex.Message}", ex);
            }
        }
    }

    /// <summary>The text of a mapping file, for tests.</summary>
    internal static string Read(string path) => File.ReadAllText(path, Encoding.UTF8);
}
