"""Strict, safe YAML loading that remembers where every value came from.

On top of PyYAML's safe loader (libyaml when present) this refuses what bites people who write
questionnaires by hand: duplicate keys, YAML 1.1 booleans (`yes`, `no`, `on`, `off` stay strings),
implicit dates (they stay strings and are checked by format), octal-looking integers, anchors and
aliases, explicit tags, non-string keys, bytes that are not UTF-8, oversized files and deep nesting.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
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
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_ALLOWED_TAGS = frozenset({_STR, _INT, _FLOAT, _BOOL, _NULL, _MAP, _SEQ})
_Scalar, _Mapping, _Sequence = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode
_PLAIN_TAGS: dict[str, str] = {}
_PLAIN_TAGS_LIMIT = 50_000
_resolve: Any = yaml.resolver.BaseResolver.resolve
# Words that YAML 1.1 (and people) read as booleans; we keep them as strings and explain.
BOOLEAN_LOOKALIKES = frozenset({"yes", "no", "on", "off", "y", "n", "ja", "nej", "sand", "falsk"})


class StrictLoader(_Base):  # type: ignore[valid-type,misc]
    """YAML 1.2 core-schema resolution: only true/false are booleans, ints are decimal."""

    yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {}

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        return int(str(node.value).replace("_", ""), 10)

    # libyaml composes the tree in C but asks Python for every node's tag: these three are
    # called once per node, so they are kept to a dictionary lookup. A plain scalar's tag
    # depends only on its text (there are no path resolvers), so it is cached by text.
    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is _Scalar:
            if not implicit[0]:
                return _STR
            tag = _PLAIN_TAGS.get(value)
            if tag is None:
                tag = _resolve(self, kind, value, implicit)
                if len(_PLAIN_TAGS) < _PLAIN_TAGS_LIMIT and len(value) <= 64:
                    _PLAIN_TAGS[value] = tag
            return tag
        return _MAP if kind is _Mapping else _SEQ

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass  # no path resolvers

    def ascend_resolver(self) -> None:
        pass


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

_TRUE_FALSE = {"true": True, "True": True, "TRUE": True,
               "false": False, "False": False, "FALSE": False}
_Frame = tuple[Iterator[tuple[Any, yaml.Node, PathKey]], Any]


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
        raw = _read_at_most(path, min(size, max_bytes) + 1, max_bytes + 1)
    except OSError as exc:
        raise InputError([_problem(file, None, None, "file.unreadable",
                                   reason=exc.strerror or str(exc))]) from None
    if len(raw) > max_bytes:
        raise InputError([_problem(file, None, None, "yaml.too_large",
                                   size=f"{max_bytes}+", limit=str(max_bytes))])
    return raw


def _read_at_most(path: Path, first: int, limit: int) -> bytes:
    """Up to `limit` bytes, whatever stat said: unbuffered (a buffered read of `limit` bytes
    allocates all of them), `first` bytes first (a regular file's size and one to see EOF)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        raw = os.read(fd, first)
        while raw and len(raw) < limit:
            chunk = os.read(fd, limit - len(raw))
            if not chunk:
                break
            raw += chunk
        return raw
    finally:
        os.close(fd)


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
        data, soft, construct = _build(node, file, positions, key_positions, "&" in text,
                                         loader)
        if "!" in text:
            tagged = _explicit_tags(text, file, positions)
            if tagged:
                raise InputError(tagged)
        if construct:  # duplicate keys or a tag on the wrong kind of node: PyYAML decides
            data = loader.construct_document(node)
    finally:
        loader.dispose()
    return Document(file, data, positions, key_positions, digest, tuple(soft))


def _explicit_tags(text: str, file: str,
                   positions: dict[PathKey, Position] | None = None) -> list[Problem]:
    """Every explicit tag (`!!bool "false"`, `!!python/...`, `!custom`): the node tree does not
    say whether a tag was written or resolved, so the tokens are read, only for text with a `!`.
    An explicit core tag would let a quoted string count as a boolean or a number."""
    where = {pos: path for path, pos in (positions or {}).items()}
    out = []
    for token in yaml.scan(text, Loader=_Base):
        if isinstance(token, yaml.TagToken):
            handle, suffix = token.value
            pos = (token.start_mark.line + 1, token.start_mark.column + 1)
            path = where.get(pos)
            out.append(_problem(file, *pos, "yaml.tag", tag=f"{handle or ''}{suffix}",
                                path=format_path(path) if path is not None else ""))
    return out


def _tab_at(text: str, mark: Any) -> bool:
    """libyaml does not name the tab it trips over; look at the line it points to."""
    if mark is None:
        return False
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    indent = line[: len(line) - len(line.lstrip())]
    return "\t" in indent or line[mark.column:mark.column + 1] == "\t"


def _build(root: yaml.Node, file: str, positions: dict[PathKey, Position],
           key_positions: dict[PathKey, Position], shared: bool, loader: StrictLoader
           ) -> tuple[Any, list[Problem], bool]:
    """One iterative walk: build the data, record positions, and refuse aliases, tags, bad keys
    and deep nesting.

    Returns the data, the problems that do not prevent building it (duplicate keys), and
    whether PyYAML's constructor must build it instead (duplicate keys, where the last value
    wins, and an allowed tag on the wrong kind of node, which PyYAML refuses its own way).

    Nodes are visited in document order, depth first, a mapping's keys before its values, so
    the first reuse reported is the first alias. Iterative, and it refuses a node seen twice,
    so neither alias bombs nor deep nesting can blow the stack or the clock here or in
    anything downstream. Only a text with an anchor (`&`) can share nodes (`shared`).
    """
    problems: list[Problem] = []
    soft: list[Problem] = []
    construct = False
    seen: set[int] = set()
    holder: list[Any] = [None]
    child: Any
    stack: list[_Frame] = [(iter(((0, root, ()),)), holder)]
    allowed, scalar, mapping = _ALLOWED_TAGS, _Scalar, _Mapping
    while stack:
        items, container = stack[-1]
        for slot, node, path in items:
            mark = node.start_mark
            line, col = mark.line + 1, mark.column + 1
            if shared:
                if id(node) in seen:
                    raise InputError([_problem(file, line, col, "yaml.alias",
                                               path=format_path(path))])
                seen.add(id(node))
            if len(path) > MAX_DEPTH:
                raise InputError([_problem(file, line, col, "yaml.too_deep",
                                           path=format_path(path), limit=str(MAX_DEPTH))])
            positions[path] = (line, col)
            tag = node.tag
            kind = node.__class__
            if kind is scalar:
                if tag == _STR:
                    container[slot] = node.value
                elif tag == _NULL:
                    container[slot] = None
                elif tag == _BOOL and node.value in _TRUE_FALSE:
                    container[slot] = _TRUE_FALSE[node.value]
                elif tag in (_INT, _FLOAT, _BOOL):
                    # the constructor's own conversion (an explicit !!bool reads YAML 1.1
                    # words); where it fails, PyYAML fails the same way after the walk
                    try:
                        container[slot] = loader.yaml_constructors[tag](loader, node)
                    except (ValueError, KeyError, yaml.YAMLError):
                        construct = True
                elif tag in allowed:
                    construct = True
                else:
                    problems.append(_problem(file, line, col, "yaml.tag", path=format_path(path),
                                             tag=str(tag)))
                continue
            if tag not in allowed:
                problems.append(_problem(file, line, col, "yaml.tag", path=format_path(path),
                                         tag=str(tag)))
                continue
            if kind is mapping:
                construct = construct or tag != _MAP
                children: list[tuple[Any, yaml.Node, PathKey]] = []
                for key_node, value_node in node.value:
                    kmark = key_node.start_mark
                    kline, kcol = kmark.line + 1, kmark.column + 1
                    if (shared and id(key_node) in seen) or key_node.__class__ is not scalar \
                            or key_node.tag != _STR:
                        problems.append(_problem(file, kline, kcol, "yaml.key_not_string",
                                                 path=format_path(path),
                                                 key=str(getattr(key_node, "value", "?"))[:80]))
                        continue
                    if shared:
                        seen.add(id(key_node))
                    key = str(key_node.value)
                    key_path = (*path, key)
                    first = key_positions.get(key_path)
                    if first is not None:
                        soft.append(_problem(file, kline, kcol, "yaml.duplicate_key",
                                             path=format_path(key_path), key=key,
                                             first=str(first[0])))
                        construct = True
                        continue
                    key_positions[key_path] = (kline, kcol)
                    children.append((key, value_node, key_path))
                container[slot] = child = {}
            else:
                construct = construct or tag != _SEQ
                children = [(index, item, (*path, index)) for index, item in enumerate(node.value)]
                container[slot] = child = [None] * len(children)
            if children:
                stack.append((iter(children), child))
                break
        else:
            stack.pop()
    if problems:
        raise InputError(problems + soft)
    return holder[0], soft, construct
