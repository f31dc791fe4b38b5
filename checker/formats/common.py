"""Small helpers the report formats share: where a result is decided, and its links."""

from __future__ import annotations

from checker import conditions
from checker.report import Answer, Result
from checker.rules.packs import Rule

# Shown by default in the CI formats; the rest only with `--include-passed`.
FINDINGS = frozenset({"fail", "warn", "needs_info", "waived"})


def required_fields(rule: Rule) -> frozenset[str]:
    """The fields a rule's `requires` condition reads (not its `applies_when`)."""
    return frozenset(leaf.field for leaf in conditions.leaves(rule.requires))


def deciding_answer(result: Result) -> Answer | None:
    """The answer to point at: an unknown one first, then one the requirement reads."""
    for answer in result.missing:
        if answer.line is not None:
            return answer
    required = required_fields(result.rule)
    located = [a for a in result.answers if a.line is not None]
    for answer in located:
        if answer.path in required:
            return answer
    return located[0] if located else None


def position(result: Result) -> tuple[int, int]:
    """Line and column (1-based) of the deciding answer; the first line where none decides."""
    answer = deciding_answer(result)
    if answer is None or answer.line is None:
        return 1, 1
    return answer.line, answer.column or 1


def first_url(rule: Rule) -> str | None:
    return next((ref.url for ref in rule.references if ref.url), None)


def shown(result: Result, include_passed: bool) -> bool:
    return include_passed or result.status in FINDINGS
