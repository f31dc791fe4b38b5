"""Evaluate packs against one questionnaire at a date. Pure: no I/O, no clock, no language."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from checker import conditions
from checker.errors import InputError, Problem
from checker.report import Answer, Result, Status, UseCaseReport, Waiver
from checker.rules import Pack, Rule
from checker.schemas import suggest
from checker.yamlio import Document, Position

Positions = Mapping[tuple[str | int, ...], Position]


def decide(rule: Rule, data: Mapping[str, Any]) -> tuple[Status, frozenset[str], tuple[str, ...]]:
    """A rule's status on a questionnaire, the fields that decided it and the missing ones.

    A rule passes only when both conditions hold *and* every answer it reads is known: an
    unknown or missing answer can never produce a pass.
    """
    applies: conditions.Tri = True
    applies_fields: frozenset[str] = frozenset()
    if rule.applies_when is not None:
        applies, applies_fields = conditions.evaluate(rule.applies_when, data)
    if applies is False:
        return "not_applicable", applies_fields, ()
    holds, holds_fields = conditions.evaluate(rule.requires, data)
    unknown = tuple(f for f in rule.fields
                    if not conditions.is_known(conditions.lookup(data, _parts(f))))
    if applies is True and holds is False:
        return rule.outcome, applies_fields | holds_fields, ()
    if applies is True and holds is True and not unknown:
        return "pass", frozenset(rule.fields), ()
    return "needs_info", applies_fields | holds_fields, unknown


@cache
def _parts(path: str) -> tuple[str, ...]:
    return tuple(path.split("."))


def _answer(path: str, data: Mapping[str, Any], positions: Positions) -> Answer:
    parts = _parts(path)
    value = conditions.lookup(data, parts)
    pos = positions.get(parts)
    line, col = pos if pos else (None, None)
    if value is conditions.MISSING:
        return Answer(path, None, None, None, "missing")
    if conditions.is_known(value):
        return Answer(path, value, line, col, "answered")
    return Answer(path, value, line, col, "unknown")


def waivers(doc: Document, rule_ids: set[str], as_of: str) -> dict[str, Waiver]:
    """The questionnaire's waivers by rule id; a waiver naming no loaded rule is an error."""
    out: dict[str, Waiver] = {}
    problems: list[Problem] = []
    for index, raw in enumerate(doc.data.get("waivers") or ()):
        pos = doc.position(("waivers", index, "rule"))
        line, col = pos if pos else (None, None)
        rule = raw["rule"]
        where = f"waivers[{index}].rule"
        if rule not in rule_ids:
            problems.append(Problem(doc.file, line, col, where, "waiver.unknown_rule",
                                    (("rule", rule), ("suggestion", suggest(rule,
                                                                            sorted(rule_ids))))))
            continue
        if rule in out:
            problems.append(Problem(doc.file, line, col, where, "waiver.duplicate",
                                    (("rule", rule),)))
            continue
        out[rule] = Waiver(rule, raw["reason"], raw["approved_by"], raw["expires"], line,
                           expired=raw["expires"] < as_of)
    if problems:
        raise InputError(problems)
    return out


def evaluate(packs: tuple[Pack, ...], doc: Document, as_of: str) -> UseCaseReport:
    """Evaluate every rule of every pack against a schema-valid questionnaire."""
    data: Mapping[str, Any] = doc.data
    all_rules = [rule for pack in packs for rule in pack.rules]
    granted = waivers(doc, {r.id for r in all_rules}, as_of)
    results = []
    for rule in all_rules:
        status, deciding, unknown = decide(rule, data)
        answers = tuple(a for a in (_answer(f, data, doc.positions) for f in sorted(deciding))
                        if a.state == "answered")
        missing = tuple(_answer(f, data, doc.positions) for f in unknown)
        waiver = granted.get(rule.id)
        underlying: Status | None = None
        if rule.effective_from and as_of < rule.effective_from and status != "not_applicable":
            status, underlying = "upcoming", status
        elif waiver is not None and status in ("fail", "warn") and not waiver.expired:
            status, underlying = "waived", status
        elif waiver is not None and not waiver.expired:
            waiver = None  # nothing to waive: keep the report about what happened
        results.append(Result(rule, status, answers, missing, waiver, underlying))
    return UseCaseReport(doc.file, doc.sha256, str(data.get("id", "")), str(data.get("title", "")),
                         tuple(results))
