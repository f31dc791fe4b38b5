"""Entry point for `aicheck` and `python -m checker`.

`--version` is answered before anything else is imported, so it costs about as much as
starting Python.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        from checker import __version__

        sys.stdout.write(f"aicheck {__version__}\n")
        return 0
    from checker.cli import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
