"""Output safety: text from a questionnaire, a file name or a rule pack can never become a
terminal escape, a CI log command, markup, a link or a mention in any output.

This is the bottom layer: it imports only the standard library. Every output that shows
user-supplied text passes it through one of these functions, as late as possible:

- `visible(text)`: control characters, escape sequences, bidi overrides and isolates and
  zero-width or otherwise invisible characters are shown escaped (``\\x1b``, ``\\u202e``).
  A line feed (``\\n``) and a tab are kept, so multi-line prose stays readable; a carriage
  return, vertical tab, form feed and the Unicode line and paragraph separators are escaped,
  because terminals and CI log readers treat them as line breaks or overwrites. Backslashes
  in the text are kept as they are (Windows paths stay readable).
- `terminal(text)`: for anything printed to a terminal or a log: `visible`, then `ci_line`
  on every line.
- `ci_line(text)`: no line of the text can be read as a CI log command (GitHub Actions
  ``::command::``, also after leading spaces; Azure Pipelines ``##vso[`` and ``##[`` anywhere
  in a line, as the agents look for them; GitLab ``section_start:`` / ``section_end:``
  markers). The command is defused with a visible backslash: ``\\::error::``, ``#\\#vso[``,
  ``section_start\\:``.
- `markdown(text)`: the text renders literally in GitHub and GitLab Markdown: no heading,
  list, table, image, link, autolink, bare URL, e-mail link, @mention, team mention,
  ``@all``, issue, merge-request, epic, milestone, label or ``GH-`` reference, no math and no
  HTML. The result is a single line (line breaks become ``<br>``), so it is safe in a table
  cell and can never start a block, a CI log command or a ``\\r``-started line.
- `markdown_link(label, url)`: a link only for an ``http``/``https`` URL with a host; any
  other URL is shown as literal text after the label.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, urlsplit

__all__ = ["ci_line", "markdown", "markdown_link", "terminal", "visible"]

# Invisible characters that Unicode does not class as format or control characters.
_INVISIBLE_EXTRA = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f\u3164\uffa0"
    "\ufe00\ufe01\ufe02\ufe03\ufe04\ufe05\ufe06\ufe07\ufe08\ufe09\ufe0a\ufe0b\ufe0c\ufe0d"
    "\ufe0e\ufe0f")
_KEPT = frozenset("\n\t")


def _hidden(char: str) -> bool:
    if char in _KEPT:
        return False
    if char.isprintable() and char not in _INVISIBLE_EXTRA:
        # isprintable() is False for Cc, Cf, Cs, Co, Cn, Zl, Zp and every space but U+0020.
        return False
    category = unicodedata.category(char)
    # Ordinary spaces (no-break space, em space, ...) are visible as spaces; keep them.
    return category != "Zs"


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


_CACHE: dict[str, bool] = {}


def visible(text: str) -> str:
    """`text` with every control, bidi, zero-width or invisible character shown escaped.

    Keeps ``\\n`` and ``\\t``; everything else that a terminal would act on or not show
    (ESC, CR, BEL, C1 controls, U+202E, U+2066-U+2069, U+200B-U+200D, U+FEFF, U+2028, ...)
    becomes ``\\xNN``, ``\\uNNNN`` or ``\\UNNNNNNNN``.
    """
    if text.isascii() and text.isprintable():
        return text  # the common case: nothing to do
    out: list[str] = []
    for char in text:
        hidden = _CACHE.get(char)
        if hidden is None:
            hidden = _CACHE[char] = _hidden(char)
        out.append(_escape(char) if hidden else char)
    return "".join(out)


# Where a CI runner may split a line: .NET's ReadLine (\r, \n), Python's splitlines and
# terminals (\v, \f, \x1c-\x1e, NEL, LS, PS).
_LINE_BREAK = re.compile(r"(\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029])")
_GITHUB = re.compile(r"^(\s*)::")
_AZURE = re.compile(r"#(?=(?:\[|vso\[))", re.IGNORECASE)
_GITLAB = re.compile(r"(section_(?:start|end)):", re.IGNORECASE)


def _defuse(line: str) -> str:
    line = _GITHUB.sub(r"\1\\::", line)
    line = _AZURE.sub(r"\\#", line)
    return _GITLAB.sub(r"\1\\:", line)


def ci_line(text: str) -> str:
    """`text` such that none of its lines starts (or contains) a CI log command."""
    if "::" not in text and "#" not in text and "ection_" not in text.lower():
        return text
    parts = _LINE_BREAK.split(text)
    # Even indexes are lines, odd ones the separators between them.
    return "".join(part if i % 2 else _defuse(part) for i, part in enumerate(parts))


def terminal(text: str) -> str:
    """Text for a terminal or a log: invisible characters shown, no CI log command."""
    return ci_line(visible(text))


_ZWSP = "&#8203;"  # what Dependabot and Renovate insert to break mentions and references
# ASCII punctuation that means something in CommonMark, GFM or GitLab Flavored Markdown
# (`$` for math, `:` for emoji and CI commands, `~` for strike-through and GitLab labels).
_MD_PUNCT = re.compile(r"([\\`*_{}\[\]()#+\-.!|~=^$:])")
# After escaping: break references GitHub and GitLab make from plain text. `\@user`
# would still be a mention (their filters read the rendered text), so a zero-width space
# goes after the sigil instead.
_REFERENCE = re.compile(
    r"(@)(?=[\w\\])"             # @user, @org/team, @all, user@example.com
    r"|(\\#|\\!|%|\\\$|&amp;|\\~)(?=[\w\\\"])"  # #12, !12 (GitLab MR), %1, $1, &1, ~label
    r"|(?<![\w])(GH)(?=\\-\d)"   # GH-12
    r"|(\\:)(?=//)"              # scheme://host
    r"|(?<![\w])(www)(?=\\\.)",  # www.example.com
    re.IGNORECASE)


def _break_reference(match: re.Match[str]) -> str:
    return match.group(0) + _ZWSP


def markdown(text: str) -> str:
    """`text` as one line of Markdown that renders literally on GitHub and GitLab."""
    text = visible(text).replace("\t", " ")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_PUNCT.sub(r"\\\1", text)
    text = _REFERENCE.sub(_break_reference, text)
    # A leading space could make an indented code block or continue a list item.
    lines = [line.replace(" ", "&#32;", 1) if line.startswith(" ") else line
             for line in text.split("\n")]
    return "<br>".join(lines)


_URL_SAFE = "/:?#[]@!$&'*+,;=%-._~"


def markdown_link(label: str, url: str) -> str:
    """A Markdown link to `url` if it is an http(s) URL with a host, else literal text."""
    try:
        parts = urlsplit(url)
        ok = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:
        ok = False
    if not ok or url != url.strip() or not url.isprintable():
        return markdown(f"{label} ({url})" if url else label)
    # Entities are decoded in a link destination, so `&` is written as `&amp;`.
    target = quote(url, safe=_URL_SAFE).replace("&", "&amp;")
    return f"[{markdown(label)}]({target})"
