"""Validate loaded YAML against a bundled JSON Schema; every error located and explained."""

from __future__ import annotations

import difflib
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from checker import resources
from checker.errors import Problem
from checker.i18n import choices
from checker.load.yamlio import BOOLEAN_LOOKALIKES, Document, PathKey, format_path

TRUE_LOOKALIKES = frozenset({"yes", "on", "y", "ja", "sand"})

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError


@cache
def validator(name: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    registry: Registry[Any] = Registry()
    for other in resources.SCHEMA_NAMES:
        if resources.schema_path(other).exists():
            res = Resource.from_contents(resources.schema(other))
            registry = registry.with_resources(
                [(f"{other}.schema.json", res), (resources.schema(other)["$id"], res)])
    made: Draft202012Validator = validator_class()(
        resources.schema(name), registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER)
    return made


@cache
def validator_class() -> Any:
    """Draft 2020-12, except that a whole number must be written as one: 200.0 is not an
    integer here (checker.fastschema agrees), since it would never equal a rule's number."""
    from jsonschema import Draft202012Validator
    from jsonschema.validators import extend

    def integer(_checker: Any, value: Any) -> bool:
        return isinstance(value, int) and not isinstance(value, bool)

    checker = Draft202012Validator.TYPE_CHECKER.redefine("integer", integer)
    return extend(Draft202012Validator, type_checker=checker)  # type: ignore[no-untyped-call]


def accepts(name: str, data: Any) -> bool:
    """True if the compiled checker accepts `data`; False means ask jsonschema for errors."""
    from checker import fastschema

    try:
        return fastschema.is_valid(name, data)
    except fastschema.Unsupported:  # a schema keyword it does not implement: jsonschema decides
        return False


def yaml_value(value: Any) -> str:
    """A value as the user would write it in YAML."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def suggest(word: str, candidates: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return close[0] if close else ""


def validate(doc: Document, name: str) -> list[Problem]:
    """All schema problems in a document, most useful first (sorted by the caller's renderer)."""
    data = doc.data
    if name == "use-case" and not isinstance(data, dict):
        found = choices(["@list" if isinstance(data, list) else yaml_value(data)])
        return [Problem(doc.file, 1, 1, "", "schema.top_level", (("found", found),), 0)]
    if accepts(name, data):  # the fast path: jsonschema is only imported to explain errors
        return []
    problems: list[Problem] = []
    for error in validator(name).iter_errors(data):
        problems.extend(_translate(doc, error))
    unique = {(p.line, p.column, p.path, p.code, p.params): p for p in problems}
    return sorted(unique.values(), key=Problem.sort_key)


def _at(doc: Document, path: PathKey, code: str, rank: int, key_pos: bool = False,
        **params: str) -> Problem:
    pos = doc.key_positions.get(path) if key_pos else None
    if pos is None:
        pos = doc.position(path)
    line, col = pos if pos else (None, None)
    return Problem(doc.file, line, col, format_path(path), code, tuple(sorted(params.items())),
                   rank)


def _expected(schema: dict[str, Any]) -> list[str]:
    """What a schema node accepts, as YAML spellings."""
    if "$ref" in schema:
        target = schema["$ref"].rsplit("/", 1)[-1]
        return {"boolean": ["true", "false", "unknown"], "text": ["@text", "unknown"],
                "count": ["@number", "unknown"], "date": ["@date"]}.get(target, [target])
    if "enum" in schema:
        return [yaml_value(v) for v in schema["enum"]]
    if "const" in schema:
        return [yaml_value(schema["const"])]
    out: list[str] = []
    for branch in schema.get("anyOf", ()):
        if branch.get("type") == "array":
            items = branch.get("items", {}).get("enum")
            out.append(f"@list:{', '.join(items)}" if items else "@list")
        elif branch.get("type") == "integer":
            out.append("@number")
        else:
            out.extend(_expected(branch))
    kind = schema.get("type")
    if not out and kind:
        out.append({"object": "@mapping", "array": "@list", "string": "@text",
                    "integer": "@number", "boolean": "@bool"}.get(str(kind), str(kind)))
    return out


def _translate(doc: Document, error: ValidationError) -> list[Problem]:
    path: PathKey = tuple(error.absolute_path)
    keyword = error.validator
    instance = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    if keyword == "oneOf" and _is_condition(schema):
        return [_condition_problem(doc, path, instance)]
    if keyword == "additionalProperties" and isinstance(instance, dict):
        allowed = list(schema.get("properties", {}))
        out = []
        for key in sorted(k for k in instance if k not in allowed):
            out.append(_unknown_key(doc, path, key, allowed))
        return out
    if keyword == "required" and isinstance(instance, dict):
        props = schema.get("properties", {})
        return [_at(doc, path, "schema.missing_required", 30, key=key,
                    expected=choices(_expected(props.get(key, {}))))
                for key in schema.get("required", ()) if key not in instance]
    if instance is None:
        return [_at(doc, path, "schema.null", 40, expected=choices(
            [e for e in _expected(_schema_at(path)) if e != "unknown"]))]
    if keyword == "anyOf":
        deeper = [e for e in (error.context or ()) if len(e.absolute_path) > len(path)]
        if deeper:
            return _translate(doc, deeper[0])
        if isinstance(instance, str) and _is_date_node(schema):
            return [_at(doc, path, "schema.bad_date", 40, value=yaml_value(instance))]
        items = _list_items(schema)
        if isinstance(instance, str) and instance in items:
            return [_at(doc, path, "schema.not_a_list", 40, value=instance)]
    if keyword == "enum":
        allowed_values = schema.get("enum", [])
        if (isinstance(instance, str) and instance.strip().lower() in BOOLEAN_LOOKALIKES
                and True in allowed_values):
            meant = "true" if instance.strip().lower() in TRUE_LOOKALIKES else "false"
            return [_at(doc, path, "schema.boolean_lookalike", 40, value=instance,
                        meant=meant)]
        if (isinstance(instance, str) and instance.strip().lower() in ("true", "false")
                and True in allowed_values):
            return [_at(doc, path, "schema.quoted_boolean", 40,
                        value=instance.strip().lower())]
        hint = suggest(instance, [v for v in allowed_values if isinstance(v, str)]) \
            if isinstance(instance, str) else ""
        return [_at(doc, path, "schema.not_in_list", 40, value=yaml_value(instance),
                    expected=choices([yaml_value(v) for v in allowed_values]), suggestion=hint)]
    if keyword in ("format", "pattern") and schema.get("format") == "date":
        return [_at(doc, path, "schema.bad_date", 40, value=yaml_value(instance))]
    if keyword == "pattern" and path == ("id",) and isinstance(instance, str):
        slug = re.sub(r"[^a-z0-9]+", "-", instance.lower()).strip("-")[:64]
        return [_at(doc, path, "schema.bad_id", 40, value=yaml_value(instance),
                    suggestion=slug)]
    if keyword == "pattern" and path[-1:] == ("rule",) and isinstance(instance, str):
        upper = instance.strip().upper()
        fits = re.fullmatch(str(schema.get("pattern", "")), upper) is not None
        return [_at(doc, path, "schema.bad_rule_id", 40, value=yaml_value(instance),
                    example=upper if fits else "DT-010")]
    if keyword == "pattern" and isinstance(instance, str) and path[:1] == ("waivers",):
        return [_at(doc, path, "schema.blank_waiver_text", 40)]
    if keyword == "minLength":
        return [_at(doc, path, "schema.empty_text", 40)]
    if keyword == "uniqueItems":
        return [_at(doc, path, "schema.duplicate_item", 40)]
    if keyword == "not" and instance == "unknown":
        return [_at(doc, path, "schema.unknown_not_allowed", 40)]
    if path == ("schema_version",):
        return [_at(doc, path, "schema.version", 40, value=yaml_value(instance))]
    if keyword == "anyOf" and _is_count(schema) and not isinstance(instance, bool):
        if isinstance(instance, str) and instance.strip().isdigit():
            return [_at(doc, path, "schema.quoted_number", 40, value=instance.strip())]
        return [_at(doc, path, "schema.not_a_number", 40, value=yaml_value(instance))]
    if keyword == "type" and schema.get("type") == "array" and isinstance(instance, dict):
        return [_at(doc, path, "schema.mapping_not_list", 40)]
    if keyword == "type" and schema.get("type") == "object" and path:
        return [_at(doc, path, "schema.not_a_section", 40, value=yaml_value(instance),
                    key=str(path[-1]))]
    if keyword in ("type", "anyOf", "const", "oneOf"):
        return [_at(doc, path, "schema.wrong_value", 40, value=yaml_value(instance),
                    expected=choices(_expected(schema)))]
    return [_at(doc, path, "schema.other", 60, detail=error.message)]


OPERAND = {"equals": "@value", "in": "@list", "contains": "@text", "intersects": "@list",
           "is_empty": "@bool", "at_least": "@number", "at_most": "@number", "answered": "true"}


def _is_condition(schema: dict[str, Any]) -> bool:
    return any(branch.get("required") == ["all"] for branch in schema.get("oneOf", ()))


def _condition_problem(doc: Document, path: PathKey, instance: Any) -> Problem:
    """A rule condition that fits no form: say which part is wrong, not just `{…}`."""
    if not isinstance(instance, dict):
        return _at(doc, path, "rule.bad_condition", 40)
    keys = sorted(instance)
    if "field" not in instance:
        if len(keys) == 1 and keys[0] in ("all", "any"):
            return _at(doc, path, "rule.empty_group", 40, group=keys[0])
        return _at(doc, path, "rule.bad_condition", 40)
    ops = [k for k in keys if k != "field"]
    if len(ops) != 1:
        return _at(doc, path, "rule.one_operator", 40, found=", ".join(ops) or "-")
    op = ops[0]
    if op not in OPERAND:
        return _at(doc, path, "rule.unknown_operator", 40, operator=op,
                   expected=choices(list(OPERAND)), suggestion=suggest(op, list(OPERAND)))
    return _at(doc, path, "rule.bad_operand", 40, operator=op, value=yaml_value(instance[op]),
               expected=choices([OPERAND[op]]))


def _list_items(schema: dict[str, Any]) -> list[Any]:
    for branch in schema.get("anyOf", ()):
        if branch.get("type") == "array":
            return list(branch.get("items", {}).get("enum", ()))
    return []


def _is_count(schema: dict[str, Any]) -> bool:
    return any(b.get("type") == "integer" for b in schema.get("anyOf", ()))


def _normal_key(key: str) -> str:
    """`personalData`, `Personal-Data` and `personal data` all become `personal_data`."""
    snake = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", key.strip())
    return re.sub(r"[\s-]+", "_", snake).lower()


def _pattern(path: PathKey) -> str:
    """A located path as a schema path: list indices become `[]`."""
    out = ""
    for part in path:
        out += "[]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _unknown_key(doc: Document, path: PathKey, key: str, allowed: list[str]) -> Problem:
    """An unknown key, with the most likely right one: a spelling, a Danish name, the right
    section, or else the keys allowed here."""
    from checker.load.fields import aliases

    where = (*path, key)
    normal = _normal_key(key)
    if normal in allowed:
        return _at(doc, where, "schema.unknown_key", 20, key_pos=True, key=key,
                   suggestion=normal)
    target = aliases().get(normal)
    if target:
        parent, _, leaf = target.rpartition(".")
        english = leaf if parent == _pattern(path) else target
        return _at(doc, where, "schema.danish_key", 20, key_pos=True, key=key, english=english)
    hint = suggest(key, allowed) or suggest(normal, allowed) or _elsewhere(normal)
    if hint:
        return _at(doc, where, "schema.unknown_key", 20, key_pos=True, key=key,
                   suggestion=hint)
    return _at(doc, where, "schema.unknown_key", 20, key_pos=True, key=key, suggestion="",
               allowed=choices(allowed))


def _is_date_node(schema: dict[str, Any]) -> bool:
    return any(b.get("format") == "date" for b in schema.get("anyOf", ()))


def _schema_at(path: PathKey) -> dict[str, Any]:
    node: dict[str, Any] = resources.schema("use-case")
    defs = node.get("$defs", {})
    for part in path:
        if isinstance(part, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(part, {})
        ref = node.get("$ref", "")
        if ref.startswith("#/$defs/"):
            node = {**defs.get(ref.rsplit("/", 1)[1], {}), "$ref": ref}
    return node


def _elsewhere(key: str) -> str:
    """For a key at the wrong level: the full path where the questionnaire expects it."""
    from checker.load.fields import all_keys

    known = all_keys()
    if key in known:
        return known[key][0]
    close = suggest(key, list(known))
    return known[close][0] if close else ""
