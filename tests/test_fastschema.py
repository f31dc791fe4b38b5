"""The compiled accept-path checker agrees with jsonschema, and covers every keyword we use."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker import fastschema, resources
from checker.load import schema
from checker.load.yamlio import load_file

from .conftest import ROOT
from .strategies import use_cases


def jsonschema_valid(name: str, data: Any) -> bool:
    return bool(schema.validator(name).is_valid(data))


def schema_keywords(node: Any, out: set[str]) -> set[str]:
    """Every keyword in a schema (not the names under properties/$defs, not enum values)."""
    if isinstance(node, dict):
        for key, value in node.items():
            out.add(key)
            if key in ("properties", "$defs"):
                for sub in value.values():
                    schema_keywords(sub, out)
            elif key not in ("enum", "const", "required", "examples", "default") \
                    and not key.startswith("x-"):  # annotations hold data, not schemas
                schema_keywords(value, out)
    elif isinstance(node, list):
        for item in node:
            schema_keywords(item, out)
    return out


@pytest.mark.parametrize("name", resources.SCHEMA_NAMES)
def test_schema_uses_only_supported_keywords(name: str) -> None:
    used = schema_keywords(resources.schema(name), set())
    unsupported = {k for k in used if k not in fastschema.KEYWORDS
                   and k not in fastschema.ANNOTATIONS and not k.startswith("x-")}
    assert not unsupported, f"{name}.schema.json uses {unsupported}: teach checker.fastschema"
    fastschema.checker(name)  # compiles, also every format and $ref in it


def test_unsupported_keyword_refused() -> None:
    with pytest.raises(fastschema.Unsupported):
        fastschema._Compiler().compile({"type": "object", "dependentRequired": {}}, "use-case")
    with pytest.raises(fastschema.Unsupported):
        fastschema._Compiler().compile({"type": "string", "format": "email"}, "use-case")


@pytest.mark.parametrize(("schema", "value", "valid"), [
    ({"enum": [1]}, True, False),
    ({"enum": [True]}, 1, False),
    ({"enum": [1]}, 1.0, True),
    ({"const": False}, 0, False),
    ({"type": "integer"}, 1.0, False),  # stricter than the spec, on purpose
    ({"type": "integer"}, 3, True),
    ({"type": "integer"}, True, False),
    ({"type": "number"}, False, False),
    ({"minimum": 0}, -1, False),
    ({"minimum": 0}, "x", True),
    ({"uniqueItems": True}, [1, True], True),
    ({"uniqueItems": True}, [1, 1.0], False),
    ({"uniqueItems": True}, [[1], [1]], False),
    ({"pattern": "^[a-z]+$"}, "abc\n", True),  # re.search: `$` before a final newline
    ({"format": "date"}, "2026-02-30", False),
    ({"format": "date"}, "2026-1-05", False),
    ({"format": "date"}, 5, True),
    ({"minLength": 1}, "", False),
    ({"not": {"const": "unknown"}}, "unknown", False),
    ({"oneOf": [{"type": "string"}, {"minLength": 1}]}, "a", False),
])
def test_keyword_semantics_match_jsonschema(schema: dict[str, Any], value: Any,
                                            valid: bool) -> None:
    from jsonschema import Draft202012Validator

    from checker.load.schema import validator_class

    expected = validator_class()(
        schema, format_checker=Draft202012Validator.FORMAT_CHECKER).is_valid(value)
    assert expected is valid
    assert fastschema._Compiler().compile(schema, "use-case")(value) is valid


@given(use_cases())
def test_agrees_on_generated_valid_use_cases(doc: dict[str, Any]) -> None:
    assert jsonschema_valid("use-case", doc)
    assert fastschema.is_valid("use-case", doc)


ODD_VALUES = [None, "", "unknown", "yes", "no", "true", 0, 1, 1.0, 2.5, -1, True, False, [],
              ["unknown"], ["a", "a"], {}, {"x": 1}, "2026-13-45", "2026-02-28", "x" * 300,
              "NOT-A-SLUG", "DT-010", "municipality", ["internal"], [True, 1]]


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out += _paths(value, (*prefix, index))
    return out


@st.composite
def mutated(draw: st.DrawFn, base: st.SearchStrategy[dict[str, Any]]) -> dict[str, Any]:
    doc = copy.deepcopy(draw(base))
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(doc) if p]
        path = draw(st.sampled_from(paths))
        parent: Any = doc
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "delete", "add_key", "wrap"]))
        if action == "replace":
            parent[path[-1]] = copy.deepcopy(draw(st.sampled_from(ODD_VALUES)))
        elif action == "delete":
            del parent[path[-1]]
        elif action == "add_key" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "kind", "name", "rule", "expires"]))] = \
                copy.deepcopy(draw(st.sampled_from(ODD_VALUES)))
        elif action == "wrap":
            parent[path[-1]] = [parent[path[-1]]]
    return doc


@given(mutated(use_cases()))
def test_agrees_on_mutated_use_cases(doc: dict[str, Any]) -> None:
    assert fastschema.is_valid("use-case", doc) == jsonschema_valid("use-case", doc)


RULE_FILES = [p for p in sorted((ROOT / "rules").glob("*/*.yaml")) if p.name != "pack.yaml"]
PACK_FILES = sorted((ROOT / "rules").glob("*/pack.yaml"))
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _data(paths: list[Path]) -> list[dict[str, Any]]:
    return [load_file(p).data for p in paths]


@pytest.mark.parametrize(("name", "paths"), [("rule", RULE_FILES), ("pack", PACK_FILES),
                                             ("use-case", EXAMPLES)])
def test_agrees_on_bundled_files(name: str, paths: list[Path]) -> None:
    for data in _data(paths):
        assert fastschema.is_valid(name, data) == jsonschema_valid(name, data)


@given(mutated(st.sampled_from(_data(RULE_FILES))))
def test_agrees_on_mutated_rules(doc: dict[str, Any]) -> None:
    assert fastschema.is_valid("rule", doc) == jsonschema_valid("rule", doc)


@given(mutated(st.sampled_from(_data(EXAMPLES))))
def test_agrees_on_mutated_examples(doc: dict[str, Any]) -> None:
    assert fastschema.is_valid("use-case", doc) == jsonschema_valid("use-case", doc)


def test_report_schema_agrees_on_a_real_report() -> None:
    from checker.batch import api

    report = api.evaluate([EXAMPLES[0]], "2026-11-25").to_dict("en")
    data = json.loads(json.dumps(report))
    assert fastschema.is_valid("report", data) and jsonschema_valid("report", data)
    data["verdict"] = "maybe"
    assert not fastschema.is_valid("report", data) and not jsonschema_valid("report", data)
