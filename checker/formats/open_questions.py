"""Supplier questions: every missing or unknown answer that keeps a rule from being decided.

Each becomes one question, worded from the questionnaire schema's own title and description,
deduplicated per use case and grouped by the questionnaire's sections, in schema order.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.i18n import Text
from checker.load import fields
from checker.report import UseCaseReport


@dataclass(frozen=True)
class Question:
    path: str
    title: Text
    description: Text
    state: str  # "unknown" or "missing"
    line: int | None
    rules: tuple[str, ...]


@dataclass(frozen=True)
class Group:
    section: str
    title: Text
    questions: tuple[Question, ...]


def _section(path: str) -> str:
    known = fields.sections()
    parts = path.split(".")
    for end in range(len(parts) - 1, 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in known:
            return candidate
    return ""


def _title(section: str) -> Text:
    """A section's title with its parents' ("Legal basis: Operation phase")."""
    known = fields.sections()
    parts = section.split(".") if section else []
    chain = [known[p] for p in (".".join(parts[:i + 1]) for i in range(len(parts))) if p in known]
    return Text(": ".join(s.title.da for s in chain), ": ".join(s.title.en for s in chain))


def questions(use_case: UseCaseReport) -> tuple[Group, ...]:
    """The open questions of one use case, grouped by section."""
    rules: dict[str, list[str]] = {}
    first: dict[str, tuple[str, int | None]] = {}
    for result in use_case.results:
        if result.status == "not_applicable":
            continue
        for answer in result.missing:
            rules.setdefault(answer.path, [])
            if result.rule.id not in rules[answer.path]:
                rules[answer.path].append(result.rule.id)
            first.setdefault(answer.path, (answer.state, answer.line))
    if not rules:
        return ()
    specs = fields.fields()
    order = {path: i for i, path in enumerate(specs)}
    sections = fields.sections()
    section_order = {path: i for i, path in enumerate(sections)}
    grouped: dict[str, list[Question]] = {}
    for path in sorted(rules, key=lambda p: (order.get(p, len(order)), p)):
        spec = specs.get(path)
        title = spec.title if spec else Text(path, path)
        description = spec.description if spec else Text("", "")
        state, line = first[path]
        grouped.setdefault(_section(path), []).append(
            Question(path, title, description, state, line, tuple(sorted(rules[path]))))
    out = []
    for section in sorted(grouped, key=lambda s: (section_order.get(s, -1), s)):
        out.append(Group(section, _title(section), tuple(grouped[section])))
    return tuple(out)


def count(groups: tuple[Group, ...]) -> int:
    return sum(len(g.questions) for g in groups)
