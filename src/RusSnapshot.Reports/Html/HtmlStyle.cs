namespace RusSnapshot.Reports.Html;

/// <summary>
/// The report's inline style sheet: system fonts only (nothing to fetch), cards on phones, plain pages in print, and a
/// dark scheme on screens that ask for one (print stays light). The charts keep a light card of their own in the dark.
/// </summary>
internal static class HtmlStyle
{
    public const string Css = """
:root{color-scheme:light dark;--badge-fg:#fff;--fg:#1f2328;--muted:#59636e;--bg:#fff;--line:#d1d9e0;--soft:#f6f8fa;--error:#cf222e;--warning:#9a6700;--info:#0969da;--na:#6e7781;--sup:#8250df;--ok:#1a7f37;--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans",Arial,sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer{max-width:1100px;margin:0 auto;padding:0 16px}
header{padding-top:20px}
h1{font-size:1.6rem;line-height:1.25;margin:0 0 .2rem}
h2{font-size:1.3rem;margin:2rem 0 .75rem;padding-bottom:.25rem;border-bottom:1px solid var(--line)}
h3{font-size:1.1rem;margin:1.4rem 0 .5rem}
h4{font-size:1rem;margin:0 0 .4rem;line-height:1.4}
h5{font-size:.85rem;margin:.75rem 0 .25rem;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}
p{margin:.5rem 0}
.sub{color:var(--muted);margin:0 0 .75rem}
.meta{display:flex;flex-wrap:wrap;gap:.1rem 1.5rem;margin:0;color:var(--muted);font-size:.9rem}
.meta div{display:flex;gap:.4rem;min-width:0}
.meta dt{font-weight:600}
.meta dd{margin:0;min-width:0;overflow-wrap:anywhere}
nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:.75rem 0 0;padding:.5rem 0;border-top:1px solid var(--line);border-bottom:1px solid var(--line);font-size:.9rem}
a{color:var(--info)}
code,.dn{font-family:var(--mono);font-size:.85em;overflow-wrap:anywhere;word-break:break-word}
.verdict{border:1px solid;border-radius:8px;padding:.6rem .9rem;font-weight:600;margin:.5rem 0 1rem}
.verdict.fail{background:#ffebe9;border-color:#ff8182;color:#82071e}
.verdict.incomplete{background:#fff8c5;border-color:#d4a72c;color:#633c01}
.verdict.warning{background:#fff8c5;border-color:#d4a72c;color:#633c01}
.verdict.pass{background:#dafbe1;border-color:#4ac26b;color:#116329}
.counts{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:.5rem;list-style:none;margin:0 0 .5rem;padding:0}
.counts li{border:1px solid var(--line);border-left:5px solid var(--na);border-radius:6px;padding:.4rem .7rem;font-size:.9rem;line-height:1.3}
.counts .n{display:block;font-size:1.5rem;font-weight:700;line-height:1.2}
.counts .error,.counts .missing{border-left-color:var(--error)}
.counts .warning,.counts .notJudged{border-left-color:var(--warning)}
.counts .info{border-left-color:var(--info)}
.counts .suppressed{border-left-color:var(--sup)}
.counts .covered{border-left-color:var(--ok)}
ul.domains{padding-left:1.2rem}
ul.domains li{overflow-wrap:anywhere}
.chart{margin:.5rem 0;max-width:500px}
.chart svg{display:block;width:100%;height:auto;font-family:inherit}
.chart figcaption{font-size:.85rem;color:var(--muted)}
.legend{display:flex;flex-wrap:wrap;gap:.2rem 1rem;list-style:none;margin:.25rem 0 1rem;padding:0;font-size:.85rem}
.sw{display:inline-block;width:.85em;height:.85em;border-radius:2px;margin-right:.35em;vertical-align:-.1em}
.sw.covered{background:#1a7f37}.sw.missing{background:#cf222e}.sw.notJudged{background:#9a6700}.sw.notRequired{background:#6e7781}
.sw.stamped{background:#2da44e}.sw.unstamped{background:#cf222e}.sw.optedOut{background:#afb8c1}
.status{font-weight:600}
.status.covered{color:var(--ok)}.status.missing{color:var(--error)}.status.notJudged{color:var(--warning)}.status.notRequired{color:var(--na)}
.status.yes{color:var(--error)}.status.no{color:var(--ok)}.status.unknown{color:var(--warning)}
.setup-log{border:1px solid var(--line);border-radius:8px;padding:.2rem 1rem .6rem;margin:0 0 1rem;min-width:0}
.setup-log h3{overflow-wrap:anywhere}
.sources{font-size:.85rem;padding-left:1.2rem}
.table{max-width:100%;overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.5rem 0 1rem}
th,td{border:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600;overflow-wrap:normal}
td.v{overflow-wrap:anywhere;min-width:5em}
td.wide{min-width:9em}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.l{white-space:nowrap}
td.st{min-width:6em}
.hash{font-family:var(--mono);font-size:.75em;color:var(--muted);word-break:break-all}
.tag{display:inline-block;font-size:.9em;border:1px solid var(--line);border-radius:4px;padding:0 .35em;color:var(--muted)}
.tag.warn{border-color:#d4a72c;color:#633c01;background:#fff8c5}
td small{color:var(--muted)}
.finding{border:1px solid var(--line);border-left:6px solid var(--na);border-radius:8px;padding:.7rem 1rem;margin:0 0 1rem;min-width:0}
.finding.error{border-left-color:var(--error)}
.finding.warning{border-left-color:var(--warning)}
.finding.info{border-left-color:var(--info)}
.finding.suppressed{border-left-color:var(--sup)}
.badge{display:inline-block;border-radius:999px;padding:0 .55rem;font-size:.75rem;font-weight:700;line-height:1.6;color:var(--badge-fg);background:var(--na);vertical-align:.1em;text-transform:uppercase;letter-spacing:.03em}
.badge.error{background:var(--error)}
.badge.warning{background:var(--warning)}
.badge.info{background:var(--info)}
.badge.suppressed{background:var(--sup)}
.rule{font-family:var(--mono);font-size:.9em;color:var(--muted)}
.message{margin:.25rem 0 .5rem;overflow-wrap:anywhere}
.finding dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.1rem .8rem;margin:.5rem 0;font-size:.875rem}
.finding dt{color:var(--muted)}
.finding dd{margin:0;min-width:0;overflow-wrap:anywhere}
.evidence{list-style:none;margin:0;padding:0;font-size:.85rem}
.evidence li{background:var(--soft);border-radius:4px;padding:.25rem .5rem;margin:0 0 .25rem;overflow-wrap:anywhere;word-break:break-word}
.evidence .value{font-family:var(--mono);font-size:.85em}
.remediation{margin:.25rem 0 0;padding-left:1.5rem;font-size:.9rem}
footer{margin-top:2rem;padding-top:.5rem;padding-bottom:1.5rem;border-top:1px solid var(--line);color:var(--muted);font-size:.85rem}
@media (max-width:800px){
body{font-size:14px}
header,main,footer{padding:0 12px}
h1{font-size:1.35rem}
.counts{grid-template-columns:repeat(2,minmax(0,1fr))}
table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}
table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
table.stack tr{border:1px solid var(--line);border-radius:6px;margin:0 0 .6rem;padding:.3rem .6rem}
table.stack td{border:0;padding:.1rem 0;display:grid;grid-template-columns:minmax(0,9em) minmax(0,1fr);gap:.6rem;text-align:left;white-space:normal;min-width:0}
table.stack td::before{content:attr(data-label);font-weight:600;color:var(--muted);overflow-wrap:anywhere}
.finding{padding:.6rem .7rem}
.finding dl{grid-template-columns:minmax(0,1fr);gap:0}
.finding dd{margin-bottom:.3rem}
}
@media screen and (prefers-color-scheme:dark){
:root{--badge-fg:#0d1117;--fg:#e6edf3;--muted:#9ea7b3;--bg:#0d1117;--line:#3d444d;--soft:#151b23;--error:#ff7b72;--warning:#d29922;--info:#58a6ff;--na:#9ea7b3;--sup:#bc8cff;--ok:#3fb950}
.verdict.fail{background:#3c1618;border-color:#f85149;color:#ffdcd7}
.verdict.incomplete,.verdict.warning{background:#3b2e0a;border-color:#bb8009;color:#f8e3a1}
.verdict.pass{background:#12361f;border-color:#2ea043;color:#aff5b4}
.tag.warn{border-color:#bb8009;color:#f8e3a1;background:#3b2e0a}
.chart svg{background:#fff;border-radius:6px}
}
@media print{
@page{margin:14mm}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font-size:9.5pt}
header,main,footer{max-width:none;padding:0}
nav{display:none}
h2,h3,h4,h5{break-after:avoid}
.finding,tr,.chart,.counts li{break-inside:avoid}
a{color:inherit;text-decoration:none}
.table{overflow:visible}
.chart{max-width:120mm}
}
""";
}
