using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using RusSnapshot.Analysis.Verdict;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Text;

namespace RusSnapshot.Reports.Json;

/// <summary>
/// The machine contract, described by <c>schemas/report.schema.json</c>: camelCase, properties always present
/// (null when unknown) in a fixed order, two-space indentation, LF. Values are exact: JSON escaping is lossless.
/// Non-ASCII letters are written as they are; HTML-sensitive characters (<c>&lt; &gt; &amp; ' " `</c>) are
/// escaped as <c>\u003C</c>..., so the report is safe to paste into a page, and so are characters that could
/// reorder or hide text (bidi controls, zero-width spaces).
/// </summary>
public sealed class JsonReportWriter : IReportWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = MakeEncoder(),
    };

    public string Format => "json";

    public string FileExtension => "json";

    public void Write(ReportDocument document, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            WriteDocument(w, document);
        }

        output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        output.Write('\n');
    }

    /// <summary>
    /// Letters of every script stay readable; characters that could reorder or hide text in an editor (line and
    /// paragraph separators, and every default-ignorable code point: bidi controls, joiners, the BOM...) are
    /// escaped like controls and HTML-sensitive ones. The encoder escapes every astral code point anyway (tags).
    /// </summary>
    private static JavaScriptEncoder MakeEncoder()
    {
        var settings = new TextEncoderSettings(UnicodeRanges.All);
        settings.ForbidCharacters('\u2028', '\u2029');
        for (var c = 0; c <= 0xFFFF; c++)
        {
            if (ReportText.IsDefaultIgnorable(c))
            {
                settings.ForbidCharacter((char)c);
            }
        }

        return JavaScriptEncoder.Create(settings);
    }

    private static void WriteDocument(Utf8JsonWriter w, ReportDocument d)
    {
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", d.SchemaVersion);

        w.WriteStartObject("tool");
        w.WriteString("name", d.Tool.Name);
        w.WriteString("version", d.Tool.Version);
        w.WriteString("ruleCatalogVersion", d.Tool.RuleCatalogVersion);
        StringOrNull(w, "commandLine", d.Tool.CommandLine);
        w.WriteEndObject();

        w.WriteString("generatedAt", ReportText.Timestamp(d.GeneratedAt));
        w.WriteString("language", d.Language.ToCode());

        w.WriteStartArray("inputs");
        foreach (var i in d.Inputs)
        {
            w.WriteStartObject();
            w.WriteString("path", i.Path);
            StringOrNull(w, "format", i.Format);
            w.WriteString("dialect", i.Dialect);
            StringOrNull(w, "encoding", i.Encoding);
            StringOrNull(w, "sha256", i.Sha256);
            w.WriteNumber("entries", i.Entries);
            w.WriteNumber("duplicates", i.Duplicates);
            w.WriteNumber("errors", i.Errors);
            w.WriteNumber("warnings", i.Warnings);
            w.WriteBoolean("complete", i.Complete);
            StringOrNull(w, "collectedBy", i.CollectedBy);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        WriteForest(w, d.Forest);
        WriteExchange(w, d.Exchange);

        w.WriteStartArray("findings");
        foreach (var f in d.Findings)
        {
            WriteFinding(w, f);
        }

        w.WriteEndArray();

        var s = d.Summary;
        w.WriteStartObject("summary");
        w.WriteNumber("errors", s.Errors);
        w.WriteNumber("warnings", s.Warnings);
        w.WriteNumber("infos", s.Infos);
        w.WriteNumber("notApplicable", s.NotApplicable);
        w.WriteNumber("suppressed", s.Suppressed);
        w.WriteBoolean("domainsKnown", s.DomainsKnown);
        Strings(w, "domainsCovered", s.DomainsCovered);
        Strings(w, "domainsMissing", s.DomainsMissing);
        Strings(w, "domainsNotJudged", s.DomainsNotJudged);
        w.WriteString("verdict", s.Verdict.ToName());
        w.WriteEndObject();

        w.WriteEndObject();
    }

    private static void WriteForest(Utf8JsonWriter w, ReportForest forest)
    {
        w.WriteStartObject("forest");
        StringOrNull(w, "configurationDn", forest.ConfigurationDn);
        w.WriteStartArray("domains");
        foreach (var d in forest.Domains)
        {
            w.WriteStartObject();
            w.WriteString("dn", d.Dn);
            StringOrNull(w, "dnsName", d.DnsName);
            StringOrNull(w, "netbiosName", d.NetbiosName);
            w.WriteBoolean("enabled", d.Enabled);
            StringOrNull(w, "parentDn", d.ParentDn);
            w.WriteBoolean("isForestRoot", d.IsForestRoot);
            w.WriteBoolean("partitionInDump", d.PartitionInDump);
            w.WriteBoolean("prepared", d.Prepared);
            w.WriteBoolean("covered", d.Covered);
            w.WriteString("coverage", d.Coverage.ToName());
            Strings(w, "rusInstances", d.RusInstances);
            if (d.Recipients is null)
            {
                w.WriteNull("recipients");
            }
            else
            {
                WriteRecipients(w, "recipients", d.Recipients);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteRecipients(w, "unassignedRecipients", forest.UnassignedRecipients);
        w.WriteEndObject();
    }

    private static void WriteRecipients(Utf8JsonWriter w, string name, ReportRecipients r)
    {
        w.WriteStartObject(name);
        w.WriteNumber("mailEnabled", r.MailEnabled);
        w.WriteNumber("stamped", r.Stamped);
        w.WriteNumber("unstamped", r.Unstamped);
        w.WriteNumber("optedOut", r.OptedOut);
        w.WriteNumber("mailboxes", r.Mailboxes);
        w.WriteEndObject();
    }

    private static void WriteExchange(Utf8JsonWriter w, ReportExchange exchange)
    {
        w.WriteStartObject("exchange");
        if (exchange.Organization is { } org)
        {
            w.WriteStartObject("organisation");
            w.WriteString("dn", org.Dn);
            w.WriteString("name", org.Name);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("organisation");
        }

        Strings(w, "administrativeGroups", exchange.AdministrativeGroups);

        w.WriteStartArray("servers");
        foreach (var s in exchange.Servers)
        {
            w.WriteStartObject();
            w.WriteString("dn", s.Dn);
            w.WriteString("name", s.Name);
            w.WriteString("version", s.Version);
            StringOrNull(w, "build", s.Build);
            w.WriteString("generation", s.Generation.ToName());
            w.WriteBoolean("frontEnd", s.FrontEnd);
            StringOrNull(w, "administrativeGroup", s.AdministrativeGroup);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("rusInstances");
        foreach (var r in exchange.RusInstances)
        {
            w.WriteStartObject();
            w.WriteString("dn", r.Dn);
            w.WriteString("name", r.Name);
            StringOrNull(w, "domainLink", r.DomainLink);
            StringOrNull(w, "serverLink", r.ServerLink);
            StringOrNull(w, "serverName", r.ServerName);
            StringOrNull(w, "domainController", r.DomainController);
            w.WriteBoolean("enterprise", r.Enterprise);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter w, ReportFinding f)
    {
        w.WriteStartObject();
        w.WriteString("ruleId", f.RuleId);
        w.WriteString("name", f.Name);
        w.WriteString("title", f.Title);
        w.WriteString("severity", f.Severity.ToName());
        w.WriteString("kind", f.Kind.ToName());
        w.WriteString("subject", f.Subject);
        w.WriteString("message", f.Message);
        w.WriteString("messageId", f.MessageId);
        w.WriteStartArray("evidence");
        foreach (var e in f.Evidence)
        {
            w.WriteStartObject();
            w.WriteString("source", e.Source);
            w.WriteNumber("line", e.Line);
            w.WriteString("dn", e.Dn);
            StringOrNull(w, "attribute", e.Attribute);
            StringOrNull(w, "value", e.Value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        Strings(w, "remediation", f.Remediation);
        w.WriteString("fingerprint", f.Fingerprint);
        StringOrNull(w, "suppressed", f.Suppressed);
        StringOrNull(w, "suppressionExpired", f.SuppressionExpired?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("helpUri", f.HelpUri);
        w.WriteEndObject();
    }

    private static void StringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }
}
