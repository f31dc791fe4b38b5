from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.conditions import (
    MISSING,
    All,
    AnyOf,
    Leaf,
    Not,
    answers_for,
    compare,
    compiled,
    evaluate,
    parse,
)

TRI = [True, False, None]


def leaf(name: str) -> Leaf:
    return Leaf(name, "equals", True, (name,))


def data_for(values: dict[str, bool | None]) -> dict[str, Any]:
    return {k: ("unknown" if v is None else v) for k, v in values.items()}


conditions = st.recursive(
    st.sampled_from(["a", "b", "c"]).map(leaf),
    lambda children: st.one_of(
        st.lists(children, min_size=1, max_size=3).map(lambda cs: All(tuple(cs))),
        st.lists(children, min_size=1, max_size=3).map(lambda cs: AnyOf(tuple(cs))),
        children.map(Not),
    ),
    max_leaves=8,
)
assignments = st.fixed_dictionaries({k: st.sampled_from(TRI) for k in "abc"})


@pytest.mark.parametrize("a", TRI)
@pytest.mark.parametrize("b", TRI)
def test_kleene_tables(a: bool | None, b: bool | None) -> None:
    data = data_for({"a": a, "b": b})
    conj = evaluate(All((leaf("a"), leaf("b"))), data)[0]
    disj = evaluate(AnyOf((leaf("a"), leaf("b"))), data)[0]
    if a is False or b is False:
        assert conj is False
    elif a is None or b is None:
        assert conj is None
    else:
        assert conj is True
    if a is True or b is True:
        assert disj is True
    elif a is None or b is None:
        assert disj is None
    else:
        assert disj is False


@given(conditions, assignments)
def test_de_morgan(cond, values) -> None:
    data = data_for(values)
    parts = cond.parts if isinstance(cond, All | AnyOf) else (cond,)
    lhs = evaluate(Not(All(parts)), data)[0]
    rhs = evaluate(AnyOf(tuple(Not(p) for p in parts)), data)[0]
    assert lhs == rhs


@given(conditions, assignments)
def test_double_negation(cond, values) -> None:
    data = data_for(values)
    assert evaluate(Not(Not(cond)), data)[0] == evaluate(cond, data)[0]


@given(conditions, assignments, st.sampled_from("abc"))
def test_unknown_is_monotone(cond, values, name) -> None:
    """Making an answer unknown can turn a result unknown, never flip it true <-> false."""
    before = evaluate(cond, data_for(values))[0]
    after = evaluate(cond, data_for({**values, name: None}))[0]
    assert after == before or after is None


@given(conditions, assignments)
def test_definite_results_hold_for_every_completion(cond, values) -> None:
    value = evaluate(cond, data_for(values))[0]
    if value is None:
        return
    unknowns = [k for k, v in values.items() if v is None]
    for bits in range(2 ** len(unknowns)):
        filled = dict(values)
        for i, name in enumerate(unknowns):
            filled[name] = bool(bits >> i & 1)
        assert evaluate(cond, data_for(filled))[0] == value


@given(conditions, assignments)
def test_deciding_fields_are_read_fields(cond, values) -> None:
    from checker.conditions import leaves

    _, deciding = evaluate(cond, data_for(values))
    assert deciding <= {leaf.field for leaf in leaves(cond)}


@pytest.mark.parametrize(("op", "expected", "value", "result"), [
    ("equals", True, True, True),
    ("equals", True, 1, False),
    ("equals", 1, True, False),
    ("in", ("a", "b"), "b", True),
    ("in", ("a", "b"), "c", False),
    ("contains", "x", ["x", "y"], True),
    ("contains", "z", ["x", "y"], False),
    ("intersects", ("z", "y"), ["x", "y"], True),
    ("intersects", ("z",), [], False),
    ("is_empty", True, [], True),
    ("is_empty", True, ["x"], False),
    ("at_least", 183, 183, True),
    ("at_least", 183, 30, False),
    ("at_most", 30, 31, False),
    ("answered", True, "text", True),
    ("equals", True, "unknown", None),
    ("answered", True, "unknown", None),
    ("contains", "x", "unknown", None),
    ("at_least", 1, MISSING, None),
    ("at_least", 1, True, None),
])
def test_leaf_operators(op: str, expected: Any, value: Any, result: bool | None) -> None:
    assert compare(Leaf("f", op, expected, ("f",)), value) is result


def test_parse_nested() -> None:
    cond = parse({"all": [{"field": "a.b", "equals": True},
                          {"not": {"any": [{"field": "c", "in": ["x", "y"]}]}}]})
    assert cond == All((Leaf("a.b", "equals", True, ("a", "b")),
                        Not(AnyOf((Leaf("c", "in", ("x", "y"), ("c",)),)))))
    assert evaluate(cond, {"a": {"b": True}, "c": "z"}) == (True, frozenset({"a.b", "c"}))
    assert evaluate(cond, {"a": {}, "c": "x"}) == (False, frozenset({"c"}))


# --- compiled conditions equal the tree walk ------------------------------------------------

ANSWERS = st.one_of(
    st.sampled_from([None, "unknown", True, False, 0, 1, 3, -2, 1.0, "", "x", "y", "z",
                     [], ["x"], ["x", "y"], [1, True], {"x": 1}]),
    st.integers(-5, 5), st.lists(st.sampled_from(["x", "y", "z", 1, True]), max_size=3))
EXPECTED = {
    "equals": st.sampled_from([True, False, 0, 1, 1.0, "x", "y", "unknown", None]),
    "in": st.lists(st.sampled_from(["x", "y", "z", 1, True, 0, False, 1.0]), max_size=3)
    .map(tuple),
    "contains": st.sampled_from(["x", "y", 1, True]),
    "intersects": st.lists(st.sampled_from(["x", "y", "z", 1, True]), max_size=3).map(tuple),
    "is_empty": st.booleans(),
    "at_least": st.integers(-3, 4),
    "at_most": st.integers(-3, 4),
    "answered": st.just(True),
    "no_such_op": st.just(1),
}
FIELDS = ["a", "b", "s.x", "s.y", "t.u.v"]


@st.composite
def any_leaf(draw: st.DrawFn) -> Leaf:
    field = draw(st.sampled_from(FIELDS))
    op = draw(st.sampled_from(sorted(EXPECTED)))
    return Leaf(field, op, draw(EXPECTED[op]), tuple(field.split(".")))


any_condition = st.recursive(
    any_leaf(),
    lambda children: st.one_of(
        st.lists(children, max_size=4).map(lambda cs: All(tuple(cs))),
        st.lists(children, max_size=4).map(lambda cs: AnyOf(tuple(cs))),
        children.map(Not),
    ),
    max_leaves=10,
)


@st.composite
def questionnaires(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in FIELDS:
        if draw(st.booleans()):
            *heads, last = field.split(".")
            node = data
            for head in heads:
                child = node.setdefault(head, {})
                if not isinstance(child, dict):
                    break
                node = child
            else:
                node[last] = draw(ANSWERS)
    if draw(st.booleans()):
        data["s"] = draw(ANSWERS)  # a non-mapping on the way to s.x
    return data


@settings(max_examples=500)
@given(any_condition, questionnaires())
def test_compiled_condition_equals_evaluate(cond: Any, data: dict[str, Any]) -> None:
    fields = [(f, tuple(f.split("."))) for f in FIELDS]
    value, deciding = compiled(cond)(answers_for(data, fields))
    expected, expected_fields = evaluate(cond, data)
    assert value is expected
    assert deciding == expected_fields
