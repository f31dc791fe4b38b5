"""The CI integration files parse, use only real options, and work when run."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import typer
import yaml
from junitparser import JUnitXml

from checker.cli import app

from .conftest import ROOT

FIXTURE = ROOT / "tests/fixtures/formats-usecase.yaml"

VENV_BIN = str(Path(sys.executable).parent)


def evaluate_options() -> dict[str, Any]:
    """The options of `aicheck evaluate`, from the click command typer builds."""
    group: Any = typer.main.get_command(app.app)
    command = group.commands["evaluate"]
    return {opt: p for p in command.params for opt in p.opts}


def choices(param: Any) -> tuple[str, ...] | None:
    return tuple(param.type.choices) if hasattr(param.type, "choices") else None


def check_command(words: list[str]) -> None:
    """`aicheck evaluate ... --opt value`: every option exists; literal choices are valid."""
    assert words[:2] == ["aicheck", "evaluate"], words
    options = evaluate_options()
    for i, word in enumerate(words):
        if word.startswith("--"):
            assert word in options, word
            param = options[word]
            allowed = choices(param)
            if allowed is not None and i + 1 < len(words):
                value = words[i + 1]
                if not value.startswith("$"):
                    assert value in allowed, (word, value)


def load(name: str) -> object:
    return yaml.safe_load((ROOT / name).read_text("utf-8"))


def test_pre_commit_hook() -> None:
    hooks = load(".pre-commit-hooks.yaml")
    assert isinstance(hooks, list)
    (hook,) = hooks
    assert hook["id"] == "aicheck" and hook["entry"] == "aicheck evaluate"
    assert hook["language"] == "python" and hook["types"] == ["yaml"]
    assert hook["require_serial"] is True
    check_command(hook["entry"].split())
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert 'aicheck = "checker.__main__:main"' in pyproject


def test_pre_commit_entry_runs_on_files(tmp_path: Path) -> None:
    files = [str(ROOT / "examples/m365-copilot-admin.yaml"), str(FIXTURE)]
    proc = subprocess.run([f"{VENV_BIN}/aicheck", "evaluate", *files], capture_output=True,
                          text=True, check=False, cwd=tmp_path)
    assert proc.returncode == 1 and "KL-001" in proc.stdout


def action() -> dict:
    data = load("action.yml")
    assert isinstance(data, dict)
    return data


def test_action_inputs_and_no_interpolation_into_scripts() -> None:
    data = action()
    assert set(data["inputs"]) >= {"paths", "format", "output", "fail-on"}
    assert data["runs"]["using"] == "composite"
    options = evaluate_options()
    assert data["inputs"]["format"]["default"] == "sarif"
    assert data["inputs"]["format"]["default"] in (choices(options["--format"]) or ())
    assert data["inputs"]["fail-on"]["default"] in (choices(options["--fail-on"]) or ())
    assert data["inputs"]["lang"]["default"] in (choices(options["--lang"]) or ())
    for step in data["runs"]["steps"]:
        assert "${{" not in step["run"], step["name"]
        assert step["shell"] == "bash"
    evaluate = next(s for s in data["runs"]["steps"] if s.get("id") == "evaluate")
    for name in data["inputs"]:
        assert f"${{{{ inputs.{name} }}}}" in evaluate["env"].values()
    command = re.search(r"aicheck evaluate .*?(?=\|\|)", evaluate["run"].replace("\\\n", " "),
                        re.S)
    assert command is not None
    check_command(shlex.split(command.group(0)))


def test_action_evaluate_step_runs(tmp_path: Path) -> None:
    step = next(s for s in action()["runs"]["steps"] if s.get("id") == "evaluate")
    github_output = tmp_path / "github_output"
    env = {**os.environ, "PATH": f"{VENV_BIN}:{os.environ['PATH']}",
           "GITHUB_OUTPUT": str(github_output),
           "AICHECK_PATHS": f"{FIXTURE}\nexamples/m365-copilot-admin.yaml",
           "AICHECK_FORMAT": "sarif", "AICHECK_OUTPUT": str(tmp_path / "out.sarif"),
           "AICHECK_FAIL_ON": "fail", "AICHECK_LANG": "da"}
    proc = subprocess.run(["bash", "-c", step["run"]], env=env, cwd=ROOT, capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 1, proc.stderr
    log = json.loads((tmp_path / "out.sarif").read_text("utf-8"))
    assert log["version"] == "2.1.0" and len(log["runs"][0]["artifacts"]) == 2
    assert "exit-code=1" in github_output.read_text("utf-8")
    env["AICHECK_FAIL_ON"] = "never"
    proc = subprocess.run(["bash", "-c", step["run"]], env=env, cwd=ROOT, capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0, proc.stderr


def test_gitlab_snippet_publishes_junit(tmp_path: Path) -> None:
    data = load("ci/gitlab-ci.yml")
    assert isinstance(data, dict)
    job = data["aicheck"]
    junit = job["artifacts"]["reports"]["junit"]
    assert job["artifacts"]["when"] == "always"
    commands = [line for line in job["script"] if line.startswith("aicheck ")]
    assert any(f"--format junit --output {junit}" in line for line in commands)
    for line in commands:
        check_command(shlex.split(line))
    env = {**os.environ, **job["variables"], "PATH": f"{VENV_BIN}:{os.environ['PATH']}",
           "AICHECK_PATHS": str(FIXTURE)}
    codes = [subprocess.run(["bash", "-c", line], env=env, cwd=tmp_path, check=False,
                            capture_output=True, text=True).returncode for line in commands]
    assert codes == [0, 1]
    xml = JUnitXml.fromfile(str(tmp_path / junit))
    assert xml.failures == 1
    assert (tmp_path / "aicheck-report.md").read_text("utf-8").startswith("# aicheck")
