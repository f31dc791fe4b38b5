"""Every bundled example against its expected report (regenerate: AICHECK_UPDATE_GOLDEN=1)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.__main__ import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
AS_OF = "2026-11-25"


def golden_path(example: Path) -> Path:
    return example.with_suffix(".report.json")


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.stem for e in EXAMPLES])
def test_golden_report(example: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    main(["evaluate", f"examples/{example.name}", "--format", "json", "--lang", "en",
          "--as-of", AS_OF, "--fail-on", "never"])
    out, err = capsys.readouterr()
    assert err == ""
    golden = golden_path(example)
    if os.environ.get("AICHECK_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert golden.exists(), f"no golden report; run AICHECK_UPDATE_GOLDEN=1 pytest {__file__}"
    assert out == golden.read_text(encoding="utf-8")


def test_examples_carry_the_schema_line() -> None:
    assert len(EXAMPLES) >= 4
    for example in EXAMPLES:
        first = example.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schemas/use-case.schema.json"
