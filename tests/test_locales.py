"""The interface texts: both languages have the same keys and the same placeholders."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from checker import i18n
from checker.errors import Problem

CHECKER = Path(__file__).resolve().parent.parent / "checker"


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_same_keys_in_both_languages() -> None:
    da, en = i18n.texts("da"), i18n.texts("en")
    assert sorted(set(da) - set(en)) == []
    assert sorted(set(en) - set(da)) == []


@pytest.mark.parametrize("key", sorted(i18n.texts("en")))
def test_same_placeholders_in_both_languages(key: str) -> None:
    da, en = i18n.texts("da")[key], i18n.texts("en")[key]
    assert isinstance(da, str) and isinstance(en, str)
    assert da.strip() and en.strip(), "an empty text"
    assert placeholders(da) == placeholders(en)


def test_a_missing_placeholder_is_an_error_not_a_raw_template() -> None:
    with pytest.raises(KeyError):
        i18n.t("yaml.too_large", "en", size="3")
    assert i18n.t("yaml.too_large", "da", size="3", limit="2") == (
        "filen fylder 3 bytes; grænsen er 2 bytes")


def test_literal_braces_survive() -> None:
    assert "`{field: PATH, OPERATOR: VALUE}`" in i18n.t("rule.bad_condition", "en")


def test_danish_plural_count_labels() -> None:
    assert i18n.count_label("warn", 1, "da") == "advarsel"
    assert i18n.count_label("warn", 2, "da") == "advarsler"
    assert i18n.count_label("warn", 2, "en") == "warn"


def test_a_parameter_in_both_languages_is_rendered_in_the_report_language() -> None:
    problem = Problem("f.yaml", 1, 2, "a.b", "schema.contradiction",
                      (("text_da", "modsigelse"), ("text_en", "contradiction")), 45)
    assert i18n.render_problem(problem, "da") == "f.yaml:1:2: a.b: modsigelse"
    assert i18n.render_problem(problem, "en") == "f.yaml:1:2: a.b: contradiction"


def _literal_keys() -> set[tuple[str, str]]:
    """Every key given as a literal to t()/ui()/message() in checker/, with its file."""
    found = set()
    for path in CHECKER.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in {"t", "ui", "message"} and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                found.add((str(path.relative_to(CHECKER)), node.args[0].value))
    return found


def test_every_literal_key_in_the_code_exists() -> None:
    keys = _literal_keys()
    assert len(keys) > 50  # the walk finds the calls
    assert sorted(k for k in keys if k[1] not in i18n.texts("en")) == []


def test_no_text_tables_left_in_python() -> None:
    """Interface text belongs in checker/locales/, not in `Text(da=..., en=...)` tables."""
    offenders = []
    for path in CHECKER.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "Text" and {k.arg for k in node.keywords} >= {"da", "en"}
                    and all(isinstance(k.value, ast.Constant) for k in node.keywords)):
                offenders.append(f"{path.relative_to(CHECKER)}:{node.lineno}")
    assert offenders == []


def test_placeholders_may_be_called_key_or_lang() -> None:
    assert i18n.t("schema.unknown_key", "en", key="x", suggestion="") == "unknown key `x`"
