"""The benchmark script runs (a tiny run: nothing is timed or asserted about speed here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

SCRIPT = ROOT / "bench" / "run.py"


def test_help() -> None:
    proc = subprocess.run([sys.executable, str(SCRIPT), "--help"], capture_output=True,
                          text=True, check=True)
    assert "--quick" in proc.stdout


@pytest.mark.skipif(not (Path(sys.executable).parent / "aicheck").exists(),
                    reason="needs the installed aicheck console script next to python")
def test_tiny_run(tmp_path: Path) -> None:
    output = tmp_path / "results.md"
    subprocess.run([sys.executable, str(SCRIPT), "--rounds", "1", "--warmup", "0",
                    "--files", "20", "--portfolio-rounds", "1", "--output", str(output)],
                   capture_output=True, text=True, check=True, timeout=300)
    text = output.read_text(encoding="utf-8")
    assert "`aicheck evaluate EX --format json`" in text
    assert "20 files" in text and "nproc" in text


def test_stages_runs() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "stages.py"), "--files", "5",
                           "--passes", "1"], capture_output=True, text=True, check=True,
                          timeout=300)
    assert "strict load" in proc.stdout and "evaluate" in proc.stdout
