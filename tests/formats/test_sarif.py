from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from checker.__main__ import main
from checker.formats import render
from checker.formats.options import Options
from checker.formats.sarif import uri

from ..conftest import ROOT
from .helpers import (
    AS_OF,
    EXAMPLE_FILES,
    FIXTURE,
    all_examples,
    evaluate,
    example_report,
    fixture_report,
    position_of,
)

SCHEMA = json.loads((ROOT / "tests/fixtures/sarif-schema-2.1.0.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def sarif(report, lang="en", **options) -> dict:
    return json.loads(render("sarif", report, lang, options=Options(**options)))


def test_vendored_schema_is_the_oasis_one() -> None:
    assert SCHEMA["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    jsonschema.Draft4Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("include_passed", [False, True])
@pytest.mark.parametrize("lang", ["en", "da"])
def test_every_example_is_valid_sarif(path: Path, include_passed: bool, lang: str) -> None:
    log = sarif(example_report(path.name), lang, include_passed=include_passed)
    VALIDATOR.validate(log)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1


def test_one_run_for_many_files_with_rules_and_levels() -> None:
    report = all_examples()
    log = sarif(report)
    VALIDATOR.validate(log)
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert len(rules) == sum(len(p.rules) for p in report.packs)
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["helpUri"].startswith("https://")
        assert rule["defaultConfiguration"]["level"] in ("error", "warning")
    assert len(run["artifacts"]) == len(report.use_cases)
    expected = {"fail": "error", "warn": "warning", "needs_info": "note"}
    statuses = {r["properties"]["status"] for r in run["results"]}
    assert {"fail", "needs_info"} <= statuses
    assert not statuses & {"pass", "not_applicable", "upcoming"}
    for result in run["results"]:
        status = result["properties"]["status"]
        if status in expected:
            assert result["level"] == expected[status]
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_results_point_at_the_deciding_answer() -> None:
    log = sarif(fixture_report())
    VALIDATOR.validate(log)
    by_rule = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    # GDPR-007 needs legal_basis.operation.article_9_exception, answered `unknown`.
    gdpr = by_rule["GDPR-007"]
    region = gdpr["locations"][0]["physicalLocation"]["region"]
    line, column = position_of("article_9_exception: unknown")
    assert (region["startLine"], region["startColumn"]) == (
        line, column + len("article_9_exception: "))
    assert gdpr["level"] == "note" and gdpr["kind"] == "fail"
    assert "legal_basis.operation.article_9_exception" in gdpr["message"]["text"]
    # KL-001 fails on data.special_categories: true
    kl = by_rule["KL-001"]
    assert kl["level"] == "error"
    assert kl["locations"][0]["physicalLocation"]["region"]["startLine"] == \
        position_of("special_categories: true")[0]
    uri = kl["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.endswith("tests/fixtures/formats-usecase.yaml")


def test_first_line_when_no_answer_decides(write, minimal) -> None:
    report = evaluate(write("uc.yaml", minimal))
    log = sarif(report)
    VALIDATOR.validate(log)
    for result in log["runs"][0]["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    missing_only = [r for r in report.use_cases[0].results
                    if r.status == "needs_info" and all(a.line is None for a in r.missing)
                    and not r.answers]
    for res in missing_only:
        found = next(r for r in log["runs"][0]["results"] if r["ruleId"] == res.rule.id)
        assert found["locations"][0]["physicalLocation"]["region"]["startLine"] == 1


def test_include_passed_adds_pass_and_not_applicable_kinds() -> None:
    log = sarif(all_examples(), include_passed=True)
    VALIDATOR.validate(log)
    kinds = {(r["properties"]["status"], r["kind"]) for r in log["runs"][0]["results"]}
    assert ("pass", "pass") in kinds and ("not_applicable", "notApplicable") in kinds
    for result in log["runs"][0]["results"]:
        if result["kind"] in ("pass", "notApplicable"):
            assert result["level"] == "none"


WAIVED = """\
schema_version: 1
id: waived
title: Waived
organisation:
  kind: municipality
service:
  delivery: enterprise_tenant
use:
  kind: public_chatbot_staff
data:
  personal_data: true
  special_categories: true
  criminal_offences: false
waivers:
  - rule: KL-001
    reason: Synthetic data only during the pilot
    approved_by: DPO, journal 26/1234
    expires: 2099-12-31
"""


def test_fixture_waiver_is_suppressed() -> None:
    log = sarif(fixture_report(), "da")
    result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "KL-002")
    assert result["level"] == "warning" and result["suppressions"]


def test_waived_results_carry_a_suppression(write) -> None:
    report = evaluate(write("uc.yaml", WAIVED))
    log = sarif(report)
    VALIDATOR.validate(log)
    result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "KL-001")
    assert result["properties"]["status"] == "waived"
    (suppression,) = result["suppressions"]
    assert suppression["kind"] == "external" and suppression["status"] == "accepted"
    assert "Synthetic data only during the pilot" in suppression["justification"]
    assert "DPO, journal 26/1234" in suppression["justification"]


def test_uri() -> None:
    assert uri("examples/a b.yaml") == "examples/a%20b.yaml"
    assert uri("/tmp/x.yaml") == "file:///tmp/x.yaml"


def test_cli_sarif_and_include_passed(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out.sarif"
    code = main(["evaluate", str(FIXTURE), "--format", "sarif",
                 "--include-passed", "--as-of", AS_OF, "--output", str(out)])
    capsys.readouterr()
    assert code == 1
    log = json.loads(out.read_text("utf-8"))
    VALIDATOR.validate(log)
    assert any(r["kind"] in ("pass", "notApplicable", "informational")
               for r in log["runs"][0]["results"])
