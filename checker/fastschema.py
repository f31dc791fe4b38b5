"""A small compiled JSON Schema checker that only answers *valid or not*.

jsonschema costs about 9x a bare interpreter start to import and a few milliseconds per
questionnaire. This module compiles our own schemas (draft 2020-12) into nested closures for
exactly the keywords they use, and answers `is_valid` in microseconds. When a document is
invalid, `checker.load.schema` asks jsonschema for the located, explained errors, so the messages
stay jsonschema's; only the accept path is ours.

It refuses (raises `Unsupported`) any keyword or format outside `KEYWORDS`, so a schema change
cannot silently widen what it accepts; the tests also check that it agrees with jsonschema on
generated valid and mutated invalid documents.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from checker import resources

Check = Callable[[Any], bool]

KEYWORDS = frozenset({
    "type", "enum", "const", "anyOf", "oneOf", "not", "$ref",
    "properties", "additionalProperties", "required", "propertyNames",
    "items", "minItems", "uniqueItems", "minLength", "minimum", "pattern", "format",
})
ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "$comment", "title", "description",
                         "examples", "default", "deprecated"})
FORMATS = frozenset({"date"})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


class Unsupported(ValueError):
    """The schema uses a keyword or format this checker does not implement."""


def _unbool(value: Any) -> Any:
    return ("\0bool", value) if isinstance(value, bool) else value


_HASHED = (str, bool, int, float, type(None))


def equal(one: Any, two: Any) -> bool:
    """jsonschema's equality: True is not 1, 1 is 1.0, lists and mappings compare deeply."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(equal(a, b) for a, b in zip(one, two, strict=True))
    if isinstance(one, dict) and isinstance(two, dict):
        return one.keys() == two.keys() and all(equal(one[k], two[k]) for k in one)
    return bool(_unbool(one) == _unbool(two))


def _unique(items: list[Any]) -> bool:
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            if equal(a, b):
                return False
    return True


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


_TYPES: dict[str, Check] = {
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str),
    "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None,
    "number": _is_number,
    # Stricter than JSON Schema (which counts 200.0 as an integer): a count written as a
    # decimal would never compare equal to a rule's whole number. checker.load.schema agrees.
    "integer": lambda x: isinstance(x, int) and not isinstance(x, bool),
}


def _is_date(x: Any) -> bool:
    if not isinstance(x, str) or not _DATE.fullmatch(x):
        return not isinstance(x, str)
    try:
        datetime.date.fromisoformat(x)
    except ValueError:
        return False
    return True


def _always(x: Any) -> bool:
    return True


def _never(x: Any) -> bool:
    return False


class _Compiler:
    def __init__(self) -> None:
        self.refs: dict[tuple[str, str], Check] = {}

    def ref(self, doc: str, ref: str) -> tuple[Check, str]:
        target, _, pointer = ref.partition("#")
        if target:
            if not target.endswith(".schema.json"):
                raise Unsupported(f"$ref {ref}")
            doc = target[: -len(".schema.json")]
        key = (doc, pointer)
        if key not in self.refs:
            cell: list[Check] = []
            self.refs[key] = lambda x: cell[0](x)  # recursive references resolve later
            node: Any = resources.schema(doc)
            for part in filter(None, pointer.split("/")):
                node = node[part.replace("~1", "/").replace("~0", "~")]
            compiled = self.compile(node, doc)
            cell.append(compiled)
            self.refs[key] = compiled
        return self.refs[key], doc

    def compile(self, node: Any, doc: str) -> Check:
        if node is True:
            return _always
        if node is False:
            return _never
        if not isinstance(node, dict):
            raise Unsupported(f"schema {node!r}")
        for key in node:
            if key not in KEYWORDS and key not in ANNOTATIONS and not key.startswith("x-"):
                raise Unsupported(key)
        checks: list[Check] = []
        if "$ref" in node:
            checks.append(self.ref(doc, node["$ref"])[0])
        if "type" in node:
            names = node["type"] if isinstance(node["type"], list) else [node["type"]]
            tests = [_TYPES[n] for n in names]
            if len(tests) == 1:
                checks.append(tests[0])
            else:
                checks.append(lambda x: any(f(x) for f in tests))
        if "enum" in node:
            values = list(node["enum"])
            if all(isinstance(v, str) for v in values):
                strings = frozenset(values)
                checks.append(lambda x: isinstance(x, str) and x in strings)
            elif all(isinstance(v, _HASHED) and v == v for v in values):
                # scalars (booleans kept apart from numbers, as `equal` does): one set lookup
                keys = frozenset(map(_unbool, values))
                checks.append(lambda x: isinstance(x, _HASHED) and _unbool(x) in keys)
            else:
                checks.append(lambda x: any(equal(x, v) for v in values))
        if "const" in node:
            const = node["const"]
            checks.append(lambda x: equal(x, const))
        if "anyOf" in node:
            branches = [self.compile(b, doc) for b in node["anyOf"]]
            checks.append(lambda x: any(f(x) for f in branches))
        if "oneOf" in node:
            options = [self.compile(b, doc) for b in node["oneOf"]]
            checks.append(lambda x: sum(1 for f in options if f(x)) == 1)
        if "not" in node:
            inner = self.compile(node["not"], doc)
            checks.append(lambda x: not inner(x))
        if {"properties", "additionalProperties", "required", "propertyNames"} & node.keys():
            checks.append(self._object(node, doc))
        if {"items", "minItems", "uniqueItems"} & node.keys():
            checks.append(self._array(node, doc))
        if {"minLength", "pattern", "format"} & node.keys():
            checks.append(self._string(node))
        if "minimum" in node:
            low = node["minimum"]
            checks.append(lambda x: not _is_number(x) or x >= low)
        if not checks:
            return _always
        if len(checks) == 1:
            return checks[0]
        return lambda x: all(f(x) for f in checks)

    def _object(self, node: dict[str, Any], doc: str) -> Check:
        props = {k: self.compile(v, doc) for k, v in node.get("properties", {}).items()}
        extra_schema = node.get("additionalProperties", True)
        extra = None if extra_schema is False else self.compile(extra_schema, doc)
        required = tuple(node.get("required", ()))
        names = self.compile(node["propertyNames"], doc) if "propertyNames" in node else None

        def check(x: Any) -> bool:
            if not isinstance(x, dict):
                return True
            for key in required:
                if key not in x:
                    return False
            for key, value in x.items():
                if names is not None and not names(key):
                    return False
                test = props.get(key, extra)
                if test is None or not test(value):
                    return False
            return True

        return check

    def _array(self, node: dict[str, Any], doc: str) -> Check:
        items = self.compile(node["items"], doc) if "items" in node else None
        least = int(node.get("minItems", 0))
        unique = bool(node.get("uniqueItems", False))

        def check(x: Any) -> bool:
            if not isinstance(x, list):
                return True
            if len(x) < least or (unique and not _unique(x)):
                return False
            return items is None or all(items(i) for i in x)

        return check

    def _string(self, node: dict[str, Any]) -> Check:
        least = int(node.get("minLength", 0))
        pattern = re.compile(node["pattern"]) if "pattern" in node else None
        fmt = node.get("format")
        if fmt is not None and fmt not in FORMATS:
            raise Unsupported(f"format {fmt}")

        def check(x: Any) -> bool:
            if not isinstance(x, str):
                return True
            if len(x) < least:
                return False
            if pattern is not None and not pattern.search(x):
                return False
            return fmt is None or _is_date(x)

        return check


@cache
def checker(name: str) -> Check:
    """The compiled `is_valid` of a bundled schema (use-case, rule, pack, report)."""
    compiler = _Compiler()
    return compiler.compile(resources.schema(name), name)


def is_valid(name: str, data: Any) -> bool:
    return checker(name)(data)
