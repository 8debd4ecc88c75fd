namespace RusSnapshot.Synth.Writing;

/// <summary>Counts entries and throws everything away (to size a forest before writing it).</summary>
internal sealed class CountingSink : IEntrySink
{
    public long Entries { get; private set; }

    public long Bytes => 0;

    public void BeginPartition(string namingContext)
    {
    }

    public void EndPartition(IReadOnlyList<string> references, int resultCode, string resultText)
    {
    }

    public void Begin(ReadOnlySpan<byte> dn) => Entries++;

    public void Text(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
    }

    public void Binary(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
    }

    public void End()
    {
    }

    public void Dispose()
    {
    }
}
