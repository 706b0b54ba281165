"""How long reading a plan takes, against the natural baselines.

    python bench/read.py [--rows 100 1000 10000] [--repeat 5]

Prints a table (median of several runs) and writes bench/results/read.json.
Baselines: python-calamine reading all sheets' values (the floor for a
values-only reader) and openpyxl's load_workbook (what a user would otherwise
script). Plans are generated from the Södermalm seed's texts, spread over the
five area sheets.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import big_seed, timed  # noqa: E402
from tests.fixtures import write_plan  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    import openpyxl
    import python_calamine as pc

    from xlplan import read_plan

    def calamine_all(path):
        wb = pc.CalamineWorkbook.from_path(str(path))
        return [wb.get_sheet_by_name(n).to_python() for n in wb.sheet_names]

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.rows:
            path = write_plan(Path(tmp) / f"plan-{n}.xlsx", big_seed(n), layout="merged")
            read_plan(path)  # warm imports
            row = {"rows": n, "size_kb": round(path.stat().st_size / 1024)}
            row["xlplan_read_s"] = timed(lambda: read_plan(path), args.repeat)
            row["calamine_s"] = timed(lambda: calamine_all(path), args.repeat)
            row["openpyxl_s"] = timed(lambda: openpyxl.load_workbook(path), max(1, args.repeat // 2))
            results.append(row)
        example = ROOT / "examples" / "sodermalm-2025.xlsx"
        cmd = [sys.executable, "-m", "xlplan", "summary", str(example)]
        imports = [sys.executable, "-c", "import pandas, pandera, openpyxl"]
        startup = {
            "xlplan_summary_process_s": timed(lambda: subprocess.run(cmd, capture_output=True, check=True), args.repeat),
            "import_pandas_pandera_openpyxl_s": timed(lambda: subprocess.run(imports, check=True), args.repeat),
        }
    head = f"{'rows':>7} {'KiB':>6} {'xlplan read':>12} {'calamine':>9} {'openpyxl':>9} {'xlplan/cal':>10} {'xlplan/opx':>10}"
    print(head)
    for r in results:
        print(f"{r['rows']:>7} {r['size_kb']:>6} {r['xlplan_read_s']:>11.3f}s {r['calamine_s']:>8.3f}s "
              f"{r['openpyxl_s']:>8.3f}s {r['xlplan_read_s'] / r['calamine_s']:>10.2f} "
              f"{r['xlplan_read_s'] / r['openpyxl_s']:>10.2f}")
    print(f"xlplan summary (whole process) on the example: {startup['xlplan_summary_process_s']:.3f}s; "
          f"python -c 'import pandas, pandera, openpyxl': {startup['import_pandas_pandera_openpyxl_s']:.3f}s")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "read.json").write_text(json.dumps({"read": results, "startup": startup}, indent=2))


if __name__ == "__main__":
    main()
