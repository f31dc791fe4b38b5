"""Writing reports: atomically, never over an input, and quietly into a closed pipe."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from checker.errors import UsageError

EXIT_PIPE = 141  # as a shell reports a command stopped by SIGPIPE: `aicheck ... | head`


def _inside(path: Path, directory: Path) -> bool:
    return path == directory or directory in path.parents


def write_atomic(target: Path, text: str, inputs: Iterable[Path] = (),
                 protected: Iterable[Path] = ()) -> None:
    """Write `text` to `target` via a temporary file in the same directory, then rename.

    An interrupted run leaves the old file (or none), never a partial one. `inputs` may not be
    overwritten and nothing may be written inside the `protected` directories (rule packs).
    The file gets the usual permissions (0666 less the umask), not the temporary file's 0600.
    """
    resolved = target.resolve()
    for path in inputs:
        if path.resolve() == resolved:
            raise UsageError("usage.output_is_input", file=str(target))
    for directory in protected:
        if _inside(resolved, directory.resolve()):
            raise UsageError("usage.output_in_rules", file=str(target), rules=str(directory))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{resolved.name}.", suffix=".tmp",
                                   dir=resolved.parent)
    except OSError as exc:
        raise UsageError("usage.cannot_write", file=str(target),
                         reason=exc.strerror or str(exc)) from None
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, resolved)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UsageError("usage.cannot_write", file=str(target),
                         reason=exc.strerror or str(exc)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def closed_pipe() -> int:
    """The reader went away (`| head`): stop quietly instead of reporting an internal error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return EXIT_PIPE
