"""Consolidate many districts' plans: one table of measures, one of districts × areas.

Files are read in parallel processes (each returns compact rows, not its
workbook); a file that cannot be read is reported and the rest still
consolidate. The district comes from an explicit mapping, else the plan's
title ("Åtgärdsplan 2025 – Södermalm"), else the file name.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

MEASURE_COLUMNS = ["district", "year", "file", "sheet", "area", "area_title", "row", "problem", "cause", "measure",
                   "goal", "timing", "owner", "followup"]
AREA_COLUMNS = ["district", "year", "file", "sheet", "area", "area_title", "problems", "causes", "measures",
                "missing_goal", "missing_owner", "missing_timing"]


@dataclass
class Consolidation:
    measures: pd.DataFrame
    areas: pd.DataFrame
    errors: list[tuple[str, str]] = field(default_factory=list)  # (file, sentence)

    @property
    def districts(self) -> pd.DataFrame:
        """One row per district: totals over its areas."""
        cols = ["problems", "causes", "measures", "missing_goal", "missing_owner", "missing_timing"]
        return self.areas.groupby("district", sort=True)[cols].sum().reset_index()


def district_from_name(path: Path) -> str:
    stem = path.stem.replace("_", " ").replace("-", " ")
    words = [w for w in stem.split() if not (w.isdigit() and len(w) == 4)]
    return " ".join(words).strip().title() or path.stem


def _one(args: tuple[str, str | None, str | None]) -> dict:
    """Read one plan in a worker process; return plain rows (cheap to send back)."""
    from .errors import PlanError
    from .paths import folder_error
    from .reader import read_plan, records
    from .rules.rows import missing

    path, district, lang = args
    try:
        if Path(path).is_dir():
            raise folder_error(Path(path))
        plan = read_plan(path)
    except PlanError as exc:
        return {"file": path, "error": exc.message(lang)}
    name = district or plan.district or district_from_name(Path(path))
    base = {"district": name, "year": plan.year, "file": Path(path).name}
    t = plan.table
    data = t[t["kind"] == "data"]
    followups = {s.name: s.followups for s in plan.area_sheets}
    headers = [h for h in dict.fromkeys(h for hs in followups.values() for h in hs)]
    fields = ["sheet", "area", "area_title", "row", "problem", "cause", "measure", "goal", "timing", "owner",
              "src_measure", *headers]
    measures, seen = [], set()
    for rec in records(data, fields):
        where = (rec["sheet"], rec["src_measure"])
        if not str(rec["measure"]).strip() or where in seen:  # a measure merged over rows is one measure
            continue
        seen.add(where)
        latest = next((str(rec[h]).strip() for h in reversed(followups[rec["sheet"]]) if str(rec[h]).strip()), "")
        measures.append({**base, **{k: rec[k] for k in fields[:10]}, "followup": latest})
    gaps = {}
    sheets = data["sheet"].to_numpy(dtype=object)
    for key, column in (("missing_goal", "goal"), ("missing_owner", "owner"), ("missing_timing", "timing")):
        gaps[key] = Counter(sheets[missing(data, column).to_numpy(dtype=bool)])
    areas = []
    for c in records(plan.counts()):
        areas.append({**base, "sheet": c["sheet"], "area": c["area"], "area_title": c["title"],
                      "problems": c["problems"], "causes": c["causes"], "measures": c["measures"],
                      **{k: gaps[k].get(c["sheet"], 0) for k in gaps}})
    return {"file": path, "measures": measures, "areas": areas}


def consolidate_plans(paths: Iterable[str | Path] | str | Path, districts: dict[str, str] | None = None,
                      workers: int | None = None, progress: Callable[[int], None] | None = None,
                      lang: str | None = None) -> Consolidation:
    """Read every plan (in parallel) and build the two tables; unreadable files go to ``errors``."""
    import pandas as pd

    from .paths import expand_paths

    paths = [str(p) for p in expand_paths(paths)]
    districts = districts or {}
    jobs = [(p, districts.get(p) or districts.get(Path(p).name), lang) for p in paths]
    workers = workers or min(len(jobs), os.cpu_count() or 1)
    results = []
    if workers <= 1 or len(jobs) < 4:
        for job in jobs:
            results.append(_one(job))
            if progress:
                progress(1)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for result in pool.map(_one, jobs, chunksize=max(1, len(jobs) // (workers * 8))):
                results.append(result)
                if progress:
                    progress(1)
    measures = [m for r in results for m in r.get("measures", [])]
    areas = [a for r in results for a in r.get("areas", [])]
    errors = [(r["file"], r["error"]) for r in results if "error" in r]
    m = pd.DataFrame(measures, columns=MEASURE_COLUMNS)
    a = pd.DataFrame(areas, columns=AREA_COLUMNS)
    for frame in (m, a):
        frame["area"] = frame["area"].astype("Int64")
        frame["year"] = frame["year"].astype("Int64")
    return Consolidation(m, a, errors)


def consolidate(paths: Iterable[str | Path] | str | Path, districts: dict[str, str] | None = None, *,
                errors: str = "raise", lang: str | None = None) -> pd.DataFrame:
    """Python API: every measure of every plan, one row each, with its district.

    A file that cannot be read is never dropped silently: with ``errors="raise"``
    (the default) a PlanError names it; with ``errors="warn"`` the others are
    returned, each unreadable file gives a warning, and the frame's
    ``attrs["unreadable"]`` lists ``(file, sentence)`` pairs.
    """
    import warnings

    from .errors import PlanError

    if errors not in ("raise", "warn"):
        raise PlanError("bad_argument", name="errors", value=repr(errors), allowed='"raise", "warn"')
    result = consolidate_plans(paths, districts, lang=lang)
    if result.errors and errors == "raise":
        file, sentence = result.errors[0]
        raise PlanError("unreadable_plans", n=len(result.errors), first=sentence)
    for _, sentence in result.errors:
        warnings.warn(sentence, UnreadablePlanWarning, stacklevel=2)
    result.measures.attrs["unreadable"] = list(result.errors)
    return result.measures


class UnreadablePlanWarning(UserWarning):
    """A plan left out of a consolidation because it could not be read."""
