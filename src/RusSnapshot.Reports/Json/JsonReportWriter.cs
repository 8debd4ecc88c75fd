using System.Text;
using System.Text.Json;
using RusSnapshot.Analysis.Verdict;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Text;

namespace RusSnapshot.Reports.Json;

/// <summary>
/// The machine contract, described by <c>schemas/report.schema.json</c>: camelCase, properties always present
/// (null when unknown) in a fixed order, two-space indentation, LF. Values are exact: JSON escaping is lossless.
/// Escaping is <see cref="JsonOutput"/>'s, shared by every JSON output of the tools.
/// </summary>
public sealed class JsonReportWriter : IReportWriter
{
    public string Format => "json";

    public string FileExtension => "json";

    public void Write(ReportDocument document, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        output.Write(JsonOutput.Write(w => WriteDocument(w, document)));
    }

    private static void WriteDocument(Utf8JsonWriter w, ReportDocument d)
    {
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", d.SchemaVersion);

        w.WriteStartObject("tool");
        w.WriteString("name", d.Tool.Name);
        w.WriteString("version", d.Tool.Version);
        w.WriteString("ruleCatalogVersion", d.Tool.RuleCatalogVersion);
        w.WriteStringOrNull("commandLine", d.Tool.CommandLine);
        w.WriteEndObject();

        w.WriteString("generatedAt", ReportText.Timestamp(d.GeneratedAt));
        w.WriteString("language", d.Language.ToCode());

        w.WriteStartArray("inputs");
        foreach (var i in d.Inputs)
        {
            w.WriteStartObject();
            w.WriteString("path", i.Path);
            w.WriteStringOrNull("format", i.Format);
            w.WriteString("dialect", i.Dialect);
            w.WriteStringOrNull("encoding", i.Encoding);
            w.WriteStringOrNull("sha256", i.Sha256);
            w.WriteNumber("entries", i.Entries);
            w.WriteNumber("duplicates", i.Duplicates);
            w.WriteNumber("errors", i.Errors);
            w.WriteNumber("warnings", i.Warnings);
            w.WriteBoolean("complete", i.Complete);
            w.WriteStringOrNull("collectedBy", i.CollectedBy);
            if (i.Capture is { } capture)
            {
                // Only inputs whose format records its capture (AD Explorer snapshots) have this object.
                w.WriteStartObject("capture");
                w.WriteString("tool", capture.Tool);
                w.WriteStringOrNull("time", capture.Time is { } time ? ReportText.Timestamp(time) : null);
                w.WriteStringOrNull("server", capture.Server);
                w.WriteStringOrNull("description", capture.Description);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();

        WriteForest(w, d.Forest);
        WriteExchange(w, d.Exchange);
        WriteReadiness(w, d.Readiness);
        WriteSetupLogs(w, d.SetupLogs);

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
        w.WriteStrings("domainsCovered", s.DomainsCovered);
        w.WriteStrings("domainsMissing", s.DomainsMissing);
        w.WriteStrings("domainsNotJudged", s.DomainsNotJudged);
        w.WriteString("verdict", s.Verdict.ToName());
        w.WriteEndObject();

        w.WriteEndObject();
    }

    private static void WriteForest(Utf8JsonWriter w, ReportForest forest)
    {
        w.WriteStartObject("forest");
        w.WriteStringOrNull("configurationDn", forest.ConfigurationDn);
        w.WriteStartArray("domains");
        foreach (var d in forest.Domains)
        {
            w.WriteStartObject();
            w.WriteString("dn", d.Dn);
            w.WriteStringOrNull("dnsName", d.DnsName);
            w.WriteStringOrNull("netbiosName", d.NetbiosName);
            w.WriteBoolean("enabled", d.Enabled);
            w.WriteStringOrNull("parentDn", d.ParentDn);
            w.WriteBoolean("isForestRoot", d.IsForestRoot);
            w.WriteBoolean("partitionInDump", d.PartitionInDump);
            w.WriteBoolean("prepared", d.Prepared);
            w.WriteBoolean("covered", d.Covered);
            w.WriteString("coverage", d.Coverage.ToName());
            w.WriteStrings("rusInstances", d.RusInstances);
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

        w.WriteStrings("administrativeGroups", exchange.AdministrativeGroups);

        w.WriteStartArray("servers");
        foreach (var s in exchange.Servers)
        {
            w.WriteStartObject();
            w.WriteString("dn", s.Dn);
            w.WriteString("name", s.Name);
            w.WriteString("version", s.Version);
            w.WriteStringOrNull("build", s.Build);
            w.WriteString("generation", s.Generation.ToName());
            w.WriteBoolean("frontEnd", s.FrontEnd);
            w.WriteStringOrNull("administrativeGroup", s.AdministrativeGroup);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("rusInstances");
        foreach (var r in exchange.RusInstances)
        {
            w.WriteStartObject();
            w.WriteString("dn", r.Dn);
            w.WriteString("name", r.Name);
            w.WriteStringOrNull("domainLink", r.DomainLink);
            w.WriteStringOrNull("serverLink", r.ServerLink);
            w.WriteStringOrNull("serverName", r.ServerName);
            w.WriteStringOrNull("domainController", r.DomainController);
            w.WriteBoolean("enterprise", r.Enterprise);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteReadiness(Utf8JsonWriter w, ReportReadiness r)
    {
        w.WriteStartObject("readiness");
        w.WriteBoolean("derived", true);
        w.WriteStrings("sources", r.Sources);
        WriteAnswer(w, "exchange2013OrLaterBlocked", r.Exchange2013Blocked);
        WriteUnknown(w, "blockedUnknownReason", r.BlockedUnknown);
        w.WriteStrings("legacyServers", r.LegacyServers);
        w.WriteStartArray("domains");
        foreach (var d in r.Domains)
        {
            w.WriteStartObject();
            w.WriteString("dn", d.Dn);
            w.WriteStringOrNull("dnsName", d.DnsName);
            w.WriteStrings("rusInstances", d.RusInstances);
            WriteAnswer(w, "exchange2007SetupStops", d.Exchange2007Stops);
            WriteAnswer(w, "exchange2010SetupStops", d.Exchange2010Stops);
            WriteAnswer(w, "exchange2013OrLaterSetupWarns", d.Exchange2013Warns);
            WriteUnknown(w, "unknownReason", d.Unknown);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteAnswer(Utf8JsonWriter w, string name, Analysis.Verdict.ReadinessAnswer answer)
    {
        if (answer == Analysis.Verdict.ReadinessAnswer.Unknown)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteBoolean(name, answer == Analysis.Verdict.ReadinessAnswer.Yes);
        }
    }

    private static void WriteUnknown(Utf8JsonWriter w, string name, Analysis.Verdict.ReadinessUnknown unknown) =>
        w.WriteStringOrNull(name, unknown == Analysis.Verdict.ReadinessUnknown.None ? null : unknown.ToName());

    private static void WriteSetupLogs(Utf8JsonWriter w, System.Collections.Immutable.ImmutableArray<ReportSetupLog> logs)
    {
        w.WriteStartArray("setupLogs");
        foreach (var l in logs)
        {
            var log = l.Log;
            w.WriteStartObject();
            w.WriteString("path", l.Path);
            w.WriteNumber("runs", log.RunCount);
            WriteNumberOrNull(w, "requestedRun", log.RequestedRun);
            w.WriteNumber("lines", log.Lines);
            w.WriteBoolean("complete", log.Complete);
            w.WriteNumber("errors", log.Errors);
            w.WriteNumber("warnings", log.Warnings);
            w.WriteStartArray("diagnostics");
            foreach (var diag in log.Diagnostics)
            {
                w.WriteStartObject();
                w.WriteNumber("line", diag.Position.Line);
                w.WriteString("severity", diag.Severity == Dumps.DiagnosticSeverity.Error ? "error" : "warning");
                w.WriteString("code", diag.Code);
                w.WriteString("message", diag.Message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("runList");
            foreach (var r in log.Runs)
            {
                w.WriteStartObject();
                w.WriteNumber("number", r.Number);
                w.WriteNumber("line", r.Line);
                w.WriteStringOrNull("started", LocalTime(r.Started));
                w.WriteStringOrNull("utcOffset", r.UtcOffset is { } o ? ReportText.Offset(o) : null);
                w.WriteStringOrNull("product", r.Product);
                w.WriteStringOrNull("setupVersion", r.SetupVersion);
                w.WriteStringOrNull("mode", r.Mode);
                w.WriteBoolean("succeeded", r.Succeeded);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteRun(w, log.Run);
            w.WriteStartObject("comparison");
            w.WriteString("agreement", l.Agreement.ToName());
            w.WriteStringOrNull("notComparableReason", l.Reason == Analysis.Verdict.SetupLogNotComparable.None ? null : l.Reason.ToName());
            w.WriteStringOrNull("domainDn", l.DomainDn);
            if (l.DumpWouldFire is { } fire)
            {
                w.WriteBoolean("dumpWouldFire", fire);
            }
            else
            {
                w.WriteNull("dumpWouldFire");
            }

            w.WriteString("newer", l.Newer.ToName());
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteRun(Utf8JsonWriter w, Analysis.SetupLogs.SetupRun? run)
    {
        if (run is null)
        {
            w.WriteNull("run");
            return;
        }

        w.WriteStartObject("run");
        w.WriteNumber("number", run.Number);
        w.WriteNumber("line", run.Line);
        w.WriteNumber("lastLine", run.LastLine);
        w.WriteStringOrNull("started", LocalTime(run.Started));
        w.WriteStringOrNull("utcOffset", run.UtcOffset is { } o ? ReportText.Offset(o) : null);
        w.WriteStringOrNull("timeZone", run.TimeZone);
        w.WriteStringOrNull("product", run.Product);
        w.WriteStringOrNull("setupVersion", run.SetupVersion);
        w.WriteStringOrNull("mode", run.Mode);
        w.WriteStringOrNull("user", run.User);
        w.WriteBoolean("succeeded", run.Succeeded);
        w.WriteBoolean("ended", run.Ended);
        w.WriteNumber("readinessEvaluations", run.ReadinessEvaluations);
        if (run.RusMissing is { } rus)
        {
            w.WriteStartObject("rusMissing");
            w.WriteNumber("line", rus.Rule.Line);
            w.WriteString("value", rus.Rule.Value);
            w.WriteBoolean("hasException", rus.Rule.HasException);
            if (rus.Rule.Fired is { } fired)
            {
                w.WriteBoolean("fired", fired);
            }
            else
            {
                w.WriteNull("fired");
            }

            w.WriteStringOrNull("ruleType", rus.RuleType);
            WriteSetting(w, "domainNcName", rus.DomainNcName);
            WriteSetting(w, "rusName", rus.RusName);
            WriteSetting(w, "exchangeSystemObjects", rus.ExchangeSystemObjects);
            w.WriteStartArray("exchange200x");
            foreach (var s in rus.Exchange200x)
            {
                WriteSetting(w, null, s);
            }

            w.WriteEndArray();
            w.WriteStartArray("serialNumbers");
            foreach (var s in rus.SerialNumbers)
            {
                WriteSetting(w, null, s);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("rusMissing");
        }

        if (run.Exchange2000Or2003PresentInOrg is { } legacy)
        {
            w.WriteStartObject("exchange2000or2003PresentInOrg");
            w.WriteNumber("line", legacy.Line);
            w.WriteString("value", legacy.Value);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("exchange2000or2003PresentInOrg");
        }

        w.WriteStartArray("fired");
        foreach (var f in run.Fired)
        {
            w.WriteStartObject();
            w.WriteString("level", f.Level.ToName());
            w.WriteStringOrNull("rule", f.Rule);
            w.WriteString("message", f.Message);
            w.WriteNumber("line", f.Line);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteSetting(Utf8JsonWriter w, string? name, Analysis.SetupLogs.SetupSetting? s)
    {
        if (s is null)
        {
            w.WriteNull(name!);
            return;
        }

        if (name is null)
        {
            w.WriteStartObject();
        }
        else
        {
            w.WriteStartObject(name);
        }

        w.WriteString("value", s.Value);
        w.WriteStringOrNull("parentValue", s.ParentValue);
        w.WriteBoolean("hasException", s.HasException);
        w.WriteNumber("line", s.Line);
        w.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>A setup log's local time as written, ISO 8601 without offset (the offset is given beside it).</summary>
    private static string? LocalTime(DateTime? t) =>
        t?.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);

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
            w.WriteStringOrNull("attribute", e.Attribute);
            w.WriteStringOrNull("value", e.Value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStrings("remediation", f.Remediation);
        w.WriteString("fingerprint", f.Fingerprint);
        w.WriteStringOrNull("suppressed", f.Suppressed);
        w.WriteStringOrNull("suppressionExpired", f.SuppressionExpired?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("helpUri", f.HelpUri);
        w.WriteEndObject();
    }
}
