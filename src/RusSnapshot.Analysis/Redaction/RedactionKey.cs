using System.Security.Cryptography;
using System.Text;

namespace RusSnapshot.Analysis.Redaction;

/// <summary>
/// The secret that pseudonyms are derived from (HMAC-SHA256). The same key maps the same name to the same pseudonym,
/// so two dumps of one customer redact alike; a random key, forgotten after the run, makes the mapping unrecoverable.
/// </summary>
public sealed class RedactionKey
{
    /// <summary>The fewest bytes a key file may hold.</summary>
    public const int MinimumBytes = 16;

    private RedactionKey(byte[] bytes, bool isRandom)
    {
        Bytes = bytes;
        IsRandom = isRandom;
        Fingerprint = Convert.ToHexStringLower(HMACSHA256.HashData(bytes, "russnap redact key fingerprint"u8)[..8]);
    }

    /// <summary>The key bytes.</summary>
    internal byte[] Bytes { get; }

    /// <summary>True when the key was made for this run (nothing can map the pseudonyms back).</summary>
    public bool IsRandom { get; }

    /// <summary>A short digest that tells keys apart without revealing them (written in the mapping file).</summary>
    public string Fingerprint { get; }

    /// <summary>A fresh random key of 32 bytes.</summary>
    public static RedactionKey Random() => new(RandomNumberGenerator.GetBytes(32), isRandom: true);

    /// <summary>The key held by a file: its bytes, without the line break or spaces an editor may have added at the end.</summary>
    /// <exception cref="ArgumentException">The file holds fewer than <see cref="MinimumBytes"/> bytes.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static RedactionKey FromFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = File.ReadAllBytes(path);
        var length = bytes.Length;
        while (length > 0 && bytes[length - 1] is (byte)'\n' or (byte)'\r' or (byte)' ' or (byte)'\t')
        {
            length--;
        }

        if (length < MinimumBytes)
        {
            throw new ArgumentException($"{path}: a key file must hold at least {MinimumBytes} bytes (for example 32 random bytes: head -c 32 /dev/urandom > {Path.GetFileName(path)}).");
        }

        return new RedactionKey(bytes[..length], isRandom: false);
    }

    /// <summary>A key from text (tests, and keys kept in a password manager).</summary>
    public static RedactionKey FromText(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var bytes = Encoding.UTF8.GetBytes(secret);
        return bytes.Length < MinimumBytes
            ? throw new ArgumentException($"A key must hold at least {MinimumBytes} bytes.", nameof(secret))
            : new RedactionKey(bytes, isRandom: false);
    }
}
