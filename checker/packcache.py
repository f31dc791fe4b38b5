"""A cache of rule packs that loaded cleanly, keyed by their exact bytes.

Loading the bundled catalogue means parsing and schema-checking about ninety YAML files, which
costs several times a bare interpreter start. A pack whose files, display paths, schemas and
loading code are byte-for-byte what they were when it last loaded without problems is rebuilt
from a JSON copy of its parsed data instead. Only clean loads are stored, so every problem is
still found and reported by the full path.

The cache holds data, never code: JSON, read with `json.loads`, in `$AICHECK_CACHE_DIR`, else
`$XDG_CACHE_HOME/aicheck`, else `~/.cache/aicheck` (created private to the user). Set
`AICHECK_CACHE_DIR=off` to disable it. Any failure to read or write it is ignored. Within one
process, packs are also kept in memory.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checker.rules import Pack

FORMAT = b"aicheck-pack-cache-1"
# the code and data whose behaviour a cached pack stands for
_SOURCES = ("rules.py", "conditions.py", "fields.py", "schemas.py", "fastschema.py",
            "yamlio.py", "packcache.py", "i18n.py", "__init__.py")
_MEMORY: dict[str, Pack] = {}


def directory() -> Path | None:
    configured = os.environ.get("AICHECK_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "no") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "aicheck"


@cache
def fingerprint() -> bytes:
    from checker import resources

    digest = hashlib.sha256(FORMAT)
    package = Path(__file__).resolve().parent
    for name in _SOURCES:
        digest.update(name.encode() + b"\0" + (package / name).read_bytes())
    for schema in ("use-case", "rule", "pack"):
        digest.update(schema.encode() + b"\0" + resources.schema_path(schema).read_bytes())
    return digest.digest()


def key(pack_dir: str, files: list[tuple[str, bytes]]) -> str | None:
    """The cache key of a pack directory's files (display path and bytes, in order)."""
    try:
        digest = hashlib.sha256(fingerprint())
    except OSError:
        return None
    digest.update(pack_dir.encode() + b"\0")
    for shown, raw in files:
        digest.update(shown.encode() + b"\0" + hashlib.sha256(raw).digest())
    return digest.hexdigest()


def _file(cache_key: str) -> Path | None:
    root = directory()
    return None if root is None else root / "packs" / f"{cache_key}.json"


def get(cache_key: str) -> Pack | None:
    if cache_key in _MEMORY:
        return _MEMORY[cache_key]
    path = _file(cache_key)
    if path is None:
        return None
    try:
        stored = json.loads(path.read_bytes())
        pack = _rebuild(stored)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    _MEMORY[cache_key] = pack
    return pack


def _rebuild(stored: dict[str, Any]) -> Pack:
    from checker.rules import _build_rule, assemble
    from checker.yamlio import Document

    if stored.get("format") != FORMAT.decode():
        raise ValueError("another cache format")
    rules = [_build_rule(Document(file, data, {}, {}, "")) for file, data in stored["rules"]]
    return assemble(stored["manifest"], rules, stored["directory"], stored["sha256"])


def put(cache_key: str, pack: Pack, docs: list[tuple[str, Any]]) -> None:
    _MEMORY[cache_key] = pack
    path = _file(cache_key)
    if path is None:
        return
    manifest = [data for file, data in docs if Path(file).name == "pack.yaml"]
    stored = {"format": FORMAT.decode(), "directory": pack.directory, "sha256": pack.sha256,
              "manifest": manifest[0],
              "rules": [[file, data] for file, data in docs if Path(file).name != "pack.yaml"]}
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(stored, handle, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(path.parent, keep=path.name)
    except (OSError, TypeError, ValueError):
        pass


def _prune(folder: Path, keep: str, limit: int = 64) -> None:
    """Keep the cache small: at most `limit` packs, the least recently written go first."""
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[limit:]:
        if old.name != keep:
            old.unlink(missing_ok=True)
