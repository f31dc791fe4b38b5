"""What changed between two versions of a use case: the answers, and the results they moved.

Inputs are questionnaires (evaluated here) or JSON reports written by `aicheck evaluate
--format json`. Data only; `checker.authoring.diffrender` turns a Diff into text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.errors import InputError, Problem
from checker.i18n import Lang

# How good a status is, for telling better from worse.
RANK = {"fail": 0, "needs_info": 1, "warn": 2, "waived": 3, "upcoming": 4, "pass": 5,
        "not_applicable": 5}


@dataclass(frozen=True)
class AnswerChange:
    path: str
    old: Any
    new: Any
    old_line: int | None
    new_line: int | None


@dataclass(frozen=True)
class ResultChange:
    rule: str
    title: str
    old: str | None
    new: str | None
    because: tuple[str, ...]

    @property
    def direction(self) -> str:
        if self.old is None or self.new is None:
            return "added" if self.old is None else "removed"
        return "better" if RANK[self.new] > RANK[self.old] else (
            "worse" if RANK[self.new] < RANK[self.old] else "changed")


@dataclass(frozen=True)
class Diff:
    old_file: str
    new_file: str
    answers: tuple[AnswerChange, ...]
    results: tuple[ResultChange, ...]
    # What else differs between the two evaluations: "evaluation_date", "packs".
    context: tuple[str, ...] = ()


@dataclass(frozen=True)
class Side:
    """One side of a comparison: answers by path (with lines) and results by rule."""

    file: str
    answers: dict[str, tuple[Any, int | None]]
    results: dict[str, tuple[str, str, tuple[str, ...]]]  # rule -> (status, title, fields)
    evaluation_date: str = ""
    packs: tuple[tuple[str, str], ...] = ()  # (id, sha256)


def _flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, dict):
                out.update(_flatten(value, path))
            else:
                out[path] = value
    return out


def from_use_case(path: Path, as_of: str, lang: Lang,
                  extra_rules: tuple[Path, ...] = ()) -> Side:
    from checker import engine
    from checker.batch import api
    from checker.rules.packs import load_packs

    doc = api.load_use_case(path)
    packs = load_packs(extra_rules)
    report = engine.evaluate(packs, doc, as_of)
    answers = {p: (v, (doc.position(tuple(p.split("."))) or (None, None))[0])
               for p, v in _flatten(doc.data).items() if not p.startswith("waivers")}
    results: dict[str, tuple[str, str, tuple[str, ...]]] = {
        r.rule.id: (r.status, r.rule.title.get(lang), r.rule.fields) for r in report.results}
    return Side(str(path), answers, results, as_of,
                tuple((p.id, p.sha256) for p in packs))


def from_report(path: Path) -> Side:
    """A side from a JSON report of one use case; answers are those the report recorded."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        [use_case] = data["use_cases"]
        answers: dict[str, tuple[Any, int | None]] = {}
        results = {}
        for result in use_case["results"]:
            read = []
            for answer in (*result["answers"], *result["missing"]):
                value = answer.get("value", "unknown") if answer["state"] != "missing" else None
                answers[answer["path"]] = (value, answer["line"])
                read.append(answer["path"])
            results[result["rule"]] = (result["status"], result["title"], tuple(read))
        audit = data["audit"]
        date = str(audit["evaluation_date"])
        packs = tuple((str(p["id"]), str(p["sha256"])) for p in audit["packs"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError([Problem(str(path), None, None, "", "diff.bad_report",
                                  (("detail", str(exc)[:200]),))]) from None
    return Side(str(path), answers, results, date, packs)


def load_side(path: Path, as_of: str, lang: Lang, extra_rules: tuple[Path, ...] = ()) -> Side:
    if path.suffix == ".json":
        return from_report(path)
    return from_use_case(path, as_of, lang, extra_rules)


def load_pair(old: Path, new: Path, as_of: str, lang: Lang,
              extra_rules: tuple[Path, ...] = ()) -> tuple[Side, Side]:
    """Both sides, of the same kind: a report records only the answers its rules read, so a
    report compared with a questionnaire would show every other answer as changed."""
    if (old.suffix == ".json") != (new.suffix == ".json"):
        raise InputError([Problem(str(new), None, None, "", "diff.mixed", ())])
    return (load_side(old, as_of, lang, extra_rules), load_side(new, as_of, lang, extra_rules))


def compare(old: Side, new: Side) -> Diff:
    changed: list[AnswerChange] = []
    for path in sorted(set(old.answers) | set(new.answers)):
        before, old_line = old.answers.get(path, (None, None))
        after, new_line = new.answers.get(path, (None, None))
        if before != after:
            changed.append(AnswerChange(path, before, after, old_line, new_line))
    paths = {c.path for c in changed}
    moved: list[ResultChange] = []
    for rule in sorted(set(old.results) | set(new.results)):
        before_result = old.results.get(rule)
        after_result = new.results.get(rule)
        old_status = before_result[0] if before_result else None
        new_status = after_result[0] if after_result else None
        if old_status == new_status:
            continue
        title = (after_result or before_result or ("", "", ()))[1]
        fields = set((before_result or ("", "", ()))[2]) | set((after_result or ("", "", ()))[2])
        moved.append(ResultChange(rule, title, old_status, new_status,
                                  tuple(sorted(fields & paths))))
    context = tuple(name for name, differs in (
        ("evaluation_date", old.evaluation_date != new.evaluation_date),
        ("packs", old.packs != new.packs)) if differs)
    return Diff(old.file, new.file, tuple(changed), tuple(moved), context)


def to_dict(diff: Diff) -> dict[str, Any]:
    return {
        "old": diff.old_file,
        "new": diff.new_file,
        "also_differs": list(diff.context),
        "answers": [{"path": c.path, "old": c.old, "new": c.new, "old_line": c.old_line,
                     "new_line": c.new_line} for c in diff.answers],
        "results": [{"rule": r.rule, "title": r.title, "old": r.old, "new": r.new,
                     "direction": r.direction, "because": list(r.because)}
                    for r in diff.results],
    }
