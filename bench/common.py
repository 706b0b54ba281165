"""Shared pieces of the benchmarks: realistic generated plans, a median timer, the /proc RSS sampler.

Only the standard library at import time: bench/run.py imports this and must stay small (see its docstring).
"""

from __future__ import annotations

import os
import statistics
import time


def big_seed(rows: int) -> dict:
    """The seed's rows repeated (with a counter in the text) until ``rows`` measure rows.

    The rows are spread evenly over the five area sheets: ``big_seed(5 * R)`` gives R rows on each.
    """
    from tests.seeds import sodermalm

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


def tree_rss_mb(root: int, *, descendants_only: bool = False) -> float:
    """Resident memory of a process and all its descendants (or only these), from /proc (Linux)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            pid, ppid, pages = int(entry), int(fields[1]), int(fields[21])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(pid)
        rss[pid] = pages
    total, todo = 0, list(children.get(root, [])) if descendants_only else [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total * os.sysconf("SC_PAGE_SIZE") / 2**20
