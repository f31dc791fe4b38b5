"""Shared set-up for the format tests: evaluate the examples once per process."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from checker.batch import api
from checker.report import Report

from ..conftest import EXAMPLES, ROOT

AS_OF = "2026-11-25"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
# Outcomes the format tests rely on: KL-001 fails, KL-002 is waived, GDPR-007 needs
# legal_basis.operation.article_9_exception (answered `unknown`).
FIXTURE = ROOT / "tests/fixtures/formats-usecase.yaml"


def position_of(text: str, path: Path = FIXTURE) -> tuple[int, int]:
    """Line and column (1-based) of `text` in a file."""
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if text in line:
            return number, line.index(text) + 1
    raise AssertionError(text)


@cache
def example_report(name: str) -> Report:
    return api.evaluate([EXAMPLES / name], AS_OF)


@cache
def all_examples() -> Report:
    """Every example and the fixture, in one report."""
    return api.evaluate([EXAMPLES, FIXTURE], AS_OF)


@cache
def fixture_report() -> Report:
    return api.evaluate([FIXTURE], AS_OF)


def evaluate(path: Path, as_of: str = AS_OF) -> Report:
    return api.evaluate([path], as_of)
