"""The human report: grouped by status, with the deciding answers and the source of each rule.

On a terminal it is drawn with rich; elsewhere (a pipe, a file, CI logs) it is plain text, and
rich is never imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from checker.batch import portfolio
from checker.formats.options import DEFAULT, Options
from checker.i18n import Lang, count_label, ui
from checker.report import STATUSES, Answer, Report, Result, UseCaseReport

if TYPE_CHECKING:
    from rich.console import Console

SHOWN = ("fail", "warn", "needs_info", "waived", "upcoming", "pass")
STYLE = {"fail": "bold red", "warn": "yellow", "needs_info": "magenta", "waived": "cyan",
         "upcoming": "blue", "pass": "green"}


@dataclass(frozen=True)
class Row:
    rule: str
    title: str
    answers: str
    reference: str
    detail: str


def _value(answer: Answer) -> str:
    value = answer.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)


def _where(answer: Answer, lang: Lang) -> str:
    return f" ({ui('line', lang)} {answer.line})" if answer.line else ""


def row(result: Result, lang: Lang) -> Row:
    rule = result.rule
    answers = [f"{a.path} = {_value(a)}{_where(a, lang)}" for a in result.answers]
    answers += [f"{a.path}: {_value(a) if a.state == 'unknown' else ui('not_answered', lang)}"
                f"{_where(a, lang)}" for a in result.missing]
    refs = []
    for ref in rule.references:
        marker = f" [{ui('unverified', lang)}]" if not ref.verified else ""
        refs.append(f"{ref.source}, {ref.section_in(lang)}{marker}\n{ref.url}")
    detail: list[str] = []
    if result.status in ("fail", "warn") or result.underlying in ("fail", "warn"):
        detail.append(rule.message.get(lang))
        detail.append(f"{ui('fix', lang)}: {rule.remediation.get(lang)}")
    if result.waiver is not None:
        w = result.waiver
        detail.append(ui("waiver_expired", lang, expires=w.expires) if w.expired else
                      ui("waiver", lang, approved_by=w.approved_by, expires=w.expires,
                         reason=w.reason))
    if result.status == "upcoming" and rule.effective_from:
        detail.append(ui("effective_from", lang, date=rule.effective_from))
    return Row(rule.id, rule.title.get(lang), "\n".join(answers), "\n".join(refs),
               "\n".join(detail))


def counts_text(use_case: UseCaseReport, lang: Lang) -> str:
    counts = use_case.counts()
    return ", ".join(f"{counts[s]} {count_label(s, counts[s], lang)}" for s in STATUSES)


def verdict_line(report: Report, use_case: UseCaseReport, lang: Lang) -> str:
    verdict = ui("verdict." + use_case.verdict(report.strict), lang)
    return ui("verdict_line", lang, verdict=verdict, file=use_case.file,
              counts=counts_text(use_case, lang), date=report.as_of)


def grouped(use_case: UseCaseReport) -> list[tuple[str, list[Result]]]:
    return [(s, [r for r in use_case.results if r.status == s]) for s in SHOWN
            if any(r.status == s for r in use_case.results)]


def _questions_plain(use_case: UseCaseReport, lang: Lang) -> list[str]:
    """The supplier questions (`--format questions`), short: title, field and rules."""
    from checker.formats.open_questions import count, questions
    from checker.formats.questions import lines as question_lines

    groups = questions(use_case)
    if not groups:
        return []
    return ["", f"== {ui('questions.title', lang)} ({count(groups)})",
            *(f"    {line}" if line else line
              for line in question_lines(groups, lang, details=False))]


def _questions_rich(console: Any, use_case: UseCaseReport, lang: Lang) -> None:
    from rich.table import Table
    from rich.text import Text

    from checker.formats.open_questions import count, questions

    groups = questions(use_case)
    if not groups:
        return
    table = Table(title=Text(f"{ui('questions.title', lang)} ({count(groups)})"),
                  title_style="magenta", title_justify="left", expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(ui("col.question", lang), ratio=3)
    table.add_column(ui("col.field", lang), ratio=2, overflow="fold")
    table.add_column(ui("col.rules", lang), ratio=1)
    number = 0
    for group in groups:
        for q in group.questions:
            number += 1
            table.add_row(Text(str(number)), Text(q.title.get(lang)), Text(q.path),
                          Text(", ".join(q.rules)))
    console.print(table)


def render_plain(report: Report, lang: Lang, details: bool = True) -> str:
    lines: list[str] = []
    for use_case in report.use_cases if details else ():
        lines.append(f"{use_case.file}: {use_case.title}")
        for status, results in grouped(use_case):
            lines.append("")
            lines.append(f"== {ui('status.' + status, lang)} ({len(results)})")
            for result in results:
                r = row(result, lang)
                lines.append(f"{r.rule}  {r.title}")
                for block in (r.detail, r.answers, r.reference):
                    lines.extend(f"    {line}" for line in block.splitlines())
        na = use_case.counts()["not_applicable"]
        if na:
            lines.append("")
            lines.append(ui("not_applicable_count", lang, n=str(na)))
        lines.extend(_questions_plain(use_case, lang))
        lines.append("")
        lines.append(verdict_line(report, use_case, lang))
        lines.append("")
    if len(report.use_cases) > 1 or not details:
        lines.extend(_portfolio_plain(report, lang))
    return "\n".join(lines)


def _counts_cells(counts: dict[str, int]) -> list[str]:
    return [str(counts[s]) for s in STATUSES]


def portfolio_line(report: Report, lang: Lang) -> str:
    verdicts = [r.verdict for r in portfolio.rows(report)]
    return ui("portfolio_line", lang, verdict=ui("verdict." + report.verdict(), lang),
              fail=str(verdicts.count("fail")), warn=str(verdicts.count("warn")),
              ok=str(verdicts.count("pass")), n=str(len(verdicts)))


def _portfolio_plain(report: Report, lang: Lang) -> list[str]:
    header = [ui("col.verdict", lang), *(ui("status." + s, lang).lower() for s in STATUSES),
              ui("col.file", lang)]
    body = [[ui("verdict." + r.verdict, lang), *_counts_cells(r.counts), r.file]
            for r in portfolio.rows(report)]
    lines = [f"== {ui('portfolio', lang, n=str(len(report.use_cases)))}", *_grid(header, body)]
    tally = portfolio.tally(report)
    lines += ["", f"== {ui('portfolio_tally', lang)}"]
    if tally:
        header = [ui("col.rule", lang), *(ui("status." + s, lang).lower()
                                          for s in portfolio.TALLIED), ui("col.title", lang)]
        lines += _grid(header, [[t.rule, *(str(t.counts[s]) for s in portfolio.TALLIED),
                                 t.title(lang)] for t in tally])
    else:
        lines.append(ui("portfolio_none", lang))
    lines += ["", portfolio_line(report, lang), ""]
    return lines


def _grid(header: list[str], body: list[list[str]]) -> list[str]:
    """Columns padded to their widest cell; the last column is left free."""
    widths = [max(len(row[i]) for row in (header, *body)) for i in range(len(header) - 1)]
    return ["  ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)),
                       row[-1]]).rstrip() for row in (header, *body)]


def render_rich(report: Report, lang: Lang, details: bool = True) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(record=True, force_terminal=True, soft_wrap=False, markup=False,
                      highlight=False)
    with console.capture() as capture:
        for use_case in report.use_cases if details else ():
            console.rule(Text(f"{use_case.file}: {use_case.title}"))
            for status, results in grouped(use_case):
                table = Table(title=Text(f"{ui('status.' + status, lang)} ({len(results)})"),
                              title_style=STYLE[status], title_justify="left",
                              show_lines=True, expand=True)
                table.add_column(ui("col.rule", lang), style=STYLE[status], no_wrap=True)
                table.add_column(ui("col.title", lang), ratio=3)
                table.add_column(ui("col.answers", lang), ratio=2)
                table.add_column(ui("col.reference", lang), ratio=2)
                for result in results:
                    r = row(result, lang)
                    title = Text(r.title)
                    if r.detail:
                        title.append("\n" + r.detail, style="dim")
                    # Text, never markup: answers are user-written and may contain brackets.
                    table.add_row(Text(r.rule), title, Text(r.answers), Text(r.reference))
                console.print(table)
            na = use_case.counts()["not_applicable"]
            if na:
                console.print(ui("not_applicable_count", lang, n=str(na)), style="dim")
            _questions_rich(console, use_case, lang)
            verdict = use_case.verdict(report.strict)
            console.print(verdict_line(report, use_case, lang),
                          style={"fail": "bold red", "warn": "bold yellow"}.get(verdict,
                                                                                "bold green"))
        if len(report.use_cases) > 1 or not details:
            _portfolio_rich(console, report, lang)
    return capture.get()


def _portfolio_rich(console: Console, report: Report, lang: Lang) -> None:
    from rich.table import Table
    from rich.text import Text

    verdict_style = {"fail": "bold red", "warn": "yellow", "pass": "green"}
    table = Table(title=Text(ui("portfolio", lang, n=str(len(report.use_cases)))),
                  title_justify="left", expand=False)
    table.add_column(ui("col.verdict", lang), no_wrap=True)
    for status in STATUSES:
        table.add_column(ui("status." + status, lang).lower(), justify="right")
    table.add_column(ui("col.file", lang))
    for r in portfolio.rows(report):
        table.add_row(Text(ui("verdict." + r.verdict, lang), style=verdict_style[r.verdict]),
                      *_counts_cells(r.counts), Text(r.file))
    console.print(table)
    tally = portfolio.tally(report)
    if tally:
        table = Table(title=Text(ui("portfolio_tally", lang)), title_justify="left")
        table.add_column(ui("col.rule", lang), no_wrap=True)
        for tallied in portfolio.TALLIED:
            table.add_column(ui("status." + tallied, lang).lower(), justify="right")
        table.add_column(ui("col.title", lang))
        for t in tally:
            table.add_row(Text(t.rule), *(str(t.counts[s]) for s in portfolio.TALLIED),
                          Text(t.title(lang)))
        console.print(table)
    else:
        console.print(ui("portfolio_none", lang))
    console.print(portfolio_line(report, lang), style=verdict_style[report.verdict()])


OPTIONS = True


def render(report: Report, lang: Lang, tty: bool = False, options: Options = DEFAULT) -> str:
    details = not options.summary
    return render_rich(report, lang, details) if tty else render_plain(report, lang, details)
