"""Hypothesis strategies derived from our own use-case schema (not hypothesis-jsonschema)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from checker.load.fields import FieldSpec, fields

ABSENT = object()


def answer(spec: FieldSpec) -> st.SearchStrategy[Any]:
    if spec.kind in ("boolean", "enum"):
        valid: st.SearchStrategy[Any] = st.sampled_from(list(spec.values))
    elif spec.kind == "list":
        valid = st.lists(st.sampled_from(list(spec.values)), unique=True,
                         max_size=len(spec.values))
    elif spec.kind == "count":
        valid = st.integers(min_value=0, max_value=4000)
    else:
        valid = st.text(alphabet="abcæøå §-1", min_size=1, max_size=12).filter(
            lambda s: s != "unknown")
    return st.one_of(valid, st.just("unknown"), st.just(ABSENT)) if spec.unknown_allowed \
        else valid


def nest(flat: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for path, value in flat.items():
        if value is ABSENT:
            continue
        node = out
        *heads, last = path.split(".")
        for head in heads:
            node = node.setdefault(head, {})
        node[last] = value
    return out


@st.composite
def use_cases(draw: st.DrawFn) -> dict[str, Any]:
    answerable = {p: s for p, s in fields().items() if s.kind not in ("const", "id")
                  and p not in ("title",)}
    flat = {p: draw(answer(s)) for p, s in sorted(answerable.items())}
    doc = nest(flat)
    doc.update({"schema_version": 1, "id": "generated", "title": "Generated use case"})
    for section in ("organisation", "service", "use", "data"):
        doc.setdefault(section, {})
    return doc
