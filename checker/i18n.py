"""Interface texts in Danish and English. Rule texts live in the rule files, not here."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Literal

from checker.errors import Problem

Lang = Literal["da", "en"]
LANGS: tuple[Lang, ...] = ("da", "en")


@dataclass(frozen=True)
class Text:
    """A text a user reads, in both languages."""

    da: str
    en: str

    def get(self, lang: Lang) -> str:
        return self.da if lang == "da" else self.en

    @classmethod
    def from_mapping(cls, value: Any) -> Text:
        return cls(da=str(value["da"]), en=str(value["en"]))


def default_lang(environ: dict[str, str] | None = None) -> Lang:
    """AICHECK_LANG, else the locale's language, else English."""
    env = os.environ if environ is None else environ
    explicit = env.get("AICHECK_LANG", "").strip().lower()
    if explicit in LANGS:
        return explicit
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "da" if value.lower().startswith("da") else "en"
    return "en"


MESSAGES: dict[str, tuple[str, str]] = {
    # key: (en, da)
    "file.unreadable": ("cannot read the file: {reason}", "filen kan ikke læses: {reason}"),
    "file.not_found": ("no such file or directory", "filen eller mappen findes ikke"),
    "file.no_yaml": ("no *.yaml or *.yml files in this directory",
                     "ingen *.yaml- eller *.yml-filer i mappen"),
    "yaml.not_utf8": ("the file is not valid UTF-8 text; save it as UTF-8",
                      "filen er ikke gyldig UTF-8-tekst; gem den som UTF-8"),
    "yaml.too_large": ("the file is {size} bytes; the limit is {limit} bytes",
                       "filen fylder {size} bytes; grænsen er {limit} bytes"),
    "yaml.syntax": ("this is not valid YAML: {detail}", "dette er ikke gyldig YAML: {detail}"),
    "yaml.tab": ("a tab character is used for indentation; indent with spaces",
                 "der er brugt tabulator til indrykning; indryk med mellemrum"),
    "yaml.too_deep": ("the document is nested deeper than {limit} levels",
                      "dokumentet er indlejret i mere end {limit} niveauer"),
    "yaml.empty": ("the file is empty; start from an example in examples/ or run `aicheck init`",
                   "filen er tom; tag udgangspunkt i et eksempel i examples/ eller kør "
                   "`aicheck init`"),
    "yaml.alias": ("anchors and aliases (&name, *name) are not allowed; write the value out",
                   "ankre og aliaser (&navn, *navn) er ikke tilladt; skriv værdien ud"),
    "yaml.tag": ("the explicit tag `{tag}` is not allowed; write a plain value",
                 "det eksplicitte tag `{tag}` er ikke tilladt; skriv en almindelig værdi"),
    "yaml.key_not_string": ("the key `{key}` must be plain text",
                            "nøglen `{key}` skal være almindelig tekst"),
    "yaml.duplicate_key": ("`{key}` is given twice (first on line {first}); keep one",
                           "`{key}` er angivet to gange (første gang i linje {first}); behold én"),
    "schema.top_level": ("the file must be a mapping of questions to answers, not {found}: "
                         "write one `key: value` per line, starting with `schema_version: 1`",
                         "filen skal være en samling af spørgsmål og svar, ikke {found}: skriv "
                         "én `nøgle: værdi` pr. linje, begyndende med `schema_version: 1`"),
    "schema.unknown_key": ("unknown key `{key}`{suggestion}", "ukendt nøgle `{key}`{suggestion}"),
    "allowed_keys": ("; use one of the keys allowed here: {expected}",
                     "; brug en af de nøgler, der er tilladt her: {expected}"),
    "schema.danish_key": ("unknown key `{key}`: the keys are in English; write `{english}`",
                          "ukendt nøgle `{key}`: nøglerne er på engelsk; skriv `{english}`"),
    "schema.missing_required": ("the required key `{key}` is missing; add `{key}:` with {expected}",
                                "den obligatoriske nøgle `{key}` mangler; tilføj `{key}:` med "
                                "{expected}"),
    "schema.boolean_lookalike": (
        "`{value}` is not a boolean here: write `{meant}` (the answers are `true`, `false` or "
        "`unknown`)",
        "`{value}` er ikke en sandhedsværdi her: skriv `{meant}` (svarene er `true`, `false` "
        "eller `unknown`)"),
    "schema.null": ("no answer is given: write {expected}, or `unknown` if you do not know",
                    "der er ikke givet et svar: skriv {expected}, eller `unknown` hvis I ikke "
                    "ved det"),
    "schema.not_in_list": ("`{value}` is not allowed; write one of {expected}{suggestion}",
                           "`{value}` er ikke tilladt; skriv en af {expected}{suggestion}"),
    "schema.quoted_boolean": (
        "`\"{value}\"` in quotes is text, not a boolean: write {value} without quotes",
        "`\"{value}\"` i anførselstegn er tekst, ikke en sandhedsværdi: skriv {value} uden "
        "anførselstegn"),
    "schema.quoted_number": (
        "`\"{value}\"` in quotes is text, not a number: write {value} without quotes",
        "`\"{value}\"` i anførselstegn er tekst, ikke et tal: skriv {value} uden anførselstegn"),
    "schema.not_a_number": (
        "`{value}` is not a whole number of 0 or more: write only the number, e.g. `30`, "
        "or `unknown`",
        "`{value}` er ikke et helt tal på 0 eller mere: skriv kun tallet, fx `30`, eller "
        "`unknown`"),
    "schema.mapping_not_list": (
        "a list is expected here, not a single entry: put `- ` in front of the first key of "
        "each entry",
        "her forventes en liste, ikke en enkelt post: skriv `- ` foran den første nøgle i hver "
        "post"),
    "schema.not_a_section": (
        "`{key}` is a section, not a single answer: write its answers on indented lines below "
        "`{key}:` instead of `{value}`",
        "`{key}` er et afsnit, ikke et enkelt svar: skriv dets svar på indrykkede linjer under "
        "`{key}:` i stedet for `{value}`"),
    "schema.version": ("`{value}` is not a questionnaire format aicheck knows: write "
                       "`schema_version: 1`",
                       "`{value}` er ikke et spørgeskemaformat, aicheck kender: skriv "
                       "`schema_version: 1`"),
    "schema.bad_rule_id": ("`{value}` is not a rule id: write it in capitals as the report "
                           "shows it: `{example}`",
                           "`{value}` er ikke et regel-id: skriv det med store bogstaver, som "
                           "rapporten viser det: `{example}`"),
    "schema.wrong_value": ("`{value}` is not allowed here; expected {expected}",
                           "`{value}` er ikke tilladt her; forventet {expected}"),
    "schema.not_a_list": ("a list is expected here: write `[{value}]`, or `unknown`",
                          "her forventes en liste: skriv `[{value}]` eller `unknown`"),
    "schema.bad_date": ("`{value}` is not a date; write it as YYYY-MM-DD, e.g. 2027-06-30",
                        "`{value}` er ikke en dato; skriv den som ÅÅÅÅ-MM-DD, fx 2027-06-30"),
    "schema.blank_waiver_text": ("a waiver needs real text here: write who approved it, or why",
                                 "en dispensation skal have en rigtig tekst her: skriv, hvem der "
                                 "har godkendt den, eller hvorfor"),
    "schema.contradiction": ("{en}", "{da}"),
    "schema.empty_text": ("the text is empty; write an answer or `unknown`",
                          "teksten er tom; skriv et svar eller `unknown`"),
    "schema.duplicate_item": ("the list repeats a value; give each value once",
                              "listen gentager en værdi; angiv hver værdi én gang"),
    "schema.unknown_not_allowed": ("`unknown` is not accepted here; give the actual value",
                                   "`unknown` accepteres ikke her; angiv den faktiske værdi"),
    "schema.bad_id": ("`{value}` is not a valid id: use lower-case letters, digits and dashes"
                      "{suggestion}",
                      "`{value}` er ikke et gyldigt id: brug små bogstaver, tal og bindestreger"
                      "{suggestion}"),
    "schema.other": ("{detail}", "{detail}"),
    "use_case.duplicate_id": ("the id `{id}` is also used by {other}; give each use case its "
                              "own id",
                              "id'et `{id}` bruges også af {other}; giv hver anvendelse sit eget "
                              "id"),
    "waiver.unknown_rule": ("the waiver names `{rule}`, which no loaded rule has{suggestion}",
                            "dispensationen nævner `{rule}`, som ingen indlæst regel har"
                            "{suggestion}"),
    "waiver.duplicate": ("`{rule}` has more than one waiver; keep one",
                         "`{rule}` har mere end én dispensation; behold én"),
    "rule.bad_condition": ("a condition is `all: [...]`, `any: [...]`, `not: ...` or "
                           "`{field: PATH, OPERATOR: VALUE}`",
                           "en betingelse er `all: [...]`, `any: [...]`, `not: ...` eller "
                           "`{field: STI, OPERATOR: VÆRDI}`"),
    "rule.empty_group": ("`{group}` needs a list of at least one condition",
                         "`{group}` skal have en liste med mindst én betingelse"),
    "rule.one_operator": ("a comparison has `field` and exactly one operator, found: {found}",
                          "en sammenligning har `field` og præcis én operator; fundet: {found}"),
    "rule.unknown_operator": ("unknown operator `{operator}`; use one of {expected}{suggestion}",
                              "ukendt operator `{operator}`; brug en af {expected}{suggestion}"),
    "rule.bad_operand": ("`{operator}` cannot compare with `{value}`; it takes {expected}",
                         "`{operator}` kan ikke sammenligne med `{value}`; den tager {expected}"),
    "rule.file_name": ("the file name must be the rule id: `{expected}`",
                       "filnavnet skal være reglens id: `{expected}`"),
    "rule.duplicate_id": ("the rule id `{rule}` is also used in {other}",
                          "regel-id'et `{rule}` bruges også i {other}"),
    "rule.wrong_pack": ("the rule says pack `{found}` but lives in pack `{expected}`",
                        "reglen angiver pakken `{found}`, men ligger i pakken `{expected}`"),
    "rule.wrong_prefix": ("the rule id must start with the pack prefix `{prefix}-`",
                          "regel-id'et skal begynde med pakkens præfiks `{prefix}-`"),
    "rule.unknown_field": ("the rule reads `{field}`, which the questionnaire does not define"
                           "{suggestion}",
                           "reglen læser `{field}`, som spørgeskemaet ikke definerer{suggestion}"),
    "rule.bad_operator": ("`{operator}` cannot be used on `{field}`, which is {kind}",
                          "`{operator}` kan ikke bruges på `{field}`, som er {kind}"),
    "rule.bad_value": ("`{field}` can never be `{value}`; it takes {expected}",
                       "`{field}` kan aldrig være `{value}`; det tager {expected}"),
    "rule.compares_unknown": ("do not compare with `unknown`; the engine handles unknown answers",
                              "sammenlign ikke med `unknown`; motoren håndterer ukendte svar"),
    "rule.example_invalid": ("example {example}: {detail}", "eksempel {example}: {detail}"),
    "diff.mixed": ("compare two questionnaires or two JSON reports, not one of each",
                   "sammenlign to spørgeskemaer eller to JSON-rapporter, ikke én af hver"),
    "diff.bad_report": ("not a JSON report of one use case from `aicheck evaluate --format "
                        "json`: {detail}",
                        "ikke en JSON-rapport for én anvendelse fra `aicheck evaluate --format "
                        "json`: {detail}"),
    "rule.escapes_pack": ("the file points outside its pack directory",
                          "filen peger uden for pakkens mappe"),
    "pack.missing_manifest": ("the directory has no pack.yaml", "mappen har ingen pack.yaml"),
    "pack.duplicate": ("the pack id `{pack}` is loaded twice",
                       "pakke-id'et `{pack}` indlæses to gange"),
    "pack.no_rules": ("the pack has no rule files", "pakken har ingen regelfiler"),
    "usage.output_is_input": ("the output file {file} is one of the inputs; choose another file",
                              "outputfilen {file} er en af inputfilerne; vælg en anden fil"),
    "usage.output_in_rules": ("the output file {file} is inside the rule pack directory {rules}; "
                              "choose a place outside it",
                              "outputfilen {file} ligger i regelpakkemappen {rules}; vælg et "
                              "sted uden for den"),
    "usage.cannot_write": ("cannot write {file}: {reason}", "kan ikke skrive {file}: {reason}"),
    "usage.bad_date": ("`{value}` is not a date in the form YYYY-MM-DD",
                       "`{value}` er ikke en dato på formen ÅÅÅÅ-MM-DD"),
    "usage.unknown_format": ("unknown format `{value}`; choose one of {expected}",
                             "ukendt format `{value}`; vælg en af {expected}"),
    "usage.unknown_rule": ("no rule or question is called `{value}`{suggestion}",
                           "ingen regel eller spørgsmål hedder `{value}`{suggestion}"),
    "usage.unknown_schema": ("unknown schema `{value}`; choose one of {expected}",
                             "ukendt skema `{value}`; vælg en af {expected}"),
    "usage.exists": ("{file} already exists; add --force to replace it, or name another file",
                     "{file} findes allerede; tilføj --force for at erstatte den, eller angiv en "
                     "anden fil"),
    "did_you_mean": ("; did you mean `{value}`?", "; mente du `{value}`?"),
    "or": ("or", "eller"),
}


def message(code: str, lang: Lang, **params: str) -> str:
    en, da = MESSAGES.get(code, ("{detail}", "{detail}"))
    template = da if lang == "da" else en
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def did_you_mean(value: str | None, lang: Lang) -> str:
    return message("did_you_mean", lang, value=value) if value else ""


def render_problem(problem: Problem, lang: Lang) -> str:
    """`file:line:col: path: message`, the form editors and CI annotate from."""
    params = dict(problem.params)
    if "suggestion" in params:
        params["suggestion"] = did_you_mean(params["suggestion"] or None, lang)
    for name, value in params.items():
        if value.startswith("\x00"):
            params[name] = render_choices(value[1:].split("\x00"), lang)
    if not params.get("suggestion") and params.get("allowed"):
        params["suggestion"] = message("allowed_keys", lang, expected=params["allowed"])
    where = problem.file
    if problem.line is not None:
        where += f":{problem.line}"
        if problem.column is not None:
            where += f":{problem.column}"
    text = message(problem.code, lang, **params)
    return f"{where}: {problem.path}: {text}" if problem.path else f"{where}: {text}"


CHOICE_WORDS: dict[str, tuple[str, str]] = {
    "@text": ("a text", "en tekst"),
    "@number": ("a whole number", "et helt tal"),
    "@date": ("a date YYYY-MM-DD", "en dato ÅÅÅÅ-MM-DD"),
    "@mapping": ("a mapping of keys and values", "en samling af nøgler og værdier"),
    "@list": ("a list", "en liste"),
    "@bool": ("true or false", "true eller false"),
    "@value": ("true, false, a number or a text", "true, false, et tal eller en tekst"),
}


def _choice(value: str, lang: Lang) -> str:
    if not value.startswith("@"):
        return f"`{value}`"
    head, _, items = value.partition(":")
    en, da = CHOICE_WORDS.get(head, (head, head))
    word = da if lang == "da" else en
    if items:
        word += (" med " if lang == "da" else " of ") + ", ".join(items.split(", "))
    return word


def render_choices(values: list[str], lang: Lang) -> str:
    quoted = [_choice(v, lang) for v in values]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + f" {message('or', lang)} " + quoted[-1]


def choices(values: list[str]) -> str:
    """Pack a list of choices into a Problem parameter; rendered per language later."""
    return "\x00" + "\x00".join(values)


UI: dict[str, tuple[str, str]] = {
    "status.fail": ("FAIL", "FEJL"),
    "status.warn": ("WARN", "ADVARSEL"),
    "status.needs_info": ("NEEDS INFORMATION", "MANGLER OPLYSNINGER"),
    "status.waived": ("WAIVED", "DISPENSATION"),
    "status.pass": ("PASS", "OK"),
    "status.not_applicable": ("NOT APPLICABLE", "IKKE RELEVANT"),
    "status.upcoming": ("UPCOMING", "KOMMENDE"),
    "col.rule": ("Rule", "Regel"),
    "col.title": ("Title", "Titel"),
    "col.answers": ("Deciding answers", "Afgørende svar"),
    "col.reference": ("Reference", "Kilde"),
    "missing": ("missing answers", "manglende svar"),
    "not_answered": ("not answered", "ikke besvaret"),
    "line": ("line", "linje"),
    "unverified": ("not verified", "ikke verificeret"),
    "fix": ("What to do", "Det skal I gøre"),
    "waiver": ("waiver by {approved_by} until {expires}: {reason}",
               "dispensation fra {approved_by} til {expires}: {reason}"),
    "waiver_expired": ("waiver expired on {expires}", "dispensationen udløb {expires}"),
    "effective_from": ("applies from {date}", "gælder fra {date}"),
    "verdict.fail": ("FAIL", "FEJL"),
    "verdict.warn": ("WARN", "ADVARSEL"),
    "verdict.pass": ("PASS", "OK"),
    "verdict_line": ("{verdict}: {file}: {counts} (as of {date})",
                     "{verdict}: {file}: {counts} (pr. {date})"),
    "portfolio": ("Portfolio: {n} use cases", "Portefølje: {n} anvendelser"),
    "portfolio_tally": ("Rules with findings across the portfolio",
                        "Regler med fund på tværs af porteføljen"),
    "portfolio_none": ("No rule fails, warns or needs information in any use case.",
                       "Ingen regel fejler, advarer eller mangler oplysninger i nogen anvendelse."),
    "col.verdict": ("Verdict", "Resultat"),
    "col.use_cases": ("use cases", "anvendelser"),
    "portfolio_line": ("{verdict}: {fail} of {n} use cases fail, {warn} warn, {ok} pass",
                       "{verdict}: {fail} af {n} anvendelser fejler, {warn} advarer, {ok} er ok"),
    "progress": ("Evaluating", "Vurderer"),
    "not_applicable_count": ("{n} rules do not apply to this use case",
                             "{n} regler er ikke relevante for denne anvendelse"),
    # Report formats (issue 4): SARIF, JUnit, Markdown, HTML and supplier questions.
    "sarif.missing": ("Missing information: {fields}", "Manglende oplysninger: {fields}"),
    "sarif.passed": ("the rule is met", "reglen er opfyldt"),
    "sarif.not_applicable": ("the rule does not apply to this use case",
                             "reglen er ikke relevant for denne anvendelse"),
    "junit.suite": ("{title} ({file})", "{title} ({file})"),
    "questions.heading": ("Questions about: {title}", "Spørgsmål om: {title}"),
    "questions.intro": (
        "aicheck cannot decide {n} rules until these answers are known. Please answer each "
        "question as precisely as you can; 'unknown' leaves the rule undecided.",
        "aicheck kan ikke afgøre {n} regler, før disse svar kendes. Besvar hvert "
        "spørgsmål så præcist som muligt; 'unknown' efterlader reglen uafgjort."),
    "questions.none": ("No open questions: every answer the rules need is given.",
                       "Ingen åbne spørgsmål: alle svar, reglerne bruger, er givet."),
    "questions.title": ("Open questions", "Åbne spørgsmål"),
    "questions.general": ("General", "Generelt"),
    "questions.field": ("questionnaire field", "felt i spørgeskemaet"),
    "questions.unknown": ("answered 'unknown'", "besvaret med 'unknown'"),
    "questions.rules": ("needed by", "bruges af"),
    "report.title": ("aicheck report", "aicheck-rapport"),
    "report.verdict": ("Verdict", "Samlet vurdering"),
    "report.counts": ("Counts", "Optælling"),
    "report.findings": ("Findings", "Fund"),
    "report.no_findings": ("No findings.", "Ingen fund."),
    "report.missing": ("Missing information", "Manglende oplysninger"),
    "report.waivers": ("Waivers", "Dispensationer"),
    "report.audit": ("Audit", "Revisionsspor"),
    "report.disclaimer": ("aicheck is a checklist that cites its sources, not legal advice.",
                          "aicheck er en tjekliste med kildehenvisninger, ikke juridisk "
                          "rådgivning."),
    "report.as_of": ("Evaluated as of {date}", "Vurderet pr. {date}"),
    "col.status": ("Status", "Status"),
    "col.file": ("File", "Fil"),
    "col.field": ("Field", "Felt"),
    "col.question": ("Question", "Spørgsmål"),
    "col.rules": ("Rules", "Regler"),
    "col.reason": ("Reason", "Begrundelse"),
    "col.approved_by": ("Approved by", "Godkendt af"),
    "col.expires": ("Expires", "Udløber"),
    "col.pack": ("Pack", "Pakke"),
    "col.version": ("Version", "Version"),
    "col.sha256": ("SHA-256", "SHA-256"),
    "audit.tool": ("Tool", "Værktøj"),
    "audit.date": ("Evaluation date", "Vurderingsdato"),
    "audit.language": ("Language", "Sprog"),
    "audit.strict": ("Strict (missing information counts as fail)",
                     "Streng (manglende oplysninger tæller som fejl)"),
    "yes": ("yes", "ja"),
    "no": ("no", "nej"),
    "expired": ("expired", "udløbet"),
}


# A count's label: English, Danish singular, Danish plural ("1 advarsel", "2 advarsler").
COUNT_LABELS: dict[str, tuple[str, str, str]] = {
    "fail": ("fail", "fejl", "fejl"),
    "warn": ("warn", "advarsel", "advarsler"),
    "needs_info": ("need information", "mangler oplysninger", "mangler oplysninger"),
    "waived": ("waived", "dispensation", "dispensationer"),
    "pass": ("pass", "ok", "ok"),
    "not_applicable": ("not applicable", "ikke relevant", "ikke relevante"),
    "upcoming": ("upcoming", "kommende", "kommende"),
}


def count_label(status: str, count: int, lang: Lang) -> str:
    en, da_one, da_many = COUNT_LABELS[status]
    if lang == "en":
        return en
    return da_one if count == 1 else da_many


def ui(key: str, lang: Lang, **params: str) -> str:
    en, da = UI[key]
    return (da if lang == "da" else en).format(**params)
