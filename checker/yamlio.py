"""Strict, safe YAML loading that remembers where every value came from.

On top of PyYAML's safe loader (libyaml when present) this refuses what bites people who write
questionnaires by hand: duplicate keys, YAML 1.1 booleans (`yes`, `no`, `on`, `off` stay strings),
implicit dates (they stay strings and are checked by format), octal-looking integers, anchors and
aliases, explicit tags, non-string keys, bytes that are not UTF-8, oversized files and deep nesting.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import yaml

from checker.errors import InputError, Problem

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64

PathKey = tuple[str | int, ...]
Position = tuple[int, int]

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_ALLOWED_TAGS = frozenset(
    {
        _STR,
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:map",
        "tag:yaml.org,2002:seq",
    }
)
# Words that YAML 1.1 (and people) read as booleans; we keep them as strings and explain.
BOOLEAN_LOOKALIKES = frozenset({"yes", "no", "on", "off", "y", "n", "ja", "nej", "sand", "falsk"})


class StrictLoader(_Base):  # type: ignore[valid-type,misc]
    """YAML 1.2 core-schema resolution: only true/false are booleans, ints are decimal."""

    yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {}

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        return int(str(node.value).replace("_", ""), 10)


StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789")
)
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_yaml_int)


@dataclass(frozen=True)
class Document:
    """A loaded YAML file: its data, where each value and key sits, and a hash of its bytes."""

    file: str
    data: Any
    positions: dict[PathKey, Position]
    key_positions: dict[PathKey, Position]
    sha256: str
    # Problems that do not stop loading (duplicate keys): reported with the schema's findings.
    problems: tuple[Problem, ...] = ()

    def position(self, path: PathKey) -> Position | None:
        """Line and column of the value at `path`, or of its nearest present ancestor."""
        while True:
            pos = self.positions.get(path)
            if pos is not None or not path:
                return pos
            path = path[:-1]


def _problem(file: str, line: int | None, col: int | None, code: str, rank: int = 10,
             path: str = "", **params: str) -> Problem:
    return Problem(file, line, col, path, code, tuple(sorted(params.items())), rank)


def format_path(path: PathKey) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read_text(raw: bytes, file: str) -> str:
    """Decode UTF-8 strictly (a byte-order mark is allowed and dropped)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError([_problem(file, line, col, "yaml.not_utf8")]) from None
    return text[1:] if text.startswith("\ufeff") else text


def load_file(path: Path, display: str | None = None, max_bytes: int = MAX_BYTES) -> Document:
    file = display if display is not None else str(path)
    return load_bytes(read_file(path, file, max_bytes), file, max_bytes)


def read_file(path: Path, file: str, max_bytes: int = MAX_BYTES) -> bytes:
    """A file's bytes; too large is refused before reading, and never more than the limit."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError([_problem(file, None, None, "yaml.too_large",
                                       size=str(size), limit=str(max_bytes))])
        with path.open("rb") as handle:  # never more than the limit, whatever stat said
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError([_problem(file, None, None, "file.unreadable",
                                   reason=exc.strerror or str(exc))]) from None
    if len(raw) > max_bytes:
        raise InputError([_problem(file, None, None, "yaml.too_large",
                                   size=f"{max_bytes}+", limit=str(max_bytes))])
    return raw


def load_bytes(raw: bytes, file: str, max_bytes: int = MAX_BYTES) -> Document:
    if len(raw) > max_bytes:
        raise InputError([_problem(file, None, None, "yaml.too_large",
                                   size=str(len(raw)), limit=str(max_bytes))])
    digest = hashlib.sha256(raw).hexdigest()
    text = read_text(raw, file)
    loader = StrictLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
            problem = str(exc.problem or exc.context or "syntax error")
            code = "yaml.tab" if _tab_at(text, mark) or "'\\t'" in problem else "yaml.syntax"
            raise InputError([_problem(file, line, col, code, detail=problem)]) from None
        except yaml.reader.ReaderError as exc:
            # A character YAML does not allow (NUL, other control characters): locate it.
            pos = max(0, min(int(exc.position), len(text)))
            line = text.count("\n", 0, pos) + 1
            col = pos - (text.rfind("\n", 0, pos) + 1) + 1
            char = f"#x{exc.character:04x}" if isinstance(exc.character, int) \
                else repr(exc.character)
            raise InputError([_problem(file, line, col, "yaml.syntax",
                                       detail=f"unacceptable character {char}: {exc.reason}")]
                             ) from None
        except yaml.YAMLError as exc:
            raise InputError([_problem(file, None, None, "yaml.syntax", detail=str(exc))]) from None
        except RecursionError:
            raise InputError([_problem(file, None, None, "yaml.too_deep",
                                       limit=str(MAX_DEPTH))]) from None
        if node is None:
            raise InputError([_problem(file, 1, 1, "yaml.empty")])
        positions: dict[PathKey, Position] = {}
        key_positions: dict[PathKey, Position] = {}
        soft = _check_tree(node, file, positions, key_positions)
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    return Document(file, data, positions, key_positions, digest, tuple(soft))


def _tab_at(text: str, mark: Any) -> bool:
    """libyaml does not name the tab it trips over; look at the line it points to."""
    if mark is None:
        return False
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    indent = line[: len(line) - len(line.lstrip())]
    return "\t" in indent or line[mark.column:mark.column + 1] == "\t"


def _check_tree(root: yaml.Node, file: str, positions: dict[PathKey, Position],
                key_positions: dict[PathKey, Position]) -> list[Problem]:
    """One iterative walk: record positions and refuse aliases, tags, bad keys and deep nesting.

    Returns the problems that do not prevent building the data (duplicate keys).

    Iterative, and it refuses a node seen twice, so neither alias bombs nor deep nesting can
    blow the stack or the clock here or in anything downstream.
    """
    problems: list[Problem] = []
    soft: list[Problem] = []
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, PathKey]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        where = format_path(path)
        if id(node) in seen:
            raise InputError([_problem(file, line, col, "yaml.alias", path=where)])
        seen.add(id(node))
        if len(path) > MAX_DEPTH:
            raise InputError([_problem(file, line, col, "yaml.too_deep", path=where,
                                       limit=str(MAX_DEPTH))])
        positions[path] = (line, col)
        if node.tag not in _ALLOWED_TAGS:
            problems.append(_problem(file, line, col, "yaml.tag", path=where, tag=str(node.tag)))
            continue
        if isinstance(node, yaml.MappingNode):
            first_seen: dict[str, int] = {}
            children: list[tuple[yaml.Node, PathKey]] = []
            for key_node, value_node in node.value:
                kline, kcol = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                if id(key_node) in seen or not isinstance(key_node, yaml.ScalarNode) \
                        or key_node.tag != _STR:
                    problems.append(_problem(file, kline, kcol, "yaml.key_not_string", path=where,
                                             key=str(getattr(key_node, "value", "?"))[:80]))
                    continue
                seen.add(id(key_node))
                key = str(key_node.value)
                if key in first_seen:
                    soft.append(_problem(file, kline, kcol, "yaml.duplicate_key",
                                             path=format_path((*path, key)), key=key,
                                             first=str(first_seen[key])))
                    continue
                first_seen[key] = kline
                key_positions[(*path, key)] = (kline, kcol)
                children.append((value_node, (*path, key)))
            # children in document order, so the first reuse reported is the first alias
            stack.extend(children[::-1])
        elif isinstance(node, yaml.SequenceNode):
            for index in range(len(node.value) - 1, -1, -1):
                stack.append((node.value[index], (*path, index)))
    if problems:
        raise InputError(problems + soft)
    return soft
