"""Markdown for a pull-request comment or a case file; renders on GitHub and GitLab.

All text is escaped: questionnaire answers, titles and waivers can hold pipes, HTML or
Markdown, and none of it may change the document's structure.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from checker.formats.common import FINDINGS
from checker.formats.open_questions import count, questions
from checker.formats.table import row
from checker.i18n import Lang, ui
from checker.report import STATUSES, Report, Result, UseCaseReport
from checker.rules.packs import Reference

_URL_SAFE = ":/?#[]@!$&'*+,;=%~-._"
# Inline syntax only: every line we write starts with our own markup, so block syntax
# (`#`, `-`, `1.`) in user text cannot start a block.
_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")
ICON = {"fail": "❌", "warn": "⚠️", "needs_info": "❓", "waived": "⏸️", "pass": "✅",
        "not_applicable": "⚪", "upcoming": "🕒"}


def escape(text: str) -> str:
    """Inline Markdown text: entities for HTML, backslashes for Markdown, no line breaks."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return text.replace("\r", "").replace("\n", "<br>")


def cell(text: str) -> str:
    return "<br>".join(escape(line) for line in text.splitlines()) or " "


def link(text: str, url: str) -> str:
    if not url.startswith(("https://", "http://")):
        return escape(text)
    return f"[{escape(text)}](<{quote(url, safe=_URL_SAFE)}>)"


def _reference(ref: Reference, lang: Lang) -> str:
    marker = f" *({escape(ui('unverified', lang))})*" if not ref.verified else ""
    return link(f"{ref.source}, {ref.section_in(lang)}", ref.url) + marker


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return lines


def _finding(result: Result, lang: Lang) -> list[str]:
    r = row(result, lang)
    title = f"**{escape(r.title)}**"
    if r.detail:
        title += "<br>" + cell(r.detail)
    refs = "<br>".join(_reference(ref, lang) for ref in result.rule.references)
    status = f"{ICON[result.status]} {escape(ui('status.' + result.status, lang))}"
    return [status, f"`{result.rule.id}`", title, cell(r.answers), refs or " "]


def _use_case(report: Report, use_case: UseCaseReport, lang: Lang) -> list[str]:
    verdict = use_case.verdict(report.strict)
    out = [f"## {escape(use_case.title)}", "",
           f"**{escape(ui('report.verdict', lang))}: {ICON[verdict]} "
           f"{escape(ui('verdict.' + verdict, lang))}** · {escape(use_case.file)} · "
           f"{escape(ui('report.as_of', lang, date=report.as_of))}", ""]
    counts = use_case.counts()
    out += _table([escape(ui("status." + s, lang)) for s in STATUSES],
                  [[str(counts[s]) for s in STATUSES]])
    findings = [r for r in use_case.results if r.status in FINDINGS]
    out += ["", f"### {escape(ui('report.findings', lang))}", ""]
    if findings:
        order = {s: i for i, s in enumerate(STATUSES)}
        findings.sort(key=lambda r: order[r.status])
        out += _table([escape(ui(k, lang)) for k in ("col.status", "col.rule", "col.title",
                                                     "col.answers", "col.reference")],
                      [_finding(r, lang) for r in findings])
    else:
        out.append(escape(ui("report.no_findings", lang)))
    groups = questions(use_case)
    if groups:
        out += ["", f"### {escape(ui('report.missing', lang))} ({count(groups)})", ""]
        number = 0
        for group in groups:
            out.append(f"**{escape(group.title.get(lang) or ui('questions.general', lang))}**")
            out.append("")
            for q in group.questions:
                number += 1
                rules = ", ".join(f"`{r}`" for r in q.rules)
                out.append(f"{number}. {escape(q.title.get(lang))} (`{q.path}`; "
                           f"{escape(ui('questions.rules', lang))} {rules})")
            out.append("")
        out.pop()
    waivers = [r for r in use_case.results if r.waiver is not None]
    if waivers:
        out += ["", f"### {escape(ui('report.waivers', lang))}", ""]
        rows = []
        for r in waivers:
            w = r.waiver
            assert w is not None
            expires = escape(w.expires) + (f" ({escape(ui('expired', lang))})" if w.expired
                                           else "")
            rows.append([f"`{r.rule.id}`", cell(w.reason), cell(w.approved_by), expires])
        out += _table([escape(ui(k, lang)) for k in ("col.rule", "col.reason",
                                                     "col.approved_by", "col.expires")], rows)
    return out


def render(report: Report, lang: Lang, tty: bool = False) -> str:
    verdict = report.verdict()
    out = [f"# {escape(ui('report.title', lang))}: {ICON[verdict]} "
           f"{escape(ui('verdict.' + verdict, lang))}", "",
           f"*{escape(ui('report.disclaimer', lang))}*", ""]
    for use_case in report.use_cases:
        out += [*_use_case(report, use_case, lang), ""]
    audit = json.dumps(report.audit(lang), ensure_ascii=False, indent=2)
    fence = "`" * max([3, *(len(m) + 1 for m in re.findall(r"`+", audit))])
    out += [f"<details><summary>{escape(ui('report.audit', lang))}</summary>", "",
            f"{fence}json", audit, fence, "", "</details>", ""]
    return "\n".join(out)
