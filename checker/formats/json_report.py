"""The JSON report, following schemas/report.schema.json."""

from __future__ import annotations

import json

from checker.i18n import Lang
from checker.report import Report


def render(report: Report, lang: Lang, tty: bool = False) -> str:
    return json.dumps(report.to_dict(lang), ensure_ascii=False, indent=2) + "\n"
