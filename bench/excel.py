"""Server-side time of the add-in's "Validera" and "Uppdatera analys".

    python bench/excel.py [--repeat 7]

What one click costs on the server: building ``xw.Book(json=payload)`` from the
request, reading the plan, running the rules (or counts), producing the
actions. Payloads are built once, as xlwings' Office.js client sends them, for
the example plan and a 5 × 1,000-row plan. Results in bench/results/excel.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import big_seed, timed  # noqa: E402
from tests.fixtures import write_plan  # noqa: E402
from tests.xlwings_payload import payload_for  # noqa: E402


def click(payload: dict, merges: dict, script: str) -> dict:
    import xlwings as xw

    from xlplan import excel

    book = xw.Book(json=json.loads(json.dumps(payload)))  # the server parses a fresh body every click
    (excel.validate if script == "validate" else excel.update_analysis)(book, merges=merges)
    return book.json()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    from tests.seeds import sodermalm

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        big = big_seed(5000)
        big["ANALYSIS_AS_FILED"] = sodermalm.ANALYSIS_AS_FILED
        plans = {"example (Södermalm)": ROOT / "examples" / "sodermalm-2025.xlsx",
                 "5 × 1,000 rows": write_plan(Path(tmp) / "big.xlsx", big)}
        for label, path in plans.items():
            payload, merges = payload_for(path)
            click(payload, merges, "validate")  # warm imports
            row = {"plan": label, "payload_kb": round(len(json.dumps(payload)) / 1024)}
            for script in ("validate", "analysis"):
                row[f"{script}_ms"] = round(1000 * timed(lambda: click(payload, merges, script), args.repeat), 1)
            results.append(row)
    print(f"{'plan':<22} {'payload':>8} {'Validera':>9} {'Uppdatera analys':>17}")
    for r in results:
        print(f"{r['plan']:<22} {r['payload_kb']:>6}KB {r['validate_ms']:>7.1f}ms {r['analysis_ms']:>15.1f}ms")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "excel.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
