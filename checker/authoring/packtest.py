"""Run each rule's own examples: the rule pack's test suite (like `semgrep --test`)."""

from __future__ import annotations

from dataclasses import dataclass

from checker.engine import decide
from checker.rules.packs import Example, Pack, Rule

EXPECTED = {"pass": "pass", "unknown": "needs_info", "not_applicable": "not_applicable"}


@dataclass(frozen=True)
class ExampleResult:
    rule: Rule
    example: Example
    expected: str
    got: str

    @property
    def ok(self) -> bool:
        return self.expected == self.got

    @property
    def name(self) -> str:
        return f"{self.rule.pack}/{self.rule.id}/{self.example.name}"


def expected_status(rule: Rule, example: Example) -> str:
    return rule.outcome if example.kind == "fail" else EXPECTED[example.kind]


def run_rule(rule: Rule) -> list[ExampleResult]:
    out = []
    for example in rule.examples:
        status, _, _ = decide(rule, example.as_use_case())
        out.append(ExampleResult(rule, example, expected_status(rule, example), status))
    return out


def run(packs: tuple[Pack, ...]) -> list[ExampleResult]:
    return [res for pack in packs for rule in pack.rules for res in run_rule(rule)]
