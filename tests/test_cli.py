from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker.__main__ import main

from .conftest import MINIMAL

FAILING = MINIMAL.replace("kind: casework_support", "kind: public_chatbot_staff").replace(
    "personal_data: true", "personal_data: true\n  special_categories: true\n"
    "  criminal_offences: false")


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys) -> None:
    code, out, _ = run(["--version"], capsys)
    assert code == 0 and out.startswith("aicheck ")


def test_python_dash_m(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "checker", "--version"], capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0 and proc.stdout.startswith("aicheck ")


def test_exit_1_on_fail_and_json_report(write, capsys) -> None:
    path = write("uc.yaml", FAILING)
    code, out, _ = run(["evaluate", str(path), "--format", "json", "--as-of", "2026-11-25"],
                       capsys)
    assert code == 1
    report = json.loads(out)
    assert report["verdict"] == "fail"
    assert report["audit"]["evaluation_date"] == "2026-11-25"
    kl = next(r for r in report["use_cases"][0]["results"] if r["rule"] == "KL-001")
    assert kl["status"] == "fail" and kl["references"]


def test_fail_on_never_exits_0(write, capsys) -> None:
    path = write("uc.yaml", FAILING)
    assert run(["evaluate", str(path), "--fail-on", "never", "-f", "json"], capsys)[0] == 0


def test_fail_on_warn(write, capsys) -> None:
    path = write("uc.yaml", MINIMAL)
    assert run(["evaluate", str(path), "--fail-on", "fail", "-f", "json"], capsys)[0] in (0, 1)
    code, out, _ = run(["evaluate", str(path), "--fail-on", "warn", "-f", "json"], capsys)
    assert json.loads(out)["verdict"] in ("warn", "fail") and code == 1


def test_exit_0_when_nothing_at_threshold(write, capsys) -> None:
    path = write("uc.yaml", MINIMAL)
    code, out, _ = run(["evaluate", str(path), "-f", "json"], capsys)
    verdict = json.loads(out)["verdict"]
    assert code == (1 if verdict == "fail" else 0)


def test_exit_2_bad_input_no_traceback(write, capsys) -> None:
    path = write("uc.yaml", MINIMAL.replace("personal_data: true", "personal_data: yes"))
    code, out, err = run(["evaluate", str(path)], capsys)
    assert code == 2 and out == ""
    assert f"{path}:11:18: data.personal_data:" in err and "Traceback" not in err


def test_exit_2_usage(capsys, write) -> None:
    path = write("uc.yaml", MINIMAL)
    assert run(["evaluate", str(path), "--format", "pdf"], capsys)[0] == 2
    assert run(["evaluate", str(path), "--as-of", "25-11-2026"], capsys)[0] == 2
    assert run(["evaluate", "no/such/file.yaml"], capsys)[0] == 2


def test_exit_3_internal_error(write, capsys, monkeypatch) -> None:
    from checker import engine

    def boom(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "evaluate", boom)
    code, _, err = run(["evaluate", str(write("uc.yaml", MINIMAL))], capsys)
    assert code == 3 and "internal error" in err and "Traceback" not in err


def test_directory_recursion_and_language(tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "two.yml").write_text(MINIMAL.replace("id: minimal", "id: two"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    monkeypatch.setenv("AICHECK_LANG", "da")
    code, out, _ = run(["evaluate", str(tmp_path), "-f", "json", "--fail-on", "never"], capsys)
    assert code == 0
    report = json.loads(out)
    assert [u["id"] for u in report["use_cases"]] == ["minimal", "two"]
    assert report["audit"]["language"] == "da"
    _code, out, _ = run(["evaluate", str(tmp_path), "-f", "json", "--lang", "en"], capsys)
    assert json.loads(out)["audit"]["language"] == "en"


def test_output_written_atomically_and_never_over_an_input(write, capsys, tmp_path) -> None:
    path = write("uc.yaml", MINIMAL)
    before = path.read_bytes()
    code, _, err = run(["evaluate", str(path), "-o", str(path)], capsys)
    assert code == 2 and "input" in err
    assert path.read_bytes() == before
    target = tmp_path / "report.json"
    run(["evaluate", str(path), "-f", "json", "-o", str(target), "--fail-on", "never"], capsys)
    assert json.loads(target.read_text(encoding="utf-8"))["report_version"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "uc.yaml"]


def test_bad_input_writes_no_output(write, capsys, tmp_path) -> None:
    path = write("uc.yaml", "id: [\n")
    target = tmp_path / "out.json"
    assert run(["evaluate", str(path), "-o", str(target)], capsys)[0] == 2
    assert not target.exists()


def test_table_plain_when_not_a_terminal(write, capsys) -> None:
    path = write("uc.yaml", FAILING)
    _code, out, _ = run(["evaluate", str(path), "--lang", "en"], capsys)
    assert "\x1b[" not in out
    assert "== FAIL" in out and "KL-001" in out
    assert out.rstrip().splitlines()[-1].startswith("FAIL: ")


def test_strict(write, capsys) -> None:
    text = FAILING.replace("special_categories: true", "special_categories: unknown")
    path = write("uc.yaml", text)
    code, out, _ = run(["evaluate", str(path), "-f", "json", "--strict"], capsys)
    assert json.loads(out)["audit"]["strict"] is True and code == 1


def test_validate(write, capsys) -> None:
    assert run(["validate", str(write("uc.yaml", MINIMAL))], capsys)[0] == 0
    assert run(["validate", str(write("bad.yaml", "a: 1\n"))], capsys)[0] == 2


def test_rules_list_json(capsys) -> None:
    code, out, _ = run(["rules", "list", "--format", "json"], capsys)
    items = json.loads(out)
    assert code == 0 and items
    for item in items:
        assert {"id", "pack", "title", "outcome", "references"} <= set(item)
        assert set(item["title"]) == {"da", "en"}
        assert all({"source", "section", "url"} <= set(r) for r in item["references"])


def test_rules_show(capsys) -> None:
    code, out, _ = run(["rules", "show", "kl-001", "--lang", "en"], capsys)
    assert code == 0 and "KL-001" in out and "References" in out
    code, _, err = run(["rules", "show", "KL-0001"], capsys)
    assert code == 2 and "KL-001" in err


def test_rules_test_and_lint(capsys, tmp_path) -> None:
    code, out, _ = run(["rules", "test"], capsys)
    assert code == 0 and " passed, 0 failed" in out
    assert run(["rules", "lint"], capsys)[0] == 0
    from .test_rules import RULE, make_pack

    broken = make_pack(tmp_path, RULE.replace("governance.local_guideline: true}",
                                              "governance.local_guideline: false}", 1))
    code, out, _ = run(["rules", "test", str(broken)], capsys)
    assert code == 1 and "FAILED town/TOWN-001/pass-1" in out
    bad = make_pack(tmp_path / "x", RULE.replace("use.kind, in", "use.kinds, in"))
    code, _, err = run(["rules", "lint", str(bad)], capsys)
    assert code == 2 and "use.kinds" in err


def test_extra_rules_directory(write, capsys, tmp_path) -> None:
    from .test_rules import make_pack

    pack = make_pack(tmp_path / "packs")
    path = write("uc.yaml", FAILING)
    _code, out, _ = run(["evaluate", str(path), "-f", "json", "--rules", str(pack)], capsys)
    report = json.loads(out)
    assert "town" in [p["id"] for p in report["audit"]["packs"]]


@pytest.mark.parametrize(("command", "option"), [
    (["evaluate"], "--fail-on"), (["validate"], "PATH..."), (["diff"], "--format"),
    (["rules", "lint"], "DIR"), (["explain"], "FIELD.PATH")])
def test_help_is_plain(capsys, command: list[str], option: str) -> None:
    """Help is plain text (rich-formatted help costs far more start-up) and documents options."""
    code, out, _ = run([*command, "--help"], capsys)
    assert code == 0 and option in out and "\x1b[" not in out


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_two_use_cases_may_not_share_an_id(tmp_path: Path, capsys, fmt: str) -> None:
    (tmp_path / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(MINIMAL, encoding="utf-8")
    code, out, err = run(["evaluate", str(tmp_path), "-f", fmt], capsys)
    assert code == 2 and out == ""
    assert "b.yaml: id: the id `minimal` is also used by" in err
