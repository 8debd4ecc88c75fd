namespace RusSnapshot.Dumps.Input;

/// <summary>
/// Receives the records of one part of a read (<see cref="DumpSetReader.TryReadInParts{TSink}"/>), in the order they are
/// written, on the thread that reads that part. A record is valid only during the call.
/// </summary>
public interface IRecordSink
{
    /// <summary>Takes one record (entries and the other kinds alike).</summary>
    void Add(DumpRecord record);
}

/// <summary>One part of a file read in parts, in file order.</summary>
/// <param name="Sink">What received the part's records.</param>
/// <param name="LineOffset">
/// What to add to the line numbers of the positions the part's records carry (<see cref="DumpRecord.Position"/>): a part
/// counts its lines from where it starts, since how many lines come before it is known only once the parts before it
/// are read. Zero for the first part.
/// </param>
public readonly record struct DumpPart<TSink>(TSink Sink, long LineOffset);
