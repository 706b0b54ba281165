"""In-place commands against openpyxl's load and save of the same file.

    python bench/inplace.py [--rows-per-sheet 200 2000] [--repeat 3]

For each size: ``analysis`` and ``normalise`` (read, compute, write through the
part-level writer, verify) against openpyxl ``load_workbook`` + ``save`` (what a
script doing the same job would pay before any work). Medians; results in
bench/results/inplace.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import big_seed, timed  # noqa: E402
from tests.fixtures import write_plan  # noqa: E402


def run_command(name: str, path: Path) -> None:
    from xlplan.analysis import analysis_edits
    from xlplan.apply import apply_edits
    from xlplan.normalise import normalise_edits
    from xlplan.reader import read_plan

    compute = analysis_edits if name == "analysis" else normalise_edits

    def verify(tmp: Path) -> None:
        read_plan(tmp)

    apply_edits(path, compute(read_plan(path)), verify=verify)


def peak_mb(fn) -> float:
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows-per-sheet", type=int, nargs="+", default=[200, 2000])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    import openpyxl

    from tests.seeds import sodermalm

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for per_sheet in args.rows_per_sheet:
            seed = big_seed(per_sheet * 5)
            seed["ANALYSIS_AS_FILED"] = sodermalm.ANALYSIS_AS_FILED
            master = write_plan(tmp / f"plan-{per_sheet}.xlsx", seed, layout="merged")
            work = tmp / "work.xlsx"

            def fresh() -> Path:
                shutil.copy(master, work)
                return work

            def openpyxl_roundtrip() -> None:
                openpyxl.load_workbook(fresh()).save(tmp / "opx.xlsx")

            row = {"rows": per_sheet * 5, "size_kb": round(master.stat().st_size / 1024)}
            row["openpyxl_load_save_s"] = timed(openpyxl_roundtrip, args.repeat)
            for name in ("analysis", "normalise"):
                row[f"{name}_s"] = timed(lambda: run_command(name, fresh()), args.repeat)
                row[f"{name}_peak_mb"] = round(peak_mb(lambda: run_command(name, fresh())), 1)
            results.append(row)
    print(f"{'rows':>6} {'KiB':>5} {'openpyxl load+save':>19} {'analysis':>9} {'ratio':>6} {'normalise':>10} {'ratio':>6}")
    for r in results:
        o = r["openpyxl_load_save_s"]
        print(f"{r['rows']:>6} {r['size_kb']:>5} {o:>18.3f}s {r['analysis_s']:>8.3f}s {r['analysis_s'] / o:>6.2f} "
              f"{r['normalise_s']:>9.3f}s {r['normalise_s'] / o:>6.2f}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "inplace.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
