namespace RusSnapshot.Dumps;

/// <summary>A pull reader over one dump input. <see cref="Read"/> returns false at the end.</summary>
public interface IDumpReader : IDisposable
{
    /// <summary>The input's display name, used in every position.</summary>
    string SourceName { get; }

    /// <summary>LDIF, CSV or an AD Explorer snapshot.</summary>
    DumpFormat Format { get; }

    /// <summary>The dialect detected so far (it can sharpen while reading, e.g. when ldapsearch's trailer appears).</summary>
    DumpDialect Dialect { get; }

    /// <summary>The record read by the last successful <see cref="Read"/>; reused, valid until the next call.</summary>
    DumpRecord Current { get; }

    /// <summary>Counters of what was read.</summary>
    DumpReadStatistics Statistics { get; }

    /// <summary>What the dump says about its capture (an AD Explorer snapshot's server and time); null for text dumps.</summary>
    DumpCapture? Capture => null;

    /// <summary>Warnings, and errors when <see cref="DumpReaderOptions.OnBadRecord"/> is <see cref="BadRecordHandling.Collect"/>.</summary>
    IReadOnlyList<DumpDiagnostic> Diagnostics { get; }

    /// <summary>Reads the next record (entries and non-entry records alike; see <see cref="DumpRecord.Kind"/>).</summary>
    /// <returns>False at the end of the input, or when an error made the rest unreadable.</returns>
    /// <exception cref="DumpFormatException">A record is malformed and the options say <see cref="BadRecordHandling.Throw"/>.</exception>
    /// <exception cref="IOException">The underlying stream failed.</exception>
    bool Read();
}

/// <summary>Counters kept by a reader; every record it saw lands in exactly one of them.</summary>
public sealed class DumpReadStatistics
{
    /// <summary>Directory entries read.</summary>
    public long Entries { get; internal set; }

    /// <summary>LDIF change records other than add (delete, modify, moddn): read, but not entries.</summary>
    public long ChangeRecords { get; internal set; }

    /// <summary>ldapsearch <c>search:</c>/<c>result:</c> trailers.</summary>
    public long SearchResults { get; internal set; }

    /// <summary>ldapsearch search continuation references.</summary>
    public long SearchReferences { get; internal set; }

    /// <summary>Records skipped because they were malformed (only with <see cref="BadRecordHandling.Collect"/>).</summary>
    public long RejectedRecords { get; internal set; }

    /// <summary>Physical lines read.</summary>
    public long Lines { get; internal set; }

    /// <summary>Bytes read (after transcoding to UTF-8).</summary>
    public long Bytes { get; internal set; }

    /// <summary>Errors found, including those past <see cref="DumpReaderOptions.MaxDiagnostics"/>.</summary>
    public long Errors { get; internal set; }

    /// <summary>Warnings found, including those past <see cref="DumpReaderOptions.MaxDiagnostics"/>.</summary>
    public long Warnings { get; internal set; }

    /// <summary>How many failed searches <see cref="FailedSearches"/> keeps as a sample; the rest are only counted.</summary>
    public const int FailedSearchSampleSize = 20;

    /// <summary>
    /// The first <see cref="FailedSearchSampleSize"/> ldapsearch results other than 0 (the search stopped early: the dump
    /// is incomplete). A sample: a paged search over a size limit writes one such trailer per page, and keeping each one
    /// took gigabytes; <see cref="FailedSearchCount"/> counts them all.
    /// </summary>
    public IReadOnlyList<SearchOutcome> FailedSearches => _failedSearches;

    /// <summary>Every ldapsearch result other than 0 seen, sampled or not.</summary>
    public long FailedSearchCount { get; private set; }

    /// <summary>True when an ldapsearch output lacks the search result of its last page (the search did not finish, or the file was cut).</summary>
    public bool SearchUnfinished { get; internal set; }

    /// <summary>True when the input ended cleanly (not cut off, no fatal error).</summary>
    public bool Complete { get; internal set; }

    private readonly List<SearchOutcome> _failedSearches = [];

    /// <summary>
    /// Adds the counters of the reader of the next part of the same input (<see cref="Input.ChunkedRead"/>): counts are
    /// summed, the sample of failed searches filled up in order; lines, the unfinished search and completeness are the
    /// later part's, which ends where the input ends.
    /// </summary>
    /// <param name="next">The later part's counters.</param>
    /// <param name="lineOffset">Lines before the later part, which counted its own from 1: added to its positions.</param>
    internal void AppendChunk(DumpReadStatistics next, long lineOffset)
    {
        Entries += next.Entries;
        ChangeRecords += next.ChangeRecords;
        SearchResults += next.SearchResults;
        SearchReferences += next.SearchReferences;
        RejectedRecords += next.RejectedRecords;
        Bytes += next.Bytes;
        Errors += next.Errors;
        Warnings += next.Warnings;
        foreach (var outcome in next._failedSearches)
        {
            if (_failedSearches.Count < FailedSearchSampleSize)
            {
                _failedSearches.Add(outcome with { Position = outcome.Position.ShiftedBy(lineOffset) });
            }
        }

        FailedSearchCount += next.FailedSearchCount;
        Lines = next.Lines + lineOffset;
        SearchUnfinished = next.SearchUnfinished;
        Complete = Complete && next.Complete;
    }

    /// <summary>Counts a failed search, and keeps it while the sample has room.</summary>
    internal void AddFailedSearch(SearchOutcome outcome)
    {
        FailedSearchCount++;
        if (_failedSearches.Count < FailedSearchSampleSize)
        {
            _failedSearches.Add(outcome);
        }
    }
}

/// <summary>An ldapsearch <c>result:</c> line that was not <c>0 Success</c>.</summary>
/// <param name="Position">Where the result record is.</param>
/// <param name="Code">The LDAP result code.</param>
/// <param name="Text">The text after the code (e.g. <c>Size limit exceeded</c>).</param>
public sealed record SearchOutcome(DumpPosition Position, int Code, string Text);
