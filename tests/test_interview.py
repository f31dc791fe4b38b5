"""The questions of `aicheck init`: declared skip logic, parsing answers, the written file."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker import conditions, engine
from checker.authoring import interview
from checker.load import schema, yamlio
from checker.load.fields import fields
from checker.rules import packs
from checker.rules.packs import load_packs

QUESTIONS = interview.questions()
BY_PATH = {q.path: q for q in QUESTIONS}


def test_every_declared_condition_reads_known_fields_with_fitting_values() -> None:
    known = fields()
    declared = [q for q in QUESTIONS if q.ask_when]
    assert declared, "the schema declares no x-ask-when"
    for question in declared:
        for cond in question.ask_when:
            for leaf in conditions.leaves(cond):
                assert packs._check_leaf(leaf, known, "schema") == [], (question.path, leaf)
        if question.when_skipped is not interview.NOT_SET:
            assert packs.check_answer(question.path, question.when_skipped) == "", question.path


def test_conditions_only_read_earlier_questions() -> None:
    order = [q.path for q in QUESTIONS]
    for question in QUESTIONS:
        for cond in question.ask_when:
            for leaf in conditions.leaves(cond):
                assert order.index(leaf.field) < order.index(question.path), \
                    (question.path, leaf.field)


def test_transfer_questions_only_for_third_countries() -> None:
    transfer = BY_PATH["vendor.transfer_mechanism"]
    for location, skipped in [("denmark", True), ("eu_eea", True), ("third_country", False),
                              ("unknown", False)]:
        assert interview.is_skipped(transfer, {"vendor": {"data_location": location}}) is skipped
    assert not interview.is_skipped(transfer, {})  # not answered yet: ask
    answers: dict[str, Any] = {"vendor": {"data_location": "eu_eea"}}
    skipped = interview.apply_skips(answers)
    assert "vendor.transfer_mechanism" in skipped and "vendor.dpf_certification_checked" in skipped
    assert answers["vendor"]["transfer_mechanism"] == "not_needed"
    assert "dpf_certification_checked" not in answers["vendor"]


def test_annex_iii_follow_ups_only_when_a_point_applies() -> None:
    fria = BY_PATH["ai_act.fria_done"]
    assert interview.is_skipped(fria, {"ai_act": {"annex_iii_points": []}})
    assert not interview.is_skipped(fria, {"ai_act": {"annex_iii_points": ["5a"]}})
    informed = BY_PATH["ai_act.affected_persons_informed"]
    assert interview.is_skipped(informed, {"ai_act": {"annex_iii_points": ["5a"]},
                                           "use": {"decisions_about_persons": False}})
    assert not interview.is_skipped(informed, {"ai_act": {"annex_iii_points": ["5a"]},
                                               "use": {"decisions_about_persons": True}})


def test_section_condition_applies_to_its_questions() -> None:
    purpose = BY_PATH["legal_basis.development.purpose"]
    assert interview.is_skipped(purpose, {"use": {"phases": ["operation"]}})
    assert not interview.is_skipped(purpose, {"use": {"phases": ["training"]}})


def _known_answer(path: str) -> st.SearchStrategy[Any]:
    spec = fields()[path]
    if spec.kind in ("boolean", "enum"):
        return st.sampled_from(list(spec.values))
    if spec.kind == "list":
        return st.lists(st.sampled_from(list(spec.values)), unique=True,
                        max_size=min(4, len(spec.values)))
    if spec.kind == "count":
        return st.integers(min_value=0, max_value=400)
    if spec.kind == "date":
        return st.just("2027-06-30")
    return st.just("answered")


KNOWN_ANSWERS = st.fixed_dictionaries({q.path: _known_answer(q.path) for q in QUESTIONS})


def interview_answers(given_answers: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """What `init` would write for someone who would answer every question with these."""
    answers: dict[str, Any] = {}
    skipped = set()
    for question in QUESTIONS:
        if interview.is_skipped(question, answers):
            skipped.add(question.path)
            if question.when_skipped is not interview.NOT_SET:
                interview.put(answers, question.path, question.when_skipped)
        else:
            interview.put(answers, question.path, given_answers[question.path])
    return answers, skipped


PACKS = load_packs()


@given(KNOWN_ANSWERS)
def test_skipped_questions_are_never_needed(given_answers: dict[str, Any]) -> None:
    """Someone who answers every question asked gets a decision from every rule: no rule is
    left needing a question that was skipped."""
    answers, skipped = interview_answers(given_answers)
    for pack in PACKS:
        for rule in pack.rules:
            status, _, missing = engine.decide(rule, answers)
            assert status != "needs_info", (rule.id, sorted(set(missing) & skipped))


@pytest.mark.parametrize(("path", "typed", "value"), [
    ("data.personal_data", "true", True), ("data.personal_data", "ja", True),
    ("data.personal_data", "No", False), ("data.personal_data", "unknown", "unknown"),
    ("organisation.kind", "1", "municipality"), ("organisation.kind", "Region", "region"),
    ("data.data_subjects", "1, 2", ["citizens", "children"]),
    ("data.data_subjects", "citizens employees", ["citizens", "employees"]),
    ("data.data_subjects", "-", []), ("vendor.prompt_retention_days", "30", 30),
    ("id", "my-use-case", "my-use-case"), ("title", " A title ", "A title"),
])
def test_parse_valid(path: str, typed: str, value: Any) -> None:
    assert interview.parse(fields()[path], typed, "en") == (value, "")


@pytest.mark.parametrize(("path", "typed", "en", "da"), [
    ("data.personal_data", "maybe", "answer true, false or unknown", "svar true, false"),
    ("organisation.kind", "9", "`9` is not one of the choices", "`9` er ikke et af valgene"),
    ("data.data_subjects", "1, aliens", "`aliens` is not one of", "`aliens` er ikke et af"),
    ("vendor.prompt_retention_days", "30 days", "write a whole number", "skriv et helt tal"),
    ("id", "My Use Case", "e.g. my-use-case", "fx my-use-case"),
    ("id", "unknown", "this needs a real answer", "her skal stå et rigtigt svar"),
    ("title", "  ", "write an answer", "skriv et svar"),
])
def test_parse_invalid_says_what_to_type(path: str, typed: str, en: str, da: str) -> None:
    spec = fields()[path]
    value, error = interview.parse(spec, typed, "en")
    assert value is interview.NOT_SET and en in error
    assert da in interview.parse(spec, typed, "da")[1]


@given(KNOWN_ANSWERS, st.sampled_from(["da", "en"]),
       st.text(alphabet="abc æøå:#'\"-{}[]&*!|>%@`", min_size=1, max_size=20))
def test_written_file_is_valid_and_reads_back(given_answers: dict[str, Any], lang: str,
                                              title: str) -> None:
    answers, skipped = interview_answers(given_answers)
    answers["title"] = title.strip() or "t"
    answers["id"] = "generated"
    text = interview.render(answers, lang, "use-case.schema.json", "uc.yaml", frozenset(skipped))
    assert text.startswith("# yaml-language-server: $schema=use-case.schema.json\n")
    doc = yamlio.load_bytes(text.encode(), "uc.yaml")
    assert schema.validate(doc, "use-case") == []
    expected = {"schema_version": 1, **answers}
    assert doc.data == expected
