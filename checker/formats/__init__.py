"""Output formats, by name. Each module is imported only when its format is chosen."""

from __future__ import annotations

import importlib

from checker.i18n import Lang
from checker.report import Report

FORMATS: dict[str, str] = {
    "table": "checker.formats.table",
    "json": "checker.formats.json_report",
}


def render(name: str, report: Report, lang: Lang, tty: bool = False) -> str:
    module = importlib.import_module(FORMATS[name])
    text: str = module.render(report, lang, tty=tty)
    return text
