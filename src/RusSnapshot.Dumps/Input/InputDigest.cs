namespace RusSnapshot.Dumps.Input;

/// <summary>What is learnt about an input's file while it is read: its size and, when asked for, its SHA-256.</summary>
internal sealed class InputDigest
{
    /// <summary>Whether the SHA-256 is computed (it costs a pass over every byte).</summary>
    public bool ComputeSha256 { get; init; }

    /// <summary>Lower-case hex SHA-256 of the file, once it was read to its end.</summary>
    public string? Sha256 { get; set; }

    /// <summary>The file's size in bytes, as stored (compressed for a .gz or a .zip member).</summary>
    public long? FileBytes { get; set; }
}
