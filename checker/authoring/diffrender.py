"""A Diff as plain text, JSON or Markdown, in Danish or English."""

from __future__ import annotations

import json
from typing import Any

from checker.authoring.diff import Diff, to_dict
from checker.i18n import Lang, t


def _t(key: str, lang: Lang) -> str:
    return t(f"diff.{key}", lang)


def _value(value: Any, lang: Lang) -> str:
    if value is None:
        return _t("absent", lang)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)


def _line(line: int | None, lang: Lang) -> str:
    return f" ({_t('line', lang)} {line})" if line else ""


def plain(diff: Diff, lang: Lang) -> str:
    lines = [f"{diff.old_file} -> {diff.new_file}", *(_t(c, lang) for c in diff.context), "",
             f"== {_t('answers', lang)}"]
    if not diff.answers:
        lines.append(_t("none_answers", lang))
    for c in diff.answers:
        lines.append(f"{c.path}: {_value(c.old, lang)}{_line(c.old_line, lang)} -> "
                     f"{_value(c.new, lang)}{_line(c.new_line, lang)}")
    lines += ["", f"== {_t('results', lang)}"]
    if not diff.results:
        lines.append(_t("none_results", lang))
    for r in diff.results:
        because = f"; {_t('because', lang)} {', '.join(r.because)}" if r.because else ""
        lines.append(f"{r.rule}  {r.old or '-'} -> {r.new or '-'} ({_t(r.direction, lang)})"
                     f"  {r.title}{because}")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(
        "\n", " ")


def markdown(diff: Diff, lang: Lang) -> str:
    lines = [*(f"> {_t(c, lang)}\n" for c in diff.context), f"### {_t('answers', lang)}", ""]
    if diff.answers:
        lines += [f"| {_t('col.path', lang)} | {_t('col.old', lang)} | {_t('col.new', lang)} |",
                  "|---|---|---|"]
        lines += [f"| `{_cell(c.path)}` | {_cell(_value(c.old, lang))}{_line(c.old_line, lang)} | "
                  f"{_cell(_value(c.new, lang))}{_line(c.new_line, lang)} |" for c in diff.answers]
    else:
        lines.append(_t("none_answers", lang))
    lines += ["", f"### {_t('results', lang)}", ""]
    if diff.results:
        lines += [f"| {_t('col.rule', lang)} | {_t('col.title', lang)} | {_t('col.old', lang)} | "
                  f"{_t('col.new', lang)} | {_t('col.because', lang)} |", "|---|---|---|---|---|"]
        lines += [f"| {r.rule} | {_cell(r.title)} | {r.old or '-'} | {r.new or '-'} "
                  f"({_t(r.direction, lang)}) | {', '.join(f'`{b}`' for b in r.because)} |"
                  for r in diff.results]
    else:
        lines.append(_t("none_results", lang))
    return "\n".join(lines) + "\n"


def render(diff: Diff, fmt: str, lang: Lang) -> str:
    if fmt == "json":
        return json.dumps(to_dict(diff), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return markdown(diff, lang)
    return plain(diff, lang)
