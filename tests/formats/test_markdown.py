from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from checker.batch import api
from checker.formats import render
from checker.formats.markdown import escape

from .helpers import AS_OF, EXAMPLE_FILES, FIXTURE, example_report, fixture_report
from .hostile import PAYLOAD, write_hostile

# GitHub and GitLab: CommonMark with tables and strikethrough; raw HTML is passed through.
MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


class Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.rows: list[int] = []
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append(0)
        if tag in ("td", "th"):
            self.rows[-1] += 1
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def rendered(markdown: str) -> Cells:
    cells = Cells()
    cells.feed(MD.render(markdown))
    return cells


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_examples_render_with_links(path: Path) -> None:
    report = example_report(path.name)
    text = render("markdown", report, "en")
    cells = rendered(text)
    assert "table" in cells.tags and "h1" in cells.tags and "h2" in cells.tags
    assert "details" in text and '"evaluation_date": "2026-11-25"' in text
    findings = [r for r in report.use_cases[0].results
                if r.status in ("fail", "warn", "needs_info", "waived")]
    for result in findings:
        assert f"`{result.rule.id}`" in text
        assert any(h == result.rule.references[0].url for h in cells.hrefs)


def test_sections_and_danish() -> None:
    text = render("markdown", fixture_report(), "da")
    assert "Samlet vurdering" in text and "### Fund" in text
    assert "### Manglende oplysninger (" in text
    assert "legal_basis.operation.article_9_exception" in text
    assert "### Dispensationer" in text
    assert "Pilot with synthetic data only \\| until the DPIA is approved" in text


def test_user_text_cannot_break_out(tmp_path: Path) -> None:
    report = api.evaluate([write_hostile(tmp_path)], AS_OF)
    text = render("markdown", report, "en")
    cells = rendered(text)
    assert "script" not in cells.tags and "img" not in cells.tags and "del" not in cells.tags
    assert not any(h.startswith("javascript") for h in cells.hrefs)
    widths = set(cells.rows)
    # each table keeps its own column count: no escaped pipe splits a cell
    assert widths <= {4, 5, 7}
    shown = "".join(cells.text)
    assert PAYLOAD.replace("\n", " ") in shown
    assert "### Waivers" in text


def test_escape() -> None:
    assert escape("a|b") == "a\\|b"
    assert escape("<b>") == "&lt;b&gt;"
    assert escape("x\ny") == "x<br>y"


def test_expired_waiver_in_markdown_and_html(write) -> None:
    text = FIXTURE.read_text("utf-8").replace("expires: 2099-12-31", "expires: 2020-01-01")
    report = api.evaluate([write("uc.yaml", text)], AS_OF)
    for lang, word in (("en", "expired"), ("da", "udløbet")):
        assert f"2020-01-01 ({word})" in render("markdown", report, lang)
        assert f"2020-01-01 ({word})" in render("html", report, lang)
