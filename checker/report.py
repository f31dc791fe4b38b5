"""Results and reports: data only. Language is applied in `to_dict` and the formatters."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import cache, cached_property
from typing import Any, Literal

from checker.i18n import Lang
from checker.rules.packs import Pack, Rule

Status = Literal["pass", "fail", "warn", "needs_info", "not_applicable", "waived", "upcoming"]
FINDINGS = frozenset({"fail", "warn", "needs_info", "waived"})
STATUSES: tuple[Status, ...] = (
    "fail", "warn", "needs_info", "waived", "pass", "not_applicable", "upcoming")
FailOn = Literal["fail", "warn", "never"]
Verdict = Literal["fail", "warn", "pass"]


@cache
def questionnaire_schema_sha256() -> str:
    """The questionnaire schema the answers were checked against, for the audit trail."""
    import hashlib

    from checker import resources

    return hashlib.sha256(resources.schema_path("use-case").read_bytes()).hexdigest()


@dataclass(frozen=True)
class Answer:
    """One answer a result rests on, where the user wrote it."""

    path: str
    value: Any
    line: int | None
    column: int | None
    state: Literal["answered", "unknown", "missing"] = "answered"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "state": self.state}
        if self.state != "missing":
            out["value"] = self.value
        out["line"] = self.line
        out["column"] = self.column
        return out


@dataclass(frozen=True)
class Waiver:
    rule: str
    reason: str
    approved_by: str
    expires: str
    line: int | None
    expired: bool


@dataclass(frozen=True)
class Result:
    rule: Rule
    status: Status
    answers: tuple[Answer, ...]
    missing: tuple[Answer, ...]
    waiver: Waiver | None = None
    # For waived and upcoming results: what the status would otherwise be.
    underlying: Status | None = None

    def counted_as(self, strict: bool) -> Verdict | None:
        if self.status == "fail" or (self.status == "needs_info" and strict):
            return "fail"
        if self.status in ("warn", "needs_info"):
            return "warn"
        return None

    def to_dict(self, lang: Lang) -> dict[str, Any]:
        rule = self.rule
        out: dict[str, Any] = {
            "rule": rule.id,
            "pack": rule.pack,
            "status": self.status,
            "outcome": rule.outcome,
            "title": rule.title.get(lang),
        }
        if self.status in ("fail", "warn", "waived") or self.underlying in ("fail", "warn"):
            out["message"] = rule.message.get(lang)
            out["remediation"] = rule.remediation.get(lang)
        if self.underlying is not None:
            out["underlying_status"] = self.underlying
        if rule.effective_from:
            out["effective_from"] = rule.effective_from
        out["answers"] = [a.to_dict() for a in self.answers]
        out["missing"] = [a.to_dict() for a in self.missing]
        out["references"] = [
            {"source": r.source, "section": r.section_in(lang), "url": r.url,
             "verified": r.verified}
            for r in rule.references
        ]
        if self.waiver is not None:
            w = self.waiver
            out["waiver"] = {"reason": w.reason, "approved_by": w.approved_by,
                             "expires": w.expires, "expired": w.expired, "line": w.line}
        return out


@dataclass(frozen=True)
class UseCaseReport:
    file: str
    sha256: str
    id: str
    title: str
    results: tuple[Result, ...]
    # Set by `findings_only`: the counts of every result, when only some are kept.
    all_counts: tuple[tuple[str, int], ...] | None = None

    @cached_property
    def _counts(self) -> dict[str, int]:
        if self.all_counts is not None:
            return dict(self.all_counts)
        found = Counter(r.status for r in self.results)
        return {status: found.get(status, 0) for status in STATUSES}

    def counts(self) -> dict[str, int]:
        return dict(self._counts)

    def findings_only(self) -> UseCaseReport:
        """The same use case keeping only fail, warn, needs-information and waived results
        (with the counts of all): what a portfolio summary needs, at a fraction of the memory."""
        kept = tuple(r for r in self.results if r.status in FINDINGS)
        return replace(self, results=kept, all_counts=tuple(self._counts.items()))

    def verdict(self, strict: bool) -> Verdict:
        # Computed from the counts (cached): a portfolio asks for each verdict several times.
        counts = self._counts
        if counts["fail"] or (strict and counts["needs_info"]):
            return "fail"
        return "warn" if counts["warn"] or counts["needs_info"] else "pass"

    def to_dict(self, lang: Lang, strict: bool) -> dict[str, Any]:
        return {
            "file": self.file,
            "sha256": self.sha256,
            "id": self.id,
            "title": self.title,
            "verdict": self.verdict(strict),
            "counts": self.counts(),
            "results": [r.to_dict(lang) for r in self.results],
        }


@dataclass(frozen=True)
class Report:
    tool_version: str
    packs: tuple[Pack, ...]
    as_of: str
    strict: bool
    use_cases: tuple[UseCaseReport, ...]

    def verdict(self) -> Verdict:
        verdicts = {u.verdict(self.strict) for u in self.use_cases}
        return "fail" if "fail" in verdicts else "warn" if "warn" in verdicts else "pass"

    def exit_code(self, fail_on: FailOn) -> int:
        verdict = self.verdict()
        if fail_on == "never":
            return 0
        if fail_on == "warn":
            return 1 if verdict in ("fail", "warn") else 0
        return 1 if verdict == "fail" else 0

    def audit(self, lang: Lang) -> dict[str, Any]:
        return {
            "tool": "aicheck",
            "tool_version": self.tool_version,
            "evaluation_date": self.as_of,
            "language": lang,
            "strict": self.strict,
            "questionnaire_schema_sha256": questionnaire_schema_sha256(),
            "packs": [{"id": p.id, "version": p.version, "sha256": p.sha256} for p in self.packs],
            "inputs": [{"file": u.file, "sha256": u.sha256} for u in self.use_cases],
        }

    def to_dict(self, lang: Lang) -> dict[str, Any]:
        return {
            "report_version": 1,
            "verdict": self.verdict(),
            "audit": self.audit(lang),
            "use_cases": [u.to_dict(lang, self.strict) for u in self.use_cases],
        }
