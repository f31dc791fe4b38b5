"""`aicheck explain` and `aicheck schema`, through the real command line."""

from __future__ import annotations

import json

import pytest

from checker import resources
from checker.__main__ import main
from checker.load.fields import fields
from checker.rules.packs import load_packs


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("lang, heading", [("en", "How to fix it"), ("da", "Sådan retter I det")])
def test_explain_rule(capsys, lang: str, heading: str) -> None:
    code, out, _ = run(["explain", "dt-010", "--lang", lang], capsys)
    assert code == 0
    assert out.startswith("## DT-010: ")
    assert heading in out
    assert "governance.human_review.in_place" in out
    assert "https://" in out


def test_explain_rule_matches_rules_show(capsys) -> None:
    _, explained, _ = run(["explain", "KL-001", "--lang", "en"], capsys)
    _, shown, _ = run(["rules", "show", "KL-001", "--lang", "en"], capsys)
    assert explained == shown


def test_explain_field_english(capsys) -> None:
    code, out, _ = run(["explain", "data.cpr_numbers", "--lang", "en"], capsys)
    assert code == 0
    spec = fields()["data.cpr_numbers"]
    assert out.startswith(f"## data.cpr_numbers: {spec.title.en}")
    assert spec.description.en in out
    assert "`true` or `false`, or `unknown`" in out
    readers = [r.id for p in load_packs() for r in p.rules if "data.cpr_numbers" in r.fields]
    assert readers
    for rule_id in readers:
        assert f"- {rule_id}: " in out


def test_explain_field_danish(capsys) -> None:
    code, out, _ = run(["explain", "use.phases", "--lang", "da"], capsys)
    assert code == 0
    spec = fields()["use.phases"]
    assert spec.title.da in out and spec.description.da in out
    assert "Mulige svar" in out and "en liste med nogle af `development`" in out
    assert "Regler, der læser spørgsmålet" in out


def test_explain_field_no_reader_and_number(capsys) -> None:
    unread = next(p for p in fields() if not any(
        p in r.fields for pack in load_packs() for r in pack.rules))
    code, out, _ = run(["explain", unread, "--lang", "en"], capsys)
    assert code == 0 and "No rule reads this question." in out


@pytest.mark.parametrize(("path", "lang", "expected"), [
    ("vendor.transfer_mechanism", "en", "`aicheck init` asks it only when "
     "`vendor.data_location` is `third_country`; otherwise it writes `not_needed`."),
    ("ai_act.affected_persons_informed", "da", "`aicheck init` spørger kun, når "
     "`ai_act.annex_iii_points` ikke er tom og `use.decisions_about_persons` er `true`."),
    ("legal_basis.development.purpose", "en", "asks it only when `use.phases` contains one of "
     "`development`, `training`."),
])
def test_explain_field_shows_declared_skip_logic(capsys, path: str, lang: str,
                                                  expected: str) -> None:
    code, out, _ = run(["explain", path, "--lang", lang], capsys)
    assert code == 0 and expected in out


def test_explain_section(capsys) -> None:
    code, out, _ = run(["explain", "governance.dpia", "--lang", "en"], capsys)
    assert code == 0 and "`governance.dpia.status`" in out


@pytest.mark.parametrize("name, lang, expected", [
    ("use.cpr_numbers", "en",
     "no rule or question is called `use.cpr_numbers`; did you mean `data.cpr_numbers`?"),
    ("use.cpr_numbers", "da",
     "ingen regel eller spørgsmål hedder `use.cpr_numbers`; mente du `data.cpr_numbers`?"),
    ("cpr_numbers", "en", "did you mean `data.cpr_numbers`?"),
    ("data.cpr_number", "en", "did you mean `data.cpr_numbers`?"),
    ("DT-0100", "en", "did you mean `DT-010`?"),
    ("kl-01", "da", "mente du `KL-0"),
])
def test_explain_unknown_name(capsys, name: str, lang: str, expected: str) -> None:
    code, out, err = run(["explain", name, "--lang", lang], capsys)
    assert code == 2 and out == ""
    assert err.startswith("aicheck: ") and expected in err


@pytest.mark.parametrize("name", resources.SCHEMA_NAMES)
def test_schema_prints_bundled_schema(capsys, name: str) -> None:
    code, out, _ = run(["schema", name], capsys)
    assert code == 0
    assert json.loads(out) == resources.schema(name)


def test_schema_defaults_to_use_case(capsys) -> None:
    code, out, _ = run(["schema"], capsys)
    assert code == 0 and json.loads(out)["$id"].endswith("use-case.schema.json")


@pytest.mark.parametrize("lang, expected", [
    ("en", "unknown schema `usecase`; choose one of `use-case`, `rule`, `pack` or `report`"),
    ("da", "ukendt skema `usecase`; vælg en af `use-case`, `rule`, `pack` eller `report`"),
])
def test_schema_unknown_name(capsys, lang: str, expected: str) -> None:
    code, out, err = run(["schema", "usecase", "--lang", lang], capsys)
    assert code == 2 and out == "" and expected in err
