from __future__ import annotations

import json
from pathlib import Path

from checker.__main__ import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "citizen-chatbot.yaml"


def changed_copy(tmp_path: Path) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "  dpa_signed: true" in text
    new = tmp_path / "new.yaml"
    new.write_text(text.replace("  dpa_signed: true", "  dpa_signed: false"), encoding="utf-8")
    return new


def run(argv: list[str], capsys) -> tuple[int, str]:
    code = main(argv)
    return code, capsys.readouterr().out


def test_diff_of_questionnaires_json(tmp_path: Path, capsys) -> None:
    code, out = run(["diff", str(EXAMPLE), str(changed_copy(tmp_path)), "-f", "json",
                     "--as-of", "2026-11-25"], capsys)
    assert code == 0
    data = json.loads(out)
    assert [a["path"] for a in data["answers"]] == ["vendor.dpa_signed"]
    assert data["answers"][0]["old"] is True and data["answers"][0]["new"] is False
    moved = {r["rule"]: r for r in data["results"]}
    assert "GDPR-012" in moved
    assert moved["GDPR-012"]["new"] == "fail" and moved["GDPR-012"]["direction"] in (
        "worse", "changed")
    assert moved["GDPR-012"]["because"] == ["vendor.dpa_signed"]


def test_diff_of_identical_files(capsys) -> None:
    code, out = run(["diff", str(EXAMPLE), str(EXAMPLE), "--lang", "en"], capsys)
    assert code == 0 and "No answers changed." in out and "No results changed." in out


def test_diff_of_json_reports(tmp_path: Path, capsys) -> None:
    reports = []
    for source in (EXAMPLE, changed_copy(tmp_path)):
        target = tmp_path / f"{source.stem}.json"
        main(["evaluate", str(source), "-f", "json", "-o", str(target), "--fail-on", "never",
              "--as-of", "2026-11-25"])
        reports.append(target)
    capsys.readouterr()
    code, out = run(["diff", str(reports[0]), str(reports[1]), "-f", "markdown", "--lang",
                     "da"], capsys)
    assert code == 0
    assert "| `vendor.dpa_signed` | true" in out and "GDPR-012" in out and "Ændrede svar" in out


def test_diff_bad_report_is_exit_2(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    assert main(["diff", str(bad), str(bad)]) == 2
    assert "not a JSON report" in capsys.readouterr().err


def test_mixed_inputs_refused(tmp_path: Path, capsys) -> None:
    report = tmp_path / "r.json"
    main(["evaluate", str(EXAMPLE), "-f", "json", "-o", str(report), "--fail-on", "never"])
    capsys.readouterr()
    assert main(["diff", str(EXAMPLE), str(report)]) == 2
    assert "not one of each" in capsys.readouterr().err


def test_reports_from_different_dates_say_so(tmp_path: Path, capsys) -> None:
    reports = []
    for date in ("2026-01-01", "2028-01-01"):
        target = tmp_path / f"{date}.json"
        main(["evaluate", str(EXAMPLE), "-f", "json", "-o", str(target), "--fail-on", "never",
              "--as-of", date])
        reports.append(target)
    capsys.readouterr()
    code, out = run(["diff", str(reports[0]), str(reports[1]), "-f", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["also_differs"] == ["evaluation_date"]
    assert any(r["old"] == "upcoming" for r in data["results"])
    _, out = run(["diff", str(reports[0]), str(reports[1]), "--lang", "en"], capsys)
    assert "different dates" in out
