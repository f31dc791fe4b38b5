"""`aicheck init`: ask the questionnaire's questions in a terminal and write the answers.

Nothing is written until the last question is answered; the file is then written atomically,
so Ctrl-C (or the end of the input) at any point leaves no file behind. The questions, their
order, their explanations and which of them to skip all come from the schema
(see `checker.authoring.interview`).
"""

from __future__ import annotations

import copy
import os
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

from checker import resources
from checker.authoring import interview
from checker.authoring.interview import NOT_SET, Question
from checker.conditions import UNKNOWN
from checker.errors import UsageError
from checker.files import write_atomic
from checker.i18n import Lang, t
from checker.load import schema, yamlio
from checker.load.fields import FieldSpec, sections


def texts(key: str, lang: Lang, **params: Any) -> str:
    return t(f"init.{key}", lang, **params)


class Terminal:
    """Where questions go and answers come from; replaced in tests of the loop."""

    def __init__(self, ask: Callable[[str], str] = input,
                 say: Callable[[str], None] = print) -> None:
        self.ask = ask
        self.say = say
        self.width = min(88, shutil.get_terminal_size((88, 24)).columns) - 2


def check_target(target: Path, force: bool) -> None:
    """Refuse before the first question: an existing file is only replaced with --force."""
    if (target.exists() or target.is_symlink()) and not force:
        raise UsageError("usage.exists", file=str(target))
    if target.is_dir():
        raise UsageError("usage.exists", file=str(target))


def schema_ref(target: Path) -> str:
    """The bundled schema, relative to the file written (editors resolve it from there)."""
    schema = resources.schema_path("use-case").resolve()
    try:
        return Path(os.path.relpath(schema, target.resolve().parent)).as_posix()
    except ValueError:  # another drive on Windows
        return schema.as_uri()


def _drop(answers: dict[str, Any], path: str) -> None:
    *heads, last = path.split(".")
    node: Any = answers
    for head in heads:
        node = node.get(head) if isinstance(node, dict) else None
    if isinstance(node, dict):
        node.pop(last, None)


def run(target: Path, source: Path | None, force: bool, lang: Lang,
        terminal: Terminal | None = None) -> Path:
    """Ask, then write `target`. KeyboardInterrupt and EOFError propagate with nothing written."""
    term = terminal or Terminal()
    check_target(target, force)
    answers: dict[str, Any] = {}
    if source is not None:
        from checker.batch import api

        answers = copy.deepcopy(api.load_use_case(source).data)
        answers.pop("schema_version", None)
    term.say(texts("intro", lang, file=target))
    if source is not None:
        term.say(texts("resume", lang, file=source))
    skipped: set[str] = set()
    shown_sections: set[str] = set()
    asked = 0
    for question in interview.questions():
        if not interview.needs_asking(question, answers):
            continue
        if interview.is_skipped(question, answers):
            skipped.add(question.path)
            _drop(answers, question.path)
            if question.when_skipped is not NOT_SET:
                interview.put(answers, question.path, question.when_skipped)
            continue
        _section_heading(question, shown_sections, term, lang)
        asked += 1
        value = _ask(question, _default(question, target), term, lang)
        interview.put(answers, question.path, value)
    if asked == 0:
        term.say(texts("nothing_to_ask", lang))
    text = interview.render(answers, lang, schema_ref(target), str(target), frozenset(skipped))
    doc = yamlio.load_bytes(text.encode("utf-8"), str(target))
    problems = schema.validate(doc, "use-case")
    if problems:  # a bug in rendering, never the user's fault
        raise RuntimeError(f"init wrote an invalid questionnaire: {problems[0]}")
    write_atomic(target, text)
    flat = [interview.get(answers, q.path) for q in interview.questions()
            if q.path not in skipped]
    unknown = sum(1 for v in flat if v == UNKNOWN)
    answered = sum(1 for v in flat if v is not NOT_SET and v != UNKNOWN)
    term.say(texts("done", lang, file=target, answered=answered, unknown=unknown,
                   skipped=len(skipped)))
    return target


def _default(question: Question, target: Path) -> Any:
    if question.spec.kind == "id":
        return interview.slug(target.stem)
    return UNKNOWN if question.spec.unknown_allowed else NOT_SET


def _section_heading(question: Question, shown: set[str], term: Terminal, lang: Lang) -> None:
    parts = question.section.split(".") if question.section else []
    for depth in range(1, len(parts) + 1):
        path = ".".join(parts[:depth])
        if path in shown:
            continue
        shown.add(path)
        section = sections()[path]
        rule = "=" if depth == 1 else "-"
        term.say("")
        term.say(f"{rule * 3} {section.title.get(lang)} {rule * 3}")
        term.say(_wrap(section.description.get(lang), term.width))


def _wrap(text: str, width: int, indent: str = "") -> str:
    return textwrap.fill(text, width=max(40, width), initial_indent=indent,
                         subsequent_indent=indent)


def _choices(spec: FieldSpec, lang: Lang) -> list[str]:
    if spec.kind not in ("enum", "list"):
        return []
    lines = [f"    {i}) {value}" for i, value in enumerate(spec.values, start=1)]
    if spec.kind == "list":
        lines.append(f"    -) {texts('none_of_these', lang)}")
    return lines


def _ask(question: Question, default: Any, term: Terminal, lang: Lang) -> Any:
    spec = question.spec
    term.say("")
    term.say(f"{spec.title.get(lang)}  ({spec.path})")
    if spec.description.get(lang):
        term.say(_wrap(spec.description.get(lang), term.width, "  "))
    for line in _choices(spec, lang):
        term.say(line)
    shown_default = "" if default is NOT_SET else f" [{interview.scalar(default)}]"
    prompt = f"{interview.hint(spec, lang)}{shown_default}> "
    while True:
        typed = term.ask(prompt)
        if not typed.strip() and default is not NOT_SET:
            return default
        value, error = interview.parse(spec, typed, lang)
        if not error:
            return value
        term.say(f"  ! {error}")
