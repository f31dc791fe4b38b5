"""The condition language: `all`, `any`, `not` and typed leaf comparisons, three-valued.

Each condition is true, false or unknown (None). Unknown propagates by strong Kleene logic:
`all` is false if any part is false, `any` is true if any part is true, otherwise unknown wins.
Nothing is executed: a condition is a tree of frozen dataclasses built from validated YAML.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from checker.fields import UNKNOWN

Tri = bool | None  # None is unknown

OPERATORS = (
    "equals", "in", "contains", "intersects", "is_empty", "at_least", "at_most", "answered")


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True)
class Leaf:
    field: str
    op: str
    value: Any
    parts: tuple[str, ...]


@dataclass(frozen=True)
class All:
    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
    part: Condition


Condition = Leaf | All | AnyOf | Not


def parse(raw: Mapping[str, Any]) -> Condition:
    """Build a condition from YAML already validated against the rule schema."""
    if "all" in raw:
        return All(tuple(parse(c) for c in raw["all"]))
    if "any" in raw:
        return AnyOf(tuple(parse(c) for c in raw["any"]))
    if "not" in raw:
        return Not(parse(raw["not"]))
    field = str(raw["field"])
    (op,) = (k for k in raw if k != "field")
    value = raw[op]
    if op in ("in", "intersects"):
        value = tuple(value)
    return Leaf(field, op, value, tuple(field.split(".")))


def leaves(cond: Condition) -> Iterator[Leaf]:
    if isinstance(cond, Leaf):
        yield cond
    elif isinstance(cond, Not):
        yield from leaves(cond.part)
    else:
        for part in cond.parts:
            yield from leaves(part)


def lookup(data: Mapping[str, Any], parts: tuple[str, ...]) -> Any:
    """The answer at a dotted path, or MISSING."""
    node: Any = data
    for part in parts:
        # `type(...) is dict` first: the abstract isinstance check is slow in a hot loop
        if not (type(node) is dict or isinstance(node, Mapping)) or part not in node:
            return MISSING
        node = node[part]
    return node


def is_known(value: Any) -> bool:
    return value is not MISSING and value is not None and value != UNKNOWN


def _same(a: Any, b: Any) -> bool:
    # True == 1 in Python; an answer only equals a value of its own type.
    return type(a) is type(b) and bool(a == b)


def compare(leaf: Leaf, value: Any) -> Tri:
    if not is_known(value):
        return None
    op, expected = leaf.op, leaf.value
    if op == "answered":
        return True
    if op == "equals":
        return _same(value, expected)
    if op == "in":
        return any(_same(value, e) for e in expected)
    if isinstance(value, list):
        if op == "contains":
            return expected in value
        if op == "intersects":
            return any(e in value for e in expected)
        if op == "is_empty":
            return (len(value) == 0) is expected
    if isinstance(value, int) and not isinstance(value, bool):
        if op == "at_least":
            return bool(value >= expected)
        if op == "at_most":
            return bool(value <= expected)
    return None  # a type the schema should have refused: never decide on it


def evaluate(cond: Condition, data: Mapping[str, Any]) -> tuple[Tri, frozenset[str]]:
    """The condition's value and the fields that decided it.

    For a definite result the deciding fields are the parts that forced it (the false parts of
    a false `all`, the true parts of a true `any`, every part otherwise); for unknown they are
    the unknown parts.
    """
    if isinstance(cond, Leaf):
        return compare(cond, lookup(data, cond.parts)), frozenset((cond.field,))
    if isinstance(cond, Not):
        value, fields = evaluate(cond.part, data)
        return (None if value is None else not value), fields
    results = [evaluate(part, data) for part in cond.parts]
    decisive = isinstance(cond, AnyOf)  # the value that settles the whole: True for any
    hits = [f for v, f in results if v is decisive]
    if hits:
        return decisive, frozenset().union(*hits)
    unknown = [f for v, f in results if v is None]
    if unknown:
        return None, frozenset().union(*unknown)
    return (not decisive), frozenset().union(*(f for _, f in results))
