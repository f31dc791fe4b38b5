"""Meta-tests over every bundled pack, and every rule example as its own test."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import resources
from checker.authoring import packtest
from checker.rules.packs import Rule, load_packs

PACKS = load_packs()
RULES = [r for p in PACKS for r in p.rules]
EXAMPLES = packtest.run(PACKS)


@pytest.mark.parametrize("result", EXAMPLES, ids=[r.name for r in EXAMPLES])
def test_rule_example(result: packtest.ExampleResult) -> None:
    assert result.got == result.expected, result.example.description


def test_packs_present() -> None:
    assert {"kl", "datatilsynet"} <= {p.id for p in PACKS}
    for pack in PACKS:
        assert Path(pack.directory).name == pack.id


def test_rule_ids_unique() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_texts_in_both_languages(rule: Rule) -> None:
    for text in (rule.title, rule.message, rule.rationale, rule.remediation):
        assert text.da.strip() and text.en.strip()
        assert text.da != text.en, "the Danish text is a copy of the English one"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_references(rule: Rule) -> None:
    assert rule.references
    for ref in rule.references:
        assert ref.url.startswith("https://") and ref.source and ref.section


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_examples_make_the_rule_applicable(rule: Rule) -> None:
    """No rule test may pass vacuously: pass and fail examples must reach the requirement."""
    kinds = {e.kind for e in rule.examples}
    assert {"pass", "fail", "unknown"} <= kinds
    for result in packtest.run_rule(rule):
        if result.example.kind in ("pass", "fail"):
            assert result.got not in ("not_applicable", "needs_info"), result.name


def test_packs_are_bundled_resources() -> None:
    assert resources.rules_dir().is_dir()
    assert {p.id for p in load_packs()} == {p.id for p in PACKS}


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_a_reference_that_says_not_verified_is_marked_so(rule: Rule) -> None:
    for ref in rule.references:
        said = f"{ref.source} {ref.section}".lower()
        if "not verified" in said or "unverified" in said:
            assert not ref.verified, (rule.id, ref.section)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_reference_sections_in_both_languages(rule: Rule) -> None:
    for ref in rule.references:
        assert ref.section_da, (rule.id, ref.section)
