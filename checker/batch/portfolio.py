"""A portfolio of use cases at a glance: one row per use case, and a tally per rule."""

from __future__ import annotations

from dataclasses import dataclass

from checker.report import Report

TALLIED = ("fail", "warn", "needs_info", "waived")


@dataclass(frozen=True)
class Row:
    file: str
    id: str
    verdict: str
    counts: dict[str, int]


@dataclass(frozen=True)
class Tally:
    rule: str
    title_da: str
    title_en: str
    counts: dict[str, int]

    def title(self, lang: str) -> str:
        return self.title_da if lang == "da" else self.title_en


def rows(report: Report) -> list[Row]:
    return [Row(u.file, u.id, u.verdict(report.strict), u.counts()) for u in report.use_cases]


def tally(report: Report) -> list[Tally]:
    """Rules that failed, warned, need information or were waived somewhere, worst first."""
    found: dict[str, Tally] = {}
    for use_case in report.use_cases:
        for result in use_case.results:
            if result.status not in TALLIED:
                continue
            rule = result.rule
            entry = found.setdefault(rule.id, Tally(rule.id, rule.title.da, rule.title.en,
                                                    dict.fromkeys(TALLIED, 0)))
            entry.counts[result.status] += 1
    return sorted(found.values(), key=lambda t: (
        -t.counts["fail"], -t.counts["warn"], -t.counts["needs_info"], t.rule))
