"""JUnit XML for CI test reports: one test suite per use case, one test case per rule."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from checker.formats.common import position
from checker.formats.options import DEFAULT, Options
from checker.formats.table import row
from checker.i18n import Lang, ui
from checker.report import Report, Result, UseCaseReport

OPTIONS = True
# Characters XML 1.0 cannot carry, even escaped.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID.sub("\ufffd", text)


def _outcome(result: Result, options: Options) -> str | None:
    """`failure`, `skipped` or None (passed) for one result."""
    if result.status == "fail":
        return "failure"
    if result.status in ("warn", "needs_info"):
        return options.junit_warn_as
    if result.status in ("not_applicable", "upcoming", "waived"):
        return "skipped"
    return None


def _body(result: Result, lang: Lang) -> str:
    r = row(result, lang)
    return "\n\n".join(part for part in (r.detail, r.answers, r.reference) if part)


def _case(parent: ET.Element, result: Result, use_case: UseCaseReport, lang: Lang,
          options: Options) -> str | None:
    rule = result.rule
    line, _ = position(result)
    case = ET.SubElement(parent, "testcase", {
        "name": _clean(f"{rule.id}: {rule.title.get(lang)}"),
        "classname": _clean(f"aicheck.{rule.pack}.{use_case.id or 'use-case'}"),
        "file": _clean(use_case.file),
        "line": str(line),
        "time": "0",
    })
    outcome = _outcome(result, options)
    if outcome is None:
        return None
    status = ui("status." + result.status, lang)
    if result.status in ("fail", "warn"):
        message = f"{status}: {rule.message.get(lang)}"
    elif result.status == "needs_info":
        message = f"{status}: " + ", ".join(a.path for a in result.missing)
    else:
        message = status
    element = ET.SubElement(case, outcome, {"message": _clean(message)})
    if outcome == "failure":
        element.set("type", result.status)
    body = _body(result, lang)
    if body:
        element.text = _clean(body)
    return outcome


def junit(report: Report, lang: Lang, options: Options = DEFAULT) -> ET.Element:
    root = ET.Element("testsuites", {"name": "aicheck"})
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for use_case in report.use_cases:
        suite = ET.SubElement(root, "testsuite", {
            "name": _clean(ui("junit.suite", lang, title=use_case.title, file=use_case.file)),
            "file": _clean(use_case.file),
            "timestamp": f"{report.as_of}T00:00:00",
            "time": "0",
        })
        props = ET.SubElement(suite, "properties")
        for name, value in (("use_case", use_case.id), ("file", use_case.file),
                            ("sha256", use_case.sha256),
                            ("verdict", use_case.verdict(report.strict)),
                            ("evaluation_date", report.as_of), ("language", lang),
                            ("strict", str(report.strict).lower()),
                            ("tool_version", report.tool_version)):
            ET.SubElement(props, "property", {"name": name, "value": _clean(value)})
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for result in use_case.results:
            outcome = _case(suite, result, use_case, lang, options)
            counts["tests"] += 1
            if outcome == "failure":
                counts["failures"] += 1
            elif outcome == "skipped":
                counts["skipped"] += 1
        for key, number in counts.items():
            suite.set(key, str(number))
            totals[key] += number
        suite.set("errors", "0")
    for key, number in totals.items():
        root.set(key, str(number))
    root.set("errors", "0")
    root.set("time", "0")
    return root


def render(report: Report, lang: Lang, tty: bool = False, options: Options = DEFAULT) -> str:
    root = junit(report, lang, options)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
