"""`aicheck init` end to end: the real program in a pseudo-terminal, driven with pexpect."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from checker.authoring import interview
from checker.batch import api

from .conftest import MINIMAL, ROOT

pexpect = pytest.importorskip("pexpect")

QUESTION = re.compile(r"\(([a-z0-9_]+(?:\.[a-z0-9_]+)+|id|title|description)\)\r?\n")
TIMEOUT = 20


def spawn(tmp_path: Path, *args: str, lang: str = "en"):  # type: ignore[no-untyped-def]
    env = {**os.environ, "AICHECK_LANG": lang, "COLUMNS": "100", "PYTHONPATH": str(ROOT)}
    env.pop("AICHECK_DEBUG", None)
    child = pexpect.spawn(sys.executable, ["-m", "checker", "init", *args], cwd=str(tmp_path),
                          env=env, encoding="utf-8", timeout=TIMEOUT, dimensions=(40, 100))
    child.delaybeforesend = 0.002  # each answer waits for its prompt anyway
    return child


def drive(child, answers: dict[str, list[str] | str], stop_at: str | None = None
          ) -> list[str]:  # type: ignore[no-untyped-def]
    """Answer each question as it comes: from `answers` (a list: one typed line per prompt,
    for retries), else Enter. Returns the paths asked, in order."""
    asked: list[str] = []
    pending = {k: [v] if isinstance(v, str) else list(v) for k, v in answers.items()}
    while True:
        index = child.expect([QUESTION, pexpect.EOF])
        if index == 1:
            return asked
        path = child.match.group(1)
        asked.append(path)
        if path == stop_at:
            return asked
        lines = pending.get(path) or [""]
        for attempt, typed in enumerate(lines):
            child.expect("> ")
            if attempt:  # the answer before was refused, saying what to type instead
                assert "  ! " in (child.before or ""), (path, child.before)
            child.sendline(typed)


def evaluate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "checker", "evaluate", str(path), "-f", "json",
                           "--as-of", "2026-11-25"], capture_output=True, text=True,
                          check=False, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_full_interview_in_english_skips_and_writes_a_valid_file(tmp_path: Path) -> None:
    child = spawn(tmp_path, "citizen.yaml")
    child.expect("aicheck init: describe one use of AI")
    answers: dict[str, list[str] | str] = {
        "title": "Chatbot on the municipal website",
        "organisation.kind": ["council", "1"],
        "use.kind": "citizen_chatbot",
        "use.phases": ["1, aliens", "operation"],
        "use.decisions_about_persons": "no",
        "data.personal_data": ["maybe", "yes"],
        "data.data_subjects": "citizens children",
        "vendor.prompt_retention_days": ["30 days", "30"],
        "vendor.data_location": "eu_eea",
        "governance.local_guideline": "false",
        "ai_act.annex_iii_points": "-",
    }
    asked = drive(child, answers)
    out = child.before or ""
    child.close()
    assert child.exitstatus == 0, out
    target = tmp_path / "citizen.yaml"
    assert "Wrote citizen.yaml" in out and "aicheck evaluate citizen.yaml" in out
    # skipped because of earlier answers, as declared in the schema
    for path in ("vendor.transfer_mechanism", "vendor.dpf_certification_checked",
                 "ai_act.fria_done", "ai_act.article_6_3_exception",
                 "ai_act.affected_persons_informed", "legal_basis.development.purpose",
                 "governance.guideline_approved_by_management"):
        assert path not in asked, path
    # asked because nothing made them irrelevant
    for path in ("transparency.messages_reach_casework", "data.cpr_numbers",
                 "ai_act.annex_iii_points", "legal_basis.operation.purpose"):
        assert path in asked, path
    assert asked.index("use.kind") < asked.index("data.personal_data")
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "# What kind of organisation is it?\n  kind: municipality\n" in text
    data = api.load_use_case(target).data
    assert data["id"] == "citizen"
    assert data["use"]["phases"] == ["operation"]
    assert data["data"]["personal_data"] is True
    assert data["data"]["data_subjects"] == ["citizens", "children"]
    assert data["vendor"]["prompt_retention_days"] == 30
    assert data["vendor"]["transfer_mechanism"] == "not_needed"  # declared x-when-skipped
    assert "dpf_certification_checked" not in data["vendor"]
    assert data["governance"]["guideline_approved_by_management"] is False
    assert data["data"]["cpr_numbers"] == "unknown"  # Enter: unknown
    result = evaluate(target)
    assert result.returncode in (0, 1) and result.stderr == ""


def test_answers_are_checked_as_typed(tmp_path: Path) -> None:
    child = spawn(tmp_path, "uc.yaml")
    child.expect(r"\(id\)")
    child.expect("> ")
    child.sendline("My Use Case")
    child.expect("use lower-case letters, digits and dashes .* e.g. my-use-case")
    child.expect("> ")
    child.sendline("unknown")
    child.expect("this needs a real answer, not unknown")
    child.expect("> ")
    child.sendline("my-use-case")
    child.expect(r"\(title\)")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 or child.signalstatus is not None


def test_danish_interview(tmp_path: Path) -> None:
    child = spawn(tmp_path, "uc.yaml", lang="da")
    child.expect("aicheck init: beskriv én anvendelse af AI")
    drive(child, {}, stop_at="organisation.kind")
    assert "Hvilken type organisation er det?" in (child.before or "")
    child.expect("> ")
    child.sendline("kommune")
    child.expect("`kommune` er ikke et af valgene; skriv et nummer fra 1 til")
    child.expect("> ")
    child.sendline("municipality")
    asked = drive(child, {"data.personal_data": ["måske", "nej"]})
    out = child.before or ""
    child.close()
    assert child.exitstatus == 0, out
    assert "Skrev uc.yaml" in out
    assert "data.cpr_numbers" not in asked  # no personal data: not asked
    text = (tmp_path / "uc.yaml").read_text(encoding="utf-8")
    assert "# Hvilken type organisation er det?\n  kind: municipality\n" in text
    data = api.load_use_case(tmp_path / "uc.yaml").data
    assert data["data"]["personal_data"] is False
    # Never invented: had personal data later turned true, a written `false` could pass rules.
    assert "cpr_numbers" not in data["data"] and "special_categories" not in data["data"]


def test_ctrl_c_leaves_no_file(tmp_path: Path) -> None:
    child = spawn(tmp_path, "uc.yaml")
    drive(child, {"title": "Half done"}, stop_at="service.name")
    child.sendintr()
    child.expect("Interrupted: no file was written.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert list(tmp_path.iterdir()) == []  # neither the file nor a temporary one


def test_end_of_input_leaves_no_file(tmp_path: Path) -> None:
    child = spawn(tmp_path, "uc.yaml", lang="da")
    child.expect(r"\(id\)")
    child.expect("> ")
    child.sendeof()
    child.expect("Inputtet sluttede, før spørgeskemaet var færdigt")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert list(tmp_path.iterdir()) == []


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "uc.yaml"
    target.write_text("keep me\n", encoding="utf-8")
    child = spawn(tmp_path, "uc.yaml")
    child.expect("uc.yaml already exists; add --force to replace it")
    child.expect(pexpect.EOF)
    assert "(id)" not in (child.before or "")  # refused before the first question
    child.close()
    assert child.exitstatus == 2
    assert target.read_text(encoding="utf-8") == "keep me\n"
    child = spawn(tmp_path, "uc.yaml", "--force")
    drive(child, {})
    child.close()
    assert child.exitstatus == 0
    assert api.load_use_case(target).data["id"] == "uc"


def test_from_asks_only_what_is_missing_or_unknown(tmp_path: Path) -> None:
    source = tmp_path / "uc.yaml"
    source.write_text(MINIMAL.replace("personal_data: true", "personal_data: true\n"
                                      "  cpr_numbers: unknown") +
                      "vendor:\n  data_location: denmark\n"
                      "waivers:\n  - rule: KL-001\n    reason: Pilot\n"
                      "    approved_by: DPO\n    expires: 2027-06-30\n", encoding="utf-8")
    child = spawn(tmp_path, "--from", "uc.yaml", "--force")
    child.expect("Resuming uc.yaml")
    asked = drive(child, {"data.cpr_numbers": "false"})
    child.close()
    assert child.exitstatus == 0
    for path in ("id", "title", "organisation.kind", "use.kind", "data.personal_data",
                 "vendor.data_location", "vendor.transfer_mechanism"):
        assert path not in asked
    assert "data.cpr_numbers" in asked and "organisation.name" in asked
    expected = [q.path for q in interview.questions()
                if q.path not in ("id", "title", "organisation.kind", "service.delivery",
                                  "use.kind", "data.personal_data", "vendor.data_location")]
    assert set(asked) <= set(expected)
    data = api.load_use_case(source).data
    assert data["data"]["cpr_numbers"] is False
    assert data["id"] == "minimal" and data["use"]["kind"] == "casework_support"
    assert data["waivers"] == [{"rule": "KL-001", "reason": "Pilot", "approved_by": "DPO",
                                "expires": "2027-06-30"}]
    assert data["vendor"]["transfer_mechanism"] == "not_needed"


def test_from_an_invalid_file_reports_its_problems(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(MINIMAL.replace("true", "yes"), encoding="utf-8")
    child = spawn(tmp_path, "new.yaml", "--from", "bad.yaml")
    child.expect(r"bad.yaml:11:18: data.personal_data: `yes` is not a boolean here")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert not (tmp_path / "new.yaml").exists()
