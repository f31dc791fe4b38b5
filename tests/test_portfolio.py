from __future__ import annotations

import sys
from pathlib import Path

import pexpect
import pytest

from checker.__main__ import main
from checker.batch import api, portfolio

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def test_rows_and_tally_add_up() -> None:
    report = api.evaluate([EXAMPLES], "2026-11-25")
    rows = portfolio.rows(report)
    assert [r.file for r in rows] == [u.file for u in report.use_cases]
    tally = portfolio.tally(report)
    for entry in tally:
        for status in portfolio.TALLIED:
            expected = sum(1 for u in report.use_cases for r in u.results
                           if r.rule.id == entry.rule and r.status == status)
            assert entry.counts[status] == expected
    fails = [t.counts["fail"] for t in tally]
    assert fails == sorted(fails, reverse=True)


def test_summary_only(capsys) -> None:
    code = main(["evaluate", str(EXAMPLES), "--summary", "--lang", "en", "--as-of",
                 "2026-11-25"])
    out = capsys.readouterr().out
    assert code == 1
    assert "== Portfolio: 10 use cases" in out and "== Rules with findings" in out
    assert "== FAIL" not in out  # no per-use-case details
    assert out.rstrip().splitlines()[-1].startswith("FAIL: ")


def test_portfolio_follows_details_for_several_files(capsys) -> None:
    files = [str(EXAMPLES / "citizen-chatbot.yaml"), str(EXAMPLES / "m365-copilot-admin.yaml")]
    main(["evaluate", *files, "--lang", "da", "--as-of", "2026-11-25"])
    out = capsys.readouterr().out
    assert "== Portefølje: 2 anvendelser" in out and "GDPR-002" in out
    main(["evaluate", files[0], "--lang", "en", "--as-of", "2026-11-25"])
    assert "Portfolio" not in capsys.readouterr().out


def copies(directory: Path, count: int) -> None:
    """Copies of one example, each with its own id."""
    text = (EXAMPLES / "public-chatbot-staff.yaml").read_text(encoding="utf-8")
    for index in range(count):
        (directory / f"case-{index:02}.yaml").write_text(
            text.replace("\nid: public-chatbot-staff\n", f"\nid: case-{index:02}\n"),
            encoding="utf-8")


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    copies(tmp_path, 60)
    child = pexpect.spawn(sys.executable, ["-m", "checker", "evaluate", str(tmp_path),
                                           "--summary", "--lang", "en"],
                          encoding="utf-8", timeout=60, dimensions=(40, 120))
    child.expect("Evaluating")
    child.expect("Portfolio: 60 use cases")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_no_progress_bar_in_a_pipe(tmp_path: Path, capsys) -> None:
    copies(tmp_path, 60)
    main(["evaluate", str(tmp_path), "--summary", "--lang", "en"])
    assert capsys.readouterr().err == ""


def test_findings_only_keeps_counts_verdict_and_tally() -> None:
    full = api.evaluate([EXAMPLES], "2026-11-25")
    slim = api.evaluate([EXAMPLES], "2026-11-25", findings_only=True)
    assert [u.counts() for u in slim.use_cases] == [u.counts() for u in full.use_cases]
    assert [u.verdict(True) for u in slim.use_cases] == [u.verdict(True) for u in full.use_cases]
    assert portfolio.tally(slim) == portfolio.tally(full)
    assert all(r.status in ("fail", "warn", "needs_info", "waived")
               for u in slim.use_cases for r in u.results)
    assert sum(len(u.results) for u in slim.use_cases) < sum(len(u.results)
                                                             for u in full.use_cases)


@pytest.mark.parametrize("fmt", ["table", "sarif", "markdown"])
def test_jobs_give_the_same_output(capsys, fmt: str) -> None:
    args = ["evaluate", str(EXAMPLES), "-f", fmt, "--as-of", "2026-11-25", "--lang", "da"]
    code = main(args)
    one = capsys.readouterr().out
    assert main([*args, "--jobs", "2"]) == code
    assert capsys.readouterr().out == one


def test_jobs_report_equals_one_process() -> None:
    one = api.evaluate([EXAMPLES], "2026-11-25")
    two = api.evaluate([EXAMPLES], "2026-11-25", jobs=2)
    assert one.to_dict("en") == two.to_dict("en")


def test_jobs_collect_every_bad_file(tmp_path: Path) -> None:
    from checker.errors import InputError

    copies(tmp_path, 4)
    (tmp_path / "case-01.yaml").write_text("id: [\n", encoding="utf-8")
    (tmp_path / "case-03.yaml").write_text("a: 1\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        api.evaluate([tmp_path], "2026-11-25", jobs=2)
    assert {Path(p.file).name for p in exc.value.problems} == {"case-01.yaml", "case-03.yaml"}
