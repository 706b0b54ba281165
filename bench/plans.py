"""The benchmark's plans, generated once and cached in bench/.cache/ (gitignored).

    python bench/plans.py size R DIR          # plan, master and a party's copy of 5 × R rows
    python bench/plans.py consolidate N DIR   # N typical plans (bench/consolidate.py's mix)

Plans are written with xlsxwriter by tests/fixtures.write_plan (a different
writer than xlplan's) from the Södermalm seed's texts, ``big_seed(5 * R)``:
R measure rows on each of the five area sheets. The cache key is a hash of the
generator's sources (this file, bench/common.py, bench/consolidate.py,
tests/fixtures.py, the seeds, the template's structure), so a changed
generator never serves stale plans. run.py calls this as a subprocess, which
keeps the measuring process small (see run.py on why that matters).
"""

from __future__ import annotations

import copy
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
GENERATOR = ["bench/plans.py", "bench/common.py", "bench/consolidate.py", "tests/fixtures.py",
             "tests/seeds/common.py", "tests/seeds/sodermalm.py", "tests/seeds/skarholmen.py",
             "template/structure.toml", "xlplan/template.py"]
AREAS = 5


def generator_key() -> str:
    h = hashlib.sha1()
    for rel in GENERATOR:
        h.update(rel.encode() + b"\0" + (ROOT / rel).read_bytes())
    return h.hexdigest()[:12]


def _generate(kind: str, n: int, folder: Path) -> None:
    """Write into a fresh temporary folder in a subprocess, then move it into place.

    Plans of other generator versions are removed first: the cache holds one version.
    """
    for old in CACHE.glob("gen-*"):
        if old != folder.parent and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
    tmp = folder.with_name(folder.name + f".tmp{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    subprocess.run([sys.executable, str(Path(__file__)), kind, str(n), str(tmp)], check=True, cwd=ROOT)
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)


def cached_plans(rows: int) -> dict[str, Path]:
    """Paths of plan, master and copy with ``rows`` measure rows per area sheet, generated if missing."""
    folder = CACHE / f"gen-{generator_key()}" / f"rows-{rows}"
    names = {k: folder / f"{k}-{rows}.xlsx" for k in ("plan", "master", "copy")}
    if not all(p.is_file() for p in names.values()):
        _generate("size", rows, folder)
    return names


def cached_folder(plans: int) -> Path:
    """A folder of ``plans`` typical plans, generated if missing."""
    folder = CACHE / f"gen-{generator_key()}" / f"consolidate-{plans}"
    if not folder.is_dir() or len(list(folder.glob("*.xlsx"))) != plans:
        _generate("consolidate", plans, folder)
    return folder


def write_size(rows: int, folder: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from bench.common import big_seed
    from tests.fixtures import write_plan
    from tests.seeds import sodermalm

    seed = big_seed(AREAS * rows)
    assert len(seed["SHEETS"]) == AREAS and all(len(s["rows"]) == rows for s in seed["SHEETS"]), \
        "big_seed must give R rows on each of the five area sheets"
    seed["ANALYSIS_AS_FILED"] = sodermalm.ANALYSIS_AS_FILED
    master = copy.deepcopy(seed)
    for sheet in master["SHEETS"]:
        for row in sheet["rows"]:
            row["followups"] = ["" if isinstance(f, str) else f for f in row.get("followups", [])]
    write_plan(folder / f"plan-{rows}.xlsx", seed)
    write_plan(folder / f"master-{rows}.xlsx", master)
    write_plan(folder / f"copy-{rows}.xlsx", seed, reverse=True)


def write_folder(plans: int, folder: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from bench.consolidate import make_folder

    make_folder(folder, plans)


if __name__ == "__main__":
    kind, n, out = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    (write_size if kind == "size" else write_folder)(n, out)
