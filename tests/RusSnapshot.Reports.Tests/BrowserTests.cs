using Microsoft.Playwright;
using RusSnapshot.Analysis.Text;
using Xunit.Abstractions;

namespace RusSnapshot.Reports.Tests;

/// <summary>A test that needs Debian's Chromium: skipped (not passed) where it is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Executable = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Executable))
        {
            Skip = $"Chromium is not installed at {Executable} (tests/prerequisites.sh installs it).";
        }
    }
}

/// <summary>A browser test that also needs axe-core (tests/tools, installed by tests/prerequisites.sh): skipped, not passed, without either.</summary>
public sealed class AccessibilityFactAttribute : FactAttribute
{
    /// <summary>axe-core's script, from the npm package pinned in tests/tools/package.json.</summary>
    public static string AxeScript => Path.Combine(RepoRoot.Path, "tests", "tools", "node_modules", "axe-core", "axe.min.js");

    public AccessibilityFactAttribute()
    {
        if (!File.Exists(ChromiumFactAttribute.Executable))
        {
            Skip = $"Chromium is not installed at {ChromiumFactAttribute.Executable} (tests/prerequisites.sh installs it).";
        }
        else if (!File.Exists(AxeScript))
        {
            Skip = $"axe-core is not installed at {AxeScript} (tests/prerequisites.sh installs it with npm).";
        }
    }
}

/// <summary>
/// The HTML report in a real headless Chromium, driven by Playwright without any browser download: it makes no
/// request, breaks no CSP rule, logs no error, shows its chart and findings, fits a phone and prints.
/// Screenshots and the PDF are left in a temporary folder (named in the test output) for a person to look at.
/// </summary>
public sealed class BrowserTests : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    /// <summary>Runs before any page script (and outside the page's CSP): records every violation the page reports.</summary>
    private const string RecordCspViolations =
        "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));";

    private readonly ITestOutputHelper _output;
    /// <summary>One folder per run, emptied first: screenshots, PDF and the pages themselves, for a person to look at.</summary>
    private static readonly Lazy<DirectoryInfo> Artifacts = new(() =>
    {
        var folder = new DirectoryInfo(Path.Combine(Path.GetTempPath(), "russnap-report-tests"));
        if (folder.Exists)
        {
            folder.Delete(recursive: true);
        }

        folder.Create();
        return folder;
    });

    private readonly DirectoryInfo _folder = Artifacts.Value;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumFactAttribute.Executable))
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.Executable, Headless = true, Args = ChromiumArgs });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    [ChromiumFact]
    public async Task Desktop_page_loads_nothing_else_and_shows_chart_and_findings()
    {
        var doc = TestReport.Document(ReportLanguage.En);
        var url = Save(doc, "report-en.html");
        var (page, log) = await Open(url, 1280, 900, mobile: false);

        Assert.Equal([url], log.Requests);
        Assert.Empty(log.Errors);
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__csp"));

        var chart = await page.Locator("#coverage-chart").BoundingBoxAsync();
        Assert.NotNull(chart);
        Assert.True(chart.Width > 100 && chart.Height > 100, $"chart {chart.Width}x{chart.Height}");

        var findings = page.Locator("article.finding");
        Assert.Equal(doc.Findings.Length, await findings.CountAsync());
        for (var i = 0; i < doc.Findings.Length; i++)
        {
            Assert.True(await findings.Nth(i).IsVisibleAsync());
        }

        Assert.Equal(0, await page.Locator("script").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth <= window.innerWidth"));

        await Screenshots(page, "desktop-en", 1280);
        _output.WriteLine("Screenshots and PDF in " + _folder.FullName);
    }

    [ChromiumFact]
    public async Task Phone_page_does_not_overflow_horizontally()
    {
        foreach (var language in new[] { ReportLanguage.En, ReportLanguage.Fr })
        {
            var url = Save(TestReport.Document(language), $"report-{language.ToCode()}.html");
            var (page, log) = await Open(url, 390, 844, mobile: true);
            Assert.Empty(log.Errors);

            var scrollWidth = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
            var wide = await page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391).slice(0, 5).map(e => e.tagName + '.' + e.className)");
            Assert.True(scrollWidth <= 390, $"scrollWidth {scrollWidth}: {string.Join(", ", wide)}");

            var chart = await page.Locator("#coverage-chart").BoundingBoxAsync();
            Assert.NotNull(chart);
            Assert.True(chart.Width > 0 && chart.Width <= 390 && chart.Height > 0);

            await Screenshots(page, $"phone-{language.ToCode()}", 390);
        }
    }

    [ChromiumFact]
    public async Task Page_prints_to_pdf()
    {
        var url = Save(TestReport.Document(ReportLanguage.Fr), "report-fr.html");
        var (page, log) = await Open(url, 1280, 900, mobile: false);
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var path = Path.Combine(_folder.FullName, "report-fr.pdf");
        var pdf = await page.PdfAsync(new() { Path = path, Format = "A4", PrintBackground = true });
        Assert.True(pdf.Length > 10_000);
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        Assert.Equal([url], log.Requests);
        Assert.Empty(log.Errors);
    }

    [ChromiumFact]
    public async Task Diff_page_loads_nothing_else_and_links_findings_to_their_changes()
    {
        var path = Path.Combine(_folder.FullName, "diff-en.html");
        await File.WriteAllTextAsync(path, DiffTests.Render(new Diff.DiffHtmlWriter(), DiffTests.Sample()), ReportWriters.Utf8);
        var url = new Uri(path).AbsoluteUri;
        var (page, log) = await Open(url, 1280, 900, mobile: false);

        Assert.Equal([url], log.Requests);
        Assert.Empty(log.Errors);
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__csp"));
        var explained = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('#fixed a[href^=\\\"#change-\\\"]')].map(a => document.querySelector(a.getAttribute('href')).dataset.kind)");
        Assert.Equal(["domainCovered", "rusAdded", "unstampedChanged"], explained);

        var (phone, _) = await Open(url, 390, 844, mobile: true);
        Assert.True(await phone.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth <= 390"));
        await Screenshots(page, "diff-desktop-en", 1280);
    }

    /// <summary>
    /// axe-core over every kind of page (analysis in English and French, comparison), in the light and the dark scheme:
    /// no violation of impact serious or critical (headings, table headers, labels, contrast, the language attribute).
    /// </summary>
    [AccessibilityFact]
    public async Task Every_page_passes_axe_in_light_and_dark()
    {
        var axe = await File.ReadAllTextAsync(AccessibilityFactAttribute.AxeScript);
        var pages = new List<(string Name, string Html)>
        {
            ("report-en", ReportWriters.Html.Render(TestReport.Document(ReportLanguage.En))),
            ("report-fr", ReportWriters.Html.Render(TestReport.Document(ReportLanguage.Fr))),
            ("diff-en", DiffTests.Render(new Diff.DiffHtmlWriter(), DiffTests.Sample())),
            ("diff-fr", DiffTests.Render(new Diff.DiffHtmlWriter(), DiffTests.Sample() with { Language = ReportLanguage.Fr })),
        };
        var problems = new List<string>();
        foreach (var (name, html) in pages)
        {
            var path = Path.Combine(_folder.FullName, $"a11y-{name}.html");
            await File.WriteAllTextAsync(path, html, ReportWriters.Utf8);
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                // axe is injected by the test, outside the page's policy (the page itself runs no script).
                var context = await _browser!.NewContextAsync(new() { ColorScheme = scheme, BypassCSP = true, ViewportSize = new() { Width = 1280, Height = 900 } });
                var page = await context.NewPageAsync();
                await page.GotoAsync(new Uri(path).AbsoluteUri);
                await page.EvaluateAsync(axe);
                var violations = await page.EvaluateAsync<string[]>(
                    "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations"
                    + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                    + ".map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))");
                problems.AddRange(violations.Select(v => $"{name} {scheme}: {v}"));
                await page.ScreenshotAsync(new() { Path = Path.Combine(_folder.FullName, $"a11y-{name}-{scheme.ToString().ToLowerInvariant()}.png") });
                await context.CloseAsync();
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [AccessibilityFact]
    public async Task Axe_harness_sees_violations()
    {
        // Proves the check above can fail: no lang, an image without alt text, grey on white.
        var path = Path.Combine(_folder.FullName, "a11y-probe.html");
        await File.WriteAllTextAsync(path, "<!DOCTYPE html><html><head><title>x</title></head><body><main><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">"
            + "<p style=\"color:#ccc;background:#fff\">faint</p></main></body></html>");
        var context = await _browser!.NewContextAsync(new() { BypassCSP = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(path).AbsoluteUri);
        await page.EvaluateAsync(await File.ReadAllTextAsync(AccessibilityFactAttribute.AxeScript));
        var ids = await page.EvaluateAsync<string[]>("async () => (await axe.run(document)).violations.map(v => v.id)");
        Assert.Contains("html-has-lang", ids);
        Assert.Contains("image-alt", ids);
        Assert.Contains("color-contrast", ids);
    }

    [ChromiumFact]
    public async Task Harness_sees_blocked_loads()
    {
        // Proves the checks above can fail: a page under the same policy that tries to load an image.
        var path = Path.Combine(_folder.FullName, "probe.html");
        await File.WriteAllTextAsync(path,
            $"<!DOCTYPE html><html lang=\"en\"><head><meta http-equiv=\"Content-Security-Policy\" content=\"{Html.HtmlReportWriter.ContentSecurityPolicy}\"></head>"
            + "<body><img src=\"http://127.0.0.1:9/x.png\" alt=\"\"><p style=\"background:url(http://127.0.0.1:9/y.png)\">x</p></body></html>");
        var (page, log) = await Open(new Uri(path).AbsoluteUri, 800, 600, mobile: false);
        Assert.NotEmpty(await page.EvaluateAsync<string[]>("() => window.__csp"));
        Assert.NotEmpty(log.Errors);
    }

    [ChromiumFact]
    public async Task Tablet_page_does_not_overflow_horizontally()
    {
        var url = Save(TestReport.Document(ReportLanguage.Fr), "report-fr.html");
        foreach (var width in new[] { 700, 768, 801, 900, 1024 })
        {
            var (page, _) = await Open(url, width, 1000, mobile: false);
            var scrollWidth = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
            Assert.True(scrollWidth <= width, $"width {width}: scrollWidth {scrollWidth}");

            // Tables may scroll inside their box as a last resort; at these widths none needs to.
            var scrolling = await page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('div.table')].filter(d => d.scrollWidth > d.clientWidth + 1).map(d => d.firstElementChild.id + ' ' + d.scrollWidth + '>' + d.clientWidth)");
            Assert.True(scrolling.Length == 0, $"width {width}: {string.Join(", ", scrolling)}");
            if (width == 900)
            {
                await Screenshots(page, "tablet-fr", width);
            }
        }
    }

    /// <summary>The full page as consecutive PNG slices (full-page images are too tall for most viewers).</summary>
    private async Task Screenshots(IPage page, string name, int width)
    {
        var height = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollHeight");
        const int slice = 1400;
        for (int y = 0, n = 1; y < height && n <= 30; y += slice, n++)
        {
            await page.ScreenshotAsync(new()
            {
                Path = Path.Combine(_folder.FullName, $"{name}-{n:00}.png"),
                FullPage = true,
                Clip = new() { X = 0, Y = y, Width = width, Height = Math.Min(slice, height - y) },
            });
        }
    }

    private string Save(ReportDocument doc, string name)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, ReportWriters.Html.Render(doc), ReportWriters.Utf8);
        return new Uri(path).AbsoluteUri;
    }

    private async Task<(IPage Page, PageLog Log)> Open(string url, int width, int height, bool mobile)
    {
        var context = await _browser!.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height },
            IsMobile = mobile,
            HasTouch = mobile,
            DeviceScaleFactor = mobile ? 2 : 1,
            JavaScriptEnabled = true,
        });
        await context.AddInitScriptAsync(RecordCspViolations);
        var page = await context.NewPageAsync();
        var log = new PageLog();
        page.Request += (_, request) => log.Requests.Add(request.Url);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                log.Errors.Add($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => log.Errors.Add("page error: " + error);
        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Load });
        await page.WaitForTimeoutAsync(200); // let late violation reports arrive
        return (page, log);
    }

    private sealed class PageLog
    {
        public List<string> Requests { get; } = [];

        public List<string> Errors { get; } = [];
    }
}
