from __future__ import annotations

from pathlib import Path

import pytest
from junitparser import Failure, JUnitXml, Skipped

from checker.__main__ import main
from checker.formats import render
from checker.formats.options import Options

from .helpers import (
    AS_OF,
    EXAMPLE_FILES,
    FIXTURE,
    all_examples,
    evaluate,
    example_report,
    fixture_report,
)


def parse(text: str) -> JUnitXml:
    xml = JUnitXml.fromstring(text.encode("utf-8"))
    assert isinstance(xml, JUnitXml)
    return xml


def outcomes(case) -> set[type]:
    return {type(r) for r in case.result}


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_every_example_parses_one_case_per_rule(path: Path) -> None:
    report = example_report(path.name)
    xml = parse(render("junit", report, "en"))
    (suite,) = list(xml)
    use_case = report.use_cases[0]
    cases = list(suite)
    assert len(cases) == len(use_case.results) == suite.tests
    by_rule = {case.name.split(":", 1)[0]: case for case in cases}
    failures = 0
    for result in use_case.results:
        found = outcomes(by_rule[result.rule.id])
        if result.status == "fail":
            failures += 1
            assert found == {Failure}
            failure = by_rule[result.rule.id].result[0]
            assert result.rule.message.en in failure.message
            assert result.rule.references[0].url in failure.text
        elif result.status == "pass":
            assert found == set()
        else:
            assert found == {Skipped}
    assert suite.failures == failures


def test_one_suite_per_use_case() -> None:
    report = all_examples()
    xml = parse(render("junit", report, "da"))
    suites = list(xml)
    assert len(suites) == len(report.use_cases)
    assert xml.tests == sum(len(u.results) for u in report.use_cases)
    assert "FEJL" in render("junit", report, "da")


def test_warn_as_failure() -> None:
    report = fixture_report()
    xml = parse(render("junit", report, "en", options=Options(junit_warn_as="failure")))
    (suite,) = list(xml)
    needs = {r.rule.id for r in report.use_cases[0].results if r.status in ("needs_info", "warn")}
    assert needs
    for case in suite:
        if case.name.split(":", 1)[0] in needs:
            assert outcomes(case) == {Failure}
        if case.name.startswith("GDPR-007:"):
            assert "legal_basis.operation.article_9_exception" in case.result[0].message
        if case.name.startswith("KL-002:"):  # waived
            assert outcomes(case) == {Skipped}


def test_control_characters_and_markup_survive(write, minimal) -> None:
    text = minimal.replace("title: Minimal use case", 'title: "<b>x</b> & \\x01 ]]> case"')
    xml = parse(render("junit", evaluate(write("uc.yaml", text)), "en"))
    (suite,) = list(xml)
    assert suite.name.startswith("<b>x</b> & \ufffd ]]> case")


def test_cli_junit(tmp_path: Path, capsys) -> None:
    out = tmp_path / "junit.xml"
    code = main(["evaluate", str(FIXTURE), "-f", "junit",
                 "--junit-warn-as", "failure", "--as-of", AS_OF, "-o", str(out)])
    capsys.readouterr()
    assert code == 1
    xml = JUnitXml.fromfile(str(out))
    needs = sum(r.status == "needs_info" for r in fixture_report().use_cases[0].results)
    assert xml.failures == 1 + needs
