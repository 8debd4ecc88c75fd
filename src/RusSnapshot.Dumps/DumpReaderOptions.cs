namespace RusSnapshot.Dumps;

/// <summary>What a reader does with a record it cannot read.</summary>
public enum BadRecordHandling
{
    /// <summary>Throw <see cref="DumpFormatException"/> (the default: nothing is lost in silence).</summary>
    Throw,

    /// <summary>Record a <see cref="DumpDiagnostic"/>, skip the record and read on where the format allows it.</summary>
    Collect,
}

/// <summary>Options shared by the dump readers.</summary>
public sealed record DumpReaderOptions
{
    /// <summary>The default options.</summary>
    public static DumpReaderOptions Default { get; } = new();

    /// <summary>What to do with a bad record.</summary>
    public BadRecordHandling OnBadRecord { get; init; } = BadRecordHandling.Throw;

    /// <summary>How many diagnostics to keep; later ones are only counted. Default 1,000.</summary>
    public int MaxDiagnostics { get; init; } = 1000;

    /// <summary>
    /// The largest record (all its lines) a reader accepts, in bytes. Default 256 MiB: a group with a million members
    /// fits. A larger LDIF record is skipped up to the blank line that ends it, with an error; a larger CSV row ends
    /// the reading of its file, and the error says the rest was not read.
    /// </summary>
    public int MaxRecordBytes { get; init; } = 256 * 1024 * 1024;

    /// <summary>
    /// The most physical lines one record may have (LDIF), bounding the line tables' memory. Default 4,194,304: a group
    /// of 4 million members. A longer record is skipped up to the blank line that ends it, with an error.
    /// </summary>
    public int MaxRecordLines { get; init; } = 4 * 1024 * 1024;

    /// <summary>The largest single value, decoded, in bytes. Default 16 MiB.</summary>
    public int MaxValueBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Size of the read buffer. Tests set it tiny so that lines and folds fall across buffer edges.</summary>
    public int BufferSize { get; init; } = 1024 * 1024;
}
