"""The typer-free `evaluate` path behaves exactly like the typer app, or steps aside."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker import engine, fastcli, fastjson
from checker.cli import app

from .conftest import MINIMAL, ROOT

EXAMPLES = ROOT / "examples"
OK_PACK = ROOT / "tests" / "hostile" / "packs" / "ok"
FAILING = MINIMAL.replace("kind: casework_support", "kind: public_chatbot_staff").replace(
    "personal_data: true", "personal_data: true\n  special_categories: true")


def both(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[tuple[int, str, str],
                                                                       tuple[int, str, str]]:
    fast = fastcli.try_run(argv)
    assert fast is not None, "the fast path stepped aside"
    fast_out, fast_err = capsys.readouterr()
    slow = app.run(["evaluate", *argv])
    slow_out, slow_err = capsys.readouterr()
    return (fast, fast_out, fast_err), (slow, slow_out, slow_err)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, text in {"ok": MINIMAL, "fail": FAILING,
                       "bad": MINIMAL.replace("personal_data: true", "personal_data: yes"),
                       "worse": "- a\n"}.items():
        out[name] = tmp_path / f"{name}.yaml"
        out[name].write_text(text, encoding="utf-8")
    portfolio = tmp_path / "portfolio"
    portfolio.mkdir()
    for example in sorted(EXAMPLES.glob("*.yaml")):
        shutil.copy(example, portfolio / example.name)
    out["portfolio"] = portfolio
    broken = tmp_path / "broken"
    broken.mkdir()
    shutil.copy(out["bad"], broken / "a.yaml")
    shutil.copy(out["ok"], broken / "b.yaml")
    shutil.copy(out["worse"], broken / "c.yaml")
    out["broken"] = broken
    return out


CASES = [
    ["{ok}", "--format", "json", "--as-of", "2026-11-25"],
    ["{ok}", "-f", "json", "--as-of=2026-11-25", "--lang", "da"],
    ["{ok}", "--as-of", "2026-11-25"],
    ["{ok}", "--as-of", "2026-11-25", "--lang=da", "--strict"],
    ["{fail}", "--format=json", "--as-of", "2026-11-25"],
    ["{fail}", "-f", "json", "--fail-on", "never", "--as-of", "2026-11-25"],
    ["{ok}", "-f", "json", "--fail-on", "warn", "--as-of", "2026-11-25", "--strict"],
    ["{ok}", "{fail}", "-f", "json", "--as-of", "2026-11-25"],
    ["--as-of", "2026-11-25", "-f", "json", "--", "{fail}", "{ok}"],
    ["{portfolio}", "-f", "json", "--as-of", "2026-11-25", "--lang", "en"],
    ["{portfolio}", "--as-of", "2026-11-25", "--fail-on", "never"],
    ["{portfolio}", "{ok}", "-f", "json", "--as-of", "2030-01-01", "--strict"],
    ["{ok}", "-f", "json", "--as-of", "2026-11-25", "--rules", "{pack}"],
    ["{ok}", "--as-of", "2026-11-25", "--rules", "{pack}", "--rules", "{pack}"],
    # --jobs: worker processes, the same bytes
    ["{portfolio}", "-f", "json", "--as-of", "2026-11-25", "--jobs", "2"],
    ["{portfolio}", "{ok}", "{fail}", "-f", "json", "-j", "3", "--lang", "da", "--strict"],
    ["{broken}", "-f", "json", "--jobs=2"],
    # errors: exit 2 with the same messages
    ["{bad}", "-f", "json"],
    ["{broken}", "-f", "json", "--lang", "da"],
    ["{broken}"],
    ["{ok}", "{tmp}/missing.yaml", "-f", "json"],
    ["{ok}", "-f", "json", "--as-of", "25-11-2026"],
    ["{ok}", "-f", "json", "--rules", "{tmp}/no-such-pack"],
    ["{ok}", "-f", "json", "--rules", "{tmp}"],
    ["{tmp}/empty-dir", "-f", "json"],
]


@pytest.mark.parametrize("argv", CASES, ids=[" ".join(c) for c in CASES])
def test_same_as_typer(argv: list[str], files: dict[str, Path], tmp_path: Path,
                       capsys: pytest.CaptureFixture[str],
                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AICHECK_LANG", "en")
    (tmp_path / "empty-dir").mkdir(exist_ok=True)
    names = {k: str(v) for k, v in files.items()} | {"pack": str(OK_PACK), "tmp": str(tmp_path)}
    fast, slow = both([a.format(**names) for a in argv], capsys)
    assert fast == slow


def test_output_file_same_as_typer(files: dict[str, Path], tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("json", "table"):
        fast_file, slow_file = tmp_path / f"fast.{fmt}", tmp_path / f"slow.{fmt}"
        assert fastcli.try_run([str(files["portfolio"]), "-f", fmt, "-o", str(fast_file),
                                "--as-of", "2026-11-25"]) == \
            app.run(["evaluate", str(files["portfolio"]), "-f", fmt, "-o", str(slow_file),
                     "--as-of", "2026-11-25"])
        assert fast_file.read_bytes() == slow_file.read_bytes()
    # never over an input
    fast, slow = both([str(files["ok"]), "-f", "json", "-o", str(files["ok"])],
                      capsys)
    assert fast == slow and fast[0] == 2


def test_internal_error_same_as_typer(files: dict[str, Path], capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "evaluate", boom)
    for fmt in ("json", "table"):
        fast, slow = both([str(files["ok"]), "-f", fmt], capsys)
        assert fast == slow and fast[0] == 3 and "Traceback" not in fast[2]


@pytest.mark.parametrize("argv", [
    [], ["--help"], ["{ok}", "--help"], ["{ok}", "-f", "sarif"], ["{ok}", "-f", "JSON"],
    ["{ok}", "-fjson"], ["{ok}", "--format"], ["{ok}", "--lang", "fr"],
    ["{ok}", "--fail-on", "error"], ["{ok}", "--include-passed"], ["{ok}", "--strict=yes"],
    ["{ok}", "-o", "{tmp}"], ["{ok}", "--rules", "{ok}"], ["{ok}", "--as-of", ""],
    ["{ok}", "--unknown-option"], ["{ok}", "--jobs", "0"], ["{ok}", "-j", "two"],
])
def test_steps_aside_for_typer(argv: list[str], files: dict[str, Path], tmp_path: Path) -> None:
    names = {"ok": str(files["ok"]), "tmp": str(tmp_path)}
    assert fastcli.parse([a.format(**names) for a in argv]) is None


def test_streamed_json_is_the_json_format(files: dict[str, Path],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    from checker.batch import api
    from checker.formats.json_report import render

    assert fastcli.try_run([str(files["portfolio"]), "-f", "json", "--as-of",
                            "2026-11-25"]) in (0, 1)
    streamed = capsys.readouterr().out
    report = api.evaluate([files["portfolio"]], "2026-11-25")
    assert streamed == render(report, "en")


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=4),
    max_leaves=30)


@given(JSON)
def test_fastjson_is_json_dumps(value: object) -> None:
    expected = json.dumps(value, ensure_ascii=False, indent=2)
    assert fastjson.dumps(value) == expected
    nested = json.dumps({"a": [value]}, ensure_ascii=False, indent=2)
    assert "    " + fastjson.dumps(value, level=2) in nested


def test_fastjson_cache_keeps_types_apart() -> None:
    for value in ({"a": 1}, {"a": True}, {"a": 1.0}, {"a": "1"}, {"a": 1}, {"a": True}):
        assert fastjson.dumps([value]) == json.dumps([value], ensure_ascii=False, indent=2)


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_accept_path_imports_no_heavy_module(fmt: str) -> None:
    """evaluate of a valid file, JSON or a plain table: no typer, jsonschema or rich."""
    import subprocess
    import sys

    code = ("import sys, io, contextlib\n"
            "from checker.__main__ import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    rc = main(['evaluate', {str(EXAMPLES / 'm365-copilot-admin.yaml')!r},"
            f" '-f', {fmt!r}])\n"
            "heavy = ('typer', 'click', 'jsonschema', 'referencing', 'rich', 'pydantic')\n"
            "print(rc, sorted({m.split('.')[0] for m in sys.modules} & set(heavy)))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    rc, loaded = proc.stdout.split(" ", 1)
    assert rc in ("0", "1") and loaded.strip() == "[]", proc.stdout + proc.stderr
