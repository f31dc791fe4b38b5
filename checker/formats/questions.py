"""Supplier questions as plain text a procurement officer can send, grouped by section."""

from __future__ import annotations

import textwrap

from checker.formats.open_questions import Group, questions
from checker.i18n import Lang, ui
from checker.report import Report, UseCaseReport

WIDTH = 78


def _wrap(text: str, indent: str) -> list[str]:
    pad = " " * len(indent)
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=pad,
                         break_long_words=False, break_on_hyphens=False) or [indent.rstrip()]


def lines(groups: tuple[Group, ...], lang: Lang, details: bool = True) -> list[str]:
    """The numbered questions; shared with the plain table report."""
    out: list[str] = []
    number = 0
    for group in groups:
        out.append("")
        out.append(group.title.get(lang) or ui("questions.general", lang))
        for q in group.questions:
            number += 1
            head = f"{number:>2}. "
            out.extend(_wrap(q.title.get(lang), head))
            pad = " " * len(head)
            if details and q.description.get(lang):
                out.extend(_wrap(q.description.get(lang), pad))
            note = f"({ui('questions.field', lang)}: {q.path}"
            if q.state == "unknown":
                note += f"; {ui('questions.unknown', lang)}"
            note += f"; {ui('questions.rules', lang)}: {', '.join(q.rules)})"
            out.extend(_wrap(note, pad))
    return out


def use_case_text(use_case: UseCaseReport, lang: Lang) -> list[str]:
    groups = questions(use_case)
    heading = ui("questions.heading", lang, title=use_case.title)
    out = [heading, "=" * min(len(heading), WIDTH), use_case.file]
    if not groups:
        return [*out, "", ui("questions.none", lang)]
    undecided = len({rule for g in groups for q in g.questions for rule in q.rules})
    out += ["", *_wrap(ui("questions.intro", lang, n=str(undecided)), "")]
    return out + lines(groups, lang)


def render(report: Report, lang: Lang, tty: bool = False) -> str:
    blocks = ["\n".join(use_case_text(u, lang)) for u in report.use_cases]
    return "\n\n\n".join(blocks) + "\n"
