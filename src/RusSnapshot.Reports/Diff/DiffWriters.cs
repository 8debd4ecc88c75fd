using System.Globalization;
using System.Text.Json;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Text;
using RusSnapshot.Reports.Html;
using RusSnapshot.Reports.Json;
using RusSnapshot.Reports.Markdown;

namespace RusSnapshot.Reports.Diff;

/// <summary>Renders a <see cref="DiffDocument"/> in one format.</summary>
public interface IDiffWriter
{
    /// <summary>The format's name on the command line (<c>md</c>, <c>json</c>, <c>html</c>).</summary>
    string Format { get; }

    string FileExtension { get; }

    void Write(DiffDocument document, TextWriter output);
}

/// <summary>The comparison as JSON, described by <c>schemas/diff.schema.json</c>.</summary>
public sealed class DiffJsonWriter : IDiffWriter
{
    public string Format => "json";

    public string FileExtension => "json";

    public void Write(DiffDocument document, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        output.Write(JsonOutput.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", document.SchemaVersion);
            w.WriteStartObject("tool");
            w.WriteString("name", document.Tool.Name);
            w.WriteString("version", document.Tool.Version);
            w.WriteString("ruleCatalogVersion", document.Tool.RuleCatalogVersion);
            w.WriteEndObject();
            w.WriteString("generatedAt", ReportText.Timestamp(document.GeneratedAt));
            w.WriteString("language", document.Language.ToCode());
            Side(w, "before", document.Before);
            Side(w, "after", document.After);
            Entries(w, "fixed", document.Fixed);
            Entries(w, "new", document.New);
            Entries(w, "unchanged", document.Unchanged);
            w.WriteStartArray("changes");
            foreach (var c in document.Changes)
            {
                w.WriteStartObject();
                w.WriteString("kind", ChangeKindName(c.Kind));
                w.WriteString("subject", c.Subject);
                w.WriteString("name", c.Name);
                w.WriteStringOrNull("before", c.Before);
                w.WriteStringOrNull("after", c.After);
                w.WriteStrings("related", c.Related);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("summary");
            w.WriteNumber("fixed", document.Fixed.Length);
            w.WriteNumber("new", document.New.Length);
            w.WriteNumber("unchanged", document.Unchanged.Length);
            w.WriteNumber("changes", document.Changes.Length);
            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    /// <summary>The JSON name of a change kind (camelCase).</summary>
    public static string ChangeKindName(ForestChangeKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    private static void Side(Utf8JsonWriter w, string name, DiffSide side)
    {
        w.WriteStartObject(name);
        w.WriteString("label", side.Label);
        w.WriteString("generatedAt", ReportText.Timestamp(side.GeneratedAt));
        w.WriteStartArray("inputs");
        foreach (var i in side.Inputs)
        {
            w.WriteStartObject();
            w.WriteString("path", i.Path);
            w.WriteStringOrNull("sha256", i.Sha256);
            w.WriteNumber("entries", i.Entries);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Entries(Utf8JsonWriter w, string name, IEnumerable<DiffEntry> entries)
    {
        w.WriteStartArray(name);
        foreach (var e in entries)
        {
            w.WriteStartObject();
            w.WriteString("fingerprint", e.Fingerprint);
            w.WriteString("ruleId", e.RuleId);
            w.WriteString("name", e.Name);
            w.WriteString("severity", e.Severity.ToName());
            w.WriteStringOrNull("previousSeverity", e.PreviousSeverity?.ToName());
            w.WriteString("subject", e.Subject);
            w.WriteString("message", e.Message);
            w.WriteStartArray("explainedBy");
            foreach (var i in e.Explanations)
            {
                w.WriteNumberValue(i);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}

/// <summary>The comparison as Markdown, for tickets and chat; every value escaped.</summary>
public sealed class DiffMarkdownWriter : IDiffWriter
{
    public string Format => "md";

    public string FileExtension => "md";

    public void Write(DiffDocument document, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        var l = DiffLabels.For(document.Language);
        var r = ReportLabels.For(document.Language);
        var md = new MarkdownBuilder();
        md.Line("# " + MarkdownText.Escape(l.Title));
        md.Blank();
        md.Line(MarkdownText.Escape(l.Subtitle, atLineStart: true));
        md.Blank();
        md.Line($"- {MarkdownText.Escape(l.Before)}{MarkdownText.Escape(r.Colon)}{MarkdownText.Escape(document.Before.Label)} ({MarkdownText.Escape(ReportText.Timestamp(document.Before.GeneratedAt))})");
        md.Line($"- {MarkdownText.Escape(l.After)}{MarkdownText.Escape(r.Colon)}{MarkdownText.Escape(document.After.Label)} ({MarkdownText.Escape(ReportText.Timestamp(document.After.GeneratedAt))})");
        md.Line($"- {MarkdownText.Escape(l.GeneratedAt)}{MarkdownText.Escape(r.Colon)}{MarkdownText.Escape(ReportText.Timestamp(document.GeneratedAt))}, {MarkdownText.Escape(document.Tool.Name)} {MarkdownText.Escape(document.Tool.Version)}");
        md.Blank();
        md.Line("## " + MarkdownText.Escape(l.Summary));
        md.Blank();
        md.Table([l.Fixed, l.New, l.Unchanged, l.Changes], [true, true, true, true],
            [[Number(document.Fixed.Length), Number(document.New.Length), Number(document.Unchanged.Length), Number(document.Changes.Length)]]);
        Section(md, l.New, document.New, document, l, r);
        Section(md, l.Fixed, document.Fixed, document, l, r);
        Section(md, l.Unchanged, document.Unchanged, document, l, r);
        md.Line("## " + MarkdownText.Escape(l.Changes));
        md.Blank();
        if (document.Changes.IsEmpty)
        {
            md.Line(MarkdownText.Escape(l.NoChanges, atLineStart: true));
            md.Blank();
        }
        else
        {
            md.Table(["#", l.Change, l.Name, l.Was, l.Now, l.Subject], [true, false, false, false, false, false],
                [.. document.Changes.Select((c, i) => new[] { Number(i + 1), l.ChangeName(c.Kind), c.Name, c.Before ?? "", c.After ?? "", c.Subject })]);
        }

        output.Write(md.ToString());
    }

    private static void Section(MarkdownBuilder md, string title, IReadOnlyList<DiffEntry> entries, DiffDocument d, DiffLabels l, ReportLabels r)
    {
        md.Line($"## {MarkdownText.Escape(title)} ({Number(entries.Count)})");
        md.Blank();
        if (entries.Count == 0)
        {
            md.Line(MarkdownText.Escape(l.None, atLineStart: true));
            md.Blank();
            return;
        }

        md.Table([l.Rule, l.Severity, l.Subject, l.Message, l.ExplainedBy], [false, false, false, false, false],
            [.. entries.Select(e => new[]
            {
                $"{e.RuleId} {e.Name}",
                e.PreviousSeverity is { } was ? $"{r.SeverityName(e.Severity)} ({l.SeverityWas} {r.SeverityName(was)})" : r.SeverityName(e.Severity),
                e.Subject,
                e.Message,
                string.Join("; ", e.Explanations.Select(i => $"#{Number(i + 1)} {l.ChangeName(d.Changes[i].Kind)}: {d.Changes[i].Name}")),
            })]);
    }

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The comparison as one self-contained HTML page in the report's style; every value escaped.</summary>
public sealed class DiffHtmlWriter : IDiffWriter
{
    public string Format => "html";

    public string FileExtension => "html";

    public void Write(DiffDocument document, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        var l = DiffLabels.For(document.Language);
        var r = ReportLabels.For(document.Language);
        var h = new HtmlBuilder();
        h.BeginPage(document.Language, $"{l.Title}{r.Colon}{document.Before.Label} → {document.After.Label}", $"{document.Tool.Name} {document.Tool.Version}");
        h.Raw("<header>");
        h.Raw($"<h1>{T(l.Title)}</h1>");
        h.Raw($"<p class=\"sub\">{T(l.Subtitle)}</p>");
        h.Raw("<dl class=\"meta\">");
        h.Meta(l.Before, $"<code>{T(document.Before.Label)}</code> ({T(ReportText.Timestamp(document.Before.GeneratedAt))})");
        h.Meta(l.After, $"<code>{T(document.After.Label)}</code> ({T(ReportText.Timestamp(document.After.GeneratedAt))})");
        h.Meta(l.GeneratedAt, $"<time datetime=\"{T(ReportText.Timestamp(document.GeneratedAt))}\">{T(ReportText.Timestamp(document.GeneratedAt))}</time>, {T(document.Tool.Name)} {T(document.Tool.Version)}");
        h.Raw("</dl>");
        h.Raw("</header>");
        h.Raw("<main>");
        h.Raw("<section id=\"summary\">");
        h.Raw($"<h2>{T(l.Summary)}</h2>");
        h.Raw("<ul class=\"counts\">");
        h.Count("covered", l.Fixed, document.Fixed.Length);
        h.Count("error", l.New, document.New.Length);
        h.Count("notApplicable", l.Unchanged, document.Unchanged.Length);
        h.Count("info", l.Changes, document.Changes.Length);
        h.Raw("</ul>");
        h.Raw("</section>");
        Section(h, "new", l.New, document.New, document, l, r);
        Section(h, "fixed", l.Fixed, document.Fixed, document, l, r);
        Section(h, "unchanged", l.Unchanged, document.Unchanged, document, l, r);
        h.Raw("<section id=\"changes\">");
        h.Raw($"<h2>{T(l.Changes)}</h2>");
        if (document.Changes.IsEmpty)
        {
            h.Raw($"<p>{T(l.NoChanges)}</p>");
        }
        else
        {
            var table = new TableWriter(h, "changes", ["#", l.Change, l.Name, l.Was, l.Now, l.Subject]);
            for (var i = 0; i < document.Changes.Length; i++)
            {
                var c = document.Changes[i];
                table.Row($"id=\"change-{i + 1}\" data-kind=\"{DiffJsonWriter.ChangeKindName(c.Kind)}\"",
                    Cell.Number((i + 1).ToString(CultureInfo.InvariantCulture)), Cell.Label(T(l.ChangeName(c.Kind))), Cell.Text(c.Name),
                    Cell.Text(c.Before ?? string.Empty), Cell.Text(c.After ?? string.Empty), Cell.Dn(c.Subject));
            }

            table.End();
        }

        h.Raw("</section>");
        h.Raw("</main>");
        h.EndPage(r.Footer);
        output.Write(h.ToString());
    }

    private static void Section(HtmlBuilder h, string id, string title, IReadOnlyList<DiffEntry> entries, DiffDocument d, DiffLabels l, ReportLabels r)
    {
        h.Raw($"<section id=\"{id}\">");
        h.Raw($"<h2>{T(title)} ({entries.Count.ToString(CultureInfo.InvariantCulture)})</h2>");
        if (entries.Count == 0)
        {
            h.Raw($"<p>{T(l.None)}</p>");
            h.Raw("</section>");
            return;
        }

        var table = new TableWriter(h, id, [l.Rule, l.Severity, l.Subject, l.Message, l.ExplainedBy]);
        foreach (var e in entries)
        {
            var severity = T(r.SeverityName(e.Severity)) + (e.PreviousSeverity is { } was ? $" ({T(l.SeverityWas)} {T(r.SeverityName(was))})" : string.Empty);
            var because = string.Join("<br>", e.Explanations.Select(i =>
                $"<a href=\"#change-{(i + 1).ToString(CultureInfo.InvariantCulture)}\">#{(i + 1).ToString(CultureInfo.InvariantCulture)}</a> {T(l.ChangeName(d.Changes[i].Kind))}: {T(d.Changes[i].Name)}"));
            table.Row($"data-fingerprint=\"{T(e.Fingerprint)}\" data-severity=\"{e.Severity.ToName()}\"",
                Cell.Value($"<code>{T(e.RuleId)}</code> {T(e.Name)}"), Cell.Label($"<span class=\"badge {e.Severity.ToName()}\">{severity}</span>"),
                Cell.Dn(e.Subject), Cell.Text(e.Message), Cell.Value(because));
        }

        table.End();
        h.Raw("</section>");
    }

    private static string T(string value) => HtmlText.Encode(value);
}
