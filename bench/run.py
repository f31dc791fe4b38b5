"""aicheck benchmark: whole processes of the installed tool, as ratios to `python -c pass`.

    .venv/bin/python bench/run.py            # full run, writes bench/results.md
    .venv/bin/python bench/run.py --quick    # fewer rounds and files

Cold start: a round-robin timer runs every command once per round, rotating the order, and
reports the median wall time and the median of the per-round ratio to `python -c pass` measured
in the same round (the ratio is what stays stable on a noisy machine).

Portfolio: N generated use cases of about 4 KB (mutations of the bundled examples with valid
random answers), evaluated in one process with `--format json` to /dev/null, against one process
that only parses the same files with PyYAML's CSafeLoader. Peak memory is the child's ru_maxrss.

Children run with PYTHONPYCACHEPREFIX pointing at a private cache directory, so the editable
checkout gets cached bytecode like a wheel install does, even with PYTHONDONTWRITEBYTECODE set.
Not a test: nothing here is timed by the test suite.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = "examples/m365-copilot-admin.yaml"

# label, arguments after the tool (None: the baseline), target ratio, stdout is a terminal
COLD: list[tuple[str, list[str] | None, float | None, bool]] = [
    ("python -c pass", None, None, False),
    ("aicheck --version", ["--version"], 2.0, False),
    ("aicheck evaluate EX --format json", ["evaluate", EXAMPLE, "--format", "json"], 8.0, False),
    ("aicheck evaluate EX (table, plain: pipe)", ["evaluate", EXAMPLE], 12.0, False),
    ("aicheck evaluate EX (table, rich: terminal)", ["evaluate", EXAMPLE], 12.0, True),
    ("AICHECK_CACHE_DIR=off aicheck evaluate EX --format json",
     ["evaluate", EXAMPLE, "--format", "json"], None, False),
    ("aicheck --help", ["--help"], None, False),
]


@dataclass
class Sample:
    seconds: float
    maxrss_kb: int
    code: int


@dataclass
class Series:
    label: str
    target: float | None = None
    samples: list[Sample] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass


def run_once(argv: list[str], env: dict[str, str], tty: bool = False,
             cwd: Path = ROOT) -> Sample:
    """Run a process; wall time and the child's peak resident memory (ru_maxrss, KiB)."""
    reader = None
    master = slave = -1
    if tty:
        import pty

        master, slave = pty.openpty()
        stdout: Any = slave
        reader = threading.Thread(target=_drain, args=(master,), daemon=True)
        reader.start()
    else:
        stdout = subprocess.DEVNULL
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=stdout,
                            stderr=subprocess.PIPE, env=env, cwd=cwd)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if tty:
        os.close(slave)
        if reader is not None:
            reader.join(timeout=5)
        os.close(master)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}:\n{err.decode()[-2000:]}")
    return Sample(elapsed, int(usage.ru_maxrss), proc.returncode)


def round_robin(commands: list[tuple[str, list[str], float | None, bool]], rounds: int,
                warmup: int, env: dict[str, str]) -> list[Series]:
    series = [Series(label, target) for label, _, target, _ in commands]
    order = list(range(len(commands)))
    for r in range(warmup + rounds):
        shift = r % len(order)
        times: dict[int, float] = {}
        for i in order[shift:] + order[:shift]:
            label, argv, _, tty = commands[i]
            sample = run_once(argv, {**env, "AICHECK_CACHE_DIR": "off"}
                              if label.startswith("AICHECK_CACHE_DIR=off") else env, tty)
            times[i] = sample.seconds
            if r >= warmup:
                series[i].samples.append(sample)
        if r >= warmup:
            for i in order:
                series[i].ratios.append(times[i] / times[0])
    return series


# --- portfolio ---------------------------------------------------------------------------------


def _random_answer(spec: Any, rng: random.Random) -> Any:
    if spec.unknown_allowed and rng.random() < 0.1:
        return "unknown"
    if spec.kind in ("boolean", "enum"):
        return rng.choice(spec.values)
    if spec.kind == "list":
        return rng.sample(list(spec.values), rng.randint(0, len(spec.values)))
    if spec.kind == "count":
        return rng.randint(0, 5000)
    if spec.kind == "date":
        return f"20{rng.randint(24, 29)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return rng.choice(["Eksempel Kommune", "Microsoft", "OpenAI", "Region Nord", "GPT-4o",
                       "Borgerservice", "Jobcenter", "Sagsbehandling på socialområdet"])


def generate_portfolio(directory: Path, count: int, seed: int = 6,
                       size: int = 4096) -> tuple[int, int]:
    """`count` valid questionnaires of about `size` bytes; returns (files, total bytes)."""
    import yaml

    from checker.load.fields import fields
    from checker.load.yamlio import load_file

    rng = random.Random(seed)
    bases = [load_file(p).data for p in sorted((ROOT / "examples").glob("*.yaml"))]
    specs = [s for s in fields().values() if s.kind not in ("const", "id")
             and s.path not in ("title", "description")]
    words = ("Anvendelsen af generativ AI i kommunen sker under en lokal retningslinje med "
             "undervisning, logning og løbende opfølgning hos databeskyttelsesrådgiveren. ")
    total = 0
    directory.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        data = {k: v for k, v in rng.choice(bases).items() if k != "waivers"}
        data = {k: (dict(v) if isinstance(v, dict) else v) for k, v in data.items()}
        for spec in rng.sample(specs, len(specs) // 3):
            *heads, last = spec.path.split(".")
            node = data
            for head in heads:
                node = node.setdefault(head, {})
            node[last] = _random_answer(spec, rng)
        _consistent(data)
        data["id"] = f"uc-{n:05d}"
        data["title"] = f"Use case {n}"
        data.pop("description", None)
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        pad = max(0, size - len(text.encode()) - 20)
        if pad:
            data["description"] = (words * (pad // len(words) + 1))[:pad].strip()
            text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        path = directory / f"{n // 1000:02d}" / f"uc-{n:05d}.yaml"
        path.parent.mkdir(exist_ok=True)
        raw = text.encode()
        path.write_bytes(raw)
        total += len(raw)
    return count, total


def _consistent(data: dict[str, Any]) -> None:
    """Random answers can contradict each other (the schema's x-consistency): make each
    contradicting answer `unknown`, as an honest questionnaire would."""
    import yaml

    from checker.load import consistency
    from checker.load.yamlio import load_bytes

    while True:
        found = consistency.problems(load_bytes(yaml.safe_dump(data).encode(), "generated"))
        if not found:
            return
        for problem in found:
            *heads, last = problem.path.split(".")
            node = data
            for head in heads:
                node = node[head]
            node[last] = "unknown"


PARSE_ONLY = """
import pathlib, sys, yaml
loader = yaml.CSafeLoader
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(path.read_bytes(), Loader=loader)
"""


# --- reporting ---------------------------------------------------------------------------------


def machine() -> list[str]:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = []
    for name in ("PyYAML", "jsonschema", "typer", "rich"):
        try:
            from importlib.metadata import version

            versions.append(f"{name} {version(name)}")
        except Exception:
            versions.append(f"{name} ?")
    return [
        f"- date: {datetime.datetime.now(datetime.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- machine: `nproc` = {nproc}, CPU: {cpu}, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()} ({sys.executable}); {', '.join(versions)}",
    ]


def fmt_ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def cold_table(series: list[Series]) -> list[str]:
    lines = ["| command | median ms | p25 ms | ratio to `python -c pass` | target | peak RSS MB |",
             "|---|---:|---:|---:|---:|---:|"]
    for s in series:
        times = sorted(x.seconds for x in s.samples)
        ratio = statistics.median(s.ratios)
        ok = "" if s.target is None else (" ✓" if ratio <= s.target else " ✗")
        target = "" if s.target is None else f"≤ {s.target:g}x"
        rss = max(x.maxrss_kb for x in s.samples) / 1024
        p25 = times[len(times) // 4]
        lines.append(f"| `{s.label}` | {fmt_ms(statistics.median(times))} | {fmt_ms(p25)} | "
                     f"{ratio:.2f}x{ok} | {target} | {rss:.0f} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="8 rounds, 1,000 files")
    parser.add_argument("--rounds", type=int, help="cold-start rounds (default 25, quick 8)")
    parser.add_argument("--warmup", type=int, default=2, help="warm-up rounds (default 2)")
    parser.add_argument("--files", type=int,
                        help="portfolio size (default 10,000, quick 1,000; 0 skips it)")
    parser.add_argument("--portfolio-rounds", type=int,
                        help="portfolio rounds (default 3, quick 1)")
    parser.add_argument("--aicheck", type=Path,
                        default=Path(sys.executable).parent / "aicheck",
                        help="the installed console script (default: next to this python)")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results.md",
                        help="where to write the Markdown table (default bench/results.md)")
    args = parser.parse_args(argv)
    rounds = args.rounds or (8 if args.quick else 25)
    files = args.files if args.files is not None else (1000 if args.quick else 10_000)
    p_rounds = args.portfolio_rounds or (1 if args.quick else 3)
    tool = str(args.aicheck)
    if not Path(tool).exists():
        parser.error(f"{tool} not found: install aicheck into this venv first")
    python = str(Path(tool).parent / "python")

    cache = Path(tempfile.mkdtemp(prefix="aicheck-bench-"))
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONDONTWRITEBYTECODE", "AICHECK_DEBUG", "PYTHONPATH")}
    env.update(PYTHONPYCACHEPREFIX=str(cache / "pycache"), AICHECK_LANG="en",
               COLUMNS="120", TERM=env.get("TERM", "xterm-256color"))
    commands = [(label, [python, "-c", "pass"] if extra is None else [tool, *extra], target, tty)
                for label, extra, target, tty in COLD]
    out: list[str] = ["# aicheck benchmark", "", *machine(),
                      f"- command: `{' '.join(['bench/run.py', *(argv or sys.argv[1:])])}`", ""]
    try:
        print(f"cold start: {rounds} rounds after {args.warmup} warm-up", file=sys.stderr)
        series = round_robin(commands, rounds, args.warmup, env)
        out += [f"## Cold start ({rounds} rounds, round-robin)", "", *cold_table(series), "",
                "EX is `examples/m365-copilot-admin.yaml`. The rule-pack cache "
                "(`checker.packcache`, in the user's cache directory) is warm after the warm-up "
                "rounds, as for any second run; the `AICHECK_CACHE_DIR=off` row loads and checks "
                "every rule file.", ""]
        if files:
            out += portfolio(tool, python, files, p_rounds, cache, env)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    text = "\n".join(out) + "\n"
    print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"written to {args.output}", file=sys.stderr)
    return 0


def portfolio(tool: str, python: str, files: int, rounds: int, cache: Path,
              env: dict[str, str]) -> list[str]:
    directory = cache / "portfolio"
    print(f"portfolio: generating {files} use cases", file=sys.stderr)
    count, total = generate_portfolio(directory, files)
    jobs = b"--jobs" in subprocess.run([tool, "evaluate", "--help"], capture_output=True,
                                       env=env, check=False).stdout
    commands = [("parse only (CSafeLoader)", [python, "-c", PARSE_ONLY, str(directory)]),
                ("aicheck validate DIR (strict load + schema)",
                 [tool, "validate", str(directory)]),
                ("aicheck evaluate DIR --summary", [tool, "evaluate", str(directory),
                                                    "--summary"]),
                ("aicheck evaluate DIR --format json", [tool, "evaluate", str(directory),
                                                        "--format", "json"])]
    if jobs:
        commands.append(("aicheck evaluate DIR --format json --jobs 2",
                         [tool, "evaluate", str(directory), "--format", "json", "--jobs", "2"]))
    results: dict[str, list[Sample]] = {label: [] for label, _ in commands}
    for r in range(rounds):
        print(f"portfolio: round {r + 1} of {rounds}", file=sys.stderr)
        shift = r % len(commands)
        for label, argv in commands[shift:] + commands[:shift]:
            results[label].append(run_once(argv, env))
    base = statistics.median(s.seconds for s in results[commands[0][0]])
    lines = [f"## Portfolio ({count:,} files, {total / count / 1024:.1f} KiB each on average, "
             f"{rounds} round(s), one process each)", "",
             "| command | median s | files/s | ratio to parse only | target | peak RSS MB |",
             "|---|---:|---:|---:|---:|---:|"]
    for label, _ in commands:
        median = statistics.median(s.seconds for s in results[label])
        target = "" if not label.startswith("aicheck evaluate") else \
            ("≤ 1.5x" if "--jobs" not in label else "≈ 0.5x of 1 job")
        rss = max(s.maxrss_kb for s in results[label]) / 1024
        mem = f"{rss:.0f}" + ("" if not label.startswith("aicheck evaluate") else
                              (" ✓" if rss < 300 else " ✗"))
        lines.append(f"| `{label}` | {median:.2f} | {count / median:,.0f} | "
                     f"{median / base:.2f}x | {target} | {mem} |")
    return [*lines, ""]


if __name__ == "__main__":
    sys.exit(main())
