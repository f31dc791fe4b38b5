"""Per-file cost of each stage of evaluating a portfolio, in this process.

    .venv/bin/python bench/stages.py               # 500 generated use cases, 5 passes
    .venv/bin/python bench/stages.py --files 2000 --passes 7

Generates use cases as `bench/run.py` does, loads the bundled packs, and times each stage
over all files: PyYAML's CSafeLoader alone (the baseline), our strict load (`load_file`), the
schema check, evaluating every rule, building the report dictionary and writing its JSON.
Each figure is the best of the passes, in milliseconds per file, with the garbage collector
off (so a stage is not charged for collecting what another left). Not a test.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))


def best(fn: Callable[[Any], Any], items: list[Any], passes: int) -> float:
    fastest = float("inf")
    for _ in range(passes):
        start = time.perf_counter()
        for item in items:
            fn(item)
        fastest = min(fastest, time.perf_counter() - start)
    return fastest / len(items) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=500, help="use cases (default 500)")
    parser.add_argument("--passes", type=int, default=5, help="passes per stage (default 5)")
    args = parser.parse_args(argv)

    import yaml
    from run import generate_portfolio

    from checker import engine, fastjson
    from checker.load import schema, yamlio
    from checker.rules.packs import load_packs

    with tempfile.TemporaryDirectory(prefix="aicheck-stages-") as tmp:
        generate_portfolio(Path(tmp), args.files)
        files = sorted(Path(tmp).rglob("*.yaml"))
        packs = load_packs(())
        gc.collect()
        gc.disable()
        docs = [yamlio.load_file(p) for p in files]
        reports = [engine.evaluate(packs, d, "2026-11-25") for d in docs]
        dicts = [r.to_dict("en", False) for r in reports]
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        stages = {
            "parse only (CSafeLoader)": best(
                lambda p: yaml.load(p.read_bytes(), Loader=loader), files, args.passes),
            "strict load": best(yamlio.load_file, files, args.passes),
            "schema": best(lambda d: schema.validate(d, "use-case"), docs, args.passes),
            f"evaluate {sum(len(p.rules) for p in packs)} rules": best(
                lambda d: engine.evaluate(packs, d, "2026-11-25"), docs, args.passes),
            "report dict": best(lambda r: r.to_dict("en", False), reports, args.passes),
            "JSON text": best(lambda d: fastjson.dumps(d, level=2), dicts, args.passes),
        }
        gc.enable()
    print(f"{len(files)} files, best of {args.passes} passes, ms per file")
    for name, ms in stages.items():
        print(f"  {name:26s} {ms:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
