"""One error root. Every error the user can cause carries problems located in a file.

Exit codes: 0 clean, 1 findings at or above the threshold, 2 bad input or usage, 3 internal error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can.

    `code` names the message in `checker.i18n`; `params` fill it in. Rendering (and language)
    happens in `checker.i18n.render_problem`.
    """

    file: str
    line: int | None
    column: int | None
    path: str
    code: str
    params: tuple[tuple[str, str], ...] = ()
    # Lower ranks are shown first: the most useful problem leads.
    rank: int = 50

    def param(self, name: str) -> str:
        return dict(self.params).get(name, "")

    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        return (self.file, self.rank, self.line or 0, self.column or 0, self.path, self.code)


class AicheckError(Exception):
    """Root of every error aicheck raises on purpose."""

    exit_code = EXIT_INTERNAL


class UsageError(AicheckError):
    """Bad command-line usage: an option or path that cannot work."""

    exit_code = EXIT_INPUT

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass
class InputError(AicheckError):
    """One or more problems in a questionnaire or a rule pack."""

    problems: list[Problem] = field(default_factory=list)
    exit_code = EXIT_INPUT

    def __post_init__(self) -> None:
        self.problems = sorted(self.problems, key=Problem.sort_key)
        super().__init__(f"{len(self.problems)} problem(s)")


class RulePackError(InputError):
    """A rule pack that does not load or does not agree with the questionnaire schema."""


def internal_error(exc: BaseException) -> int:
    """The last line of defence: a short message and exit 3, the traceback only on request."""
    import os
    import sys
    import traceback

    if os.environ.get("AICHECK_DEBUG"):
        traceback.print_exc()
    print(f"aicheck: internal error: {type(exc).__name__}: {exc}\n"
          "Please report this, with the input if you can (AICHECK_DEBUG=1 shows details).",
          file=sys.stderr)
    return EXIT_INTERNAL
