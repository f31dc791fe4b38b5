from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from checker.__main__ import main
from checker.formats import render
from checker.formats.open_questions import count, questions
from checker.load import fields

from .helpers import AS_OF, FIXTURE, example_report, fixture_report


def test_every_undecided_answer_becomes_one_question() -> None:
    report = example_report("copilot-workshop-trial.yaml")
    use_case = report.use_cases[0]
    wanted = {a.path for r in use_case.results if r.status == "needs_info" for a in r.missing}
    groups = questions(use_case)
    asked = [q.path for g in groups for q in g.questions]
    assert len(asked) == len(set(asked)) == count(groups)  # deduplicated
    assert wanted <= set(asked)
    for group in groups:
        for q in group.questions:
            assert q.path.startswith(group.section + ".") or group.section == ""
            rules = {r.rule.id for r in use_case.results if q.path in
                     {a.path for a in r.missing}}
            assert set(q.rules) == rules


def test_plain_text_in_both_languages() -> None:
    report = fixture_report()
    spec = fields.fields()["legal_basis.operation.article_9_exception"]
    for lang in ("en", "da"):
        text = render("questions", report, lang)
        assert spec.title.get(lang) in " ".join(text.split())
        assert spec.description.get(lang).split()[0] in text
        assert "GDPR-007" in text and "legal_basis.operation.article_9_exception" in text
        assert "\x1b" not in text and "<" not in text
    assert "Spørgsmål om" in render("questions", report, "da")


def test_none_open() -> None:
    report = fixture_report()
    (use_case,) = report.use_cases
    answered = replace(use_case, results=tuple(r for r in use_case.results if not r.missing))
    text = render("questions", replace(report, use_cases=(answered,)), "en")
    assert "No open questions" in text
    assert "Open questions" not in render("table", replace(report, use_cases=(answered,)), "en")


def test_listed_in_table_markdown_and_html() -> None:
    report = fixture_report()
    title = fields.fields()["legal_basis.operation.article_9_exception"].title.en
    assert "== Open questions (" in render("table", report, "en")
    assert "Open questions (" in render("table", report, "en", tty=True)
    assert title in render("markdown", report, "en")
    assert title in render("html", report, "en")


def test_cli_questions(tmp_path: Path, capsys) -> None:
    code = main(["evaluate", str(FIXTURE), "-f", "questions",
                 "--as-of", AS_OF, "--lang", "da"])
    out, _ = capsys.readouterr()
    assert code == 1 and "Åbne" not in out and "Spørgsmål om" in out
