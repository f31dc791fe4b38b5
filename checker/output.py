"""Writing reports: atomically, and never over an input."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from checker.errors import UsageError


def write_atomic(target: Path, text: str, inputs: Iterable[Path] = ()) -> None:
    """Write `text` to `target` via a temporary file in the same directory, then rename.

    An interrupted run leaves the old file (or none), never a partial one.
    """
    resolved = target.resolve()
    for path in inputs:
        if path.resolve() == resolved:
            raise UsageError("usage.output_is_input", file=str(target))
    directory = resolved.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{resolved.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, resolved)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
