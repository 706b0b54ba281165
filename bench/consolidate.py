"""Consolidating a folder of 1,000 typical plans.

    python bench/consolidate.py [--plans 1000] [--repeat 3]

Six distinct plans of the size real ones have (both seed plans, 28 and 47
measures, and four generated ones of 30–60 rows) are copied to N file names; ``xlplan consolidate FOLDER -o city.xlsx`` then
runs as a whole process. Peak memory is the largest resident set of the main
process plus the largest worker times the number of workers (an upper bound
on what is resident at once). Results in bench/results/consolidate.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import big_seed  # noqa: E402
from tests.fixtures import write_plan  # noqa: E402
from tests.seeds import skarholmen, sodermalm  # noqa: E402


def make_folder(folder: Path, n: int) -> None:
    sources = [write_plan(folder / "_s0.xlsx", sodermalm), write_plan(folder / "_s1.xlsx", skarholmen)]
    for i, rows in enumerate((30, 40, 50, 60), start=2):
        sources.append(write_plan(folder / f"_s{i}.xlsx", big_seed(rows)))
    for i in range(n):
        shutil.copy(sources[i % len(sources)], folder / f"stadsdel-{i:04d}.xlsx")
    for s in sources:
        s.unlink()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--plans", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    workers = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "planer"
        folder.mkdir()
        make_folder(folder, args.plans)
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "xlplan", "consolidate", str(folder), "-o",
                                   str(Path(tmp) / "stad.xlsx")], capture_output=True, text=True)
            times.append(time.perf_counter() - t0)
            assert proc.returncode == 0, proc.stderr
        child_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    times.sort()
    result = {"plans": args.plans, "median_s": round(times[len(times) // 2], 2), "min_s": round(times[0], 2),
              "workers": workers, "largest_process_mb": round(child_peak_mb),
              "peak_bound_mb": round(child_peak_mb * (workers + 1)), "summary": proc.stdout.strip()}
    print(f"consolidate {args.plans} plans: median {result['median_s']} s (min {result['min_s']} s); "
          f"largest process {result['largest_process_mb']} MB, bound on peak {result['peak_bound_mb']} MB "
          f"({workers} workers)\n{result['summary']}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "consolidate.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
