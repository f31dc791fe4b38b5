"""SARIF 2.1.0 for code scanning: one run, the rules in `tool.driver.rules`, each result at the
line and column of the answer that decided it."""

from __future__ import annotations

import json
from pathlib import PurePath, PurePosixPath
from typing import Any
from urllib.parse import quote

from checker.formats.common import deciding_answer, first_url, position, shown
from checker.formats.options import DEFAULT, Options
from checker.i18n import Lang, ui
from checker.report import Report, Result, UseCaseReport
from checker.rules.packs import Rule

OPTIONS = True
SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
          "sarif-schema-2.1.0.json")
LEVEL = {"fail": "error", "warn": "warning", "needs_info": "note"}
KIND = {"pass": "pass", "not_applicable": "notApplicable", "upcoming": "informational"}


def uri(file: str) -> str:
    """A use-case path as a URI reference: relative paths stay relative (for code scanning)."""
    path = PurePath(file)
    if path.is_absolute():
        return path.as_uri()
    return quote(PurePosixPath(*path.parts).as_posix())


def _rule(rule: Rule, lang: Lang) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": rule.id,
        "name": rule.id.replace("-", ""),
        "shortDescription": {"text": rule.title.get(lang)},
        "fullDescription": {"text": rule.rationale.get(lang)},
        "help": {"text": rule.remediation.get(lang)},
        "defaultConfiguration": {"level": "error" if rule.outcome == "fail" else "warning"},
        "properties": {
            "pack": rule.pack,
            "tags": [rule.pack],
            "references": [{"source": r.source, "section": r.section_in(lang), "url": r.url,
                            "verified": r.verified} for r in rule.references],
        },
    }
    url = first_url(rule)
    if url:
        out["helpUri"] = url
    return out


def _message(result: Result, lang: Lang) -> str:
    rule = result.rule
    status = result.underlying if result.status == "waived" else result.status
    if status in ("fail", "warn"):
        return f"{rule.message.get(lang)} {ui('fix', lang)}: {rule.remediation.get(lang)}"
    if status == "needs_info" or (result.status == "upcoming" and result.missing):
        fields = ", ".join(a.path for a in result.missing)
        text = ui("sarif.missing", lang, fields=fields)
        if result.status == "upcoming" and rule.effective_from:
            text += " " + ui("effective_from", lang, date=rule.effective_from)
        return text
    if result.status == "upcoming" and rule.effective_from:
        return f"{rule.title.get(lang)}: {ui('effective_from', lang, date=rule.effective_from)}"
    key = "sarif.passed" if result.status == "pass" else "sarif.not_applicable"
    return f"{rule.title.get(lang)}: {ui(key, lang)}"


def _result(result: Result, use_case: UseCaseReport, index: int, artifact: int,
            lang: Lang) -> dict[str, Any]:
    line, column = position(result)
    location: dict[str, Any] = {"physicalLocation": {
        "artifactLocation": {"uri": uri(use_case.file), "index": artifact},
        "region": {"startLine": line, "startColumn": column},
    }}
    answer = deciding_answer(result)
    if answer is not None:
        location["logicalLocations"] = [{"fullyQualifiedName": answer.path, "kind": "member"}]
    out: dict[str, Any] = {"ruleId": result.rule.id, "ruleIndex": index}
    status = result.underlying if result.status == "waived" else result.status
    if status in LEVEL:
        out["kind"] = "fail"
        out["level"] = LEVEL[status]
    else:
        out["kind"] = KIND.get(result.status, "informational")
        out["level"] = "none"
    out["message"] = {"text": _message(result, lang)}
    out["locations"] = [location]
    out["partialFingerprints"] = {"aicheckUseCaseRule/v1": f"{use_case.id}/{result.rule.id}"}
    related = [a for a in (*result.answers, *result.missing)
               if a.line is not None and a is not answer]
    if related:
        out["relatedLocations"] = [{
            "id": i,
            "message": {"text": a.path},
            "physicalLocation": {
                "artifactLocation": {"uri": uri(use_case.file), "index": artifact},
                "region": {"startLine": a.line, "startColumn": a.column or 1},
            },
        } for i, a in enumerate(related, 1)]
    if result.waiver is not None and result.status == "waived":
        w = result.waiver
        out["suppressions"] = [{
            "kind": "external",
            "status": "accepted",
            "justification": ui("waiver", lang, approved_by=w.approved_by, expires=w.expires,
                                reason=w.reason),
            "properties": {"reason": w.reason, "approvedBy": w.approved_by,
                           "expires": w.expires},
        }]
    out["properties"] = {"status": result.status, "useCase": use_case.id}
    return out


def sarif(report: Report, lang: Lang, options: Options = DEFAULT) -> dict[str, Any]:
    rules = [rule for pack in report.packs for rule in pack.rules]
    index = {rule.id: i for i, rule in enumerate(rules)}
    results = [
        _result(result, use_case, index[result.rule.id], artifact, lang)
        for artifact, use_case in enumerate(report.use_cases)
        for result in use_case.results
        if shown(result, options.include_passed) and result.rule.id in index
    ]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "aicheck",
                "version": report.tool_version,
                "semanticVersion": report.tool_version,
                "language": lang,
                "rules": [_rule(rule, lang) for rule in rules],
            }},
            "invocations": [{"executionSuccessful": True}],
            "language": lang,
            "columnKind": "unicodeCodePoints",
            "artifacts": [{
                "location": {"uri": uri(u.file)},
                "mimeType": "application/yaml",
                "hashes": {"sha-256": u.sha256},
            } for u in report.use_cases],
            "results": results,
            "properties": {"verdict": report.verdict(), "audit": report.audit(lang)},
        }],
    }


def render(report: Report, lang: Lang, tty: bool = False, options: Options = DEFAULT) -> str:
    return json.dumps(sarif(report, lang, options), ensure_ascii=False, indent=2) + "\n"
