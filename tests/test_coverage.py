"""rules/COVERAGE.md maps every requirement in the research digests to rules, or says why not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.rules.packs import load_packs

ROOT = Path(__file__).resolve().parent.parent
COVERAGE = ROOT / "rules" / "COVERAGE.md"
SOURCES = ROOT.parent / "shared" / "sources"
ROW = re.compile(r"^\| `([A-Z0-9-]+)` \| ([^|]*) \| ([^|]*) \|$")


def rows() -> dict[str, tuple[set[str], str]]:
    out: dict[str, tuple[set[str], str]] = {}
    for line in COVERAGE.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            rules = set(re.findall(r"[A-Z]+-\d{3}", match.group(2)))
            out[match.group(1)] = (rules, match.group(3).strip())
    return out


def cited() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for pack in load_packs():
        for rule in pack.rules:
            for req in rule.source_requirements:
                out.setdefault(req, set()).add(rule.id)
    return out


def test_table_matches_the_rules() -> None:
    table = rows()
    for req, rules in cited().items():
        assert req in table, f"{req} is cited by {sorted(rules)} but missing from COVERAGE.md"
        assert table[req][0] == rules, f"{req}: COVERAGE.md lists {sorted(table[req][0])}"
    for req, (rules, reason) in table.items():
        assert rules or reason, f"{req} has neither a rule nor a reason"
        assert rules == cited().get(req, set()), f"{req}: no rule cites it as listed"


def digest_ids() -> set[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SOURCES.glob("*.md")))
    found = set(re.findall(r"\*\*((?:KL|DT|DTK|DTX|DEC|DG|AIA|DK)-[0-9]+)\*\*", text))
    found |= set(re.findall(r"^\| ((?:KL|DTX|DG)-[0-9]+) \|", text, re.M))
    found |= set(re.findall(r"^\| (AIA-[0-9]+|AIACT-26-[0-9]+) \|", text, re.M))
    found |= set(re.findall(r"^  - (AAB-[0-9]+):", text, re.M))
    found |= set(re.findall(r"^\s+- (GDPR-5-[0-9A-Z-]+) ", text, re.M))
    for heading in re.findall(r"^#### ([A-Z][A-Z0-9-]+(?: / [A-Z][A-Z0-9-]+)?) ", text, re.M):
        found |= set(heading.split(" / "))
    return found


IDS = Path(__file__).parent / "fixtures" / "requirement-ids.txt"


def test_every_digest_requirement_is_listed() -> None:
    """Runs everywhere from a copy of the digests' ids; the copy is checked when they are here."""
    listed = set(IDS.read_text(encoding="utf-8").split())
    missing = sorted(listed - set(rows()))
    assert not missing, f"add these to rules/COVERAGE.md with rules or a reason: {missing}"


@pytest.mark.skipif(not SOURCES.is_dir(), reason="the research digests (../shared/sources) are "
                    "not beside this checkout; tests/fixtures/requirement-ids.txt stands in")
def test_requirement_id_copy_is_current() -> None:
    assert set(IDS.read_text(encoding="utf-8").split()) == digest_ids(), (
        "the digests changed: regenerate tests/fixtures/requirement-ids.txt")


def test_retired_ids_are_not_reused() -> None:
    text = COVERAGE.read_text(encoding="utf-8")
    retired = set(re.findall(r"([A-Z]+-\d{3}) \(merged into", text))
    assert retired, "COVERAGE.md lists the retired rule ids"
    loaded = {r.id for p in load_packs() for r in p.rules}
    assert not retired & loaded
