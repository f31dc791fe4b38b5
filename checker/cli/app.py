"""The `aicheck` command: a thin typer layer over the library.

Heavy modules (yaml, jsonschema, rich) are imported inside the commands that need them.
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from checker import __version__
from checker.errors import EXIT_INPUT, AicheckError, InputError, UsageError
from checker.i18n import Lang, default_lang, message, render_problem, t

app = typer.Typer(
    name="aicheck",
    help="Check a proposed use of generative AI by a Danish public authority against "
    "KL's and Datatilsynet's guidance, the GDPR, the AI Act and Danish administrative law.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
    no_args_is_help=True,
)
rules_app = typer.Typer(help="List, show, test and lint rule packs.", rich_markup_mode=None,
                        no_args_is_help=True)
app.add_typer(rules_app, name="rules")


class Format(StrEnum):
    table = "table"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    markdown = "markdown"
    questions = "questions"
    html = "html"


class JunitAs(StrEnum):
    failure = "failure"
    skipped = "skipped"


class ListFormat(StrEnum):
    table = "table"
    json = "json"


class FailOn(StrEnum):
    fail = "fail"
    warn = "warn"
    never = "never"


class Language(StrEnum):
    da = "da"
    en = "en"


LangOption = Annotated[
    Language | None,
    typer.Option("--lang", help="Report language (default: $AICHECK_LANG, else the locale)."),
]
RulesOption = Annotated[
    list[Path] | None,
    typer.Option("--rules", help="Extra rule pack directory (repeatable).", file_okay=False),
]


def _lang(value: Language | None) -> Lang:
    if value is None:
        return default_lang()
    return "da" if value is Language.da else "en"


def _fail(exc: AicheckError, lang: Lang) -> NoReturn:
    if isinstance(exc, InputError):
        for problem in exc.problems:
            typer.echo(render_problem(problem, lang), err=True)
    elif isinstance(exc, UsageError):
        typer.echo(f"aicheck: {message(exc.code, lang, **exc.params)}", err=True)
    else:
        typer.echo(f"aicheck: {exc}", err=True)
    raise typer.Exit(exc.exit_code)


@contextmanager
def _errors(lang: Lang) -> Iterator[None]:
    try:
        yield
    except AicheckError as exc:
        _fail(exc, lang)


def _as_of(value: str | None) -> str:
    if value is None:
        return datetime.date.today().isoformat()
    from checker.batch.api import parse_date

    return parse_date(value)


def _emit(text: str, output: Path | None, inputs: list[Path],
          protected: list[Path] | None = None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from checker.files import write_atomic

    write_atomic(output, text, inputs, protected or ())


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"aicheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=version_callback,
                                          is_eager=True, help="Show the version.")] = False,
) -> None:
    """aicheck: sourced pass / warn / fail reports on generative-AI use cases."""


@app.command()
def evaluate(
    paths: Annotated[list[Path], typer.Argument(help="Use-case files or directories.",
                                                metavar="PATH...")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Report format.")] = Format.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", dir_okay=False,
                                                help="Write the report to this file.")] = None,
    lang: LangOption = None,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 at or above this "
                                            "level.")] = FailOn.fail,
    strict: Annotated[bool, typer.Option("--strict", help="Count missing information as "
                                         "fail, not warn.")] = False,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="YYYY-MM-DD",
                                              help="Evaluation date (default: today).")] = None,
    rules: RulesOption = None,
    include_passed: Annotated[bool, typer.Option(
        "--include-passed", help="SARIF: also report passed, not-applicable and upcoming "
        "rules (JUnit always lists every rule).")] = False,
    junit_warn_as: Annotated[JunitAs, typer.Option(
        "--junit-warn-as", help="JUnit: report warn and needs-information results as "
        "failures or as skipped tests.")] = JunitAs.skipped,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=1, help="Evaluate in N worker processes (the same output as "
        "one).")] = 1,
    summary: Annotated[bool, typer.Option(
        "--summary", help="Table: only the portfolio summary (one row per use case) and the "
        "per-rule tally.")] = False,
) -> None:
    """Evaluate use cases against the rule packs and report pass / warn / fail."""
    language = _lang(lang)
    with _errors(language):
        from checker.batch import api
        from checker.formats import render
        from checker.formats.options import Options

        date = _as_of(as_of)
        report = api.evaluate(paths, date, rules or (), strict, lang=language,
                              findings_only=summary and fmt is Format.table, jobs=jobs)
        tty = output is None and sys.stdout.isatty()
        options = Options(include_passed=include_passed,
                          junit_warn_as="failure" if junit_warn_as is JunitAs.failure
                          else "skipped", summary=summary)
        text = render(fmt.value, report, language, tty=tty, options=options)
        _emit(text, output, api.collect(paths), api.rule_dirs(rules or ()))
    raise typer.Exit(report.exit_code(fail_on.value))


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Use-case files or directories.",
                                                metavar="PATH...")],
    lang: LangOption = None,
) -> None:
    """Check questionnaires against the schema only; no rules are evaluated."""
    language = _lang(lang)
    with _errors(language):
        from checker.batch import api

        problems = []
        files = api.collect(paths)
        for path in files:
            try:
                api.load_use_case(path)
            except InputError as exc:
                problems.extend(exc.problems)
        if problems:
            raise InputError(problems)
    ok = t("validate.ok", language)
    for path in files:
        typer.echo(f"{path}: {ok}")


def _packs(directory: Path | None, extra: list[Path] | None) -> tuple[object, ...]:
    from checker import resources
    from checker.rules.packs import load_packs

    if directory is None:
        return load_packs(tuple(extra or ()))
    bundled = resources.rules_dir().resolve()
    inside = directory.resolve() == bundled or bundled in directory.resolve().parents
    return load_packs((directory, *(extra or ())), bundled=not inside)


@rules_app.command("list")
def rules_list(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
    lang: LangOption = None,
    rules: RulesOption = None,
) -> None:
    """List every rule."""
    language = _lang(lang)
    with _errors(language):
        from checker.rules.packs import Pack

        packs: tuple[Pack, ...] = _packs(None, rules)  # type: ignore[assignment]
        if fmt is ListFormat.json:
            import json

            items = [{
                "id": r.id, "pack": r.pack,
                "title": {"da": r.title.da, "en": r.title.en},
                "outcome": r.outcome, "effective_from": r.effective_from,
                "fields": list(r.fields),
                "references": [{"source": f.source, "section": f.section,
                                "section_da": f.section_da or f.section, "url": f.url,
                                "verified": f.verified} for f in r.references],
            } for p in packs for r in p.rules]
            sys.stdout.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
            return
        for pack in packs:
            for rule in pack.rules:
                typer.echo(f"{rule.id:<10} {rule.outcome:<5} {pack.id:<13} "
                           f"{rule.title.get(language)}")


@rules_app.command("show")
def rules_show(
    rule_id: Annotated[str, typer.Argument(metavar="ID")],
    lang: LangOption = None,
    rules: RulesOption = None,
) -> None:
    """Show one rule's documentation."""
    language = _lang(lang)
    with _errors(language):
        from checker.authoring.explain import rule_doc
        from checker.rules.packs import Pack

        packs: tuple[Pack, ...] = _packs(None, rules)  # type: ignore[assignment]
        typer.echo(rule_doc(rule_id, packs, language))


@rules_app.command("test")
def rules_test(
    directory: Annotated[Path | None, typer.Argument(metavar="[DIR]", file_okay=False)] = None,
    lang: LangOption = None,
) -> None:
    """Run every rule's own examples."""
    language = _lang(lang)
    with _errors(language):
        from checker.authoring import packtest
        from checker.rules.packs import Pack

        packs: tuple[Pack, ...] = _packs(directory, None)  # type: ignore[assignment]
        results = packtest.run(packs)
    failed = [r for r in results if not r.ok]
    for res in failed:
        typer.echo(f"FAILED {res.name}: expected {res.expected}, got {res.got}")
    typer.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    raise typer.Exit(1 if failed else 0)


@rules_app.command("lint")
def rules_lint(
    directory: Annotated[Path | None, typer.Argument(metavar="[DIR]", file_okay=False)] = None,
    lang: LangOption = None,
) -> None:
    """Check rule packs: schema, ids, languages, and every field against the questionnaire."""
    language = _lang(lang)
    with _errors(language):
        from checker.rules.packs import Pack

        packs: tuple[Pack, ...] = _packs(directory, None)  # type: ignore[assignment]
    count = sum(len(p.rules) for p in packs)
    typer.echo(f"{len(packs)} packs, {count} rules: ok")


@rules_app.command("doc")
def rules_doc(
    lang: LangOption = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", dir_okay=False)] = None,
) -> None:
    """Print the rule documentation (Markdown), generated from the rule files."""
    language = _lang(lang)
    with _errors(language):
        from checker.authoring.docs import packs_markdown
        from checker.rules.packs import Pack

        packs: tuple[Pack, ...] = _packs(None, None)  # type: ignore[assignment]
        _emit(packs_markdown(packs, language), output, [])


@app.command()
def explain(
    name: Annotated[str, typer.Argument(metavar="RULE-ID|FIELD.PATH")],
    lang: LangOption = None,
    rules: RulesOption = None,
) -> None:
    """Explain a rule (what, why, how to fix) or a question (its text, answers, rules)."""
    language = _lang(lang)
    with _errors(language):
        from checker.authoring.explain import explain as explain_text
        from checker.rules.packs import Pack

        packs: tuple[Pack, ...] = _packs(None, rules)  # type: ignore[assignment]
        typer.echo(explain_text(name, packs, language))


@app.command()
def schema(
    name: Annotated[str, typer.Argument(metavar="[use-case|rule|report|pack]")] = "use-case",
    lang: LangOption = None,
) -> None:
    """Print a bundled JSON Schema (for editors and other tools)."""
    language = _lang(lang)
    with _errors(language):
        from checker import resources
        from checker.i18n import render_choices

        if name not in resources.SCHEMA_NAMES:
            raise UsageError("usage.unknown_schema", value=name,
                             expected=render_choices(list(resources.SCHEMA_NAMES), language))
        sys.stdout.write(resources.schema_path(name).read_text(encoding="utf-8"))
        sys.stdout.flush()


@app.command()
def init(
    file: Annotated[Path | None, typer.Argument(
        metavar="[FILE]", dir_okay=False,
        help="File to write (default: use-case.yaml, or the --from file).")] = None,
    source: Annotated[Path | None, typer.Option(
        "--from", dir_okay=False, help="Resume this questionnaire: ask only what is missing "
        "or unknown.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    lang: LangOption = None,
) -> None:
    """Answer the questionnaire interactively and write it as a commented YAML file."""
    language = _lang(lang)
    with _errors(language):
        from checker.authoring import init as interactive

        target = file or source or Path("use-case.yaml")
        try:
            interactive.run(target, source, force, language)
        except KeyboardInterrupt:
            typer.echo("\n" + interactive.texts("interrupted", language), err=True)
            raise typer.Exit(130) from None
        except EOFError:
            typer.echo("\n" + interactive.texts("ended", language), err=True)
            raise typer.Exit(EXIT_INPUT) from None


class DiffFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="Earlier use case (YAML) or JSON report.")],
    new: Annotated[Path, typer.Argument(help="Later use case (YAML) or JSON report.")],
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f")] = DiffFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", dir_okay=False)] = None,
    lang: LangOption = None,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="YYYY-MM-DD")] = None,
    rules: RulesOption = None,
) -> None:
    """Show the answers that changed between two versions and the results they moved."""
    language = _lang(lang)
    with _errors(language):
        from checker.authoring import diff as diffing
        from checker.authoring.diffrender import render as render_diff
        from checker.batch import api

        date = _as_of(as_of)
        extra = tuple(rules or ())
        result = diffing.compare(*diffing.load_pair(old, new, date, language, extra))
        _emit(render_diff(result, fmt.value, language), output, [old, new],
              api.rule_dirs(extra))


def run(argv: list[str]) -> int:
    """Run the app and return its exit code; anything unexpected is exit 3, not a traceback."""
    try:
        app(args=argv, prog_name="aicheck")
    except BrokenPipeError:
        from checker.files import closed_pipe

        return closed_pipe()
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else EXIT_INPUT)
    except KeyboardInterrupt:
        print("aicheck: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        from checker.errors import internal_error

        return internal_error(exc)
    return 0
