"""The rule-pack cache gives exactly what a full load gives, and never hides a problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker import packcache
from checker.errors import RulePackError
from checker.rules import load_pack, load_packs

from .conftest import ROOT

OK_PACK = ROOT / "tests" / "hostile" / "packs" / "ok"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("AICHECK_CACHE_DIR", str(folder))
    monkeypatch.setattr(packcache, "_MEMORY", {})
    return folder


def test_cached_packs_equal_fresh_ones(cache_dir: Path) -> None:
    fresh = load_packs()
    assert len(list((cache_dir / "packs").glob("*.json"))) == len(fresh)
    packcache._MEMORY.clear()
    from_disk = load_packs()
    assert from_disk == fresh
    assert [p.sha256 for p in from_disk] == [p.sha256 for p in fresh]


def test_a_changed_file_is_loaded_again(cache_dir: Path, tmp_path: Path) -> None:
    pack = tmp_path / "town"
    shutil.copytree(OK_PACK, pack)
    first = load_pack(pack)
    rule = pack / "TOWN-001.yaml"
    rule.write_text(rule.read_text().replace("outcome: warn", "outcome: fail"))
    packcache._MEMORY.clear()
    second = load_pack(pack)
    assert (first.rules[0].outcome, second.rules[0].outcome) == ("warn", "fail")
    assert first.sha256 != second.sha256


def test_problems_are_never_cached(cache_dir: Path, tmp_path: Path) -> None:
    pack = tmp_path / "town"
    shutil.copytree(OK_PACK, pack)
    load_pack(pack)
    rule = pack / "TOWN-001.yaml"
    good = rule.read_text()
    rule.write_text(good.replace("equals: true", "equals: maybe"))
    for _ in range(2):
        with pytest.raises(RulePackError):
            load_pack(pack)
    rule.write_text(good)
    assert load_pack(pack).rules[0].id == "TOWN-001"


def test_a_corrupt_cache_file_is_ignored(cache_dir: Path, tmp_path: Path) -> None:
    pack = tmp_path / "town"
    shutil.copytree(OK_PACK, pack)
    fresh = load_pack(pack)
    for path in (cache_dir / "packs").glob("*.json"):
        path.write_text('{"format": "aicheck-pack-cache-1", "rules": 5}')
    packcache._MEMORY.clear()
    assert load_pack(pack) == fresh


def test_cache_can_be_switched_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AICHECK_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setattr(packcache, "_MEMORY", {})
    load_packs()
    assert not (tmp_path / "xdg").exists() and not (tmp_path / "home").exists()
