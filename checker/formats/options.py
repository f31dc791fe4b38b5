"""Options that only some formats read; every format accepts them and ignores the rest."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

JunitAs = Literal["failure", "skipped"]


@dataclass(frozen=True)
class Options:
    # SARIF and JUnit: also report passed, not-applicable and upcoming rules.
    include_passed: bool = False
    # JUnit: how warn and needs-information results are reported.
    junit_warn_as: JunitAs = "skipped"
    # Table: only the portfolio summary and the per-rule tally, no per-use-case details.
    summary: bool = False


DEFAULT = Options()
