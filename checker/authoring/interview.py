"""The questions `aicheck init` asks, which of them to skip, and the file it writes.

The questions are the questionnaire schema's answerable fields, in schema order. Skip logic is
declared in the schema, next to the question it concerns, never here:

- `x-ask-when` on a question or a section is a condition in the rule condition language. The
  question is skipped when the condition is *false* for the answers given so far; when it is
  true or unknown (not answered yet, or `unknown`) the question is asked.
- `x-when-skipped` on a question is the answer written for it when it is skipped (for example
  `not_needed` for a transfer mechanism when the data stay in the EU); without it a skipped
  question is left out of the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from checker import conditions, resources
from checker.conditions import UNKNOWN
from checker.i18n import Lang, t
from checker.load.fields import FieldSpec, Section, fields, sections

NOT_SET: Any = conditions.MISSING


@dataclass(frozen=True)
class Question:
    spec: FieldSpec
    section: str  # the dotted path of the innermost section, "" at the top level
    ask_when: tuple[conditions.Condition, ...]  # its own condition and its sections'
    when_skipped: Any  # NOT_SET when a skipped question is left out

    @property
    def path(self) -> str:
        return self.spec.path


def _node(path: str) -> dict[str, Any]:
    node: dict[str, Any] = resources.schema("use-case")
    for part in path.split("."):
        node = node["properties"][part]
    return node


@cache
def questions() -> tuple[Question, ...]:
    """Every question `init` may ask, in the order the schema lists them."""
    out = []
    for path, spec in fields().items():
        if spec.kind == "const":
            continue
        parts = path.split(".")
        conds = []
        for depth in range(1, len(parts) + 1):
            raw = _node(".".join(parts[:depth])).get("x-ask-when")
            if raw is not None:
                conds.append(conditions.parse(raw))
        node = _node(path)
        skipped_value = node.get("x-when-skipped", NOT_SET)
        out.append(Question(spec, ".".join(parts[:-1]), tuple(conds), skipped_value))
    return tuple(out)


def is_skipped(question: Question, answers: Mapping[str, Any]) -> bool:
    """True when an earlier answer makes the question irrelevant (its condition is false)."""
    return any(conditions.evaluate(c, answers)[0] is False for c in question.ask_when)


def get(answers: Mapping[str, Any], path: str) -> Any:
    return conditions.lookup(answers, tuple(path.split(".")))


def put(answers: dict[str, Any], path: str, value: Any) -> None:
    *heads, last = path.split(".")
    node = answers
    for head in heads:
        child = node.get(head)
        if not isinstance(child, dict):
            child = node[head] = {}
        node = child
    node[last] = value


def needs_asking(question: Question, answers: Mapping[str, Any]) -> bool:
    """Not answered yet, or answered `unknown`."""
    value = get(answers, question.path)
    return value is NOT_SET or value is None or value == UNKNOWN


def apply_skips(answers: dict[str, Any]) -> list[str]:
    """Write the declared answer of every skipped, unanswered question; return the skipped."""
    skipped = []
    for question in questions():
        if is_skipped(question, answers):
            skipped.append(question.path)
            if question.when_skipped is not NOT_SET and needs_asking(question, answers):
                put(answers, question.path, question.when_skipped)
    return skipped


# ---- answers as typed ---------------------------------------------------------------------

TRUE_WORDS = frozenset({"true", "t", "yes", "y", "ja", "j"})
FALSE_WORDS = frozenset({"false", "f", "no", "n", "nej"})
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
DATE_PATTERN = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:64] or "use-case"


def hint(spec: FieldSpec, lang: Lang) -> str:
    key = {"boolean": "bool_hint", "count": "number_hint", "date": "date_hint",
           "text": "text_hint", "list": "list_hint", "enum": "enum_hint", "id": "id_hint"}
    return t("answer." + key.get(spec.kind, "text_hint"), lang)


def parse(spec: FieldSpec, typed: str, lang: Lang) -> tuple[Any, str]:
    """The answer as it goes into the file, or an error saying what to type instead."""
    text = typed.strip()
    if not text:
        return NOT_SET, t("answer.empty", lang)
    word = text.lower()
    if word == UNKNOWN:
        if spec.unknown_allowed:
            return UNKNOWN, ""
        return NOT_SET, t("answer.no_unknown", lang)
    if spec.kind == "boolean":
        if word in TRUE_WORDS:
            return True, ""
        if word in FALSE_WORDS:
            return False, ""
        return NOT_SET, t("answer.bad_bool", lang)
    if spec.kind == "count":
        if text.isdigit():
            return int(text), ""
        return NOT_SET, t("answer.bad_number", lang)
    if spec.kind == "date":
        import datetime

        try:
            if DATE_PATTERN.match(text):
                return datetime.date.fromisoformat(text).isoformat(), ""
        except ValueError:
            pass
        return NOT_SET, t("answer.bad_date", lang)
    if spec.kind == "id":
        if ID_PATTERN.match(text):
            return text, ""
        return NOT_SET, t("answer.bad_id", lang, example=slug(text))
    if spec.kind == "enum":
        return _choice(spec, text, lang)
    if spec.kind == "list":
        if text == "-":
            return [], ""
        chosen: list[Any] = []
        for item in (i for i in re.split(r"[,\s]+", text) if i):
            value, error = _choice(spec, item, lang)
            if error:
                return NOT_SET, error
            if value not in chosen:
                chosen.append(value)
        return chosen, ""
    return text, ""


def _choice(spec: FieldSpec, text: str, lang: Lang) -> tuple[Any, str]:
    values = list(spec.values)
    if text.isdigit() and 1 <= int(text) <= len(values):
        return values[int(text) - 1], ""
    for value in values:
        if str(value).lower() == text.lower():
            return value, ""
    return NOT_SET, t("answer.bad_choice", lang, value=text, n=len(values))


# ---- the file -----------------------------------------------------------------------------

_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_RESERVED = frozenset({"true", "false", "yes", "no", "on", "off", "null", "y", "n", "ja", "nej"})


def scalar(value: Any) -> str:
    """A value as YAML the strict loader reads back unchanged."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    text = str(value)
    if (_PLAIN.match(text) and text.lower() not in _RESERVED) or text == UNKNOWN:
        return text
    return json.dumps(text, ensure_ascii=False)


def render(answers: Mapping[str, Any], lang: Lang, schema_ref: str, file: str,
           skipped: frozenset[str] = frozenset()) -> str:
    """The questionnaire as commented YAML with the yaml-language-server modeline."""
    lines = [f"# yaml-language-server: $schema={schema_ref}",
             f"# {t('written.header', lang, file=file)}",
             f"# {t('written.unknown', lang)}",
             "schema_version: 1"]
    lines += _render_level("", answers, lang, skipped, 0)
    waivers = answers.get("waivers")
    if isinstance(waivers, list) and waivers:
        lines += ["", f"# {t('written.waivers', lang)}", "waivers:"]
        for waiver in waivers:
            first = True
            for key, value in waiver.items():
                lines.append(f"{'  - ' if first else '    '}{key}: {scalar(value)}")
                first = False
    return "\n".join(lines) + "\n"


def _children(prefix: str) -> tuple[str, ...]:
    if not prefix:
        return tuple(resources.schema("use-case")["properties"])
    return sections()[prefix].keys


def _render_level(prefix: str, answers: Mapping[str, Any], lang: Lang,
                  skipped: frozenset[str], depth: int) -> list[str]:
    pad = "  " * depth
    known = fields()
    out: list[str] = []
    for key in _children(prefix):
        path = f"{prefix}.{key}" if prefix else key
        if path in sections():
            inner = _render_level(path, answers, lang, skipped, depth + 1)
            section: Section = sections()[path]
            title = f"{pad}# {section.title.get(lang)}"
            if any(not line.lstrip().startswith("#") for line in inner):
                out += ([""] if depth == 0 else []) + [title, f"{pad}{key}:", *inner]
            else:  # nothing to write in it: a section must not be left empty (null)
                out.append(f"{pad}# {key}: {t('written.not_asked', lang)}")
            continue
        spec = known.get(path)
        if spec is None or spec.kind == "const":
            continue
        value = get(answers, path)
        comment = spec.title.get(lang)
        if path in skipped:
            if value is NOT_SET:
                out.append(f"{pad}# {key}: {t('written.not_asked', lang)}")
                continue
            comment += f" ({t('written.implied', lang)})"
        if value is NOT_SET or value is None:
            if not spec.unknown_allowed:
                continue
            value = UNKNOWN
        out += [f"{pad}# {comment}", f"{pad}{key}: {scalar(value)}"]
    return out
