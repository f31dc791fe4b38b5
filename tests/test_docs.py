"""Generated documentation stays in sync with the rule files."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.authoring.docs import packs_markdown
from checker.rules.packs import load_packs

ROOT = Path(__file__).resolve().parent.parent
DOCS = {"en": ROOT / "docs" / "rules.md", "da": ROOT / "docs" / "rules.da.md"}


@pytest.mark.parametrize("lang", ["en", "da"])
def test_rule_docs_in_sync(lang: str) -> None:
    expected = packs_markdown(load_packs(), lang)  # type: ignore[arg-type]
    path = DOCS[lang]
    assert path.read_text(encoding="utf-8") == expected, (
        f"{path} is out of date: run `aicheck rules doc --lang {lang} -o {path.relative_to(ROOT)}`")


def test_every_rule_documented() -> None:
    text = DOCS["en"].read_text(encoding="utf-8")
    for pack in load_packs():
        for rule in pack.rules:
            section = text.split(f"### {rule.id}: ", 1)[1].split("\n### ", 1)[0]
            for heading in ("What it checks", "Why it matters", "How to fix it", "References"):
                assert f"**{heading}.**" in section, (rule.id, heading)
