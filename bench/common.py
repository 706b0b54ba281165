"""Shared pieces of the benchmarks: realistic generated plans and a median timer."""

from __future__ import annotations

import statistics
import time

from tests.seeds import sodermalm


def big_seed(rows: int) -> dict:
    """The seed's rows repeated (with a counter in the text) until ``rows`` measure rows."""
    sheets = []
    per_sheet = max(1, rows // len(sodermalm.SHEETS))
    for sh in sodermalm.SHEETS:
        src = [r for r in sh["rows"] if r.get("kind") != "note"]
        out = []
        for i in range(per_sheet):
            r = dict(src[i % len(src)])
            if isinstance(r.get("measure"), str) and r["measure"]:
                r["measure"] = f"{r['measure']} ({i})"
            out.append(r)
        sheets.append({**sh, "rows": out})
    return {"SHEETS": sheets, "DISTRICT": "Bench", "YEAR": 2025}


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)
