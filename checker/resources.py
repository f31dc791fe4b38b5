"""Where the bundled rule packs and schemas live: in the wheel or in a source checkout."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_root() -> Path:
    """`checker/data/` in an installed wheel; the repository root in a checkout."""
    installed = _PACKAGE / "data"
    if (installed / "schemas").is_dir():
        return installed
    return _PACKAGE.parent


def rules_dir() -> Path:
    return data_root() / "rules"


def schema_path(name: str) -> Path:
    return data_root() / "schemas" / f"{name}.schema.json"


@cache
def schema(name: str) -> dict[str, Any]:
    """A bundled JSON Schema by short name: use-case, rule, pack, report."""
    with schema_path(name).open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = json.load(handle)
    return loaded


SCHEMA_NAMES = ("use-case", "rule", "pack", "report")
