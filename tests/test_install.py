"""The wheel carries the rules and schemas: install it fresh and run it from elsewhere."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# Left-overs of earlier builds (setuptools keeps build/ in the tree and only adds to it) would
# put deleted rules into the wheel: build from a clean copy, as a fresh clone would.
IGNORED = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__",
                                 ".pytest_cache", ".mypy_cache", ".ruff_cache", ".hypothesis")


def test_wheel_installs_and_runs_outside_the_repository(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=IGNORED, symlinks=True)
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "-w", str(wheels), str(source)], check=True)
    [wheel] = list(wheels.glob("aicheck-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = venv / "bin" / "pip"
    subprocess.run([str(pip), "install", "--quiet", str(wheel)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    use_case = elsewhere / "copilot.yaml"
    shutil.copy(ROOT / "examples" / "m365-copilot-admin.yaml", use_case)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    proc = subprocess.run([str(venv / "bin" / "aicheck"), "evaluate", "copilot.yaml",
                           "--format", "json", "--fail-on", "never"],
                          cwd=elsewhere, env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert {"kl", "datatilsynet"} <= {p["id"] for p in report["audit"]["packs"]}
    assert report["use_cases"][0]["results"]
    listed = subprocess.run([str(venv / "bin" / "aicheck"), "rules", "list", "--format", "json"],
                            cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    from checker.rules.packs import load_packs

    assert sorted(r["id"] for r in json.loads(listed.stdout)) == sorted(
        r.id for p in load_packs() for r in p.rules), "the wheel's rules differ from the source"
    where = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "import checker.resources as r; print(r.data_root())"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert str(venv) in where.stdout
