"""The library's front door: find inputs, load them strictly, evaluate, build a report."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from checker import __version__, engine
from checker.errors import InputError, Problem, UsageError
from checker.i18n import Lang
from checker.load import schema, yamlio
from checker.report import Report, UseCaseReport
from checker.rules.packs import Pack, load_packs

__all__ = ["collect", "evaluate", "evaluate_file", "load_packs", "load_use_case"]

SUFFIXES = (".yaml", ".yml")


def collect(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and directories searched recursively for *.yaml and *.yml (hidden
    directories skipped), in a stable order without duplicates."""
    out: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file()
                           and not any(part.startswith(".") for part in
                                       p.relative_to(path).parts[:-1]))
            if not found:
                problems.append(Problem(str(path), None, None, "", "file.no_yaml"))
            out.extend(found)
        elif path.is_file():
            out.append(path)
        else:
            problems.append(Problem(str(path), None, None, "", "file.not_found"))
    if problems:
        raise InputError(problems)
    seen: set[Path] = set()
    unique = []
    for path in out:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def rule_dirs(extra: Iterable[Path]) -> list[Path]:
    """Directories no report may be written into: the bundled packs and any extra ones."""
    from checker import resources

    return [resources.rules_dir(), *extra]


def parse_date(value: str) -> str:
    """An evaluation date given as YYYY-MM-DD (and only that form)."""
    import datetime
    import re

    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            return datetime.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise UsageError("usage.bad_date", value=value)


def load_use_case(path: Path) -> yamlio.Document:
    """Load a questionnaire and check it against the schema; raise InputError with every
    problem in the file."""
    doc = yamlio.load_file(path)
    problems = [*doc.problems, *schema.validate(doc, "use-case")]
    if not problems:
        from checker.load import consistency

        problems = consistency.problems(doc)
    if problems:
        raise InputError(problems)
    return doc


def evaluate_file(packs: tuple[Pack, ...], path: Path, as_of: str) -> UseCaseReport:
    return engine.evaluate(packs, load_use_case(path), as_of)


def iter_reports(packs: tuple[Pack, ...], files: list[Path], as_of: str
                 ) -> Iterator[UseCaseReport | InputError]:
    """One report per file, or the file's InputError: one bad file does not hide the others."""
    for path in files:
        try:
            yield evaluate_file(packs, path, as_of)
        except InputError as exc:
            yield exc


def evaluate(paths: Iterable[Path], as_of: str, extra_rules: Iterable[Path] = (),
             strict: bool = False, lang: Lang | None = None,
             findings_only: bool = False, jobs: int = 1) -> Report:
    """Evaluate every questionnaire under `paths`; raise InputError listing every bad file.

    With `lang`, a long run on a terminal shows a progress bar on standard error. With
    `findings_only`, each use case keeps only its findings (and the counts of all results),
    which is all a portfolio summary reads. With `jobs` above 1, files are evaluated in that
    many worker processes; the report is the same."""
    extra = tuple(extra_rules)
    packs = load_packs(extra)
    files = collect(paths)
    if jobs > 1 and len(files) > 1:
        from checker.batch import parallel

        items = parallel.reports(packs, extra, files, as_of, min(jobs, len(files)))
    else:
        items = iter_reports(packs, files, as_of)
    if lang is not None:
        from checker.batch.progress import bar

        with bar(len(files), lang) as tick:
            return _evaluate(packs, items, as_of, strict, tick, findings_only)
    return _evaluate(packs, items, as_of, strict, None, findings_only)


def _evaluate(packs: tuple[Pack, ...], items: Iterable[UseCaseReport | InputError], as_of: str,
              strict: bool, tick: Callable[[], None] | None, findings_only: bool) -> Report:
    reports: list[UseCaseReport] = []
    problems: list[Problem] = []
    for item in items:
        if tick is not None:
            tick()
        if isinstance(item, InputError):
            problems.extend(item.problems)
        else:
            reports.append(item.findings_only() if findings_only else item)
    problems.extend(duplicate_ids(reports))
    if problems:
        raise InputError(problems)
    return Report(__version__, packs, as_of, strict, tuple(reports))


def duplicate_ids(reports: Iterable[UseCaseReport]) -> list[Problem]:
    """Each use case's `id` names it in reports and CI annotations: two files may not share one."""
    first: dict[str, str] = {}
    out = []
    for report in reports:
        if report.id in first:
            out.append(Problem(report.file, None, None, "id", "use_case.duplicate_id",
                               (("id", report.id), ("other", first[report.id]))))
        first.setdefault(report.id, report.file)
    return out
