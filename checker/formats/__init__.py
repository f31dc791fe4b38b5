"""Output formats, by name. Each module is imported only when its format is chosen.

A module that reads format options (`checker.formats.options.Options`) says so with
`OPTIONS = True` and takes them as the keyword argument `options`.
"""

from __future__ import annotations

import importlib

from checker.formats.options import Options
from checker.i18n import Lang
from checker.report import Report

FORMATS: dict[str, str] = {
    "table": "checker.formats.table",
    "json": "checker.formats.json_report",
    "sarif": "checker.formats.sarif",
    "junit": "checker.formats.junit",
    "markdown": "checker.formats.markdown",
    "questions": "checker.formats.questions",
    "html": "checker.formats.html",
}


def render(name: str, report: Report, lang: Lang, tty: bool = False,
           options: Options | None = None) -> str:
    module = importlib.import_module(FORMATS[name])
    if options is not None and getattr(module, "OPTIONS", False):
        text: str = module.render(report, lang, tty=tty, options=options)
    else:
        text = module.render(report, lang, tty=tty)
    return text
