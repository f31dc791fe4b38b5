"""Evaluate files in worker processes, yielding reports in the files' order.

Workers send back each result's rule id and plain data, not the rule itself: a rule (texts,
references, examples) would cost far more to pickle than to evaluate. The parent puts its own
rule objects back, so the report is the same object graph, and the output the same bytes, as
in one process.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from checker.errors import InputError, Problem
from checker.report import Result, UseCaseReport
from checker.rules.packs import Pack

_WORKER: dict[str, Any] = {}
Sent = tuple[str, str, str, str, tuple[tuple[Any, ...], ...]] | list[Problem]


def _init(extra: tuple[Path, ...], files: list[Path], as_of: str) -> None:
    from checker.rules.packs import load_packs

    _WORKER.update(packs=load_packs(extra), files=files, as_of=as_of)


def _work(index: int) -> Sent:
    from checker.batch import api

    try:
        report = api.evaluate_file(_WORKER["packs"], _WORKER["files"][index], _WORKER["as_of"])
    except InputError as exc:
        return list(exc.problems)
    rows = tuple((r.rule.id, r.status, r.answers, r.missing, r.waiver, r.underlying)
                 for r in report.results)
    return report.file, report.sha256, report.id, report.title, rows


def reports(packs: tuple[Pack, ...], extra: tuple[Path, ...], files: list[Path], as_of: str,
            jobs: int) -> Iterator[UseCaseReport | InputError]:
    import multiprocessing

    rules = {rule.id: rule for pack in packs for rule in pack.rules}
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunk = max(1, min(64, len(files) // (jobs * 8)))
    with context.Pool(jobs, initializer=_init, initargs=(extra, files, as_of)) as pool:
        for sent in pool.imap(_work, range(len(files)), chunksize=chunk):
            if isinstance(sent, list):
                yield InputError(sent)
                continue
            file, sha256, use_case_id, title, rows = sent
            yield UseCaseReport(file, sha256, use_case_id, title, tuple(
                Result(rules[rule_id], status, answers, missing, waiver, underlying)
                for rule_id, status, answers, missing, waiver, underlying in rows))
