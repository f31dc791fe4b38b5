from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from checker.batch import api
from checker.formats import render
from checker.formats.html import BACKGROUND, LINK, MUTED, PALETTE, TEXT

from .helpers import AS_OF, EXAMPLE_FILES, example_report
from .hostile import PAYLOAD, write_hostile


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> Tags:
    parser = Tags()
    parser.feed(page)
    parser.close()
    return parser


def hostile_page(tmp_path: Path, lang: str = "en") -> str:
    report = api.evaluate([write_hostile(tmp_path)], AS_OF)
    assert any(r.waiver is not None for r in report.use_cases[0].results)
    return render("html", report, lang)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("lang", ["da", "en"])
def test_self_contained_and_accessible(path: Path, lang: str) -> None:
    page = render("html", example_report(path.name), lang)
    tags = parse(page).tags
    names = [t for t, _ in tags]
    assert page.startswith("<!DOCTYPE html>")
    assert ("html", {"lang": lang}) in tags
    assert "script" not in names and "link" not in names and "img" not in names
    assert not any("src" in attrs for _, attrs in tags)
    assert not re.search(r"url\(|@import", page)
    assert names.count("h1") == 1 and "h2" in names and "main" in names
    for tag, attrs in tags:
        if tag == "th":
            assert attrs.get("scope") in ("col", "row")
        for name in attrs:
            assert not name.startswith("on")
    assert "title" in names


def test_danish_texts() -> None:
    page = render("html", example_report("citizen-chatbot.yaml"), "da")
    assert "Samlet vurdering" in page and "Revisionsspor" in page and "Manglende oplysninger" \
        in page


def test_every_free_text_answer_is_escaped(tmp_path: Path) -> None:
    page = hostile_page(tmp_path)
    parsed = parse(page)
    names = [t for t, _ in parsed.tags]
    assert "script" not in names and "img" not in names and "table" in names
    for _, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs)
        assert "javascript:" not in (attrs.get("href") or "")
    text = "".join(parsed.text)
    assert PAYLOAD in text  # shown as text, in the title and in the waiver
    assert f"reason {PAYLOAD}" in text and f"approver {PAYLOAD}" in text
    assert page.count("<table>") == page.count("</table>")


def _luminance(colour: str) -> float:
    rgb = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_colours_meet_wcag_aa() -> None:
    pairs = [(TEXT, BACKGROUND), (MUTED, BACKGROUND), (LINK, BACKGROUND), (TEXT, "#f0f0f0"),
             *PALETTE.values()]
    for fg, bg in pairs:
        assert contrast(fg, bg) >= 4.5, (fg, bg)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium: install Debian's "
                    "`chromium` package (.ci/run does so when it runs as root)")
def test_chromium_shows_the_text_and_runs_no_script(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(hostile_page(tmp_path), encoding="utf-8")
    assert CHROMIUM is not None
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=2000",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = parse(proc.stdout)
    names = [t for t, _ in dom.tags]
    assert "script" not in names and "img" not in names
    body = next(attrs for tag, attrs in dom.tags if tag == "body")
    assert "data-pwned" not in body
    text = "".join(dom.text)
    assert PAYLOAD in text
    title = re.search(r"<title>(.*?)</title>", proc.stdout, re.S)
    assert title is not None and title.group(1) != "PWNED"
