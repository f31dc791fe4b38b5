"""Interface texts in Danish and English, from `checker/locales/`.

Rule texts live in the rule files and question texts in the questionnaire schema, not here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml

from checker.errors import Problem

Lang = Literal["da", "en"]
LANGS: tuple[Lang, ...] = ("da", "en")


@dataclass(frozen=True)
class Text:
    """A text a user reads, in both languages."""

    da: str
    en: str

    def get(self, lang: Lang) -> str:
        return self.da if lang == "da" else self.en

    @classmethod
    def from_mapping(cls, value: Any) -> Text:
        return cls(da=str(value["da"]), en=str(value["en"]))


def default_lang(environ: dict[str, str] | None = None) -> Lang:
    """AICHECK_LANG, else the locale's language, else English."""
    env = os.environ if environ is None else environ
    explicit = env.get("AICHECK_LANG", "").strip().lower()
    if explicit in LANGS:
        return explicit
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "da" if value.lower().startswith("da") else "en"
    return "en"


_LOCALES = Path(__file__).resolve().parent / "locales"


@cache
def texts(lang: Lang) -> dict[str, str]:
    """Every interface text in one language, from `checker/locales/<lang>.yaml`, read once."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with (_LOCALES / f"{lang}.yaml").open(encoding="utf-8") as handle:
        table: dict[str, str] = yaml.load(handle, Loader=loader)
    return table


def t(key: str, lang: Lang, /, **params: object) -> str:
    """The text `key` in `lang` with its placeholders filled in; a missing one is an error."""
    return texts(lang)[key].format(**params)


# The names the callers have always used: a problem's message and an interface text.
message = t
ui = t


def did_you_mean(value: str | None, lang: Lang) -> str:
    return message("did_you_mean", lang, value=value) if value else ""


def render_problem(problem: Problem, lang: Lang) -> str:
    """`file:line:col: path: message`, the form editors and CI annotate from."""
    params = dict(problem.params)
    # A parameter given in both languages (NAME_da, NAME_en) is filled in as NAME.
    for name in [n[:-3] for n in params if n.endswith("_" + lang)]:
        params[name] = params[f"{name}_{lang}"]
    if "suggestion" in params:
        params["suggestion"] = did_you_mean(params["suggestion"] or None, lang)
    for name, value in params.items():
        if value.startswith("\x00"):
            params[name] = render_choices(value[1:].split("\x00"), lang)
    if not params.get("suggestion") and params.get("allowed"):
        params["suggestion"] = message("allowed_keys", lang, expected=params["allowed"])
    where = problem.file
    if problem.line is not None:
        where += f":{problem.line}"
        if problem.column is not None:
            where += f":{problem.column}"
    text = message(problem.code, lang, **params)
    return f"{where}: {problem.path}: {text}" if problem.path else f"{where}: {text}"


def _choice(value: str, lang: Lang) -> str:
    if not value.startswith("@"):
        return f"`{value}`"
    head, _, items = value.partition(":")
    word = t(f"choice.{head[1:]}", lang)
    if items:
        word += f" {t('choice.of', lang)} " + ", ".join(items.split(", "))
    return word


def render_choices(values: list[str], lang: Lang) -> str:
    quoted = [_choice(v, lang) for v in values]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + f" {t('or', lang)} " + quoted[-1]


def choices(values: list[str]) -> str:
    """Pack a list of choices into a Problem parameter; rendered per language later."""
    return "\x00" + "\x00".join(values)


def count_label(status: str, count: int, lang: Lang) -> str:
    """A count's label: "1 advarsel", "2 advarsler"."""
    return t(f"count.{status}.{'one' if count == 1 else 'many'}", lang)
