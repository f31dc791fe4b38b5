"""Answers that contradict each other, declared in the schema (`x-consistency`), not here.

Each entry says: when `when` holds, `forbids` must not. A contradiction would otherwise make
rules silently not applicable (no personal data, yet health data), so it is an input error.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from checker import conditions, resources
from checker.errors import Problem
from checker.i18n import Text
from checker.load.yamlio import Document


@cache
def checks() -> tuple[tuple[conditions.Condition, conditions.Condition, Text], ...]:
    return tuple((conditions.parse(c["when"]), conditions.parse(c["forbids"]),
                  Text.from_mapping(c["message"]))
                 for c in resources.schema("use-case").get("x-consistency", ()))


def problems(doc: Document) -> list[Problem]:
    data: Any = doc.data
    out = []
    for when, forbids, text in checks():
        if conditions.evaluate(when, data)[0] is True:
            value, fields = conditions.evaluate(forbids, data)
            if value is True:
                path = min(fields)
                pos = doc.position(tuple(path.split("."))) or (None, None)
                out.append(Problem(doc.file, pos[0], pos[1], path, "schema.contradiction",
                                   (("text_da", text.da), ("text_en", text.en)), 45))
    return out
