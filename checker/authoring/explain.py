"""`aicheck explain NAME`: a rule's documentation, or a question's text, answers and readers.

Everything printed here comes from the rule files and the questionnaire schema.
"""

from __future__ import annotations

from checker import conditions
from checker.authoring.docs import rule_markdown
from checker.authoring.interview import NOT_SET, questions
from checker.errors import UsageError
from checker.i18n import Lang, did_you_mean, render_choices, t
from checker.load.fields import FieldSpec, Section, fields, sections
from checker.load.schema import suggest, yaml_value
from checker.rules.packs import Pack, Rule


def _w(key: str, lang: Lang) -> str:
    return t(f"explain.{key}", lang)


def condition_text(cond: conditions.Condition, lang: Lang) -> str:
    """A declared condition in words, e.g. "`vendor.data_location` is `third_country`"."""
    if isinstance(cond, conditions.Leaf):
        if cond.op in ("is_empty", "answered"):
            op = cond.op if cond.value is not False or cond.op != "is_empty" else "is_not_empty"
            return f"`{cond.field}` {t('op.' + op, lang)}"
        if isinstance(cond.value, tuple):
            value = ", ".join(f"`{yaml_value(v)}`" for v in cond.value)
        else:
            value = f"`{yaml_value(cond.value)}`"
        return f"`{cond.field}` {t('op.' + cond.op, lang)} {value}"
    if isinstance(cond, conditions.Not):
        return f"{_w('not', lang)} ({condition_text(cond.part, lang)})"
    joiner = _w("and" if isinstance(cond, conditions.All) else "or", lang)
    return f" {joiner} ".join(condition_text(part, lang) for part in cond.parts)

KIND_CHOICE = {"text": "@text", "count": "@number", "date": "@date", "id": "@text"}


def answers(spec: FieldSpec, lang: Lang) -> str:
    """What a question accepts, in words, as the user would write it."""
    if spec.kind == "list":
        items = ", ".join(f"`{v}`" for v in spec.values)
        text = f"{_w('list_of', lang)} {items}, `[]`"
    elif spec.kind in KIND_CHOICE:
        text = render_choices([KIND_CHOICE[spec.kind]], lang)
    else:
        text = render_choices([yaml_value(v) for v in spec.values], lang)
    if spec.unknown_allowed:
        text += f", {_w('unknown_too', lang)}"
    return text


def field_text(spec: FieldSpec, readers: list[Rule], lang: Lang) -> str:
    lines = [f"## {spec.path}: {spec.title.get(lang)}", "", spec.description.get(lang), "",
             f"**{_w('answers', lang)}.** {answers(spec, lang)}", ""]
    question = next((q for q in questions() if q.path == spec.path), None)
    if question is not None and question.ask_when:
        when = f" {_w('and', lang)} ".join(condition_text(c, lang)
                                                  for c in question.ask_when)
        line = f"{_w('asked_when', lang)} {when}"
        if question.when_skipped is not NOT_SET:
            line += f"; {_w('when_skipped', lang)} `{yaml_value(question.when_skipped)}`"
        lines += [line + ".", ""]
    lines += [f"**{_w('read_by', lang)}.**", ""]
    if readers:
        lines += [f"- {r.id}: {r.title.get(lang)}" for r in readers]
    else:
        lines.append(_w('no_rules', lang))
    lines.append("")
    return "\n".join(lines)


def section_text(section: Section, lang: Lang) -> str:
    known = fields()
    lines = [f"## {section.path}: {section.title.get(lang)}", "", section.description.get(lang),
             "", f"**{_w('questions', lang)}.**", ""]
    for key in section.keys:
        path = f"{section.path}.{key}"
        spec = known.get(path)
        sub = sections().get(path)
        title = spec.title.get(lang) if spec else sub.title.get(lang) if sub else ""
        lines.append(f"- `{path}`: {title}")
    lines.append("")
    return "\n".join(lines)


def rule_doc(rule_id: str, packs: tuple[Pack, ...], lang: Lang) -> str:
    """One rule's documentation (`aicheck rules show`); UsageError with a suggestion."""
    rules = {r.id: r for p in packs for r in p.rules}
    wanted = rule_id.strip().upper()
    if wanted not in rules:
        raise UsageError("usage.unknown_rule", value=rule_id,
                         suggestion=did_you_mean(suggest(wanted, sorted(rules)), lang))
    return rule_markdown(rules[wanted], lang)


def explain(name: str, packs: tuple[Pack, ...], lang: Lang) -> str:
    """The documentation of a rule id or a questionnaire path; UsageError with a suggestion."""
    rules = {r.id: r for p in packs for r in p.rules}
    wanted = name.strip()
    if wanted.upper() in rules:
        return rule_markdown(rules[wanted.upper()], lang)
    known = fields()
    if wanted in known:
        readers = [r for r in rules.values() if wanted in r.fields]
        return field_text(known[wanted], sorted(readers, key=lambda r: r.id), lang)
    if wanted in sections():
        return section_text(sections()[wanted], lang)
    raise UsageError("usage.unknown_rule", value=name,
                     suggestion=did_you_mean(_closest(wanted, list(rules)), lang))


def _closest(name: str, rule_ids: list[str]) -> str:
    """The rule id or path the user most likely meant, also for a bare or misplaced key."""
    if "." not in name and "-" in name:
        hit = suggest(name.upper(), rule_ids)
        if hit:
            return hit
    paths = [*fields(), *sections()]
    hit = suggest(name, paths)
    if hit:
        return hit
    leaf = name.rsplit(".", 1)[-1]
    by_leaf = [p for p in paths if p.rsplit(".", 1)[-1] == leaf]
    if by_leaf:
        return by_leaf[0]
    close_leaf = suggest(leaf, [p.rsplit(".", 1)[-1] for p in paths])
    if close_leaf:
        return next(p for p in paths if p.rsplit(".", 1)[-1] == close_leaf)
    return suggest(name.upper(), rule_ids)
