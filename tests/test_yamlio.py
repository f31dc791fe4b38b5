from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.errors import InputError
from checker.load.yamlio import MAX_DEPTH, load_bytes, load_file


def load(text: str | bytes):
    raw = text.encode() if isinstance(text, str) else text
    return load_bytes(raw, "f.yaml")


def codes(exc: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [p.code for p in exc.value.problems]


def test_yaml_11_booleans_stay_strings() -> None:
    doc = load("a: yes\nb: no\nc: on\nd: OFF\ne: true\nf: False\ncountry: NO\n")
    assert doc.data == {"a": "yes", "b": "no", "c": "on", "d": "OFF", "e": True, "f": False,
                        "country": "NO"}


def test_dates_stay_strings_and_ints_are_decimal() -> None:
    doc = load("d: 2024-01-15\nts: 2024-01-15 10:00:00\noct: 010\nhex: 0x1F\n"
               "ver: 3.10\nsex: 1:30\n")
    assert doc.data == {"d": "2024-01-15", "ts": "2024-01-15 10:00:00", "oct": 10,
                        "hex": "0x1F", "ver": 3.1, "sex": "1:30"}


def test_null_forms() -> None:
    assert load("a: ~\nb: null\nc:\n").data == {"a": None, "b": None, "c": None}


def test_duplicate_key_reported_with_both_lines() -> None:
    doc = load("a: 1\nb: 2\na: 3\n")
    [problem] = doc.problems
    assert problem.code == "yaml.duplicate_key"
    assert (problem.line, problem.column, problem.param("first")) == (3, 1, "1")
    assert problem.path == "a"


def test_aliases_refused() -> None:
    with pytest.raises(InputError) as exc:
        load("a: &x [1, 2]\nb: *x\n")
    assert codes(exc) == ["yaml.alias"]


def test_billion_laughs_refused_fast() -> None:
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i-1}"] * 9) + "]" for i in range(1, 10)]
    with pytest.raises(InputError) as exc:
        load("\n".join(lines) + "\n")
    assert codes(exc) == ["yaml.alias"]


def test_recursive_alias_refused() -> None:
    with pytest.raises(InputError) as exc:
        load("a: &x [1, *x]\n")
    assert codes(exc) == ["yaml.alias"]


@pytest.mark.parametrize("text", [
    "a: !!python/object/apply:os.system ['echo hi']\n",
    "a: !!binary aGVsbG8=\n",
    "a: !!timestamp 2024-01-01\n",
    "a: !custom x\n",
    "a: !!set {x, y}\n",
])
def test_explicit_tags_refused(text: str) -> None:
    with pytest.raises(InputError) as exc:
        load(text)
    assert codes(exc) == ["yaml.tag"]


@pytest.mark.parametrize("text", ["1: one\n", "true: t\n", "? [a, b]\n: x\n", "null: y\n"])
def test_non_string_keys_refused(text: str) -> None:
    with pytest.raises(InputError) as exc:
        load(text)
    assert codes(exc) == ["yaml.key_not_string"]


def test_merge_key_is_just_an_unknown_key() -> None:
    assert load("<<: {a: 1}\n").data == {"<<": {"a": 1}}


def test_invalid_utf8_located() -> None:
    with pytest.raises(InputError) as exc:
        load(b"a: 1\nb: caf\xe9\n")
    [problem] = exc.value.problems
    assert (problem.code, problem.line, problem.column) == ("yaml.not_utf8", 2, 7)


def test_bom_and_crlf_accepted() -> None:
    assert load(b"\xef\xbb\xbfa: 1\r\nb: x\r\n").data == {"a": 1, "b": "x"}


def test_tab_indentation_explained() -> None:
    with pytest.raises(InputError) as exc:
        load("a:\n\tb: 1\n")
    assert codes(exc) == ["yaml.tab"]


def test_syntax_error_located() -> None:
    with pytest.raises(InputError) as exc:
        load("a: [1, 2\nb: 3\n")
    [problem] = exc.value.problems
    assert problem.code == "yaml.syntax" and problem.line is not None


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n"])
def test_empty_file(text: str) -> None:
    with pytest.raises(InputError) as exc:
        load(text)
    assert codes(exc) == ["yaml.empty"]


def test_too_large(tmp_path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * 2000 + b"\n")
    with pytest.raises(InputError) as exc:
        load_file(path, max_bytes=1000)
    assert codes(exc) == ["yaml.too_large"]


@pytest.mark.parametrize("flow", [True, False])
def test_deep_nesting_refused(flow: bool) -> None:
    depth = MAX_DEPTH + 5
    text = "[" * depth + "]" * depth if flow else "".join(
        "  " * i + "a:\n" for i in range(depth)) + "  " * depth + "b: 1\n"
    with pytest.raises(InputError) as exc:
        load(text)
    assert codes(exc) == ["yaml.too_deep"]


def test_very_deep_nesting_is_an_input_error() -> None:
    with pytest.raises(InputError):
        load("[" * 10_000 + "]" * 10_000)


def test_positions_recorded() -> None:
    doc = load("a:\n  b: 1\n  c:\n    - x\n    - y\n")
    assert doc.positions[("a", "b")] == (2, 6)
    assert doc.key_positions[("a", "c")] == (3, 3)
    assert doc.positions[("a", "c", 1)] == (5, 7)
    assert doc.position(("a", "missing")) == (2, 3)


def test_hash_is_of_the_bytes() -> None:
    assert load("a: 1\n").sha256 != load("a: 1 \n").sha256


@given(st.binary(max_size=300))
def test_any_bytes_load_or_raise_input_error(raw: bytes) -> None:
    with contextlib.suppress(InputError):
        load_bytes(raw, "f.yaml")


@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#, \n\t?0yn")), max_size=200))
def test_yaml_like_text_loads_or_raises_input_error(text: str) -> None:
    with contextlib.suppress(InputError):
        load_bytes(text.encode(), "f.yaml")


@pytest.mark.parametrize("text", ["a: !!bool 'false'\n", "a: !!str true\n", "a: [!!int '3']\n",
                                  "a: !!float 1\n", "a: !!map {b: 1}\n"])
def test_explicit_core_tags_refused(text: str) -> None:
    """An explicit core tag would let quoted text count as a boolean or a number."""
    with pytest.raises(InputError) as exc:
        load(text)
    assert codes(exc) == ["yaml.tag"]
