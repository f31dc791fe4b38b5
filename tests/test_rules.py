from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.errors import RulePackError
from checker.rules.packs import load_pack, load_packs

PACK = """\
id: town
title: {da: "Byens regler", en: "Town rules"}
version: "1.0.0"
rule_prefix: TOWN
sources:
  - {title: "Local guideline", publisher: "Town", date: "2026", url: "https://example.org/g",
     verified: true}
"""

RULE = """\
id: TOWN-001
pack: town
title: {da: "Retningslinje", en: "Guideline"}
applies_when: {field: use.kind, in: [public_chatbot_staff]}
requires: {field: governance.local_guideline, equals: true}
outcome: warn
message: {da: "Ingen retningslinje.", en: "No guideline."}
rationale: {da: "Rammer.", en: "A frame."}
remediation: {da: "Skriv en.", en: "Write one."}
references:
  - {source: "Local guideline", section: "1", url: "https://example.org/g", verified: true}
examples:
  pass: [{answers: {use.kind: public_chatbot_staff, governance.local_guideline: true}}]
  fail: [{answers: {use.kind: public_chatbot_staff, governance.local_guideline: false}}]
  unknown: [{answers: {use.kind: public_chatbot_staff}}]
"""


def make_pack(tmp_path: Path, rule: str = RULE, name: str = "TOWN-001.yaml") -> Path:
    directory = tmp_path / "town"
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "pack.yaml").write_text(PACK, encoding="utf-8")
    (directory / name).write_text(rule, encoding="utf-8")
    return directory


def codes(directory: Path) -> list[str]:
    with pytest.raises(RulePackError) as exc:
        load_pack(directory)
    return [p.code for p in exc.value.problems]


def test_valid_pack_loads(tmp_path: Path) -> None:
    pack = load_pack(make_pack(tmp_path))
    assert [r.id for r in pack.rules] == ["TOWN-001"]
    assert pack.rules[0].fields == ("governance.local_guideline", "use.kind")
    assert len(pack.sha256) == 64


def test_hash_changes_with_content(tmp_path: Path) -> None:
    first = load_pack(make_pack(tmp_path)).sha256
    second = load_pack(make_pack(tmp_path, RULE.replace("Write one.", "Write it."))).sha256
    assert first != second


def test_unknown_field_is_an_error(tmp_path: Path) -> None:
    rule = RULE.replace("governance.local_guideline, equals", "governance.local_guidline, equals")
    assert "rule.unknown_field" in codes(make_pack(tmp_path, rule))


def test_impossible_value_is_an_error(tmp_path: Path) -> None:
    rule = RULE.replace("in: [public_chatbot_staff]", "in: [chatgpt]")
    assert codes(make_pack(tmp_path, rule)) == ["rule.bad_value"]


def test_comparing_with_unknown_is_an_error(tmp_path: Path) -> None:
    rule = RULE.replace("equals: true}", "equals: unknown}", 1)
    assert "rule.compares_unknown" in codes(make_pack(tmp_path, rule))


def test_operator_must_fit_the_field(tmp_path: Path) -> None:
    rule = RULE.replace("{field: governance.local_guideline, equals: true}",
                        "{field: governance.local_guideline, at_least: 3}")
    assert codes(make_pack(tmp_path, rule)) == ["rule.bad_operator"]


def test_file_name_must_be_the_id(tmp_path: Path) -> None:
    assert codes(make_pack(tmp_path, name="TOWN-002.yaml")) == ["rule.file_name"]


def test_pack_and_prefix_checked(tmp_path: Path) -> None:
    rule = RULE.replace("pack: town", "pack: city").replace("id: TOWN-001", "id: CITY-001")
    assert sorted(codes(make_pack(tmp_path, rule, "CITY-001.yaml"))) == [
        "rule.wrong_pack", "rule.wrong_prefix"]


def test_example_answers_checked_against_questionnaire(tmp_path: Path) -> None:
    rule = RULE.replace("governance.local_guideline: false}", "governance.local_guideline: no}")
    assert codes(make_pack(tmp_path, rule)) == ["rule.example_invalid"]


def test_missing_texts_and_examples_rejected_by_schema(tmp_path: Path) -> None:
    rule = RULE.replace('message: {da: "Ingen retningslinje.", en: "No guideline."}',
                        'message: {en: "No guideline."}').replace(
        "  unknown: [{answers: {use.kind: public_chatbot_staff}}]\n", "")
    assert len(codes(make_pack(tmp_path, rule))) >= 2


def test_python_tag_in_rule_refused(tmp_path: Path) -> None:
    rule = RULE.replace("outcome: warn", "outcome: !!python/object/apply:os.system ['true']")
    assert codes(make_pack(tmp_path, rule)) == ["yaml.tag"]


def test_symlink_out_of_pack_refused(tmp_path: Path) -> None:
    directory = make_pack(tmp_path)
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(RULE.replace("TOWN-001", "TOWN-002"), encoding="utf-8")
    os.symlink(outside, directory / "TOWN-002.yaml")
    assert codes(directory) == ["rule.escapes_pack"]


def test_duplicate_rule_ids_across_packs(tmp_path: Path) -> None:
    one = make_pack(tmp_path / "a")
    two = make_pack(tmp_path / "b")
    with pytest.raises(RulePackError) as exc:
        load_packs((one, two), bundled=False)
    assert {p.code for p in exc.value.problems} == {"pack.duplicate", "rule.duplicate_id"}


def test_extra_pack_loads_with_bundled(tmp_path: Path) -> None:
    packs = load_packs((make_pack(tmp_path),))
    assert "town" in {p.id for p in packs} and len(packs) > 1


@pytest.mark.parametrize(("requires", "code"), [
    ("{field: governance.local_guideline, matches: '^(a+)+$'}", "rule.unknown_operator"),
    ("{field: governance.log_retention_days, at_least: x}", "rule.bad_operand"),
    ("{field: governance.local_guideline, equals: true, in: [true]}", "rule.one_operator"),
    ("{all: []}", "rule.empty_group"),
    ("{whatever: 1}", "rule.bad_condition"),
])
def test_malformed_conditions_are_named(tmp_path: Path, requires: str, code: str) -> None:
    rule = RULE.replace("requires: {field: governance.local_guideline, equals: true}",
                        f"requires: {requires}")
    with pytest.raises(RulePackError) as exc:
        load_pack(make_pack(tmp_path, rule))
    [problem] = exc.value.problems
    assert (problem.code, problem.line) == (code, 5)


def test_cross_check_problems_are_located(tmp_path: Path) -> None:
    rule = RULE.replace("governance.local_guideline, equals", "governance.local_guidline, equals")
    with pytest.raises(RulePackError) as exc:
        load_pack(make_pack(tmp_path, rule))
    problem = next(p for p in exc.value.problems if p.code == "rule.unknown_field")
    assert (problem.line, problem.path) == (5, "requires")
