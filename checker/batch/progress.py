"""A progress bar for long portfolio runs, on a terminal only (rich is imported only then)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from checker.i18n import Lang, ui

THRESHOLD = 50  # files; shorter runs finish before a bar would help


@contextmanager
def bar(total: int, lang: Lang) -> Iterator[Callable[[], None] | None]:
    """A callback to call once per file, or None when no bar is shown (not a terminal, or a
    short run). The bar goes to standard error, so reports on standard output stay clean."""
    if total < THRESHOLD or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(ui("progress", lang), total=total)
        yield lambda: progress.advance(task)
