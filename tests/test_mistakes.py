"""Typical mistakes in hand-written questionnaires, read as the user reads them.

Each file in tests/mistakes/ is a small questionnaire with exactly one mistake. It is run through
the real command line in English and in Danish, and the message must name the place (file, line,
column, path), say what is wrong and what to write instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from checker.__main__ import main

from .conftest import ROOT

MISTAKES = ROOT / "tests" / "mistakes"


@dataclass(frozen=True)
class Mistake:
    file: str
    line: int | tuple[int, ...]  # a tuple: any of these lines is right
    column: int | tuple[int, ...]
    path: str
    en: str
    da: str
    command: str = "validate"


CASES = [
    Mistake("misspelt-key", 12, 3, "data.personal_dat",
            "unknown key `personal_dat`; did you mean `personal_data`?",
            "ukendt nøgle `personal_dat`; mente du `personal_data`?"),
    Mistake("yes-for-true", 12, 18, "data.personal_data",
            "`yes` is not a boolean here: write `true`",
            "`yes` er ikke en sandhedsværdi her: skriv `true`"),
    Mistake("ja-for-true", 13, 16, "data.cpr_numbers",
            "`nej` is not a boolean here: write `false`",
            "`nej` er ikke en sandhedsværdi her: skriv `false`"),
    Mistake("waiver-date-format", 17, 14, "waivers[0].expires",
            "`30-06-2027` is not a date; write it as YYYY-MM-DD, e.g. 2027-06-30",
            "`30-06-2027` er ikke en dato; skriv den som ÅÅÅÅ-MM-DD"),
    Mistake("value-not-in-list", 14, 18, "vendor.data_location",
            "`europe` is not allowed; write one of `denmark`, `eu_eea`, `third_country` or "
            "`unknown`",
            "`europe` er ikke tilladt; skriv en af `denmark`, `eu_eea`, `third_country` eller "
            "`unknown`"),
    Mistake("enum-wrong-case", 5, 9, "organisation.kind",
            "did you mean `municipality`?", "mente du `municipality`?"),
    Mistake("waiver-without-expiry", 14, 5, "waivers[0]",
            "the required key `expires` is missing; add `expires:` with a date YYYY-MM-DD",
            "den obligatoriske nøgle `expires` mangler; tilføj `expires:` med en dato ÅÅÅÅ-MM-DD"),
    Mistake("missing-section", 1, 1, "",
            "the required key `data` is missing; add `data:`",
            "den obligatoriske nøgle `data` mangler; tilføj `data:`"),
    Mistake("wrong-nesting", 11, 3, "use.cpr_numbers",
            "unknown key `cpr_numbers`; did you mean `data.cpr_numbers`?",
            "ukendt nøgle `cpr_numbers`; mente du `data.cpr_numbers`?"),
    Mistake("scalar-for-list", 13, 18, "data.data_subjects",
            "a list is expected here: write `[citizens]`",
            "her forventes en liste: skriv `[citizens]`"),
    Mistake("empty-answer", 12, 17, "data.personal_data",
            "no answer is given: write `true` or `false`, or `unknown` if you do not know",
            "der er ikke givet et svar: skriv `true` eller `false`, eller `unknown`"),
    Mistake("duplicate-key", 14, 3, "data.personal_data",
            "`personal_data` is given twice (first on line 12); keep one",
            "`personal_data` er angivet to gange (første gang i linje 12); behold én"),
    Mistake("tab-indentation", 5, 1, "",
            "a tab character is used for indentation; indent with spaces",
            "der er brugt tabulator til indrykning; indryk med mellemrum"),
    # The anchor is on line 11, the alias on line 13: either place leads the user to both.
    Mistake("anchor-alias", (11, 13), (3, 7, 14), "legal_basis.operation",
            "anchors and aliases (&name, *name) are not allowed; write the value out",
            "ankre og aliaser (&navn, *navn) er ikke tilladt; skriv værdien ud"),
    Mistake("top-level-list", 1, 1, "",
            "the file must be a mapping of questions to answers, not a list: write one "
            "`key: value` per line, starting with `schema_version: 1`",
            "filen skal være en samling af spørgsmål og svar, ikke en liste: skriv én "
            "`nøgle: værdi` pr. linje, begyndende med `schema_version: 1`"),
    Mistake("string-for-number", 14, 26, "vendor.prompt_retention_days",
            "`30 days` is not a whole number of 0 or more: write only the number, e.g. `30`",
            "`30 days` er ikke et helt tal på 0 eller mere: skriv kun tallet, fx `30`"),
    Mistake("quoted-true", 12, 18, "data.personal_data",
            '`"true"` in quotes is text, not a boolean: write true without quotes',
            '`"true"` i anførselstegn er tekst, ikke en sandhedsværdi: skriv true uden '
            "anførselstegn"),
    Mistake("camelcase-key", 12, 3, "data.personalData",
            "unknown key `personalData`; did you mean `personal_data`?",
            "ukendt nøgle `personalData`; mente du `personal_data`?"),
    Mistake("danish-key", 12, 3, "data.personoplysninger",
            "unknown key `personoplysninger`: the keys are in English; write `personal_data`",
            "ukendt nøgle `personoplysninger`: nøglerne er på engelsk; skriv `personal_data`"),
    Mistake("danish-key-wrong-section", 13, 3, "data.databehandleraftale",
            "unknown key `databehandleraftale`: the keys are in English; write "
            "`vendor.dpa_signed`",
            "ukendt nøgle `databehandleraftale`: nøglerne er på engelsk; skriv "
            "`vendor.dpa_signed`"),
    Mistake("empty-file", 1, 1, "",
            "the file is empty; start from an example in examples/ or run `aicheck init`",
            "filen er tom; tag udgangspunkt i et eksempel i examples/ eller kør `aicheck init`"),
    Mistake("waiver-unknown-rule", 14, 11, "waivers[0].rule",
            "the waiver names `DT-999`, which no loaded rule has; did you mean `DT-",
            "dispensationen nævner `DT-999`, som ingen indlæst regel har; mente du `DT-",
            command="evaluate"),
    Mistake("waiver-unknown-reason", 15, 13, "waivers[0].reason",
            "`unknown` is not accepted here; give the actual value",
            "`unknown` accepteres ikke her; angiv den faktiske værdi"),
    Mistake("wrong-schema-version", 1, 17, "schema_version",
            "`2` is not a questionnaire format aicheck knows: write `schema_version: 1`",
            "`2` er ikke et spørgeskemaformat, aicheck kender: skriv `schema_version: 1`"),
    Mistake("bad-id", 2, 5, "id",
            "`My Use Case` is not a valid id: use lower-case letters, digits and dashes; "
            "did you mean `my-use-case`?",
            "`My Use Case` er ikke et gyldigt id: brug små bogstaver, tal og bindestreger; "
            "mente du `my-use-case`?"),
    Mistake("number-for-boolean", 12, 18, "data.personal_data",
            "`1` is not allowed; write one of `true`, `false` or `unknown`",
            "`1` er ikke tilladt; skriv en af `true`, `false` eller `unknown`"),
    Mistake("waiver-rule-lowercase", 14, 11, "waivers[0].rule",
            "`dt-010` is not a rule id: write it in capitals as the report shows it: `DT-010`",
            "`dt-010` er ikke et regel-id: skriv det med store bogstaver, som rapporten viser "
            "det: `DT-010`"),
    Mistake("section-as-scalar", 11, 7, "data",
            "`data` is a section, not a single answer: write its answers on indented lines "
            "below `data:` instead of `true`",
            "`data` er et afsnit, ikke et enkelt svar: skriv dets svar på indrykkede linjer "
            "under `data:` i stedet for `true`"),
    Mistake("unrelated-key", 13, 1, "colour",
            "unknown key `colour`; use one of the keys allowed here: `schema_version`, `id`",
            "ukendt nøgle `colour`; brug en af de nøgler, der er tilladt her: `schema_version`"),
    Mistake("waiver-not-a-list", 14, 3, "waivers",
            "a list is expected here, not a single entry: put `- ` in front of the first key",
            "her forventes en liste, ikke en enkelt post: skriv `- ` foran den første nøgle"),
]


def _options(value: int | tuple[int, ...]) -> tuple[int, ...]:
    return value if isinstance(value, tuple) else (value,)


def test_corpus_is_complete() -> None:
    files = {p.stem for p in MISTAKES.glob("*.yaml")}
    assert files == {c.file for c in CASES}
    assert len(CASES) >= 20


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_mistake_message(case: Mistake, lang: str, capsys, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    path = Path("tests", "mistakes", f"{case.file}.yaml")
    args = [case.command, str(path), "--lang", lang]
    if case.command == "evaluate":
        args += ["--format", "json", "--as-of", "2026-11-25"]
    code = main(args)
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err  # exactly one mistake per file, reported once
    where, _, rest = lines[0].partition(": ")
    file, line, column = where.rsplit(":", 2)
    assert file == str(path)
    assert int(line) in _options(case.line) and int(column) in _options(case.column), where
    if case.path:
        assert rest.startswith(f"{case.path}: "), rest
    phrase = case.en if lang == "en" else case.da
    assert phrase in rest, rest


def test_every_mistake_says_what_to_write() -> None:
    """Each English message tells the user what to do, not only what is wrong."""
    verbs = ("write", "did you mean", "add", "keep one", "indent", "put", "give", "start from",
             "use ")
    for case in CASES:
        assert any(v in case.en for v in verbs), case.file
