"""`aicheck evaluate` without typer, for the common invocation.

Importing typer alone costs about 6x a bare interpreter start, more than the evaluation itself.
`try_run` handles `evaluate PATH... [--format json|table] [--output FILE] [--lang da|en]
[--fail-on fail|warn|never] [--strict] [--as-of DATE] [--rules DIR]...` and returns None for
anything else (`--help`, other formats and options, a value typer would refuse, a missing
argument), which then goes to the typer app in `checker.cli.app` unchanged. tests/test_fastcli.py
runs both on the same arguments and requires the same exit code, stdout and stderr.

With `--format json` to standard output the report is streamed: each use case is rendered as
soon as it is evaluated and spooled to a temporary file, so a portfolio of thousands of files
never holds every report in memory. The bytes are those of `checker.formats.json_report`
(`checker.fastjson` writes the same indented JSON as `json.dumps`, faster).
"""

from __future__ import annotations

import datetime
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from checker.errors import AicheckError, InputError, UsageError

if TYPE_CHECKING:
    from checker.errors import Problem
    from checker.i18n import Lang
    from checker.report import Report, UseCaseReport
    from checker.rules.packs import Pack

FORMATS = ("table", "json")
LANGS = ("da", "en")
FAIL_ON = ("fail", "warn", "never")
_VALUED = {"--format": "fmt", "-f": "fmt", "--output": "output", "-o": "output",
           "--lang": "lang", "--fail-on": "fail_on", "--as-of": "as_of", "--rules": "rules",
           "--jobs": "jobs", "-j": "jobs"}
_FLAGS = {"--strict": "strict"}


class Args(NamedTuple):
    paths: list[Path]
    fmt: str
    output: Path | None
    lang: str | None
    fail_on: str
    strict: bool
    as_of: str | None
    rules: list[Path]
    jobs: int = 1


def parse(argv: list[str]) -> Args | None:
    """The arguments after `evaluate`, or None if typer should handle them."""
    values: dict[str, Any] = {"fmt": "table", "output": None, "lang": None, "fail_on": "fail",
                              "strict": False, "as_of": None, "rules": [], "jobs": 1}
    paths: list[Path] = []
    tokens = iter(argv)
    for token in tokens:
        if token == "--":
            paths.extend(Path(t) for t in tokens)
            break
        if not token.startswith("-") or token == "-":
            paths.append(Path(token))
            continue
        name, eq, inline = token.partition("=")
        if name in _FLAGS and not eq:
            values[_FLAGS[name]] = True
            continue
        if name not in _VALUED or (eq and not name.startswith("--")):
            return None
        value = inline if eq else next(tokens, None)
        if value is None or value == "":
            return None
        key = _VALUED[name]
        if key == "rules":
            values["rules"].append(Path(value))
        elif key == "output":
            values["output"] = Path(value)
        elif key == "jobs":
            if not value.isdigit() or int(value) < 1:
                return None  # typer's message
            values["jobs"] = int(value)
        else:
            values[key] = value
    if not paths or values["fmt"] not in FORMATS or values["fail_on"] not in FAIL_ON \
            or (values["lang"] is not None and values["lang"] not in LANGS):
        return None
    output: Path | None = values["output"]
    if output is not None and (output.is_dir() or _unreadable(output)):
        return None  # typer's "is a directory" / "is not readable" messages
    if any(path.exists() and not path.is_dir() for path in values["rules"]) \
            or any(_unreadable(path) for path in (*paths, *values["rules"])):
        return None  # typer's "is a file" / "is not readable" messages
    return Args(paths=paths, **values)


def _unreadable(path: Path) -> bool:
    return os.path.exists(path) and not os.access(path, os.R_OK)


def try_run(argv: list[str]) -> int | None:
    """Exit code of `aicheck evaluate ...` (argv after `evaluate`), or None: use typer."""
    args = parse(argv)
    if args is None:
        return None
    try:
        return evaluate(args)
    except KeyboardInterrupt:
        print("aicheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        from checker.files import closed_pipe

        return closed_pipe()
    except Exception as exc:  # the same last line of defence as checker.cli.app.run
        from checker.errors import internal_error

        return internal_error(exc)


def _fail(exc: AicheckError, lang: Lang) -> int:
    from checker.i18n import message, render_problem

    if isinstance(exc, InputError):
        text = "".join(render_problem(problem, lang) + "\n" for problem in exc.problems)
    elif isinstance(exc, UsageError):
        text = f"aicheck: {message(exc.code, lang, **exc.params)}\n"
    else:
        text = f"aicheck: {exc}\n"
    sys.stdout.flush()
    sys.stderr.write(text)
    sys.stderr.flush()
    return exc.exit_code


def _as_of(value: str | None) -> str:
    if value is None:
        return datetime.date.today().isoformat()
    from checker.batch.api import parse_date

    return parse_date(value)


def evaluate(args: Args) -> int:
    from checker.i18n import default_lang

    lang: Lang = default_lang() if args.lang is None else ("da" if args.lang == "da" else "en")
    try:
        from checker.batch import api

        date = _as_of(args.as_of)
        if args.fmt == "json" and args.output is None:
            return _stream_json(args, date, lang)
        from checker.formats import render

        report = api.evaluate(args.paths, date, args.rules, args.strict, lang=lang,
                              jobs=args.jobs)
        tty = args.output is None and sys.stdout.isatty()
        text = render(args.fmt, report, lang, tty=tty)
        if args.output is None:
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            from checker.files import write_atomic

            write_atomic(args.output, text, api.collect(args.paths),
                         api.rule_dirs(args.rules))
    except AicheckError as exc:
        return _fail(exc, lang)
    return _exit_code(report, args.fail_on)


_SPLICE = "\0aicheck-use-cases\0"


def _stream_json(args: Args, date: str, lang: Lang) -> int:
    """The JSON report, one use case at a time, with the bytes of json_report.render."""
    import json
    import tempfile

    from checker import __version__
    from checker.batch import api
    from checker.report import Report
    from checker.rules.packs import load_packs

    packs = load_packs(tuple(args.rules))
    files = api.collect(args.paths)
    stubs: list[UseCaseReport] = []
    problems: list[Problem] = []
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        for found, chunk, stub in _rendered(args, packs, files, date, lang):
            if found:
                problems.extend(found)
                continue
            if problems or stub is None:
                continue  # the run fails: only keep finding problems
            spool.write((",\n    " if stubs else "    ") + chunk)
            stubs.append(stub)
        problems.extend(api.duplicate_ids(stubs))
        if problems:
            raise InputError(problems)
        report = Report(__version__, packs, date, args.strict, tuple(stubs))
        head = report.to_dict(lang)
        head["use_cases"] = [_SPLICE]
        text = json.dumps(head, ensure_ascii=False, indent=2) + "\n"
        before, after = text.split("    " + json.dumps(_SPLICE))
        out = sys.stdout
        out.write(before)
        spool.seek(0)
        while block := spool.read(1 << 16):
            out.write(block)
        out.write(after)
        out.flush()
    return _exit_code(report, args.fail_on)


Rendered = tuple[list["Problem"], str, "UseCaseReport | None"]


def _render(packs: tuple[Pack, ...], path: Path, date: str, lang: Lang,
            strict: bool) -> Rendered:
    """One file: its problems, or its JSON (indented as inside the report) and its stub."""
    from checker import fastjson
    from checker.batch import api

    try:
        item = api.evaluate_file(packs, path, date)
    except InputError as exc:
        return exc.problems, "", None
    return [], fastjson.dumps(item.to_dict(lang, strict), level=2), _stub(item, strict)


def _rendered(args: Args, packs: tuple[Pack, ...], files: list[Path], date: str,
              lang: Lang) -> Iterator[Rendered]:
    """Every file rendered in order, in this process or in `--jobs` worker processes."""
    jobs = min(args.jobs, len(files))
    if jobs <= 1:
        for path in files:
            yield _render(packs, path, date, lang, args.strict)
        return
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunk = max(1, min(64, len(files) // (jobs * 8)))
    with context.Pool(jobs, initializer=_init_worker,
                      initargs=(tuple(args.rules), files, date, lang, args.strict)) as pool:
        yield from pool.imap(_work, range(len(files)), chunksize=chunk)


_WORKER: dict[str, Any] = {}


def _init_worker(rules: tuple[Path, ...], files: list[Path], date: str, lang: Lang,
                 strict: bool) -> None:
    from checker.rules.packs import load_packs

    _WORKER.update(packs=load_packs(rules), files=files, date=date, lang=lang, strict=strict)


def _work(index: int) -> Rendered:
    w = _WORKER
    return _render(w["packs"], w["files"][index], w["date"], w["lang"], w["strict"])


def _exit_code(report: Report, fail_on: str) -> int:
    return report.exit_code("never" if fail_on == "never" else
                            "warn" if fail_on == "warn" else "fail")


def _stub(report: UseCaseReport, strict: bool) -> UseCaseReport:
    """A use case's identity and verdict without its results (for the header and exit code)."""
    from dataclasses import replace

    verdict = report.verdict(strict)
    deciding = tuple(r for r in report.results if r.counted_as(strict) == verdict)[:1]
    return replace(report, results=deciding)
