using System.Globalization;
using System.IO.Compression;
using System.Text;
using RusSnapshot.Dumps;
using RusSnapshot.Dumps.Csv;
using RusSnapshot.Dumps.Input;
using RusSnapshot.Dumps.Ldif;
using RusSnapshot.Dumps.Manifest;

namespace RusSnapshot.Analysis.Redaction;

/// <summary>What redacting one input did.</summary>
/// <param name="Source">The input's display name.</param>
/// <param name="OutputName">The file name it was written under (itself redacted).</param>
/// <param name="Format">LDIF or CSV.</param>
/// <param name="Dialect">The dialect read, and written.</param>
/// <param name="Encoding">The encoding read (as the reader names it), and written.</param>
/// <param name="Entries">Entries written.</param>
/// <param name="SearchRecords">ldapsearch search result and reference records written.</param>
/// <param name="ChangeRecords">LDIF change records other than add (delete, modify, moddn) left out: the analysis ignores them, and the writers do not write them.</param>
/// <param name="DroppedValues">Free-text values dropped.</param>
/// <param name="Errors">The input's reading errors that lost records or stopped the reading; when there is any, the output is not a faithful copy and must not be kept.</param>
public sealed record RedactedInput(
    string Source, string OutputName, DumpFormat Format, DumpDialect Dialect, string Encoding, long Entries, long SearchRecords,
    long ChangeRecords, long DroppedValues, IReadOnlyList<DumpDiagnostic> Errors);

/// <summary>
/// Redacts dumps input by input: each is read with the library's readers and written again with its writers, in the
/// same format, dialect, encoding and line ends (an <c>ldifde -u</c> file stays UTF-16 with CRLF, a csvde ANSI file
/// stays Windows-1252 CSV), record by record, so memory holds the name map and one record, whatever the dump's size.
/// Duplicates and conflicting copies are kept as they are, so the redacted inputs analyse as the originals do.
/// </summary>
public sealed class DumpRedactor
{
    public DumpRedactor(Pseudonyms pseudonyms)
    {
        ArgumentNullException.ThrowIfNull(pseudonyms);
        Values = new ValueRedactor(pseudonyms);
        Entries = new EntryRedactor(Values);
    }

    /// <summary>The value redactor.</summary>
    public ValueRedactor Values { get; }

    /// <summary>The entry redactor.</summary>
    public EntryRedactor Entries { get; }

    /// <summary>
    /// The redacted file name of an input: its own file name (the member's, for a <c>.zip</c> member) with its names
    /// replaced, so <c>contoso.test.ldf</c> becomes <c>qzxkvtr.qwrt.ldf</c>; extensions and keep words stay.
    /// </summary>
    public string OutputName(DumpSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var name = source.DisplayName;
        var member = name.LastIndexOf("!/", StringComparison.Ordinal);
        if (member >= 0)
        {
            name = name[(member + 2)..];
            var duplicate = name.LastIndexOf('#');
            if (duplicate > 0 && name[(duplicate + 1)..].All(char.IsAsciiDigit))
            {
                name = name[..duplicate];
            }
        }

        name = name.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var gz = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        var bare = gz ? name[..^3] : name;
        var dot = bare.LastIndexOf('.');
        var (stem, extension) = dot > 0 ? (bare[..dot], bare[dot..]) : (bare, string.Empty);
        if (string.Equals(extension, ".dat", StringComparison.OrdinalIgnoreCase))
        {
            extension = ".ldf"; // a snapshot is written as LDIF
        }
        var redacted = Values.Name(stem);
        if (redacted.Length == 0 || redacted.All(c => c == '.'))
        {
            redacted = "dump";
        }

        return redacted + extension + (gz ? ".gz" : string.Empty);
    }

    /// <summary>
    /// Reads <paramref name="source"/> and writes it redacted to <paramref name="output"/> (compressed again when the input
    /// was a <c>.gz</c>, as <paramref name="outputName"/> says).
    /// </summary>
    /// <exception cref="DumpFormatException">The input is neither LDIF nor csvde CSV.</exception>
    /// <exception cref="IOException">An input or the output failed.</exception>
    public RedactedInput Redact(DumpSource source, DumpOpenOptions options, Stream output, string outputName, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(outputName);
        using var opened = DumpOpener.Open(source, options with { ComputeSha256 = false });

        // An AD Explorer snapshot shares value blocks between objects: it is redacted entry by entry and written as ldifde
        // would export the same objects (RedactedName gives it the .ldf name).
        var snapshot = opened.Format == DumpFormat.AdExplorer;
        var crlf = snapshot ? null : SniffCrLf(source);
        var reader = opened.Reader;
        var first = reader.Read();
        var dialect = reader.Dialect;
        var encoding = opened.EncodingName;
        using var sink = outputName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)
            : (Stream)new NonClosingStream(output);

        var counts = opened.Format == DumpFormat.Csv
            ? WriteCsv(reader, first, sink, encoding, crlf, cancel)
            : WriteLdif(reader, first, sink, snapshot ? DumpDialect.Ldifde : dialect, snapshot ? "utf-8" : encoding, crlf, cancel);

        // Errors that only say the dump is incomplete (an ldapsearch that stopped at a size limit) are reproduced by the
        // redacted copy, which the analysis then reports alike; errors that lost records or stopped the reading are not.
        var errors = reader.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error && (DiagnosticCodes.Find(d.Code)?.Effect ?? DiagnosticEffect.ReadingStopped) != DiagnosticEffect.DumpIncomplete)
            .ToList();
        if (reader.Statistics.RejectedRecords > 0 && errors.Count == 0)
        {
            errors.Add(new DumpDiagnostic(new DumpPosition(source.DisplayName, 0, 0), DiagnosticSeverity.Error, "INPUT",
                "the input has records that could not be read"));
        }

        return new RedactedInput(source.DisplayName, outputName, opened.Format, reader.Dialect, CleanEncodingName(opened.EncodingName),
            counts.Entries, counts.Search, counts.Changes, counts.Dropped, errors);
    }

    /// <summary>
    /// Redacts the collector's manifest of a dump (<c>&lt;dump&gt;.manifest.json</c>), to be written beside the redacted
    /// dump: naming contexts, servers, the bound identity, referrals and what could not be read are redacted like the
    /// dump's values (so its DNs still match the dump's), an IP address becomes a documentation address (RFC 5737);
    /// times, counts, statuses and reasons stay, so the analysis reports the same gaps.
    /// </summary>
    public CollectionManifest Redact(CollectionManifest manifest, string outputName)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(outputName);
        string Host(string host) => System.Net.IPAddress.TryParse(host.Trim('[', ']'), out _) ? "192.0.2.1" : Values.Text(host);
        string Server(string server)
        {
            // host:port, [v6]:port or a bare host
            var colon = server.LastIndexOf(':');
            var hasPort = colon > 0 && colon < server.Length - 1 && server[(colon + 1)..].All(char.IsAsciiDigit)
                && (server.StartsWith('[') || !server[..colon].Contains(':', StringComparison.Ordinal));
            return hasPort ? Host(server[..colon]) + server[colon..] : Host(server);
        }

        string? Optional(string? text, Func<string, string> redact) => text is null ? null : redact(text);
        return manifest with
        {
            Server = manifest.Server with { Host = Host(manifest.Server.Host), DnsHostName = Optional(manifest.Server.DnsHostName, Values.Text) },
            Bind = manifest.Bind with { Identity = Optional(manifest.Bind.Identity, Values.Text) },
            Dump = manifest.Dump with { File = outputName },
            NamingContexts = [.. manifest.NamingContexts.Select(nc => nc with
            {
                Dn = Values.Dn(nc.Dn),
                DnsName = Optional(nc.DnsName, Values.Text),
                Server = Server(nc.Server),
                Referrals = [.. nc.Referrals.Select(Values.Text)],
            })],
            Unread = [.. manifest.Unread.Select(u => u with
            {
                Subject = Values.Text(u.Subject),
                Server = Optional(u.Server, Server),
                Message = Values.Name(u.Message),
            })],
        };
    }

    private (long Entries, long Search, long Changes, long Dropped) WriteCsv(IDumpReader reader, bool more, Stream sink, string encoding, bool? crlf, CancellationToken cancel)
    {
        var columns = (reader as CsvDumpReader)?.Columns.Skip(1).ToList() ?? [];
        var kept = columns.Where(c => !RedactionVocabulary.DroppedAttributes.Contains(TypeOf(c))).ToList();
        var binary = CsvdeConventions.DefaultBinaryAttributes
            .Concat(RedactionVocabulary.ExtraBinaryAttributes)
            .Concat(kept.Where(c => RedactionVocabulary.IsGuidAttribute(TypeOf(c))))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var options = new CsvDumpWriterOptions
        {
            Encoding = CsvEncoding(encoding),
            NewLine = crlf == false ? "\n" : "\r\n",
            BinaryAttributes = binary,
        };
        long entries = 0, dropped = 0;
        using var writer = new CsvDumpWriter(sink, kept, options, leaveOpen: true);
        for (; more; more = reader.Read())
        {
            cancel.ThrowIfCancellationRequested();
            if (reader.Current.Kind != DumpRecordKind.Entry)
            {
                continue;
            }

            var redacted = Entries.Redact(reader.Current, replaceFreeTextWhenNothingElse: false);
            writer.Write(redacted.ToDumpEntry());
            entries++;
            dropped += redacted.DroppedValues;
        }

        return (entries, 0, 0, dropped);
    }

    private (long Entries, long Search, long Changes, long Dropped) WriteLdif(
        IDumpReader reader, bool more, Stream sink, DumpDialect dialect, string encoding, bool? crlf, CancellationToken cancel)
    {
        var ldifDialect = dialect switch
        {
            DumpDialect.Ldifde or DumpDialect.Collector => LdifDialect.Ldifde,
            DumpDialect.Ldapsearch => LdifDialect.Ldapsearch,
            _ => LdifDialect.Rfc2849,
        };
        var options = LdifWriterOptions.For(ldifDialect) with
        {
            Encoding = LdifEncoding(encoding),
            LineEnding = crlf is null ? null : crlf.Value ? LdifLineEnding.CrLf : LdifLineEnding.Lf,
        };
        using var writer = new LdifWriter(sink, options, leaveOpen: true);
        var framing = ldifDialect == LdifDialect.Ldapsearch ? new SearchFraming(writer) : null;
        if (dialect == DumpDialect.Collector)
        {
            writer.WriteComment("russnap-collect dump, redacted by russnap redact");
        }

        long entries = 0, search = 0, changes = 0, dropped = 0, failedResults = 0;
        for (; more; more = reader.Read())
        {
            cancel.ThrowIfCancellationRequested();
            var record = reader.Current;
            switch (record.Kind)
            {
                case DumpRecordKind.Entry:
                    {
                        var redacted = Entries.Redact(record, replaceFreeTextWhenNothingElse: ldifDialect == LdifDialect.Ldifde);
                        framing?.BeforeRecord();
                        framing?.EntryComment(redacted.Dn);
                        WriteEntry(writer, redacted);
                        entries++;
                        dropped += redacted.DroppedValues;
                        break;
                    }

                case DumpRecordKind.SearchResult or DumpRecordKind.SearchReference when framing is not null:
                    {
                        var redacted = Entries.Redact(record, replaceFreeTextWhenNothingElse: false);
                        if (record.Kind == DumpRecordKind.SearchResult && IsFailedResult(redacted))
                        {
                            failedResults++;
                        }

                        framing.Write(redacted);
                        search++;
                        break;
                    }

                case DumpRecordKind.SearchResult or DumpRecordKind.SearchReference:
                    break;

                default:
                    changes++;
                    break;
            }
        }

        if (framing is not null)
        {
            // Failed searches the reader saw only as comments ('ldapsearch -L' prints "# result: 4 ..."), then the ending.
            foreach (var failed in reader.Statistics.FailedSearches.Skip((int)Math.Min(failedResults, int.MaxValue)))
            {
                writer.WriteComment(string.Create(CultureInfo.InvariantCulture, $"result: {failed.Code} {failed.Text}"));
            }

            framing.End(reader.Statistics.SearchUnfinished);
        }

        return (entries, search, changes, dropped);
    }

    private static void WriteEntry(LdifWriter writer, RedactedEntry entry)
    {
        writer.BeginEntry(entry.Dn);
        foreach (var attribute in entry.Attributes)
        {
            var description = Encoding.ASCII.GetBytes(attribute.Description);
            foreach (var value in attribute.Values)
            {
                if (value.IsUrl && IsSafeUrl(value.Bytes))
                {
                    writer.WriteUrlValue(description, value.Bytes);
                }
                else
                {
                    // Binary values as base64 whatever their bytes, as ldifde and ldapsearch write them.
                    writer.WriteValue(description, value.Bytes, forceBase64: value.IsBinary);
                }
            }
        }

        writer.EndEntry();
    }

    /// <summary>RFC 2849 SAFE-STRING, as an <c>attr:&lt; URL</c> value must be: printable ASCII, not starting with a space, ':' or '&lt;'.</summary>
    private static bool IsSafeUrl(ReadOnlySpan<byte> url) =>
        !url.IsEmpty && url[0] is not ((byte)' ' or (byte)':' or (byte)'<') && !url.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E);

    private static bool IsFailedResult(RedactedEntry record)
    {
        var result = record.Attributes.FirstOrDefault(a => string.Equals(a.Description, "result", StringComparison.OrdinalIgnoreCase));
        if (result is not { Values.Count: > 0 })
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(result.Values[0].Bytes);
        return text != "0" && !text.StartsWith("0 ", StringComparison.Ordinal);
    }

    private static string TypeOf(string description) =>
        description.IndexOf(';', StringComparison.Ordinal) is var i and >= 0 ? description[..i] : description;

    private static string CleanEncodingName(string name)
    {
        var paren = name.IndexOf(" (", StringComparison.Ordinal);
        return paren > 0 ? name[..paren] : name;
    }

    private static LdifTextEncoding LdifEncoding(string name)
    {
        var n = CleanEncodingName(name);
        return n.StartsWith("utf-16", StringComparison.OrdinalIgnoreCase) ? LdifTextEncoding.Utf16LittleEndian
            : string.Equals(n, "utf-8-bom", StringComparison.OrdinalIgnoreCase) ? LdifTextEncoding.Utf8WithBom
            : LdifTextEncoding.Utf8; // LDIF lines are ASCII (others are base64), so an ANSI input's bytes are the same
    }

    private static Encoding CsvEncoding(string name)
    {
        var n = CleanEncodingName(name).ToLowerInvariant();
        switch (n)
        {
            case "utf-8" or "ascii":
                return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            case "utf-8-bom":
                return new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
            case "utf-16le-bom":
                return new UnicodeEncoding(bigEndian: false, byteOrderMark: true);
            case "utf-16le":
                return new UnicodeEncoding(bigEndian: false, byteOrderMark: false);
            case "utf-16be-bom":
                return new UnicodeEncoding(bigEndian: true, byteOrderMark: true);
            case "utf-16be":
                return new UnicodeEncoding(bigEndian: true, byteOrderMark: false);
        }

        try
        {
            return DumpEncodings.Resolve(n);
        }
        catch (ArgumentException)
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        }
    }

    /// <summary>Whether the input's first line ends with CRLF (null when no line end is found): the output keeps its line ends.</summary>
    private static bool? SniffCrLf(DumpSource source)
    {
        try
        {
            using var raw = source.OpenRaw();
            var buffer = new byte[64 * 1024];
            var length = 0;
            int n;
            while (length < buffer.Length && (n = raw.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += n;
            }

            var span = buffer.AsSpan(0, length);
            var utf16 = span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]);
            for (var i = span.IndexOf((byte)'\n'); i >= 0; i = NextLf(span, i))
            {
                if (utf16)
                {
                    // "\r\0\n\0": the LF at an even offset, its CR two bytes before.
                    if ((i & 1) == 0 && i + 1 < span.Length && span[i + 1] == 0)
                    {
                        return i >= 2 && span[i - 2] == (byte)'\r' && span[i - 1] == 0;
                    }

                    continue;
                }

                return i >= 1 && span[i - 1] == (byte)'\r';
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null; // the real read reports it
        }
    }

    private static int NextLf(ReadOnlySpan<byte> span, int i)
    {
        var next = span[(i + 1)..].IndexOf((byte)'\n');
        return next < 0 ? -1 : i + 1 + next;
    }

    /// <summary>
    /// What ldapsearch prints around its records, written again: the header of a search (and of each later page), the
    /// <c># search result</c> and <c># search reference</c> comments, and the ending, so that a search that finished in
    /// the input finishes in the output and one cut short stays cut short (the reader's <c>SearchUnfinished</c>).
    /// </summary>
    private sealed class SearchFraming(LdifWriter writer)
    {
        private bool _headerDue = true;
        private bool _afterResult;
        private long _responses;
        private long _entries;

        public void BeforeRecord()
        {
            if (_headerDue)
            {
                Header();
            }
        }

        public void EntryComment(string dn)
        {
            writer.WriteComment(dn);
            _entries++;
            _responses++;
        }

        public void Write(RedactedEntry record)
        {
            BeforeRecord();
            var result = record.Kind == DumpRecordKind.SearchResult;
            writer.WriteComment(result ? "search result" : "search reference");
            foreach (var attribute in record.Attributes)
            {
                foreach (var value in attribute.Values)
                {
                    writer.WriteDirective(attribute.Description, Encoding.UTF8.GetString(value.Bytes));
                }
            }

            writer.WriteBlankLine();
            _responses++;
            if (result)
            {
                // After a result, the next record belongs to the next page or search, which has its own header.
                _headerDue = true;
                _afterResult = true;
            }
        }

        public void End(bool unfinished)
        {
            if (unfinished)
            {
                // The input's last search never printed its result: nor does the output.
                if (_afterResult || _headerDue)
                {
                    Header();
                }

                return;
            }

            if (_afterResult)
            {
                var c = CultureInfo.InvariantCulture;
                writer.WriteComment("numResponses: " + _responses.ToString(c));
                if (_entries > 0)
                {
                    writer.WriteComment("numEntries: " + _entries.ToString(c));
                }
            }
            else if (!_headerDue)
            {
                // Records without a result record: say the search ended, as the input did (the reader saw its end).
                writer.WriteComment("numResponses: " + _responses.ToString(CultureInfo.InvariantCulture));
            }
        }

        private void Header()
        {
            writer.WriteComment("extended LDIF");
            writer.WriteComment(string.Empty);
            writer.WriteComment("LDAPv3");
            writer.WriteComment("base <> with scope subtree");
            writer.WriteComment("filter: (objectclass=*)");
            writer.WriteComment("requesting: ALL");
            writer.WriteComment(string.Empty);
            writer.WriteBlankLine();
            _headerDue = false;
            _afterResult = false;
            _responses = 0;
            _entries = 0;
        }
    }

    /// <summary>Lets the writers dispose their stream without closing the caller's.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
    }
}
