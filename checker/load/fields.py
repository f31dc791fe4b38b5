"""The questionnaire's answerable fields, derived from the use-case JSON Schema.

Rules are cross-checked against this index, `explain` prints from it, and property tests
generate questionnaires from it: the schema stays the single source of truth.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from checker import resources
from checker.conditions import UNKNOWN
from checker.i18n import Text

Kind = Literal["boolean", "enum", "list", "text", "count", "date", "const", "id"]


@dataclass(frozen=True)
class FieldSpec:
    path: str
    kind: Kind
    values: tuple[Any, ...]
    title: Text
    description: Text
    unknown_allowed: bool = True

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.path.split("."))


@dataclass(frozen=True)
class Section:
    path: str
    title: Text
    description: Text
    keys: tuple[str, ...]


def _texts(node: dict[str, Any]) -> tuple[Text, Text]:
    title = Text(da=node.get("x-title-da", node.get("title", "")), en=node.get("title", ""))
    desc = Text(da=node.get("x-description-da", node.get("description", "")),
                en=node.get("description", ""))
    return title, desc


def _kind(node: dict[str, Any]) -> tuple[Kind, tuple[Any, ...]] | None:
    ref = node.get("$ref", "")
    if ref.startswith("#/$defs/"):
        name = ref.rsplit("/", 1)[1]
        if name == "boolean":
            return "boolean", (True, False)
        if name in ("text", "count", "date"):
            return name, ()
    if "enum" in node:
        return "enum", tuple(v for v in node["enum"] if v != UNKNOWN)
    if "const" in node:
        return "const", (node["const"],)
    for branch in node.get("anyOf", ()):
        if branch.get("type") == "array":
            return "list", tuple(branch.get("items", {}).get("enum", ()))
    if node.get("type") == "string":
        return "id", ()
    return None


@cache
def index() -> tuple[dict[str, FieldSpec], dict[str, Section]]:
    """Every answerable field and every section of the questionnaire, by dotted path."""
    fields: dict[str, FieldSpec] = {}
    sections: dict[str, Section] = {}

    def walk(node: dict[str, Any], prefix: str) -> None:
        props: dict[str, Any] = node.get("properties", {})
        for key, sub in props.items():
            path = f"{prefix}.{key}" if prefix else key
            title, desc = _texts(sub)
            if sub.get("type") == "object":
                sections[path] = Section(path, title, desc, tuple(sub.get("properties", {})))
                walk(sub, path)
                continue
            found = _kind(sub)
            if found is not None:
                kind, values = found
                fields[path] = FieldSpec(path, kind, values, title, desc,
                                         unknown_allowed=kind not in ("const", "id", "date"))

    walk(resources.schema("use-case"), "")
    return fields, sections


def fields() -> dict[str, FieldSpec]:
    return index()[0]


def sections() -> dict[str, Section]:
    return index()[1]


def all_keys() -> dict[str, list[str]]:
    """Leaf and section names to their full paths, to suggest the right place for a key."""
    out: dict[str, list[str]] = {}
    for path in (*fields(), *sections()):
        out.setdefault(path.rsplit(".", 1)[-1], []).append(path)
    return out


@cache
def aliases() -> dict[str, str]:
    """Danish key names people write by mistake (`x-aliases-da` in the schema) to full paths."""
    out: dict[str, str] = {}

    def walk(node: dict[str, Any], prefix: str) -> None:
        for key, sub in node.get("properties", {}).items():
            path = f"{prefix}.{key}" if prefix else key
            for alias in sub.get("x-aliases-da", ()):
                out.setdefault(str(alias), path)
            walk(sub, path)
            walk(sub.get("items", {}), path + "[]")

    walk(resources.schema("use-case"), "")
    return out
