from __future__ import annotations

import pytest

from checker.batch.api import load_use_case
from checker.errors import InputError, Problem
from checker.i18n import render_problem


def problems(write, text: str) -> list[Problem]:
    with pytest.raises(InputError) as exc:
        load_use_case(write("uc.yaml", text))
    return exc.value.problems


def test_minimal_is_valid(write, minimal: str) -> None:
    assert load_use_case(write("uc.yaml", minimal)).data["id"] == "minimal"


def test_unknown_key_did_you_mean(write, minimal: str) -> None:
    [p] = problems(write, minimal.replace("personal_data: true", "personal_dat: true"))
    assert (p.code, p.line, p.column, p.path) == ("schema.unknown_key", 11, 3,
                                                  "data.personal_dat")
    assert render_problem(p, "en").endswith("unknown key `personal_dat`; did you mean "
                                            "`personal_data`?")
    assert "mente du `personal_data`?" in render_problem(p, "da")


def test_key_at_wrong_level_points_to_right_place(write, minimal: str) -> None:
    [p] = problems(write, minimal.replace("  kind: casework_support",
                                          "  kind: casework_support\n  cpr_numbers: false"))
    assert p.code == "schema.unknown_key" and p.param("suggestion") == "data.cpr_numbers"


def test_yes_for_true_explained(write, minimal: str) -> None:
    [p] = problems(write, minimal.replace("personal_data: true", "personal_data: yes"))
    assert p.code == "schema.boolean_lookalike"
    assert "`yes` is not a boolean here: write `true` (the answers are `true`, `false` or " \
        "`unknown`)" in render_problem(p, "en")


@pytest.mark.parametrize("word", ["ja", "nej", "on", "No"])
def test_other_boolean_lookalikes(write, minimal: str, word: str) -> None:
    [p] = problems(write, minimal.replace("personal_data: true", f"personal_data: {word}"))
    assert p.code == "schema.boolean_lookalike"


def test_value_outside_list_with_suggestion(write, minimal: str) -> None:
    [p] = problems(write, minimal.replace("enterprise_tenant", "enterprise_tennant"))
    assert p.code == "schema.not_in_list" and p.param("suggestion") == "enterprise_tenant"
    assert (p.line, p.column) == (7, 13)


def test_wrong_type(write, minimal: str) -> None:
    [p] = problems(write, minimal + "vendor:\n  prompt_retention_days: thirty\n")
    assert p.code == "schema.not_a_number" and p.path == "vendor.prompt_retention_days"


def test_null_answer_asks_for_unknown(write, minimal: str) -> None:
    [p] = problems(write, minimal.replace("personal_data: true", "personal_data:"))
    assert p.code == "schema.null"
    assert "`unknown`" in render_problem(p, "en")


def test_scalar_where_list_expected(write, minimal: str) -> None:
    [p] = problems(write, minimal + "  data_subjects: children\n")
    assert p.code == "schema.not_a_list"
    assert "[children]" in render_problem(p, "en")


def test_missing_required_section(write, minimal: str) -> None:
    text = minimal.replace("data:\n  personal_data: true\n", "")
    [p] = problems(write, text)
    assert (p.code, p.param("key")) == ("schema.missing_required", "data")


def test_waiver_needs_all_fields_and_a_real_date(write, minimal: str) -> None:
    found = problems(write, minimal + "waivers:\n  - rule: KL-001\n    reason: pilot\n"
                                      "    expires: 2027-02-30\n")
    assert {p.code for p in found} == {"schema.missing_required", "schema.bad_date"}


def test_every_error_reported_at_once_sorted(write, minimal: str) -> None:
    text = minimal.replace("personal_data: true", "personal_data: yes\n  personal_data: no") \
        .replace("enterprise_tenant", "tenant") + "bogus: 1\n"
    found = problems(write, text)
    assert [p.code for p in found] == ["yaml.duplicate_key", "schema.unknown_key",
                                       "schema.not_in_list", "schema.boolean_lookalike"]


@pytest.mark.parametrize("text", ["- a\n- b\n", "just a string\n", "42\n"])
def test_top_level_must_be_mapping(write, text: str) -> None:
    [p] = problems(write, text)
    assert p.code == "schema.top_level"


def test_unknown_accepted_everywhere(write, minimal: str) -> None:
    text = minimal + "vendor:\n  prompt_retention_days: unknown\n  own_purposes: unknown\n"
    load_use_case(write("uc.yaml", text))


def test_blank_waiver_text_refused(write, minimal: str) -> None:
    found = problems(write, minimal + "waivers:\n  - {rule: DT-001, reason: ' ', "
                                      "approved_by: '-', expires: 2027-01-01}\n")
    assert [p.code for p in found] == ["schema.blank_waiver_text"] * 2


def test_a_count_must_be_a_whole_number(write, minimal: str) -> None:
    [p] = problems(write, minimal + "governance:\n  log_retention_days: 200.0\n")
    assert p.path == "governance.log_retention_days"


def test_contradicting_answers_are_an_input_error(write, minimal: str) -> None:
    text = minimal.replace("personal_data: true", "personal_data: false\n  cpr_numbers: true")
    [p] = problems(write, text)
    assert (p.code, p.path, p.line) == ("schema.contradiction", "data.cpr_numbers", 12)
    assert "no personal data" in render_problem(p, "en")
    assert "ingen personoplysninger" in render_problem(p, "da") or \
        "ikke indgår personoplysninger" in render_problem(p, "da")


def test_consistency_checks_read_real_fields() -> None:
    from checker import conditions
    from checker.load import consistency
    from checker.load.fields import fields

    known = fields()
    for when, forbids, _ in consistency.checks():
        for leaf in (*conditions.leaves(when), *conditions.leaves(forbids)):
            assert leaf.field in known
