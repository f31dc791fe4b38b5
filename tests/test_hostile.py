"""Hostile and broken inputs, each run through the real CLI in its own process.

Every case must end with the expected exit code (2 for bad input, 0/1 where the input is valid),
a clear located message, no traceback, within 2 seconds of wall time and under 200 MB of address
space. The limits are assertions with generous margins, not benchmarks.

The small corpus lives in tests/hostile/; the big files (50 MB, a 10 MB string) and the symlink
are generated in a temporary directory at test time.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import MINIMAL, ROOT

HOSTILE = ROOT / "tests" / "hostile"
WALL_LIMIT_S = 2.0
MEMORY_LIMIT = 200 * 1024 * 1024


def _limit_memory() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float


def cli(*args: str | Path) -> Run:
    env = {**os.environ, "AICHECK_LANG": "en"}
    env.pop("AICHECK_DEBUG", None)
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "checker", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, errors="replace", env=env,
                          preexec_fn=_limit_memory, timeout=60, check=False)
    return Run(proc.returncode, proc.stdout, proc.stderr, time.monotonic() - start)


def check(run: Run, code: int, *messages: str) -> None:
    assert run.code == code, (run.code, run.err[-2000:])
    for text in (run.out, run.err):
        assert "Traceback" not in text and "internal error" not in text, text[-2000:]
        assert "MemoryError" not in text, text[-2000:]
    for message in messages:
        assert message in run.err, (message, run.err[-2000:])
    assert run.seconds < WALL_LIMIT_S, f"took {run.seconds:.2f} s"


# (file in tests/hostile/, exit code, substrings of stderr)
CASES = [
    ("billion-laughs.yaml", 2, ["billion-laughs.yaml:2:5: l1[0]: anchors and aliases"]),
    ("recursive-alias.yaml", 2, ["anchors and aliases"]),
    ("deep-nesting-10000.yaml", 2, ["deep-nesting-10000.yaml:1:", "nesting depth"]),
    ("deep-nesting-500.yaml", 2, ["nested deeper than 64 levels"]),
    ("deep-nesting-block-100.yaml", 2, ["nested deeper than 64 levels"]),
    ("binary-garbage.yaml", 2, ["not valid UTF-8"]),
    ("binary-nul-ascii.yaml", 2, ["binary-nul-ascii.yaml:2:", "not valid YAML"]),
    ("invalid-utf8.yaml", 2, ["invalid-utf8.yaml:3:13:", "not valid UTF-8"]),
    ("utf16.yaml", 2, ["not valid UTF-8"]),
    ("tabs.yaml", 2, ["tabs.yaml:5:1:", "tab character"]),
    ("empty.yaml", 2, ["empty.yaml:1:1:", "the file is empty"]),
    ("only-comment.yaml", 2, ["the file is empty"]),
    ("top-level-list.yaml", 2, ["must be a mapping", "not a list"]),
    ("top-level-scalar.yaml", 2, ["must be a mapping", "`just some text`"]),
    ("duplicate-keys.yaml", 2, ["duplicate-keys.yaml:6:3: organisation.kind:", "given twice"]),
    ("yaml11-booleans.yaml", 2, ["yaml11-booleans.yaml:11:18: data.personal_data:",
                                 "`yes` is not a boolean"]),
    ("unknown-keys.yaml", 2, ["unknown-keys.yaml:12:3: data.cpr_numbrs: unknown key",
                              "did you mean `cpr_numbers`", "13:1: colour: unknown key"]),
    ("wrong-types.yaml", 2, ["wrong-types.yaml:1:17: schema_version:",
                             "wrong-types.yaml:3:8: title:",
                             "wrong-types.yaml:11:18: data.personal_data:"]),
    ("python-tag.yaml", 2, ["python-tag.yaml:11:18:", "explicit tag", "not allowed"]),
    ("non-string-key.yaml", 2, ["non-string-key.yaml:12:1:", "must be plain text"]),
    ("syntax-error.yaml", 2, ["syntax-error.yaml:", "not valid YAML"]),
    # valid despite their shape: handled like any other questionnaire
    ("bom.yaml", None, []),
    ("crlf.yaml", None, []),
]


@pytest.mark.parametrize(("name", "code", "messages"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("command", ["evaluate", "validate"])
def test_hostile_questionnaire(command: str, name: str, code: int | None,
                               messages: list[str]) -> None:
    args: list[str | Path] = [command, HOSTILE / name]
    if command == "evaluate":
        args += ["--format", "json", "--as-of", "2026-11-25"]
    run = cli(*args)
    if code is None:  # a valid file: the same verdict as the plain minimal questionnaire
        check(run, 0 if command == "validate" else run.code)
        assert run.code in (0, 1) and not run.err
        return
    check(run, code, *messages)
    assert run.out == ""  # nothing half-written to stdout


def test_bom_and_crlf_evaluate_like_the_plain_file(tmp_path: Path) -> None:
    plain = tmp_path / "plain.yaml"
    plain.write_text(MINIMAL, encoding="utf-8")
    reports = [cli("evaluate", path, "-f", "json", "--as-of", "2026-11-25")
               for path in (plain, HOSTILE / "bom.yaml", HOSTILE / "crlf.yaml")]
    results = [r.out.split('"use_cases"')[1].split('"results"')[1] for r in reports]
    assert results[0] == results[1] == results[2]


def test_50_mb_file_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        line = b"- " + b"x" * 1021 + b"\n"
        for _ in range(50 * 1024):
            handle.write(line)
    assert path.stat().st_size == 50 * 1024 * 1024
    check(cli("evaluate", path, "-f", "json"), 2, "huge.yaml: the file is 52428800 bytes",
          "the limit is 1048576 bytes")


def test_10_mb_string(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text(MINIMAL.replace("Minimal use case", "x" * (10 * 1024 * 1024)),
                    encoding="utf-8")
    check(cli("evaluate", path, "-f", "json"), 2, "the limit is 1048576 bytes")


def test_long_string_under_the_limit_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text(MINIMAL.replace("Minimal use case", "x" * 1_000_000), encoding="utf-8")
    run = cli("evaluate", path, "-f", "json", "--fail-on", "never")
    check(run, 0)
    assert "x" * 1_000_000 in run.out


def test_every_hostile_file_at_once(tmp_path: Path) -> None:
    """A directory of broken files: every file's problems in one run, still exit 2."""
    broken = [name for name, code, _ in CASES if code == 2]
    for name in broken:
        shutil.copy(HOSTILE / name, tmp_path / name)
    run = cli("evaluate", tmp_path, "-f", "json")
    check(run, 2)
    for name in broken:
        assert f"{name}:" in run.err, name


def test_directory_named_like_a_file_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "dir.yaml").mkdir()
    check(cli("evaluate", tmp_path / "dir.yaml", tmp_path / "missing.yaml", "-f", "json"), 2,
          "no *.yaml or *.yml files", "missing.yaml: no such file or directory")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_fifo_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    check(cli("evaluate", fifo, "-f", "json"), 2, "pipe.yaml:")


# --- rule packs -------------------------------------------------------------------------------


def test_rule_file_with_python_object_tag() -> None:
    check(cli("rules", "lint", HOSTILE / "packs" / "python-tag"), 2,
          "TOWN-001.yaml:6:10: outcome:", "explicit tag", "not allowed")


def test_rule_with_a_regular_expression_is_refused() -> None:
    """The condition language has no pattern operator, so nothing can backtrack."""
    check(cli("rules", "lint", HOSTILE / "packs" / "regex-backtracking"), 2,
          "TOWN-001.yaml:5:11: requires:")


def test_good_pack_lints() -> None:
    run = cli("rules", "lint", HOSTILE / "packs" / "ok")
    check(run, 0)
    assert run.out.endswith("rules: ok\n")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_rule_pack_pointing_outside_its_directory(tmp_path: Path) -> None:
    pack = tmp_path / "town"
    shutil.copytree(HOSTILE / "packs" / "ok", pack)
    outside = tmp_path / "secret" / "TOWN-002.yaml"
    outside.parent.mkdir()
    outside.write_text((pack / "TOWN-001.yaml").read_text().replace("TOWN-001", "TOWN-002"))
    (pack / "TOWN-002.yaml").symlink_to(outside)
    for args in (("rules", "lint", pack), ("evaluate", HOSTILE / "crlf.yaml", "--rules", pack)):
        check(cli(*args), 2, "TOWN-002.yaml: the file points outside its pack directory")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_pack_manifest_symlinked_outside(tmp_path: Path) -> None:
    pack = tmp_path / "town"
    shutil.copytree(HOSTILE / "packs" / "ok", pack)
    outside = tmp_path / "pack.yaml"
    (pack / "pack.yaml").rename(outside)
    (pack / "pack.yaml").symlink_to(outside)
    check(cli("rules", "lint", pack), 2, "pack.yaml")


def test_rule_pack_with_a_huge_file(tmp_path: Path) -> None:
    pack = tmp_path / "town"
    shutil.copytree(HOSTILE / "packs" / "ok", pack)
    with (pack / "TOWN-002.yaml").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    check(cli("rules", "lint", pack), 2, "TOWN-002.yaml: the file is 52428800 bytes")


def test_billion_laughs_in_a_rule_file(tmp_path: Path) -> None:
    pack = tmp_path / "town"
    shutil.copytree(HOSTILE / "packs" / "ok", pack)
    shutil.copy(HOSTILE / "billion-laughs.yaml", pack / "TOWN-002.yaml")
    check(cli("rules", "lint", pack), 2, "TOWN-002.yaml:", "anchors and aliases")
