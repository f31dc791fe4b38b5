"""Rules and packs as frozen data, loaded from YAML and cross-checked against the questionnaire."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from checker import conditions
from checker.conditions import UNKNOWN
from checker.errors import InputError, Problem, RulePackError
from checker.i18n import Text, choices
from checker.load import schema, yamlio
from checker.load.fields import FieldSpec, fields

Outcome = Literal["fail", "warn"]
EXAMPLE_KINDS = ("pass", "fail", "unknown", "not_applicable")


@dataclass(frozen=True)
class Reference:
    source: str
    section: str
    url: str
    verified: bool
    date: str | None = None
    section_da: str | None = None

    def section_in(self, lang: str) -> str:
        """The section (article, §, decision, verification remark) in the report's language."""
        return self.section_da if lang == "da" and self.section_da else self.section


@dataclass(frozen=True)
class Example:
    kind: str
    index: int
    description: str
    answers: tuple[tuple[str, Any], ...]

    @property
    def name(self) -> str:
        return f"{self.kind}-{self.index + 1}"

    def as_use_case(self) -> dict[str, Any]:
        """The example's dotted answers as a nested questionnaire fragment."""
        out: dict[str, Any] = {}
        for path, value in self.answers:
            node = out
            *heads, last = path.split(".")
            for head in heads:
                node = node.setdefault(head, {})
            node[last] = value
        return out


@dataclass(frozen=True)
class Rule:
    id: str
    pack: str
    title: Text
    applies_when: conditions.Condition | None
    requires: conditions.Condition
    outcome: Outcome
    message: Text
    rationale: Text
    remediation: Text
    references: tuple[Reference, ...]
    effective_from: str | None
    source_requirements: tuple[str, ...]
    maintainer_notes: str  # never rendered: for the people who maintain the rule
    examples: tuple[Example, ...]
    file: str

    @cached_property  # computed once per rule: the engine asks for it on every evaluation
    def fields(self) -> tuple[str, ...]:
        """Every questionnaire field the rule reads, in a stable order."""
        conds = [c for c in (self.applies_when, self.requires) if c is not None]
        return tuple(sorted({leaf.field for c in conds for leaf in conditions.leaves(c)}))


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str
    date: str
    url: str
    verified: bool
    note: str = ""


@dataclass(frozen=True)
class Pack:
    id: str
    title: Text
    description: Text | None
    version: str
    rule_prefix: str | None
    sources: tuple[Source, ...]
    rules: tuple[Rule, ...]
    directory: str
    sha256: str


def _problem(file: str, code: str, path: str = "", line: int | None = None,
             col: int | None = None, **params: str) -> Problem:
    return Problem(file, line, col, path, code, tuple(sorted(params.items())), 20)


def _inside(path: Path, directory: Path) -> bool:
    try:
        path.resolve().relative_to(directory.resolve())
    except ValueError:
        return False
    return True


def pack_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml"))


def load_pack(directory: Path) -> Pack:
    """Load and check one pack directory; every problem in it is reported at once."""
    problems: list[Problem] = []
    manifest_path = directory / "pack.yaml"
    if not manifest_path.is_file():
        raise RulePackError([_problem(str(directory), "pack.missing_manifest")])
    digest = hashlib.sha256()
    raws: list[tuple[Path, str, bytes]] = []
    for path in pack_files(directory):
        shown = str(path)
        if not _inside(path, directory):
            problems.append(_problem(shown, "rule.escapes_pack"))
            continue
        try:
            raws.append((path, shown, yamlio.read_file(path, shown)))
        except InputError as exc:
            problems.extend(exc.problems)
    docs: list[yamlio.Document] = []
    for path, shown, raw in raws:
        try:
            doc = yamlio.load_bytes(raw, shown)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        digest.update(path.name.encode() + b"\0" + doc.sha256.encode() + b"\n")
        docs.append(doc)
    manifest = next((d for d in docs if Path(d.file).name == "pack.yaml"), None)
    if manifest is None:
        raise RulePackError(problems or [_problem(str(manifest_path), "pack.missing_manifest")])
    problems.extend(manifest.problems)
    problems.extend(schema.validate(manifest, "pack"))
    if problems:
        raise RulePackError(problems)
    meta = manifest.data
    prefix = meta.get("rule_prefix")
    rules: list[Rule] = []
    for doc in docs:
        if doc is manifest:
            continue
        found = [*doc.problems, *schema.validate(doc, "rule")]
        if found:
            problems.extend(found)
            continue
        rule = _build_rule(doc)
        problems.extend(check_rule(rule, doc, meta["id"], prefix))
        rules.append(rule)
    if not rules and not problems:
        problems.append(_problem(str(directory), "pack.no_rules"))
    if problems:
        raise RulePackError(problems)
    return assemble(meta, rules, str(directory), digest.hexdigest())


def assemble(meta: dict[str, Any], rules: list[Rule], directory: str, sha256: str) -> Pack:
    """A pack from its checked manifest and rules."""
    return Pack(
        id=meta["id"], title=Text.from_mapping(meta["title"]),
        description=Text.from_mapping(meta["description"]) if "description" in meta else None,
        version=meta["version"], rule_prefix=meta.get("rule_prefix"),
        sources=tuple(Source(s["title"], s["publisher"], s["date"], s["url"], s["verified"],
                             s.get("note", "")) for s in meta["sources"]),
        rules=tuple(sorted(rules, key=lambda r: r.id)), directory=directory,
        sha256=sha256,
    )


def _build_rule(doc: yamlio.Document) -> Rule:
    raw = doc.data
    examples = tuple(
        Example(kind, i, str(ex.get("description", "")), tuple(sorted(ex["answers"].items())))
        for kind in EXAMPLE_KINDS for i, ex in enumerate(raw["examples"].get(kind, ()))
    )
    return Rule(
        id=raw["id"], pack=raw["pack"], title=Text.from_mapping(raw["title"]),
        applies_when=conditions.parse(raw["applies_when"]) if "applies_when" in raw else None,
        requires=conditions.parse(raw["requires"]), outcome=raw["outcome"],
        message=Text.from_mapping(raw["message"]), rationale=Text.from_mapping(raw["rationale"]),
        remediation=Text.from_mapping(raw["remediation"]),
        references=tuple(Reference(r["source"], r["section"], r["url"], r["verified"],
                                   r.get("date"), r.get("section_da"))
                         for r in raw["references"]),
        effective_from=raw.get("effective_from"),
        source_requirements=tuple(raw.get("source_requirements", ())),
        maintainer_notes=str(raw.get("maintainer_notes", "")), examples=examples, file=doc.file,
    )


_OPERATOR_KINDS = {
    "equals": ("boolean", "enum", "count", "text"),
    "in": ("boolean", "enum", "count"),
    "contains": ("list",),
    "intersects": ("list",),
    "is_empty": ("list",),
    "at_least": ("count",),
    "at_most": ("count",),
    "answered": ("boolean", "enum", "list", "text", "count", "date"),
}


def check_rule(rule: Rule, doc: yamlio.Document, pack_id: str, prefix: str | None) -> list[Problem]:
    """Cross-checks the rule schema cannot express."""
    out: list[Problem] = []
    file = doc.file
    if Path(file).stem != rule.id:
        out.append(_problem(file, "rule.file_name", "id", *_pos(doc, ("id",)), expected=rule.id))
    if rule.pack != pack_id:
        out.append(_problem(file, "rule.wrong_pack", "pack", *_pos(doc, ("pack",)),
                            found=rule.pack, expected=pack_id))
    if prefix and not rule.id.startswith(prefix + "-"):
        out.append(_problem(file, "rule.wrong_prefix", "id", *_pos(doc, ("id",)), prefix=prefix))
    known = fields()
    where = _leaf_places(doc)
    for cond in (rule.applies_when, rule.requires):
        if cond is not None:
            for leaf in conditions.leaves(cond):
                place = where.get(leaf.field)
                for problem in _check_leaf(leaf, known, file):
                    out.append(problem if place is None else replace(
                        problem, path=yamlio.format_path(place[0]), line=place[1][0],
                        column=place[1][1]))
    for example in rule.examples:
        for path, value in example.answers:
            detail = check_answer(path, value, known)
            if detail:
                out.append(_problem(file, "rule.example_invalid", f"examples.{example.kind}",
                                    *_pos(doc, ("examples", example.kind, example.index)),
                                    example=example.name, detail=detail))
    return out


def _pos(doc: yamlio.Document, path: yamlio.PathKey) -> tuple[int | None, int | None]:
    pos = doc.position(path)
    return pos if pos else (None, None)


def _leaf_places(doc: yamlio.Document) -> dict[str, tuple[yamlio.PathKey, yamlio.Position]]:
    """Where each field a condition reads is written: `field:` inside applies_when/requires."""
    out: dict[str, tuple[yamlio.PathKey, yamlio.Position]] = {}
    for path, pos in doc.positions.items():
        if len(path) < 2 or path[0] not in ("applies_when", "requires") or path[-1] != "field":
            continue
        node: Any = doc.data
        for part in path:
            node = node[part]
        if isinstance(node, str):
            out.setdefault(node, (path[:-1], pos))
    return out


def _check_leaf(leaf: conditions.Leaf, known: dict[str, FieldSpec], file: str) -> list[Problem]:
    spec = known.get(leaf.field)
    if spec is None:
        hint = schema.suggest(leaf.field, list(known))
        return [_problem(file, "rule.unknown_field", leaf.field, field=leaf.field,
                         suggestion=hint)]
    if spec.kind not in _OPERATOR_KINDS[leaf.op]:
        return [_problem(file, "rule.bad_operator", leaf.field, field=leaf.field,
                         operator=leaf.op, kind=spec.kind)]
    values: tuple[Any, ...] = ()
    if leaf.op in ("equals", "contains"):
        values = (leaf.value,)
    elif leaf.op in ("in", "intersects"):
        values = tuple(leaf.value)
    out = []
    for value in values:
        if value == UNKNOWN:
            out.append(_problem(file, "rule.compares_unknown", leaf.field))
        elif not _can_take(spec, value):
            out.append(_problem(file, "rule.bad_value", leaf.field, field=leaf.field,
                                value=schema.yaml_value(value),
                                expected=choices([schema.yaml_value(v) for v in spec.values])
                                if spec.values else spec.kind))
    return out


def _can_take(spec: FieldSpec, value: Any) -> bool:
    if spec.kind == "count":
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    if spec.kind == "text":
        return isinstance(value, str) and value != ""
    return any(type(value) is type(v) and value == v for v in spec.values)


def check_answer(path: str, value: Any, known: dict[str, FieldSpec] | None = None) -> str:
    """Why an example answer could not appear in a valid questionnaire, or '' if it could."""
    known = fields() if known is None else known
    spec = known.get(path)
    if spec is None:
        hint = schema.suggest(path, list(known))
        return f"unknown field `{path}`" + (f" (did you mean `{hint}`?)" if hint else "")
    if value == UNKNOWN and spec.unknown_allowed:
        return ""
    if spec.kind == "list":
        ok = isinstance(value, list) and all(_can_take(spec, v) for v in value) \
            and len(set(value)) == len(value)
    else:
        ok = _can_take(spec, value) if spec.kind in ("boolean", "enum", "count", "text") else \
            isinstance(value, str)
    return "" if ok else f"`{schema.yaml_value(value)}` is not a valid answer for `{path}`"


def pack_dirs(directory: Path) -> list[Path]:
    """A pack directory itself, or the pack directories directly inside it."""
    if (directory / "pack.yaml").is_file():
        return [directory]
    return sorted(p for p in directory.iterdir() if (p / "pack.yaml").is_file())


def load_packs(extra: list[Path] | tuple[Path, ...] = (), bundled: bool = True) -> tuple[Pack, ...]:
    """The bundled packs and any extra pack directories, checked together."""
    from checker import resources

    dirs = pack_dirs(resources.rules_dir()) if bundled else []
    for directory in extra:
        if not directory.is_dir():
            raise RulePackError([_problem(str(directory), "file.not_found")])
        found = pack_dirs(directory)
        if not found:
            raise RulePackError([_problem(str(directory), "pack.missing_manifest")])
        dirs.extend(found)
    packs: list[Pack] = []
    problems: list[Problem] = []
    for directory in dirs:
        try:
            packs.append(load_pack(directory))
        except RulePackError as exc:
            problems.extend(exc.problems)
    seen_packs: dict[str, str] = {}
    seen_rules: dict[str, str] = {}
    for pack in packs:
        if pack.id in seen_packs:
            problems.append(_problem(pack.directory, "pack.duplicate", pack=pack.id))
        seen_packs[pack.id] = pack.directory
        for rule in pack.rules:
            if rule.id in seen_rules:
                problems.append(_problem(rule.file, "rule.duplicate_id", "id", rule=rule.id,
                                         other=seen_rules[rule.id]))
            seen_rules[rule.id] = rule.file
    if problems:
        raise RulePackError(problems)
    return tuple(sorted(packs, key=lambda p: p.id))
