"""xlplan against its floors and a peer, measured in the same run, as whole processes.

    python bench/run.py                  # 5 × 100, 1,000 and 10,000 rows, 1,000 plans to consolidate
    python bench/run.py --quick          # 5 × 100 and 1,000 rows, 100 plans: a smoke run
    python bench/run.py --full           # adds 5 × 100,000 rows (500,000 measure rows; slow)
    python bench/run.py --save-baseline  # also write these numbers to bench/results/baseline.json
    python bench/run.py --rev HEAD       # measure xlplan as committed at REV (git archive, read only)
    python bench/run.py --excel          # also the add-in's server-side click (bench/excel.py)

Install the peers with ``pip install -e '.[bench]'`` (wolfxl; openpyxl and
python-calamine are xlplan's own dependencies). Without wolfxl the peer
column is left out.

What is measured
----------------
Every number is a whole process, started through bench/launch.py (which
times it and reads its ``ru_maxrss`` with ``os.wait4``): its wall time, the
median of N runs (7 at 100 rows, 5 at 1,000, 3 at 10,000, 1 at 100,000, after
one untimed warm-up run below 100,000; a run over 30 s is not repeated and its
warm-up counts), and its peak resident memory, the largest ``ru_maxrss`` of
the N runs. Runs are
interleaved (every measure once, then every measure again), so load from
other work on the machine falls on all of them alike and the ratios hold up
better than the seconds. Interpreter start-up is in every number, xlplan's
and the floors' alike; ``python -c pass`` shows how much that is. xlplan's
bytecode is compiled first (``compileall``), as an installed package has it.

Plans: 5 area sheets × R measure rows (the Södermalm seed's texts, written
with xlsxwriter by tests/fixtures.write_plan, cached in bench/.cache/; see
bench/plans.py), plus a master and a party's copy for merge.

- read floor: python-calamine reading every sheet's values (bench/probes.py read);
- write floor: a copy of the zip that inflates and deflates every member again
  (bench/probes.py zipcopy); nothing can write the plan faster than re-deflating it;
- wolfxl (peer): ``load_workbook(p, modify=True)``, one cell set, saved to a new file;
- openpyxl (ecosystem baseline): ``load_workbook`` + the same cell + ``save``;
  at 100,000 rows it is stopped and reported as skipped after 150 s;
- xlplan: ``validate P`` (exit 1: the generated plans have findings),
  ``analysis P -o OUT``, ``normalise P -o OUT``, ``validate --mark COPY -o REPORT``
  (--mark writes into the file it validates, so a fresh copy is made before
  each run, untimed; -o is the report), ``merge MASTER COPY COPY2 -o OUT``.

Each xlplan run is checked: its exit code must be the expected one and its
output must exist (the --mark copy must have changed), so a crash is reported
as FAILED, never timed as fast; the bench then exits 1.

Ratios: validate and analysis against the read floor; normalise,
validate --mark and merge against read + write floors; every command against
wolfxl and openpyxl. Growth: time and peak memory at 100,000 rows over those
at 10,000 (with --full; 10 × the rows should cost at most 11 ×). Start-up:
medians of 7 of ``python -c "import click"``, ``python -m xlplan --help``,
``python -c "import pandas, pandera"``, ``python -m xlplan validate`` on the
example. Consolidate: ``xlplan consolidate FOLDER -o city.xlsx`` on 1,000
typical plans against bench/consolidate_floor.py (a multiprocessing.Pool
reading the same files with python-calamine into one DataFrame); for these
two the memory is the peak of the summed resident memory of the process and
its workers, sampled from /proc every 20 ms. Baseline: the 100-row times
against bench/results/baseline.json (written by --save-baseline); the ratio
of ratios to the read floor is shown too, as a load-independent check.

Prints a table per size and the targets (PASS/MISS); writes bench/results/bench.json.

Memory caveat (Linux): a child started by vfork/fork reports in ru_maxrss at
least the resident memory of the process that started it, as it was at the
exec. That is why commands go through bench/launch.py, a bare interpreter
importing only os, sys and time: no number here can be below a bare
interpreter's anyway (``python -c pass``). For consolidate the /proc sample
leaves the launcher out.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import io
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import tree_rss_mb  # noqa: E402  (stdlib only)
from bench.plans import AREAS, cached_folder, cached_plans  # noqa: E402  (stdlib only)

PY = sys.executable
PROBES = str(ROOT / "bench" / "probes.py")
LAUNCH = str(ROOT / "bench" / "launch.py")
RESULTS = ROOT / "bench" / "results"
BASELINE = RESULTS / "baseline.json"
REPEAT = {100: 7, 1000: 5, 10000: 3, 100000: 1}
COMMANDS = ("validate", "analysis", "normalise", "mark", "merge")
LABEL = {"read": "read floor (calamine)", "write": "write floor (zip re-deflate)", "wolfxl": "wolfxl modify+save",
         "openpyxl": "openpyxl load+save", "validate": "xlplan validate", "analysis": "xlplan analysis -o",
         "normalise": "xlplan normalise -o", "mark": "xlplan validate --mark", "merge": "xlplan merge -o",
         "pass": 'python -c "pass"', "import_click": 'python -c "import click"', "help": "python -m xlplan --help",
         "import_pandas_pandera": 'python -c "import pandas, pandera"',
         "validate_example": "xlplan validate example", "consolidate": "xlplan consolidate",
         "consolidate_floor": "floor: Pool + calamine -> DataFrame"}
OPENPYXL_LIMIT_S = 150
LONG_S = 30
"""A run longer than this is not repeated (the warm-up counts): the median of one."""


def descendants_rss_mb(pid: int) -> float:
    """Summed resident memory of ``pid``'s descendants: from /proc on Linux, else with psutil."""
    if os.path.isdir("/proc/self"):
        return tree_rss_mb(pid, descendants_only=True)
    import psutil  # the bench extra

    try:
        return sum(c.memory_info().rss for c in psutil.Process(pid).children(recursive=True)) / 2**20
    except psutil.Error:
        return 0.0


class Failed(Exception):
    pass


def run(cmd: list[str], *, cwd: Path, env: dict, out: Path, expect: int = 0, tree: bool = False,
        timeout: float | None = None) -> dict | None:
    """One whole process, through bench/launch.py: wall seconds and peak RSS in MB; None if it ran past
    ``timeout`` (then killed with its launcher)."""
    stop, killed = threading.Event(), threading.Event()
    peak = [0.0]
    err = out.with_suffix(".err")
    proc = subprocess.Popen([PY, LAUNCH, str(out), str(err), "--", *cmd], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, text=True, start_new_session=timeout is not None)

    def kill() -> None:
        killed.set()
        os.killpg(proc.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, kill) if timeout else None
    if timer:
        timer.start()
    sampler = None
    if tree:
        def sample() -> None:
            while not stop.is_set():
                peak[0] = max(peak[0], descendants_rss_mb(proc.pid))
                stop.wait(0.02)
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
    report, _ = proc.communicate()
    stop.set()
    if sampler:
        sampler.join()
    if timer:
        timer.cancel()
    if killed.is_set():
        return None
    if proc.returncode or not report.strip():
        raise Failed(f"bench/launch.py failed (exit {proc.returncode})")
    seconds, code, maxrss_kb = report.split()
    if int(code) != expect:
        tail = (err.read_text(errors="replace").strip() or out.read_text(errors="replace").strip()).splitlines()[-3:]
        raise Failed(f"exit {code}, expected {expect}: {' | '.join(tail)}")
    result = {"s": float(seconds), "rss_mb": int(maxrss_kb) / 1024}
    if tree:
        result["tree_mb"] = peak[0]
    return result


class Measure:
    """A command with what to do before each run (untimed) and what must hold after it."""

    def __init__(self, name: str, cmd: list[str], *, expect: int = 0, prepare=None, check=None,
                 tree: bool = False, timeout: float | None = None):
        self.name, self.cmd, self.expect, self.tree, self.timeout = name, cmd, expect, tree, timeout
        self.prepare, self.check = prepare, check
        self.runs: list[dict] = []
        self.status = "ok"
        self.done = False

    def once(self, cwd: Path, env: dict, timed: bool) -> None:
        if self.status != "ok" or self.done:
            return
        try:
            if self.prepare:
                self.prepare()
            r = run(self.cmd, cwd=cwd, env=env, out=cwd / f"{self.name}.out", expect=self.expect,
                    tree=self.tree, timeout=self.timeout)
            if r is None:
                self.status = f"skipped: ran past {self.timeout:.0f} s"
                return
            if self.check:
                problem = self.check()
                if problem:
                    raise Failed(problem)
        except Failed as e:
            self.status = f"FAILED: {e}"
            return
        if timed or r["s"] > LONG_S:  # a warm-up this long is a measurement: page caches are no issue then
            self.runs.append(r)
            self.done = r["s"] > LONG_S

    def summary(self) -> dict:
        if self.status != "ok" or not self.runs:
            return {"status": self.status}
        out = {"s": statistics.median(r["s"] for r in self.runs), "rss_mb": max(r["rss_mb"] for r in self.runs),
               "runs_s": [round(r["s"], 4) for r in self.runs]}
        if self.tree:
            out["tree_mb"] = max(r["tree_mb"] for r in self.runs)
        return out


def interleaved(measures: list[Measure], repeat: int, warmup: int, cwd: Path, env: dict) -> dict[str, dict]:
    for i in range(warmup + repeat):
        for m in measures:
            m.once(cwd, env, timed=i >= warmup)
    return {m.name: m.summary() for m in measures}


def sha(path: Path) -> str:
    h = hashlib.sha1()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def exists(path: Path):
    return lambda: None if path.is_file() and path.stat().st_size > 0 else f"{path.name} was not written"


def removing(path: Path):
    return lambda: path.unlink(missing_ok=True)


def xl(*args) -> list[str]:
    return [PY, "-m", "xlplan", *map(str, args)]


def measure_size(rows: int, work: Path, env: dict, have_wolfxl: bool) -> dict:
    files = cached_plans(rows)
    plan = files["plan"]
    w = work / f"rows-{rows}"
    w.mkdir()
    copy2 = w / "copy2.xlsx"
    shutil.copyfile(files["copy"], copy2)
    mark, mark_sum = w / "mark.xlsx", [""]

    def fresh_mark() -> None:
        shutil.copyfile(plan, mark)
        mark_sum[0] = mark_sum[0] or sha(mark)

    def mark_changed() -> str | None:
        return (exists(w / "mark-report.txt")() or
                (None if sha(mark) != mark_sum[0] else "validate --mark left the file unchanged"))

    def outputs(name: str) -> tuple:
        out = w / f"{name}.xlsx"
        return out, removing(out), exists(out)

    ms = [Measure("read", [PY, PROBES, "read", str(plan)])]
    out, prep, check = outputs("zip")
    ms.append(Measure("write", [PY, PROBES, "zipcopy", str(plan), str(out)], prepare=prep, check=check))
    if have_wolfxl:
        out, prep, check = outputs("wolfxl")
        ms.append(Measure("wolfxl", [PY, PROBES, "wolfxl", str(plan), str(out)], prepare=prep, check=check))
    out, prep, check = outputs("openpyxl")
    ms.append(Measure("openpyxl", [PY, PROBES, "openpyxl", str(plan), str(out)], prepare=prep, check=check,
                      timeout=OPENPYXL_LIMIT_S if rows >= 100000 else None))
    ms.append(Measure("validate", xl("validate", plan), expect=1, check=exists(w / "validate.out")))
    out, prep, check = outputs("analysis")
    ms.append(Measure("analysis", xl("analysis", plan, "-o", out), prepare=prep, check=check))
    out, prep, check = outputs("normalise")
    ms.append(Measure("normalise", xl("normalise", plan, "-o", out), prepare=prep, check=check))
    ms.append(Measure("mark", xl("validate", "--mark", mark, "-o", w / "mark-report.txt"), expect=1,
                      prepare=fresh_mark, check=mark_changed))
    out, prep, check = outputs("merged")
    ms.append(Measure("merge", xl("merge", files["master"], files["copy"], copy2, "-o", out),
                      prepare=prep, check=check))
    repeat = REPEAT[rows]
    print(f"  5 × {rows:,} rows: {len(ms)} measures × {repeat} runs" + (" (+1 warm-up)" if rows < 100000 else ""),
          flush=True)
    t0 = time.perf_counter()
    result = interleaved(ms, repeat, 1 if rows < 100000 else 0, w, env)
    print(f"    done in {time.perf_counter() - t0:.0f} s", flush=True)
    return {"rows_per_sheet": rows, "rows": AREAS * rows, "size_kb": round(plan.stat().st_size / 1024),
            "repeat": repeat, "measures": result}


def measure_startup(work: Path, env: dict) -> dict:
    example = ROOT / "examples" / "sodermalm-2025.xlsx"
    w = work / "startup"
    w.mkdir()
    ms = [Measure("pass", [PY, "-c", "pass"]),
          Measure("import_click", [PY, "-c", "import click"]),
          Measure("help", xl("--help")),
          Measure("import_pandas_pandera", [PY, "-c", "import pandas, pandera"]),
          Measure("validate_example", xl("validate", example), expect=1, check=exists(w / "validate_example.out"))]
    print("  start-up: 5 measures × 7 runs (+1 warm-up)", flush=True)
    return interleaved(ms, 7, 1, w, env)


def measure_consolidate(plans: int, work: Path, env: dict) -> dict:
    folder = cached_folder(plans)
    w = work / "consolidate"
    w.mkdir()
    city = w / "city.xlsx"
    ms = [Measure("consolidate_floor", [PY, str(ROOT / "bench" / "consolidate_floor.py"), str(folder)], tree=True),
          Measure("consolidate", xl("consolidate", folder, "-o", city), tree=True, prepare=removing(city),
                  check=exists(city))]
    print(f"  consolidate: {plans:,} plans, 2 measures × 3 runs (+1 warm-up)", flush=True)
    return {"plans": plans, "measures": interleaved(ms, 3, 1, w, env)}


def measure_excel() -> dict:
    print("  add-in click (bench/excel.py)", flush=True)
    proc = subprocess.run([PY, str(ROOT / "bench" / "excel.py")], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode:
        return {"status": "FAILED: " + " | ".join(proc.stderr.strip().splitlines()[-3:])}
    return {"status": "ok", "plans": json.loads((RESULTS / "excel.json").read_text())}


def export_rev(rev: str, into: Path) -> Path:
    data = subprocess.run(["git", "archive", "--format=tar", rev, "xlplan", "template"], cwd=ROOT,
                          capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(into, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    return into


# ---------------------------------------------------------------- reporting

def s_of(m: dict, name: str) -> float | None:
    return m.get(name, {}).get("s")


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def fmt_ratio(r: float | None) -> str:
    return f"{r:.2f}×" if r is not None else "–"


FLOOR_OF = {"validate": ("read",), "analysis": ("read",), "normalise": ("read", "write"),
            "mark": ("read", "write"), "merge": ("read", "write")}


def floor_s(m: dict, cmd: str) -> float | None:
    parts = [s_of(m, f) for f in FLOOR_OF[cmd]]
    return None if None in parts else sum(parts)


def print_size(size: dict) -> None:
    m = size["measures"]
    print(f"\n5 × {size['rows_per_sheet']:,} rows ({size['rows']:,} measure rows, plan {size['size_kb']:,} KiB), "
          f"median of {size['repeat']}")
    print(f"  {'':<30} {'time':>8} {'peak RSS':>9}   {'× floor':<16} {'× wolfxl':>8} {'× openpyxl':>10}")
    for name, r in m.items():
        if "s" not in r:
            print(f"  {LABEL[name]:<30} {r['status']}")
            continue
        fl = ""
        if name in FLOOR_OF:
            fl = f"{fmt_ratio(ratio(r['s'], floor_s(m, name)))} {'read' if len(FLOOR_OF[name]) == 1 else 'read+write'}"
        peer = name not in ("read", "write", "wolfxl", "openpyxl")
        n = len(r["runs_s"])
        note = f"  (median of {n})" if n != size["repeat"] else ""
        print(f"  {LABEL[name]:<30} {r['s']:>7.3f}s {r['rss_mb']:>6.0f} MB   {fl:<16} "
              f"{fmt_ratio(ratio(r['s'], s_of(m, 'wolfxl'))) if peer else '':>8} "
              f"{fmt_ratio(ratio(r['s'], s_of(m, 'openpyxl'))) if peer else '':>10}{note}")


def growth(sizes: dict[int, dict], big: int, small: int) -> dict[str, dict]:
    out = {}
    a, b = sizes[big]["measures"], sizes[small]["measures"]
    for name in a:
        if "s" in a[name] and "s" in b.get(name, {}):
            out[name] = {"time": a[name]["s"] / b[name]["s"], "rss": a[name]["rss_mb"] / b[name]["rss_mb"]}
    return out


def targets(sizes: dict[int, dict], startup: dict, cons: dict, base: dict | None,
            grow: dict | None) -> list[tuple[str, bool, str]]:
    out = []

    def add(label: str, ok: bool | None, value: str) -> None:
        out.append((label, bool(ok), value))

    ten = sizes.get(10000)
    if ten:
        m = ten["measures"]
        for cmd in ("validate", "analysis", "normalise", "mark"):
            floor = "read floor" if len(FLOOR_OF[cmd]) == 1 else "(read + write floors)"
            r = ratio(s_of(m, cmd), floor_s(m, cmd))
            add(f"5 × 10,000 rows: {LABEL[cmd]} ≤ 5 × {floor}", r is not None and r <= 5,
                fmt_ratio(r) if r is not None else m.get(cmd, {}).get("status", "not measured"))
    else:
        add("5 × 10,000 rows: commands ≤ 5 × floors", False, "not measured (run without --quick)")
    worst = None
    for rows, size in sizes.items():
        if rows > 10000:
            continue  # the memory target is at 5 × 10,000 rows; beyond it memory must grow linearly
        for cmd in COMMANDS:
            r = size["measures"].get(cmd, {})
            if "rss_mb" in r and (worst is None or r["rss_mb"] > worst[0]):
                worst = (r["rss_mb"], f"{LABEL[cmd]} at 5 × {rows:,}")
    add(f"peak RSS ≤ 600 MB (every xlplan command, sizes up to 5 × {min(max(sizes), 10000):,})",
        worst is not None and worst[0] <= 600, f"worst {worst[0]:.0f} MB ({worst[1]})" if worst else "not measured")
    if grow:
        for cmd in COMMANDS:
            g = grow.get(cmd)
            add(f"growth 100,000 / 10,000 rows: {LABEL[cmd]} ≤ 11×", g is not None and max(g.values()) <= 11,
                f"time {g['time']:.1f}×, RSS {g['rss']:.1f}×" if g else
                sizes[100000]["measures"].get(cmd, {}).get("status", "not measured"))
    else:
        add("growth 100,000 / 10,000 rows ≤ 11×", False, "not measured (run with --full)")
    r = ratio(s_of(startup, "help"), s_of(startup, "import_click"))
    add('python -m xlplan --help ≤ 1.5 × python -c "import click"', r is not None and r <= 1.5, fmt_ratio(r))
    r = ratio(s_of(startup, "validate_example"), s_of(startup, "import_pandas_pandera"))
    add('xlplan validate example ≤ 1.1 × python -c "import pandas, pandera"', r is not None and r <= 1.1,
        fmt_ratio(r))
    c = cons["measures"]
    r = ratio(s_of(c, "consolidate"), s_of(c, "consolidate_floor"))
    add(f"consolidate {cons['plans']:,} plans ≤ 2 × floor (Pool + calamine -> DataFrame)", r is not None and r <= 2,
        fmt_ratio(r) if r is not None else c["consolidate"].get("status", ""))
    small = sizes.get(100)
    if base and small and "100" in base.get("sizes", {}):
        then = base["sizes"]["100"]
        for cmd in COMMANDS:
            now = s_of(small["measures"], cmd)
            r = ratio(now, then.get(cmd))
            adj = ratio(ratio(now, s_of(small["measures"], "read")), ratio(then.get(cmd), then.get("read")))
            add(f"5 × 100 rows: {LABEL[cmd]} ≤ baseline (+10% noise)", r is not None and r <= 1.10,
                f"{fmt_ratio(r)} (per read floor: {fmt_ratio(adj)})" if r is not None else
                small["measures"].get(cmd, {}).get("status", "no baseline"))
    else:
        add("5 × 100 rows: commands ≤ baseline", False, f"no baseline ({BASELINE.relative_to(ROOT)}; --save-baseline)")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = ap.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="5 × 100 and 1,000 rows, 100 plans to consolidate")
    size.add_argument("--full", action="store_true", help="also 5 × 100,000 rows (slow: minutes per command)")
    ap.add_argument("--save-baseline", action="store_true", help=f"write the numbers to {BASELINE.relative_to(ROOT)}")
    ap.add_argument("--rev", help="measure xlplan as committed at this git revision (git archive; read only)")
    ap.add_argument("--plans", type=int, help="plans to consolidate (default 1,000; 100 with --quick)")
    ap.add_argument("--excel", action="store_true", help="also the add-in's server-side click (bench/excel.py)")
    args = ap.parse_args()
    rows_wanted = [100, 1000] if args.quick else [100, 1000, 10000] + ([100000] if args.full else [])
    plans = args.plans or (100 if args.quick else 1000)
    have_wolfxl = importlib.util.find_spec("wolfxl") is not None
    started = time.perf_counter()
    print("generating / finding cached plans ...", flush=True)
    for rows in rows_wanted:
        cached_plans(rows)
    cached_folder(plans)
    with tempfile.TemporaryDirectory(prefix="xlplan-bench-") as tmp:
        work = Path(tmp)
        src = export_rev(args.rev, work / "src") if args.rev else ROOT
        env = {**os.environ, "PYTHONPATH": str(src)}  # commands run in the work folder, so -m finds this xlplan
        # An installed package has its bytecode compiled (pip does it); with PYTHONDONTWRITEBYTECODE set, as on
        # this machine, every run would otherwise compile xlplan's modules again (~0.1 s a run).
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(src / "xlplan")], check=True,
                       stdout=subprocess.DEVNULL)
        print(f"measuring xlplan from {src if args.rev is None else f'{args.rev} (git archive)'}", flush=True)
        startup = measure_startup(work, env)
        sizes = {rows: measure_size(rows, work, env, have_wolfxl) for rows in rows_wanted}
        cons = measure_consolidate(plans, work, env)
    excel = measure_excel() if args.excel and not args.rev else None
    grow = growth(sizes, 100000, 10000) if 100000 in sizes and 10000 in sizes else None
    grow_10k = growth(sizes, 10000, 1000) if 10000 in sizes and 1000 in sizes else None
    base = json.loads(BASELINE.read_text()) if BASELINE.is_file() and not args.save_baseline else None
    results = targets(sizes, startup, cons, base, grow)

    print(f"\nxlplan {args.rev or 'working tree'}; Python {platform.python_version()}, {os.cpu_count()} CPUs; "
          f"wolfxl {'yes' if have_wolfxl else 'not installed'}")
    print("\nstart-up, median of 7")
    for name, r in startup.items():
        print(f"  {LABEL[name]:<36} " + (f"{r['s']:>7.3f}s {r['rss_mb']:>6.0f} MB" if "s" in r else r["status"]))
    for s in sizes.values():
        print_size(s)
    for title, g in (("growth 5 × 100,000 / 5 × 10,000", grow), ("growth 5 × 10,000 / 5 × 1,000 (information)", grow_10k)):
        if g:
            print(f"\n{title}: time / peak RSS")
            for name, v in g.items():
                print(f"  {LABEL[name]:<30} {v['time']:>6.1f}× {v['rss']:>6.1f}×")
    print(f"\nconsolidate {cons['plans']:,} plans, median of 3 (RSS: all processes together)")
    for name, r in cons["measures"].items():
        print(f"  {LABEL[name]:<36} " + (f"{r['s']:>7.3f}s {r['tree_mb']:>6.0f} MB" if "s" in r else r["status"]))
    if excel:
        print("\nadd-in click, server side (bench/excel.py): " + (
            ", ".join(f"{p['plan']}: validate {p['validate_ms']} ms, analysis {p['analysis_ms']} ms"
                      for p in excel["plans"]) if excel["status"] == "ok" else excel["status"]))
    if base:
        print(f"\nbaseline: {BASELINE.relative_to(ROOT)} ({base.get('source')}, {base.get('date')})")
    print("\ntargets")
    for label, ok, value in results:
        print(f"  {'PASS' if ok else 'MISS'}  {label}: {value}")
    print(f"\n{time.perf_counter() - started:.0f} s in all")

    failed = [f"{where}: {LABEL[n]}: {r['status']}" for where, group in
              [("start-up", startup), ("consolidate", cons["measures"])] +
              [(f"5 × {k:,}", v["measures"]) for k, v in sizes.items()]
              for n, r in group.items() if r.get("status", "ok").startswith("FAILED")]
    for f in failed:
        print(f"FAILED {f}")

    data = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "source": f"git archive {args.rev}" if args.rev else "working tree",
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "startup": startup, "sizes": {str(k): v for k, v in sizes.items()}, "consolidate": cons,
        "growth_100k_10k": grow, "growth_10k_1k": grow_10k, "excel": excel,
        "targets": [{"target": label, "met": ok, "value": value} for label, ok, value in results],
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench.json").write_text(json.dumps(data, indent=2, ensure_ascii=False))
    if args.save_baseline:
        flat = {"date": data["date"], "source": data["source"], "machine": data["machine"],
                "startup": {k: v.get("s") for k, v in startup.items()},
                "sizes": {str(k): {n: r.get("s") for n, r in v["measures"].items()} for k, v in sizes.items()},
                "full": data}
        BASELINE.write_text(json.dumps(flat, indent=2, ensure_ascii=False))
        print(f"baseline written to {BASELINE.relative_to(ROOT)}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
