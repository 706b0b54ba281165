"""Consolidating a folder of 1,000 typical plans.

    python bench/consolidate.py [--plans 1000]

Six distinct plans of the size real ones have (both seed plans, 28 and 47
measures, and four generated ones of 30–60 rows) are copied to N file names; ``xlplan consolidate FOLDER -o city.xlsx`` then
runs as a whole process; its peak memory is the resident memory of it and its
workers together, sampled from /proc. Results in bench/results/consolidate.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import big_seed, tree_rss_mb  # noqa: E402
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


def measure_consolidate(plans: int, folder: Path) -> dict:
    """The whole process, timed, with the peak of the summed resident memory of it and its workers."""
    target = folder / "planer"
    target.mkdir()
    make_folder(target, plans)
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "xlplan", "consolidate", str(target), "-o",
                             str(folder / "stad.xlsx")], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, tree_rss_mb(proc.pid))
        time.sleep(0.05)
    elapsed = time.perf_counter() - t0
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    return {"plans": plans, "seconds": round(elapsed, 2), "peak_rss_mb": round(peak), "summary": out.strip()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--plans", type=int, default=1000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = measure_consolidate(args.plans, Path(tmp))
    print(f"consolidate {args.plans} plans: {result['seconds']} s, peak {result['peak_rss_mb']} MB "
          f"(all processes together)\n{result['summary']}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "consolidate.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
