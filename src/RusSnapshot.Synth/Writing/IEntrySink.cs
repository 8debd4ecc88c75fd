namespace RusSnapshot.Synth.Writing;

/// <summary>
/// Where generated entries go: one dump file in one format. The generator only calls these methods, so a format
/// is one implementation (LDIF through <c>LdifWriter</c>; csvde CSV through <see cref="CsvdeEntrySink"/> until the
/// library's <c>CsvDumpWriter</c> replaces it).
/// </summary>
internal interface IEntrySink : IDisposable
{
    /// <summary>Entries written so far.</summary>
    long Entries { get; }

    /// <summary>Bytes written so far (exact after <see cref="IDisposable.Dispose"/>).</summary>
    long Bytes { get; }

    /// <summary>Starts the export of one naming context (ldapsearch writes its search header here).</summary>
    void BeginPartition(string namingContext);

    /// <summary>Ends the export of a naming context: search references AD returns for it, and the search's result.</summary>
    void EndPartition(IReadOnlyList<string> references, int resultCode, string resultText);

    void Begin(ReadOnlySpan<byte> dn);

    /// <summary>A text value (UTF-8).</summary>
    void Text(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value);

    /// <summary>A binary value (ldifde writes these base64 whatever their bytes; csvde as <c>X'hex'</c>).</summary>
    void Binary(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value);

    void End();
}
