from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import engine
from checker.batch.api import load_use_case
from checker.errors import InputError
from checker.load import schema
from checker.load.yamlio import load_bytes
from checker.report import Report
from checker.rules.packs import load_packs

from .strategies import use_cases

PACKS = load_packs()
RULES = {r.id: r for p in PACKS for r in p.rules}


def doc_of(data: dict[str, Any]):
    return load_bytes(yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode(), "uc.yaml")


def evaluate(data: dict[str, Any], as_of: str = "2026-11-25"):
    doc = doc_of(data)
    assert schema.validate(doc, "use-case") == []
    return engine.evaluate(PACKS, doc, as_of)


def by_rule(report) -> dict[str, Any]:
    return {r.rule.id: r for r in report.results}


def base() -> dict[str, Any]:
    return {"schema_version": 1, "id": "t", "title": "T", "organisation": {"kind": "municipality"},
            "service": {"delivery": "public_consumer_service"},
            "use": {"kind": "public_chatbot_staff"}, "data": {"personal_data": True,
                                                             "special_categories": True,
                                                             "criminal_offences": False}}


def a_failing_rule(report) -> str:
    return next(r.rule.id for r in report.results if r.status == "fail")


def test_status_fail_with_deciding_answers_and_lines() -> None:
    report = evaluate(base())
    result = by_rule(report)["KL-001"]
    assert result.status == "fail"
    paths = {a.path: a for a in result.answers}
    assert paths["data.special_categories"].value is True
    assert paths["data.special_categories"].line == 12


def test_missing_answer_needs_information_not_pass() -> None:
    data = base()
    del data["data"]["special_categories"]
    result = by_rule(evaluate(data))["KL-001"]
    assert result.status == "needs_info"
    assert [(m.path, m.state) for m in result.missing] == [("data.special_categories", "missing")]


def test_waiver_turns_fail_into_waived() -> None:
    data = base()
    data["waivers"] = [{"rule": "KL-001", "reason": "pilot on test data", "approved_by": "DPO",
                        "expires": "2027-01-31"}]
    result = by_rule(evaluate(data))["KL-001"]
    assert (result.status, result.underlying) == ("waived", "fail")
    assert result.waiver is not None and not result.waiver.expired


def test_expired_waiver_does_not_count() -> None:
    data = base()
    data["waivers"] = [{"rule": "KL-001", "reason": "pilot", "approved_by": "DPO",
                        "expires": "2026-11-24"}]
    result = by_rule(evaluate(data))["KL-001"]
    assert result.status == "fail" and result.waiver is not None and result.waiver.expired


def test_waiver_on_the_expiry_day_still_counts() -> None:
    data = base()
    data["waivers"] = [{"rule": "KL-001", "reason": "pilot", "approved_by": "DPO",
                        "expires": "2026-11-25"}]
    assert by_rule(evaluate(data))["KL-001"].status == "waived"


def test_waiver_for_unknown_rule_is_an_input_error() -> None:
    data = base()
    data["waivers"] = [{"rule": "KL-901", "reason": "x", "approved_by": "y",
                        "expires": "2027-01-01"}]
    with pytest.raises(InputError) as exc:
        evaluate(data)
    [problem] = exc.value.problems
    assert problem.code == "waiver.unknown_rule" and problem.path == "waivers[0].rule"


def test_upcoming_rule_not_counted() -> None:
    dated = [r for r in RULES.values() if r.effective_from]
    if not dated:
        pytest.skip("no dated rule loaded")
    rule = max(dated, key=lambda r: r.effective_from or "")
    before = (rule.effective_from or "")[:4] + "-01-01"
    report = evaluate(base(), as_of=str(int(before[:4]) - 1) + before[4:])
    result = by_rule(report)[rule.id]
    assert result.status == "upcoming"
    assert result.counted_as(strict=True) is None


def test_strict_counts_needs_info_as_fail() -> None:
    data = base()
    data["data"]["special_categories"] = "unknown"
    report = evaluate(data)
    assert by_rule(report)["KL-001"].counted_as(strict=False) == "warn"
    assert by_rule(report)["KL-001"].counted_as(strict=True) == "fail"


def _report(data: dict[str, Any]) -> str:
    from checker.formats.json_report import render

    use_case = evaluate(data)
    return render(Report("0", PACKS, "2026-11-25", False, (use_case,)), "en")


@settings(max_examples=40)
@given(use_cases())
def test_generated_use_cases_evaluate_and_validate(data: dict[str, Any]) -> None:
    text = _report(data)
    errors = list(schema.validator("report").iter_errors(json.loads(text)))
    assert errors == []
    assert _report(data) == text  # same input, same bytes


@settings(max_examples=40)
@given(use_cases(), st.data())
def test_unknown_never_leaves_a_rule_passing(data: dict[str, Any], draw: st.DataObject) -> None:
    report = evaluate(data)
    passing = [r for r in report.results if r.status == "pass"]
    for result in passing:
        assert all(a.state == "answered" for a in result.answers)
        assert not result.missing
    if not passing:
        return
    result = draw.draw(st.sampled_from(passing))
    path = draw.draw(st.sampled_from(result.rule.fields))
    node = data
    *heads, last = path.split(".")
    for head in heads:
        node = node[head]
    node[last] = "unknown"
    after = by_rule(evaluate(data))[result.rule.id]
    assert after.status != "pass"


@settings(max_examples=30)
@given(use_cases())
def test_a_waiver_never_makes_a_pass(data: dict[str, Any]) -> None:
    plain = by_rule(evaluate(data))
    data["waivers"] = [{"rule": rid, "reason": "r", "approved_by": "a", "expires": "2030-01-01"}
                       for rid in sorted(plain)]
    waived = by_rule(evaluate(data))
    for rid, result in waived.items():
        assert result.status != "pass" or plain[rid].status == "pass"
        if plain[rid].status in ("fail", "warn"):
            assert result.status == "waived"


def test_example_files_are_valid() -> None:
    for path in sorted(Path(__file__).parent.parent.joinpath("examples").glob("*.yaml")):
        load_use_case(path)


@settings(max_examples=40)
@given(use_cases(), st.data())
def test_compiled_rules_decide_as_the_reference(data: dict[str, Any], draw: st.DataObject
                                                ) -> None:
    """Each rule compiled once per pack gives the status, deciding fields and missing fields
    of `engine.decide`, also with answers made unknown or removed."""
    from checker import conditions

    for path in draw.draw(st.lists(st.sampled_from(sorted({f for r in RULES.values()
                                                            for f in r.fields})), max_size=6)):
        node = data
        *heads, last = path.split(".")
        for head in heads:
            node = node.setdefault(head, {})
        if draw.draw(st.booleans()):
            node[last] = "unknown"
        else:
            node.pop(last, None)
    plan = engine._plan(PACKS)
    found = conditions.answers_for(data, plan.fields)
    unknown = {f for f, v in found.items() if not conditions.is_known(v)}
    for rule, decide in zip(plan.rules, plan.deciders, strict=True):
        assert decide(found, unknown) == engine.decide(rule, data), rule.id
