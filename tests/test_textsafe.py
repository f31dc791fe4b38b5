"""checker.textsafe: hostile text stays inert in terminals, CI logs and Markdown."""

from __future__ import annotations

import ast
import html
import re
import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from checker import textsafe
from checker.textsafe import ci_line, markdown, markdown_link, terminal, visible

HOSTILE = [
    "\x1b]52;c;aGVsbG8=\x07",          # OSC 52: write to the clipboard
    "\x1b[2J\x1b[H",                   # clear the screen
    "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "all good\rFAIL",                  # overwrite with a carriage return
    "\u202eevil\u202c \u2066x\u2069",  # bidi override and isolate
    "a\u200bb\u200dc\ufeffd\u2060e",   # zero-width characters
    "\x9b31m",                         # C1 CSI
    "line\u2028sep\u2029par\x85nel\x0bvt\x0cff",
]
COMMANDS = ["::error file=x::owned", "  ::add-mask::secret", "\t::stop-commands::tok",
            "x ##vso[task.setvariable variable=a]1", "##[group]x", "## [x]",
            "section_start:1700000000:evil\r\x1b[0Kx", "SECTION_END:1:x"]


def test_visible_escapes_what_a_terminal_acts_on() -> None:
    assert visible("\x1b[2J") == "\\x1b[2J"
    assert visible("a\u202eb") == "a\\u202eb"
    assert visible("a\u200bb") == "a\\u200bb"
    assert visible("a\rb") == "a\\x0db"
    assert visible("\U000e0041") == "\\U000e0041"  # a tag character
    for text in HOSTILE:
        shown = visible(text)
        assert shown.isascii() or all(unicodedata.category(c)[0] != "C" for c in shown)
        assert "\x1b" not in shown and "\r" not in shown and "\u202e" not in shown


def test_visible_keeps_ordinary_text() -> None:
    for text in ("Data\u00adbehandler: K\u00f8benhavns Kommune \u2013 2026", "a\nb\tc",
                 "C:\\Users\\x", "æøå ÆØÅ € \u201cquoted\u201d", "日本語", "\u00a0no-break"):
        expected = text.replace("\u00ad", "\\xad")  # a soft hyphen is invisible
        assert visible(text) == expected


@given(st.text())
def test_visible_output_has_no_hidden_character(text: str) -> None:
    shown = visible(text)
    for char in shown:
        assert char in "\n\t" or char.isprintable() or unicodedata.category(char) == "Zs"
        assert char not in textsafe._INVISIBLE_EXTRA


def test_ci_line_defuses_every_command() -> None:
    for text in COMMANDS:
        for line in re.split(r"\r\n|[\n\r]", terminal(text)):
            assert not line.lstrip().startswith("::"), line
            assert "##[" not in line and "##vso[" not in line.lower(), line
            assert "section_start:" not in line.lower() and "section_end:" not in line.lower()
    assert ci_line("::error::x") == "\\::error::x"
    assert ci_line("a\r::warning::x") == "a\r\\::warning::x"
    assert ci_line("plain # text: fine") == "plain # text: fine"


@given(st.text())
def test_terminal_never_starts_a_command(text: str) -> None:
    for line in re.split(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]", terminal(text)):
        assert not line.lstrip().startswith("::")
        assert "##[" not in line and "##vso[" not in line.lower()
        assert "section_start:" not in line.lower() and "section_end:" not in line.lower()
    assert "\x1b" not in terminal(text) and "\r" not in terminal(text)


_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_TAGS = re.compile(r"<(?!/?p>|br ?/?>)[^>]*>")
REFERENCES = ["@all", "@octo-org/team", "hi @bob", "mail bob@example.com", "#12", "org/repo#3",
              "!7", "GH-12", "%3", "&4", "$5", "~bug", "https://evil.example/x",
              "www.evil.example", "<https://evil.example>", "![p](https://t.example/p.png)",
              "[x](javascript:alert(1))", "<img src=x onerror=alert(1)>", "<details>",
              "# heading", "- item", "1. item", "> quote", "| a | b |", "$x^2$", "    code",
              "---", "===", "[x]: https://evil.example", "**bold** _em_ `code` ~~s~~",
              "a\n# b\n> c", "\r::error::x"]


def _rendered(text: str) -> str:
    out = _MD.render(markdown(text))
    assert not _TAGS.search(out), out
    return out


def _literal(rendered: str) -> str:
    text = re.sub(r"</?p>|\n", "", rendered).replace("<br>", "\n").replace("<br />", "\n")
    return html.unescape(text).replace("\u200b", "")


def _words(text: str) -> str:
    return " ".join(text.split())


def test_markdown_renders_literally() -> None:
    for text in REFERENCES + HOSTILE + COMMANDS:
        out = markdown(text)
        assert "\n" not in out and "\r" not in out
        assert _words(_literal(_rendered(text))) == _words(visible(text).replace("\t", " "))
    # the sigils are followed by a zero-width space, as GitHub and GitLab need
    assert markdown("@all") == "@&#8203;all"
    assert markdown("#12") == "\\#&#8203;12"
    assert "https\\:&#8203;//" in markdown("https://evil.example")
    assert markdown("www.evil.example").startswith("www&#8203;")
    assert markdown("GH-12").startswith("GH&#8203;")


@given(st.text())
def test_markdown_renders_literally_for_any_text(text: str) -> None:
    out = markdown(text)
    assert "\n" not in out and "\r" not in out and "<" not in out.replace("<br>", "")
    assert _words(_literal(_rendered(text))) == _words(visible(text).replace("\t", " "))
    # what GitHub's and GitLab's reference filters read: the rendered, decoded text
    decoded = html.unescape(_MD.render(out))
    assert not re.search(r"@\w|[#!%$&~]\d|://|www\.|GH-\d", decoded, re.IGNORECASE), decoded


def test_markdown_link_only_for_http() -> None:
    assert markdown_link("Datatilsynet", "https://www.datatilsynet.dk/x") == \
        "[Datatilsynet](https://www.datatilsynet.dk/x)"
    link = markdown_link("a|b", "https://x.example/a (b)?q=1&copy=2")
    assert link == "[a\\|b](https://x.example/a%20%28b%29?q=1&amp;copy=2)"
    assert 'href="https://x.example/a%20%28b%29?q=1&amp;copy=2"' in _MD.render(link)
    for url in ("javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "https://",
                "HTTPS//x", "https://x.example/\x1b[2J", " https://x.example"):
        out = markdown_link("label", url)
        assert "](" not in out and "<a " not in _MD.render(out), url
    assert markdown_link("label", "") == "label"


def test_textsafe_imports_only_the_standard_library() -> None:
    import sys

    tree = ast.parse(Path(textsafe.__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                 else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
        for name in names:
            top = name.split(".")[0]
            assert top == "__future__" or top in sys.stdlib_module_names, name
