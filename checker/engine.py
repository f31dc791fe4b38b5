"""Evaluate packs against one questionnaire at a date. Pure: no I/O, no clock, no language."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from functools import cache
from typing import Any, NamedTuple

from checker import conditions
from checker.errors import InputError, Problem
from checker.load.schema import suggest
from checker.load.yamlio import Document, Position
from checker.report import Answer, Result, Status, UseCaseReport, Waiver
from checker.rules.packs import Pack, Rule

Positions = Mapping[tuple[str | int, ...], Position]


def decide(rule: Rule, data: Mapping[str, Any]) -> tuple[Status, frozenset[str], tuple[str, ...]]:
    """A rule's status on a questionnaire, the fields that decided it and the missing ones.

    The reference: `evaluate` runs the same logic compiled once per pack (`_decider`), and a
    property test requires both to agree.

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


def waivers(doc: Document, rule_ids: AbstractSet[str], as_of: str) -> dict[str, Waiver]:
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


class _Plan(NamedTuple):
    """What evaluating a set of packs needs that does not depend on the questionnaire."""

    rules: tuple[Rule, ...]
    ids: frozenset[str]
    fields: tuple[tuple[str, tuple[str, ...]], ...]  # every field any rule reads, with parts
    parts: dict[str, tuple[str, ...]]
    deciders: tuple[Decider, ...]


Decider = Callable[[conditions.Answers, AbstractSet[str]],
                   tuple[Status, frozenset[str], tuple[str, ...]]]
_PLANS: dict[tuple[int, ...], tuple[tuple[Pack, ...], _Plan]] = {}


def _plan(packs: tuple[Pack, ...]) -> _Plan:
    """The packs' rules compiled once (keyed by identity: the plan keeps the packs alive)."""
    key = tuple(map(id, packs))
    hit = _PLANS.get(key)
    if hit is not None and all(a is b for a, b in zip(hit[0], packs, strict=True)):
        return hit[1]
    rules = tuple(rule for pack in packs for rule in pack.rules)
    paths = sorted({f for rule in rules for f in rule.fields})
    fields = tuple((f, _parts(f)) for f in paths)
    plan = _Plan(rules, frozenset(r.id for r in rules), fields, dict(fields),
                 tuple(_decider(rule) for rule in rules))
    if len(_PLANS) >= 8:
        _PLANS.clear()
    _PLANS[key] = (packs, plan)
    return plan


def _decider(rule: Rule) -> Decider:
    """`decide` for one rule, compiled: a function of the looked-up answers and of the set of
    fields whose answer is not known."""
    applies = None if rule.applies_when is None else conditions.compiled(rule.applies_when)
    requires = conditions.compiled(rule.requires)
    fields, every, outcome = rule.fields, frozenset(rule.fields), rule.outcome
    nothing: frozenset[str] = frozenset()

    def decide_compiled(answers: conditions.Answers, unknown_fields: AbstractSet[str]
                        ) -> tuple[Status, frozenset[str], tuple[str, ...]]:
        applied: conditions.Tri = True
        applies_fields = nothing
        if applies is not None:
            applied, applies_fields = applies(answers)
            if applied is False:
                return "not_applicable", applies_fields, ()
        holds, holds_fields = requires(answers)
        if applied is True and holds is False:
            return outcome, applies_fields | holds_fields, ()
        unknown = tuple(f for f in fields if f in unknown_fields)
        if applied is True and holds is True and not unknown:
            return "pass", every, ()
        return "needs_info", applies_fields | holds_fields, unknown

    return decide_compiled


_SORTED: dict[frozenset[str], tuple[str, ...]] = {}


def _sorted(fields: frozenset[str]) -> tuple[str, ...]:
    out = _SORTED.get(fields)
    if out is None:
        out = tuple(sorted(fields))
        if len(_SORTED) < 10_000:
            _SORTED[fields] = out
    return out


def evaluate(packs: tuple[Pack, ...], doc: Document, as_of: str) -> UseCaseReport:
    """Evaluate every rule of every pack against a schema-valid questionnaire."""
    data: Mapping[str, Any] = doc.data
    plan = _plan(packs)
    granted = waivers(doc, plan.ids, as_of) if data.get("waivers") else {}
    found = conditions.answers_for(data, plan.fields)
    unknown_fields = {f for f, value in found.items() if not conditions.is_known(value)}
    positions = doc.positions
    made: dict[str, Answer] = {}  # one Answer per field, shared by the results that cite it
    cited: dict[frozenset[str], tuple[Answer, ...]] = {}  # by deciding fields

    def answer(path: str) -> Answer:
        out = made.get(path)
        if out is None:
            value = found[path]
            if value is conditions.MISSING:
                out = Answer(path, None, None, None, "missing")
            else:  # a position only for an answer a result cites
                line, col = positions.get(plan.parts[path]) or (None, None)
                out = Answer(path, value, line, col,
                             "unknown" if path in unknown_fields else "answered")
            made[path] = out
        return out

    results = []
    for rule, decide_rule in zip(plan.rules, plan.deciders, strict=True):
        status, deciding, unknown = decide_rule(found, unknown_fields)
        answers = cited.get(deciding)
        if answers is None:
            answers = cited[deciding] = tuple(
                [made.get(f) or answer(f) for f in _sorted(deciding) if f not in unknown_fields])
        missing = tuple([answer(f) for f in unknown]) if unknown else ()
        waiver = granted.get(rule.id) if granted else None
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
