"""The one-pass loader against the two-pass path it replaced, on generated YAML documents.

`checker.load.yamlio.load_bytes` builds the data in the walk that records positions and refuses
aliases, tags, bad keys and deep nesting. Before, the walk only checked, and PyYAML's
constructor (`construct_document`) built the data from the node tree afterwards, with PyYAML's
own tag resolution. `reference` below is that path, kept here as the oracle: the same data
(with the same types), positions, key positions and problems, or the same exception.
"""

from __future__ import annotations

import math
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.errors import InputError, Problem
from checker.load import yamlio
from checker.load.yamlio import (
    MAX_DEPTH,
    PathKey,
    Position,
    _explicit_tags,
    format_path,
    load_bytes,
)


class ReferenceLoader(yamlio.StrictLoader):
    """The strict loader with PyYAML's own resolver methods (no tag cache)."""

    resolve = yaml.resolver.BaseResolver.resolve
    descend_resolver = yaml.resolver.BaseResolver.descend_resolver
    ascend_resolver = yaml.resolver.BaseResolver.ascend_resolver


def _problem(line: int | None, col: int | None, code: str, path: str = "",
             **params: str) -> Problem:
    return Problem("f.yaml", line, col, path, code, tuple(sorted(params.items())), 10)


def _check_tree(root: yaml.Node, positions: dict[PathKey, Position],
                key_positions: dict[PathKey, Position]) -> list[Problem]:
    """The walk as it was before the data was built in it."""
    problems: list[Problem] = []
    soft: list[Problem] = []
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, PathKey]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        where = format_path(path)
        if id(node) in seen:
            raise InputError([_problem(line, col, "yaml.alias", path=where)])
        seen.add(id(node))
        if len(path) > MAX_DEPTH:
            raise InputError([_problem(line, col, "yaml.too_deep", path=where,
                                       limit=str(MAX_DEPTH))])
        positions[path] = (line, col)
        if node.tag not in yamlio._ALLOWED_TAGS:
            problems.append(_problem(line, col, "yaml.tag", path=where, tag=str(node.tag)))
            continue
        if isinstance(node, yaml.MappingNode):
            first_seen: dict[str, int] = {}
            children: list[tuple[yaml.Node, PathKey]] = []
            for key_node, value_node in node.value:
                kline, kcol = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                if id(key_node) in seen or not isinstance(key_node, yaml.ScalarNode) \
                        or key_node.tag != yamlio._STR:
                    problems.append(_problem(kline, kcol, "yaml.key_not_string", path=where,
                                             key=str(getattr(key_node, "value", "?"))[:80]))
                    continue
                seen.add(id(key_node))
                key = str(key_node.value)
                if key in first_seen:
                    soft.append(_problem(kline, kcol, "yaml.duplicate_key",
                                         path=format_path((*path, key)), key=key,
                                         first=str(first_seen[key])))
                    continue
                first_seen[key] = kline
                key_positions[(*path, key)] = (kline, kcol)
                children.append((value_node, (*path, key)))
            stack.extend(children[::-1])
        elif isinstance(node, yaml.SequenceNode):
            for index in range(len(node.value) - 1, -1, -1):
                stack.append((node.value[index], (*path, index)))
    if problems:
        raise InputError(problems + soft)
    return soft


def reference(text: str) -> tuple[str, Any]:
    """("composer", None) if PyYAML cannot compose the text (that path is unchanged), else
    ("input", problems), ("raised", exception type) or ("ok", (data, positions, ...))."""
    loader = ReferenceLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except (yaml.YAMLError, RecursionError):
            return "composer", None
        if node is None:
            return "composer", None
        positions: dict[PathKey, Position] = {}
        key_positions: dict[PathKey, Position] = {}
        try:
            soft = _check_tree(node, positions, key_positions)
        except InputError as exc:
            return "input", exc.problems
        # Explicit tags are refused from the tokens once the tree is read (a later, deliberate
        # rule that the old path did not have); both sides apply it the same way.
        tagged = _explicit_tags(text, "f.yaml", positions) if "!" in text else []
        if tagged:
            return "input", tagged
        try:
            data = loader.construct_document(node)
        except Exception as exc:
            return "raised", type(exc)
    finally:
        loader.dispose()
    return "ok", (typed(data), positions, key_positions, tuple(soft))


def new(text: str) -> tuple[str, Any]:
    try:
        doc = load_bytes(text.encode(), "f.yaml")
    except InputError as exc:
        return "input", exc.problems
    except Exception as exc:
        return "raised", type(exc)
    return "ok", (typed(doc.data), doc.positions, doc.key_positions, doc.problems)


def typed(value: Any) -> Any:
    """The value with every type made explicit (True == 1 == 1.0 in Python; nan != nan)."""
    if isinstance(value, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    if isinstance(value, float):
        return ("float", "nan" if math.isnan(value) else repr(value))
    return (type(value).__name__, value)


# --- generated documents -------------------------------------------------------------------

SCALARS = [
    "a", "text with spaces", "yes", "no", "on", "OFF", "y", "n", "true", "True", "TRUE",
    "false", "False", "FALSE", "tRUE", "null", "Null", "NULL", "~", "", "0", "-0", "+12",
    "007", "010", "1_000", "-1_2", "0x1F", "0o17", "0b101", "1:30", "12e3", "1.5", "-.5",
    "+1.", "1.e5", "1.5e-3", ".inf", "-.inf", ".nan", "1_0.5", "2024-01-15",
    "2024-01-15 10:00:00", "3.10", "'single'", '"double"', '"12"', "'yes'", '"a\\tb"',
    "!!str 12", "!!str yes", "!!int 12", "!!int 0x1F", "!!int 1_000", "!!int abc",
    "!!float 1", "!!float 1_0.5", "!!float .inf", "!!float 1:30", "!!float x",
    "!!bool yes", "!!bool off", "!!bool maybe", "!!bool true", "!!null", "!!null x",
    "!!binary aGk=", "!!timestamp 2024-01-01", "!custom x", "!!python/name:os.system",
    "!!map {a: 1}", "!!seq [1]", "!!str {a: 1}", "!!str [1]", "!!map [1]", "!!seq {a: 1}",
    "!!int [1]", "!!null {a: 1}", "!!float [1]", "!!bool {}", "!!set {a}",
    "&v anchored", "*v", "&w [1, 2]", "*w", "&m {k: v}", "*m",
    "[]", "{}", "[1, yes, ~, x]", "{a: 1, b: [true, 2.5]}", "{a: 1, a: 2}", "[[1], [2, [3]]]",
    "{? [x] : y}", "{1: x}", "{null: x}",
]
KEYS = ["a", "b", "c", "a", "yes", "1", "null", "~", "true", "'q'", '"a"', "!!str k",
        "!!int 3", "&k a", "*k", "[x]", "{k: v}", "? x"]


def _tree(leaves: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.recursive(
        leaves,
        lambda children: st.one_of(
            st.lists(st.tuples(st.sampled_from(KEYS), children), max_size=4).map(
                lambda items: ("map", items)),
            st.lists(children, max_size=4).map(lambda items: ("seq", items)),
        ),
        max_leaves=12,
    )


def emit(node: Any, indent: int = 0) -> list[str]:
    pad = " " * indent
    if not isinstance(node, tuple):
        return [pad + node]
    kind, items = node
    if not items:
        return [pad + ("{}" if kind == "map" else "[]")]
    lines: list[str] = []
    for item in items:
        if kind == "map":
            key, value = item
            head = f"{pad}{key}:" if key != "? x" else f"{pad}? x\n{pad}:"
        else:
            value, head = item, f"{pad}-"
        if isinstance(value, tuple):
            lines.append(head)
            lines.extend(emit(value, indent + 2))
        else:
            lines.append(f"{head} {value}".rstrip())
    return lines


documents = _tree(st.sampled_from(SCALARS)).map(lambda tree: "\n".join(emit(tree)) + "\n")


def _same(text: str) -> None:
    expected = reference(text)
    if expected[0] == "composer":
        got = new(text)
        assert got[0] == "input", (text, got)
        return
    assert new(text) == expected, text


@settings(max_examples=600, deadline=None)
@given(documents)
def test_one_pass_loader_matches_the_constructor(text: str) -> None:
    _same(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1_.-+e:!&*[]{}?,'\"~ \n#tTfFnN|>")),
               max_size=60))
def test_one_pass_loader_matches_the_constructor_on_noise(text: str) -> None:
    _same(text)


ALIASES = ["*v", "*m", "*w", "&v again", "[*v, *m]", "{x: *m}"]
aliased = st.tuples(_tree(st.sampled_from(SCALARS + ALIASES * 6)), st.booleans()).map(
    lambda args: ("p: &v anchored\nq: &m {k: [1, &w w]}\n" if args[1] else "") + "r:\n"
    + "\n".join(emit(args[0], 2)) + "\n")


@settings(max_examples=300, deadline=None)
@given(aliased)
def test_one_pass_loader_matches_the_constructor_with_aliases(text: str) -> None:
    _same(text)


def test_examples_match() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    for path in sorted((root / "examples").glob("*.yaml")):
        _same(path.read_text(encoding="utf-8"))
    _same("a: &x 1\nb: *x\n")
    _same("a: &x k\n*x : 1\n")
    _same("a: [&s v, *s]\nb: &m [1]\nc: *m\n")
    _same("a: 1\na: {x: 2}\n")
    _same("a: 1\na: !!python/name:os.system\n")
