"""The condition language: `all`, `any`, `not` and typed leaf comparisons, three-valued.

Each condition is true, false or unknown (None). Unknown propagates by strong Kleene logic:
`all` is false if any part is false, `any` is true if any part is true, otherwise unknown wins.
Nothing is executed: a condition is a tree of frozen dataclasses built from validated YAML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

UNKNOWN = "unknown"  # the literal answer that means "not known"; shared by the whole package

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


# --- compiled conditions -----------------------------------------------------------------------
#
# `evaluate` walks the tree and looks every answer up by its dotted path: fine for one rule,
# slow for a portfolio (76 rules, hundreds of lookups per questionnaire). `compiled` turns a
# condition into a closure over the answers already looked up (`answers_for`), with each
# leaf's test, expected values and deciding-field set built once. Same values and deciding
# fields as `evaluate` (a property test compares them on random conditions and answers).

Answers = Mapping[str, Any]  # dotted field path -> its answer, or MISSING
Evaluator = Callable[[Answers], tuple[Tri, frozenset[str]]]


def answers_for(data: Mapping[str, Any], fields: Iterable[tuple[str, tuple[str, ...]]]
                ) -> dict[str, Any]:
    """The answers at the given (path, parts), MISSING where absent: what compiled
    conditions read."""
    return {path: lookup(data, parts) for path, parts in fields}


def _test(op: str, expected: Any) -> Callable[[Any], Tri]:
    """`compare` for one leaf, on a known answer."""
    if op == "answered":
        return lambda value: True
    if op == "equals":
        kind = type(expected)
        return lambda value: type(value) is kind and bool(value == expected)
    if op == "in":
        if all(type(e) is str for e in expected):
            strings = frozenset(expected)
            return lambda value: type(value) is str and value in strings
        return lambda value: any(_same(value, e) for e in expected)
    if op == "contains":
        return lambda value: (expected in value) if isinstance(value, list) else None
    if op == "intersects":
        return lambda value: any(e in value for e in expected) if isinstance(value, list) \
            else None
    if op == "is_empty":
        return lambda value: ((len(value) == 0) is expected) if isinstance(value, list) \
            else None
    if op in ("at_least", "at_most"):
        above = op == "at_least"

        def count(value: Any) -> Tri:
            if isinstance(value, int) and not isinstance(value, bool):
                return bool(value >= expected) if above else bool(value <= expected)
            return None

        return count
    return lambda value: None


def _leaf(cond: Leaf) -> Evaluator:
    fields = frozenset((cond.field,))
    field = cond.field
    test = _test(cond.op, cond.value)
    out: dict[Tri, tuple[Tri, frozenset[str]]] = {
        True: (True, fields), False: (False, fields), None: (None, fields)}
    unknown = out[None]

    def leaf(answers: Answers) -> tuple[Tri, frozenset[str]]:
        value = answers[field]
        if value is MISSING or value is None or value == UNKNOWN:
            return unknown
        return out[test(value)]

    return leaf


def compiled(cond: Condition) -> Evaluator:
    """A function of the answers with the value and deciding fields of `evaluate`."""
    if isinstance(cond, Leaf):
        return _leaf(cond)
    if isinstance(cond, Not):
        inner = compiled(cond.part)

        def negate(answers: Answers) -> tuple[Tri, frozenset[str]]:
            value, fields = inner(answers)
            return (None if value is None else not value), fields

        return negate
    parts = tuple(compiled(part) for part in cond.parts)
    if len(parts) == 1:  # `all` or `any` of one part has its value and deciding fields
        return parts[0]
    decisive = isinstance(cond, AnyOf)
    settled = not decisive
    nothing: frozenset[str] = frozenset()

    def combine(answers: Answers) -> tuple[Tri, frozenset[str]]:
        hits = unknown = rest = None
        for part in parts:
            value, fields = part(answers)
            if value is decisive:
                hits = fields if hits is None else hits | fields
            elif hits is not None:
                continue
            elif value is None:
                unknown = fields if unknown is None else unknown | fields
            else:
                rest = fields if rest is None else rest | fields
        if hits is not None:
            return decisive, hits
        if unknown is not None:
            return None, unknown
        return settled, nothing if rest is None else rest

    return combine
