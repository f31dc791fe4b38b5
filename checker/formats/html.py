"""One self-contained, printable, accessible HTML page (no script, no external assets).

Every text from the questionnaire, the rules and the waivers goes through `html.escape`;
colours come from PALETTE, whose pairs the tests hold to WCAG 2.1 AA contrast (4.5:1).
"""

from __future__ import annotations

import html
import json

from checker.formats.common import FINDINGS
from checker.formats.open_questions import count, questions
from checker.formats.table import row
from checker.i18n import Lang, ui
from checker.report import STATUSES, Report, Result, UseCaseReport
from checker.rules.packs import Reference

# (text colour, background colour) per status; page text is TEXT on BACKGROUND.
TEXT, BACKGROUND, MUTED, LINK = "#1a1a1a", "#ffffff", "#4a4a4a", "#0b4f9c"
PALETTE: dict[str, tuple[str, str]] = {
    "fail": ("#ffffff", "#a3161a"),
    "warn": ("#1a1a1a", "#f2c94c"),
    "needs_info": ("#ffffff", "#6b2c91"),
    "waived": ("#ffffff", "#1f4e79"),
    "pass": ("#ffffff", "#1e6b34"),
    "not_applicable": ("#1a1a1a", "#e3e3e3"),
    "upcoming": ("#ffffff", "#44546a"),
}


def e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _css() -> str:
    badges = "\n".join(f".s-{s.replace('_', '-')}{{color:{fg};background:{bg}}}"
                       for s, (fg, bg) in PALETTE.items())
    return f"""
body{{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:{TEXT};
background:{BACKGROUND};line-height:1.45;margin:0 auto;max-width:72rem;padding:1.5rem}}
h1,h2,h3,h4{{line-height:1.2}} h2{{border-bottom:2px solid {TEXT};padding-bottom:.2rem;
margin-top:2.5rem}} a{{color:{LINK}}} .muted{{color:{MUTED}}}
table{{border-collapse:collapse;width:100%;margin:.75rem 0}} caption{{text-align:left;
font-weight:600;padding:.3rem 0}} th,td{{border:1px solid #767676;padding:.35rem .5rem;
text-align:left;vertical-align:top}} thead th{{background:#f0f0f0}}
th[scope=row]{{white-space:nowrap}} td.answers{{min-width:14rem}}
.badge{{display:inline-block;padding:.05rem .45rem;border-radius:.25rem;font-weight:700;
white-space:nowrap}} {badges}
.pre{{white-space:pre-wrap;overflow-wrap:anywhere}} code{{overflow-wrap:anywhere}}
dl{{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}} dt{{font-weight:600}}
dd{{margin:0;overflow-wrap:anywhere}}
@media print{{body{{max-width:none;padding:0;font-size:10pt}} a{{color:{TEXT}}}
a[href]::after{{content:" (" attr(href) ")";font-size:.85em;overflow-wrap:anywhere}}
tr,li{{break-inside:avoid}} h2,h3{{break-after:avoid}}
.badge{{border:1px solid {TEXT};-webkit-print-color-adjust:exact;print-color-adjust:exact}}}}
"""


def _badge(status: str, lang: Lang) -> str:
    return (f'<span class="badge s-{status.replace("_", "-")}">'
            f"{e(ui('status.' + status, lang))}</span>")


def _lines(text: str) -> str:
    return "<br>".join(e(line) for line in text.splitlines())


def _reference(ref: Reference, lang: Lang) -> str:
    label = e(f"{ref.source}, {ref.section_in(lang)}")
    if ref.url.startswith(("https://", "http://")):
        label = f'<a href="{e(ref.url)}">{label}</a>'
    if not ref.verified:
        label += f' <em class="muted">({e(ui("unverified", lang))})</em>'
    return label


def _finding(result: Result, lang: Lang) -> str:
    r = row(result, lang)
    detail = f'<div class="pre">{e(r.detail)}</div>' if r.detail else ""
    refs = "".join(f"<li>{_reference(ref, lang)}</li>" for ref in result.rule.references)
    return (f"<tr><th scope=\"row\"><code>{e(result.rule.id)}</code></th>"
            f"<td>{_badge(result.status, lang)}</td>"
            f"<td><strong>{e(r.title)}</strong>{detail}</td>"
            f"<td class=\"pre answers\">{e(r.answers)}</td><td><ul>{refs}</ul></td></tr>")


def _head(*keys: str, lang: Lang) -> str:
    return "<thead><tr>" + "".join(f'<th scope="col">{e(ui(k, lang))}</th>' for k in keys) + \
        "</tr></thead>"


def _questions(use_case: UseCaseReport, lang: Lang, n: int) -> list[str]:
    groups = questions(use_case)
    if not groups:
        return []
    out = [f'<h3 id="q{n}">{e(ui("report.missing", lang))} ({count(groups)})</h3>']
    start = 1
    for group in groups:
        out.append(f"<h4>{e(group.title.get(lang) or ui('questions.general', lang))}</h4>")
        out.append(f'<ol start="{start}">')
        for q in group.questions:
            rules = ", ".join(q.rules)
            note = f"{ui('questions.field', lang)}: {q.path}"
            if q.state == "unknown":
                note += f"; {ui('questions.unknown', lang)}"
            note += f"; {ui('questions.rules', lang)}: {rules}"
            out.append(f"<li><strong>{e(q.title.get(lang))}</strong><br>"
                       f"{e(q.description.get(lang))}<br><span class=\"muted\">{e(note)}"
                       "</span></li>")
        out.append("</ol>")
        start += len(group.questions)
    return out


def _waivers(use_case: UseCaseReport, lang: Lang) -> list[str]:
    waived = [r for r in use_case.results if r.waiver is not None]
    if not waived:
        return []
    out = [f"<h3>{e(ui('report.waivers', lang))}</h3>", "<table>",
           _head("col.rule", "col.reason", "col.approved_by", "col.expires", lang=lang),
           "<tbody>"]
    for r in waived:
        w = r.waiver
        assert w is not None
        expired = f" ({e(ui('expired', lang))})" if w.expired else ""
        out.append(f'<tr><th scope="row"><code>{e(r.rule.id)}</code></th>'
                   f'<td class="pre">{e(w.reason)}</td><td class="pre">{e(w.approved_by)}</td>'
                   f"<td>{e(w.expires)}{expired}</td></tr>")
    return [*out, "</tbody></table>"]


def _use_case(report: Report, use_case: UseCaseReport, lang: Lang, n: int) -> list[str]:
    verdict = use_case.verdict(report.strict)
    counts = use_case.counts()
    out = [f'<section aria-labelledby="u{n}">', f'<h2 id="u{n}">{e(use_case.title)}</h2>',
           "<dl>",
           f"<dt>{e(ui('report.verdict', lang))}</dt><dd>{_badge(verdict, lang)}</dd>",
           f"<dt>{e(ui('col.file', lang))}</dt><dd><code>{e(use_case.file)}</code></dd>",
           f"<dt>{e(ui('audit.date', lang))}</dt><dd>{e(report.as_of)}</dd>",
           "</dl>",
           f"<table><caption>{e(ui('report.counts', lang))}</caption><thead><tr>",
           *(f'<th scope="col">{_badge(s, lang)}</th>' for s in STATUSES),
           "</tr></thead><tbody><tr>", *(f"<td>{counts[s]}</td>" for s in STATUSES),
           "</tr></tbody></table>",
           f"<h3>{e(ui('report.findings', lang))}</h3>"]
    order = {s: i for i, s in enumerate(STATUSES)}
    findings = sorted((r for r in use_case.results if r.status in FINDINGS),
                      key=lambda r: order[r.status])
    if findings:
        out += ["<table>", _head("col.rule", "col.status", "col.title", "col.answers",
                                 "col.reference", lang=lang), "<tbody>",
                *(_finding(r, lang) for r in findings), "</tbody></table>"]
    else:
        out.append(f"<p>{e(ui('report.no_findings', lang))}</p>")
    return [*out, *_questions(use_case, lang, n), *_waivers(use_case, lang), "</section>"]


def _audit(report: Report, lang: Lang) -> list[str]:
    audit = report.audit(lang)
    out = [f"<section aria-labelledby=\"audit\"><h2 id=\"audit\">{e(ui('report.audit', lang))}"
           "</h2>", "<dl>",
           f"<dt>{e(ui('audit.tool', lang))}</dt><dd>aicheck {e(report.tool_version)}</dd>",
           f"<dt>{e(ui('audit.date', lang))}</dt><dd>{e(report.as_of)}</dd>",
           f"<dt>{e(ui('audit.language', lang))}</dt><dd>{e(lang)}</dd>",
           f"<dt>{e(ui('audit.strict', lang))}</dt>"
           f"<dd>{e(ui('yes' if report.strict else 'no', lang))}</dd>", "</dl>",
           "<table>", _head("col.pack", "col.version", "col.sha256", lang=lang), "<tbody>"]
    out += [f'<tr><th scope="row">{e(p["id"])}</th><td>{e(p["version"])}</td>'
            f'<td><code>{e(p["sha256"])}</code></td></tr>' for p in audit["packs"]]
    out += ["</tbody></table>", "<table>", _head("col.file", "col.sha256", lang=lang),
            "<tbody>"]
    out += [f'<tr><th scope="row"><code>{e(i["file"])}</code></th>'
            f'<td><code>{e(i["sha256"])}</code></td></tr>' for i in audit["inputs"]]
    # The machine-readable audit block, inert: a JSON data island is never executed.
    data = json.dumps(audit, ensure_ascii=True).replace("<", "\\u003c")
    return [*out, "</tbody></table>",
            f'<pre hidden class="pre" id="audit-json">{e(data)}</pre>', "</section>"]


def render(report: Report, lang: Lang, tty: bool = False) -> str:
    verdict = report.verdict()
    title = f"{ui('report.title', lang)}: {ui('verdict.' + verdict, lang)}"
    if len(report.use_cases) == 1:
        title += f": {report.use_cases[0].title}"
    out = ["<!DOCTYPE html>", f'<html lang="{e(lang)}">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           '<meta name="color-scheme" content="light">',
           f"<title>{e(title)}</title>", f"<style>{_css()}</style>", "</head>", "<body>",
           "<header>", f"<h1>{e(ui('report.title', lang))} {_badge(verdict, lang)}</h1>",
           f"<p class=\"muted\">{e(ui('report.disclaimer', lang))} "
           f"{e(ui('report.as_of', lang, date=report.as_of))}.</p>", "</header>", "<main>"]
    for n, use_case in enumerate(report.use_cases, 1):
        out += _use_case(report, use_case, lang, n)
    out += [*_audit(report, lang), "</main>", "</body>", "</html>", ""]
    return "\n".join(out)
