from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from checker.__main__ import main
from checker.errors import UsageError
from checker.files import EXIT_PIPE, write_atomic

from .conftest import MINIMAL
from .test_rules import make_pack


def test_report_gets_the_usual_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "report.json"
        write_atomic(target, "{}\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_missing_directory_is_a_usage_error(tmp_path: Path, capsys) -> None:
    path = tmp_path / "uc.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    code = main(["evaluate", str(path), "-f", "json", "-o", str(tmp_path / "no" / "x.json")])
    assert code == 2 and "cannot write" in capsys.readouterr().err


def test_never_writes_into_a_rule_pack(tmp_path: Path, capsys) -> None:
    pack = make_pack(tmp_path / "packs")
    rule_file = pack / "TOWN-001.yaml"
    before = rule_file.read_bytes()
    path = tmp_path / "uc.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    for target in (rule_file, pack / "report.json"):
        for fmt in ("json", "markdown"):  # the fast path and the typer path
            code = main(["evaluate", str(path), "--rules", str(pack), "-f", fmt, "-o",
                         str(target)])
            assert code == 2 and "rule pack" in capsys.readouterr().err
    assert rule_file.read_bytes() == before
    assert sorted(p.name for p in pack.iterdir()) == ["TOWN-001.yaml", "pack.yaml"]


def test_write_atomic_refuses_protected(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        write_atomic(tmp_path / "sub" / "x.json", "x", protected=[tmp_path])


def test_closed_pipe_is_quiet(tmp_path: Path) -> None:
    path = tmp_path / "uc.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    for args in (["evaluate", str(path), "-f", "json"], ["evaluate", str(path), "-f", "sarif"],
                 ["rules", "list"]):
        proc = subprocess.Popen([sys.executable, "-m", "checker", *args],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert proc.stdout is not None
        proc.stdout.read(10)
        proc.stdout.close()
        _, err = proc.communicate(timeout=60)
        assert b"internal error" not in err and b"Traceback" not in err
        assert proc.returncode in (0, 1, EXIT_PIPE)


@pytest.mark.parametrize("value", ["20261125", "2026-W48-3", "2026-11-31", "25-11-2026"])
def test_as_of_only_accepts_yyyy_mm_dd(tmp_path: Path, capsys, value: str) -> None:
    path = tmp_path / "uc.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    for fmt in ("json", "markdown"):
        assert main(["evaluate", str(path), "-f", fmt, "--as-of", value]) == 2
        assert "YYYY-MM-DD" in capsys.readouterr().err
