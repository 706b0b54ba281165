"""The whole benchmark: every command against its natural baseline, and the targets.

    python bench/run.py [--quick]

Generates plans of 100, 1,000 and 10,000 measure rows (the Södermalm seed's
texts spread over the five area sheets) and a folder of 1,000 typical plans,
then times, as medians of several runs:

- validate (read + rules), analysis, normalise (read, compute, write through
  the part-level writer, verify) and merge (a master and two parties' copies),
- against (a) openpyxl ``load_workbook`` of the same file, (b) python-calamine
  reading all sheets' values, (c) openpyxl load + save (for the commands that
  write);
- consolidate of 1,000 plans as a whole process, xlplan's start-up, and the
  add-in's server-side click through xlwings' remote engine.

Peak memory is Python's (tracemalloc) for in-process commands; for consolidate
it is the peak of the resident memory of the process and its workers together,
sampled from /proc every 50 ms. Prints a table and the targets (PASS/MISS),
writes bench/results/bench.json so runs can be compared over time.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import big_seed, timed  # noqa: E402
from bench.consolidate import measure_consolidate  # noqa: E402
from tests.fixtures import write_plan  # noqa: E402
from tests.seeds import sodermalm  # noqa: E402


def peak_mb(fn) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def plans_for(rows: int, folder: Path) -> dict[str, Path]:
    seed = big_seed(rows)
    seed["ANALYSIS_AS_FILED"] = sodermalm.ANALYSIS_AS_FILED
    master_seed = copy.deepcopy(seed)
    for sheet in master_seed["SHEETS"]:
        for row in sheet["rows"]:
            row["followups"] = ["" if isinstance(f, str) else f for f in row.get("followups", [])]
    return {
        "plan": write_plan(folder / f"plan-{rows}.xlsx", seed),
        "master": write_plan(folder / f"master-{rows}.xlsx", master_seed),
        "copy": write_plan(folder / f"copy-{rows}.xlsx", seed, reverse=True),
    }


def measure_size(rows: int, repeat: int, folder: Path) -> dict:
    import openpyxl
    import python_calamine as pc

    from xlplan.analysis import analysis_edits
    from xlplan.apply import apply_edits
    from xlplan.merge import merge_followups
    from xlplan.normalise import normalise_edits
    from xlplan.reader import read_plan
    from xlplan.rules import check

    files = plans_for(rows, folder)
    plan = files["plan"]
    work = folder / "work.xlsx"

    def fresh() -> Path:
        shutil.copy(plan, work)
        return work

    def calamine() -> None:
        book = pc.CalamineWorkbook.from_path(str(plan))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()

    def in_place(compute) -> None:
        path = fresh()
        apply_edits(path, compute(read_plan(path)), verify=read_plan)

    def merge() -> None:
        shutil.copy(files["master"], work)
        merge_followups(work, [files["copy"], files["copy"]], folder / "merged.xlsx")

    commands = {
        "validate": lambda: check(read_plan(plan)),
        "analysis": lambda: in_place(analysis_edits),
        "normalise": lambda: in_place(normalise_edits),
        "merge": merge,
    }
    commands["validate"]()  # warm imports and caches
    row = {"rows": rows, "size_kb": round(plan.stat().st_size / 1024)}
    row["openpyxl_load_s"] = timed(lambda: openpyxl.load_workbook(plan), max(1, repeat // 2))
    row["calamine_s"] = timed(calamine, repeat)
    row["openpyxl_load_save_s"] = timed(lambda: openpyxl.load_workbook(fresh()).save(folder / "opx.xlsx"),
                                        max(1, repeat // 2))
    for name, fn in commands.items():
        row[f"{name}_s"] = timed(fn, repeat)
        row[f"{name}_peak_mb"] = round(peak_mb(fn), 1)
    return row


def measure_startup(repeat: int) -> dict:
    example = ROOT / "examples" / "sodermalm-2025.xlsx"
    validate = [sys.executable, "-m", "xlplan", "validate", str(example)]
    imports = [sys.executable, "-c", "import pandas, pandera, openpyxl"]
    return {"xlplan_validate_process_s": timed(lambda: subprocess.run(validate, capture_output=True), repeat),
            "import_pandas_pandera_openpyxl_s": timed(lambda: subprocess.run(imports, capture_output=True), repeat)}


def measure_excel(repeat: int) -> dict:
    from bench.excel import click
    from tests.xlwings_payload import payload_for

    payload, merges = payload_for(ROOT / "examples" / "sodermalm-2025.xlsx")
    click(payload, merges, "validate")
    return {"validate_example_ms": round(1000 * timed(lambda: click(payload, merges, "validate"), repeat), 1),
            "analysis_example_ms": round(1000 * timed(lambda: click(payload, merges, "analysis"), repeat), 1)}


def targets(sizes: list[dict], startup: dict, cons: dict, excel: dict) -> list[tuple[str, bool, str]]:
    out = []
    ratio = startup["xlplan_validate_process_s"] / startup["import_pandas_pandera_openpyxl_s"]
    out.append(("validate (whole process) < 1.5 × import pandas, pandera, openpyxl", ratio < 1.5, f"{ratio:.2f} ×"))
    big = next((s for s in sizes if s["rows"] == 10000), None)
    if big:
        limit = 2 * big["calamine_s"] + 1
        out.append(("validate 10,000 rows < 2 × calamine + 1 s", big["validate_s"] < limit,
                    f"{big['validate_s']:.2f} s (limit {limit:.2f} s)"))
        small = next(s for s in sizes if s["rows"] == 1000)
        growth = big["validate_s"] / small["validate_s"]
        out.append(("validate grows linearly (10 × rows ≤ 12 × time)", growth <= 12, f"{growth:.1f} ×"))
    for name in ("analysis", "normalise"):
        worst = max(s[f"{name}_s"] / s["openpyxl_load_save_s"] for s in sizes)
        out.append((f"{name} in place faster than openpyxl load + save at every size", worst < 1, f"worst {worst:.2f} ×"))
    if cons:
        out.append((f"consolidate {cons['plans']:,} plans < 15 s", cons["seconds"] < 15, f"{cons['seconds']} s"))
        out.append(("consolidate peak memory < 1 GB", cons["peak_rss_mb"] < 1024,
                    f"{cons['peak_rss_mb']} MB (all processes together, sampled every 50 ms)"))
    out.append(("Excel validate (remote engine) on the example < 100 ms", excel["validate_example_ms"] < 100,
                f"{excel['validate_example_ms']} ms"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="100 and 1,000 rows, 100 plans: a smoke run")
    args = ap.parse_args()
    sizes_wanted = [100, 1000] if args.quick else [100, 1000, 10000]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        sizes = [measure_size(n, 5 if n < 10000 else 3, tmp) for n in sizes_wanted]
        startup = measure_startup(5)
        excel = measure_excel(7)
        cons = measure_consolidate(100 if args.quick else 1000, tmp)
    head = (f"{'rows':>6} {'KiB':>5} {'openpyxl':>9} {'calamine':>9} {'opx l+s':>8} "
            + " ".join(f"{c:>10}" for c in ("validate", "analysis", "normalise", "merge")))
    print(head)
    for s in sizes:
        print(f"{s['rows']:>6} {s['size_kb']:>5} {s['openpyxl_load_s']:>8.3f}s {s['calamine_s']:>8.3f}s "
              f"{s['openpyxl_load_save_s']:>7.3f}s " +
              " ".join(f"{s[f'{c}_s']:>9.3f}s" for c in ("validate", "analysis", "normalise", "merge")))
    print(f"{'ratios to openpyxl load+save':>40}: " + ", ".join(
        f"{s['rows']} rows: " + "/".join(f"{s[f'{c}_s'] / s['openpyxl_load_save_s']:.2f}"
                                         for c in ("analysis", "normalise", "merge")) for s in sizes))
    print(f"{'peak Python memory (MB), validate/analysis/normalise/merge':>40}: " + ", ".join(
        f"{s['rows']}: " + "/".join(str(s[f'{c}_peak_mb']) for c in ("validate", "analysis", "normalise", "merge"))
        for s in sizes))
    print(f"consolidate: {cons['summary']} ({cons['seconds']} s)")
    print()
    results = targets(sizes, startup, cons, excel)
    for label, ok, value in results:
        print(f"{'PASS' if ok else 'MISS'}  {label}: {value}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(json.dumps({
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "sizes": sizes, "startup": startup, "excel": excel, "consolidate": cons,
        "targets": [{"target": label, "met": ok, "value": value} for label, ok, value in results],
    }, indent=2))


if __name__ == "__main__":
    main()
