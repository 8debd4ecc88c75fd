using System.Globalization;
using CsvHelper;
using RusSnapshot.Analysis.Recipients;

namespace RusSnapshot.Reports.Recipients;

/// <summary>
/// The list of the recipients behind RSN2007 (<c>--recipients FILE.csv</c>), written with CsvHelper in two streamed passes,
/// so that memory stays flat however many there are: <see cref="RecipientListSpool"/> writes each recipient as the dump is
/// read, with its naming context; <see cref="Write"/> then copies the spool into the list, naming each recipient's domain
/// as RSN2007 does (known only once the whole dump is read) and leaving out those RSN2007 does not count.
/// </summary>
/// <remarks>
/// The list is RFC 4180 CSV (CRLF, quoted where needed), UTF-8 with a byte order mark so that spreadsheets read its
/// accents, and a value a spreadsheet would run as a formula (starting with <c>= + - @</c>, TAB or CR) is written with a
/// leading <c>'</c> (CSV injection; a dump is untrusted).
/// </remarks>
public static class RecipientList
{
    /// <summary>The columns of the list, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["domain", "dn", "sAMAccountName", "mailNickname", "missing", "source", "line"];

    internal static readonly string[] SpoolColumns = ["namingContext", "dn", "sAMAccountName", "mailNickname", "missing", "source", "line"];

    /// <summary>The attributes a recipient lacks, as the <c>missing</c> column writes them (<c>proxyAddresses;legacyExchangeDN</c>).</summary>
    public static string MissingText(StampedAttributes missing)
    {
        var names = new List<string>(3);
        if (missing.HasFlag(StampedAttributes.ProxyAddresses))
        {
            names.Add("proxyAddresses");
        }

        if (missing.HasFlag(StampedAttributes.LegacyExchangeDn))
        {
            names.Add("legacyExchangeDN");
        }

        if (missing.HasFlag(StampedAttributes.ShowInAddressBook))
        {
            names.Add("showInAddressBook");
        }

        return string.Join(";", names);
    }

    /// <summary>
    /// Copies the spool into the list: the header, then each spooled recipient whose domain <paramref name="domainOf"/>
    /// names (in dump order); a recipient whose naming context it maps to null is left out.
    /// </summary>
    /// <param name="spool">What <see cref="RecipientListSpool"/> wrote, from its start.</param>
    /// <param name="output">The list (the caller writes it to a temporary file and renames it when complete).</param>
    /// <param name="domainOf">The domain of a naming context as RSN2007 names it, or null to leave its recipients out (<c>AnalysisResult.RecipientDomain</c>).</param>
    /// <returns>The recipients listed.</returns>
    public static long Write(TextReader spool, TextWriter output, Func<string, string?> domainOf)
    {
        ArgumentNullException.ThrowIfNull(spool);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(domainOf);

        // The byte order mark as a character: the writer encodes it (WriteByteOrderMark applies to streams only).
        output.Write('\uFEFF');
        var options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };
        using var csv = CsvWriter.Create(output, options, leaveOpen: true);
        csv.WriteHeader([.. Columns]);

        // Few naming contexts, many recipients: each context's domain is looked up once.
        var domains = new Dictionary<string, string?>(StringComparer.Ordinal);
        // The spool is this class's own output: read it exactly as written (no separator detection, no trimming).
        var spoolOptions = CsvReaderOptions.Default with { Separator = ',', TrimWhitespace = false, IncludeValuesInExceptions = false };
        using var reader = CsvReader.Create(spool, spoolOptions, leaveOpen: true);
        long written = 0;
        var fields = new string[Columns.Count];
        while (reader.Read())
        {
            var nc = reader.GetString(0);
            if (!domains.TryGetValue(nc, out var domain))
            {
                domain = domainOf(nc);
                domains.Add(nc, domain);
            }

            if (domain is null)
            {
                continue;
            }

            fields[0] = domain;
            for (var i = 1; i < fields.Length; i++)
            {
                fields[i] = reader.GetString(i);
            }

            csv.WriteRecord(fields);
            written++;
        }

        csv.Flush();
        return written;
    }
}

/// <summary>
/// Pass one of <see cref="RecipientList"/>: receives the unstamped recipients from the model builder while the dump is
/// read and writes each one at once (CSV, with its naming context), keeping nothing.
/// </summary>
public sealed class RecipientListSpool : IUnstampedRecipientSink, IDisposable
{
    private readonly CsvWriter _csv;
    private readonly string[] _fields = new string[RecipientList.SpoolColumns.Length];

    /// <param name="spool">Where the rows go (a temporary file, read back by <see cref="RecipientList.Write"/>); left open.</param>
    public RecipientListSpool(TextWriter spool)
    {
        ArgumentNullException.ThrowIfNull(spool);
        _csv = CsvWriter.Create(spool, CsvWriterOptions.Default, leaveOpen: true);
        _csv.WriteHeader(RecipientList.SpoolColumns);
    }

    /// <summary>Recipients spooled.</summary>
    public long Count { get; private set; }

    public void Add(UnstampedRecipient recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        _fields[0] = recipient.NamingContext;
        _fields[1] = recipient.Dn;
        _fields[2] = recipient.SamAccountName ?? string.Empty;
        _fields[3] = recipient.MailNickname ?? string.Empty;
        _fields[4] = RecipientList.MissingText(recipient.Missing);
        _fields[5] = recipient.Position.Source;
        _fields[6] = recipient.Position.Line.ToString(CultureInfo.InvariantCulture);
        _csv.WriteRecord(_fields);
        Count++;
    }

    /// <summary>Writes what is buffered to the spool.</summary>
    public void Flush() => _csv.Flush();

    public void Dispose() => _csv.Dispose();
}
