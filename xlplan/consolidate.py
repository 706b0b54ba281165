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
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

MEASURE_COLUMNS = ["district", "year", "file", "sheet", "area", "area_title", "row", "problem", "cause", "measure",
                   "goal", "timing", "owner", "followup", "status"]
STATUS_COLUMNS = ["status_done", "status_ongoing", "status_not_started", "status_dropped", "status_missing",
                  "status_unknown"]
"""Measures per area by where they stand (:mod:`xlplan.status`), in the order of ``STATUSES``."""
AREA_COLUMNS = ["district", "year", "file", "sheet", "area", "area_title", "problems", "causes", "measures",
                "missing_goal", "missing_owner", "missing_timing", *STATUS_COLUMNS]


@dataclass
class Consolidation:
    measures: pd.DataFrame
    areas: pd.DataFrame
    errors: list[tuple[str, str]] = field(default_factory=list)  # (file, sentence)
    crashed: int = 0  # files whose reading hit a fault of xlplan's (exit status 3), among the errors

    @property
    def districts(self) -> pd.DataFrame:
        """One row per district: totals over its areas."""
        cols = ["problems", "causes", "measures", "missing_goal", "missing_owner", "missing_timing", *STATUS_COLUMNS]
        return self.areas.groupby("district", sort=True)[cols].sum().reset_index()


def district_from_name(path: Path) -> str:
    stem = path.stem.replace("_", " ").replace("-", " ")
    words = [w for w in stem.split() if not (w.isdigit() and len(w) == 4)]
    return " ".join(words).strip().title() or path.stem


GAPS = {"missing_goal": "goal", "missing_owner": "owner", "missing_timing": "timing"}


def _one(args: tuple[str, str | None, str | None]) -> dict:
    """Read one plan in a worker process; return plain rows (cheap to send back)."""
    from .errors import PlanError
    from .paths import folder_error
    from .columns import filled
    from .counts import count_areas
    from .reader import read_plan
    from .status import STATUSES, status_counts

    path, district, lang = args
    try:
        if Path(path).is_dir():
            raise folder_error(Path(path))
        plan = read_plan(path)
    except PlanError as exc:
        return {"file": path, "error": exc.message(lang)}
    except Exception as exc:  # noqa: BLE001 - xlplan's fault with this file: said, and the others go on
        from .errors import crash_message

        return {"file": path, "error": crash_message(exc, lang), "crashed": True}
    name = district or plan.district or district_from_name(Path(path))
    base = {"district": name, "year": plan.year, "file": Path(path).name}
    cols = plan.columns  # plain lists: a worker reads hundreds of small plans and needs no DataFrame
    followups = {s.name: s.followups for s in plan.area_sheets}
    fields = ["sheet", "area", "area_title", "row", "problem", "cause", "measure", "goal", "timing", "owner"]
    measures, seen = [], set()
    gaps = {key: Counter() for key in GAPS}
    for i, kind in enumerate(cols["kind"]):
        sheet = cols["sheet"][i]
        if kind != "data" or not filled(cols["measure"][i]):
            continue
        for key, column in GAPS.items():  # the rules' definition (rules.rows.missing): a measure, no text
            if not filled(cols[column][i]):
                gaps[key][sheet] += 1
        where = (sheet, cols["src_measure"][i])
        if where in seen:  # a measure merged over rows is one measure
            continue
        seen.add(where)
        latest = next((cols[h][i].strip() for h in reversed(followups[sheet]) if filled(cols[h][i])), "")
        measures.append({**base, **{k: cols[k][i] for k in fields}, "followup": latest,
                         "status": cols["status"][i]})
    states = status_counts(plan)
    counts = count_areas(plan)
    areas = []
    for info in plan.area_sheets:
        by_status = states.get(info.name, {})
        areas.append({**base, "sheet": info.name, "area": info.area, "area_title": info.title,
                      **dict(zip(("problems", "causes", "measures"), counts[info.name])),
                      **{k: gaps[k].get(info.name, 0) for k in gaps},
                      **{col: by_status.get(s, 0) for col, s in zip(STATUS_COLUMNS, STATUSES)}})
    return {"file": path, "measures": measures, "areas": areas}


def _stopped(path: str, lang: str | None) -> dict:
    from .messages import message

    return {"file": path, "error": message("reader_stopped", lang, path=path)}


def isolated_map(fn: Callable, jobs: list, workers: int, progress: Callable[[int], None] | None,
                 on_abort: Callable) -> list:
    """``fn`` over ``jobs`` in worker processes, one job's abort never costing the others their result.

    A native abort (or the kernel killing a worker for its memory) breaks the
    whole pool and every job in flight. The jobs whose result was lost are run
    again in a fresh pool one at a time per task, and those lost again each in
    a pool of their own: the job that brings its process down gets
    ``on_abort(job)`` as its result, and every other job its real one.
    """
    from concurrent.futures.process import BrokenProcessPool

    results: list = [None] * len(jobs)
    todo = list(range(len(jobs)))
    passes = [(workers, max(1, len(jobs) // (workers * 8))), (workers, 1), (1, 1)]
    for n, (procs, size) in enumerate(passes):
        last = n == len(passes) - 1
        groups = [[i] for i in todo] if last else [todo[k:k + size] for k in range(0, len(todo), size)]
        lost: list[int] = []
        pools = [[g] for g in groups] if last else [groups]  # the last pass: one pool per job
        for batch in pools:
            with ProcessPoolExecutor(max_workers=procs) as pool:
                futures = {pool.submit(_run_group, fn, [jobs[i] for i in g]): g for g in batch}
                for fut in as_completed(futures):
                    group = futures[fut]
                    try:
                        for i, result in zip(group, fut.result()):
                            results[i] = result
                            if progress:
                                progress(1)
                    except BrokenProcessPool:
                        lost += group
        if last:
            for i in lost:
                results[i] = on_abort(jobs[i])
                if progress:
                    progress(1)
        todo = lost
        if not todo:
            break
    return results


def _run_group(fn: Callable, jobs: list) -> list:
    return [fn(job) for job in jobs]


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
    if len(jobs) <= 1:
        results = [_one(job) for job in jobs]
        if progress and jobs:
            progress(1)
    else:
        results = isolated_map(_one, jobs, workers, progress, lambda job: _stopped(job[0], job[2]))
    measures = [m for r in results for m in r.get("measures", [])]
    areas = [a for r in results for a in r.get("areas", [])]
    errors = [(r["file"], r["error"]) for r in results if "error" in r]
    m = pd.DataFrame(measures, columns=MEASURE_COLUMNS)
    a = pd.DataFrame(areas, columns=AREA_COLUMNS)
    for frame in (m, a):
        frame["area"] = frame["area"].astype("Int64")
        frame["year"] = frame["year"].astype("Int64")
    return Consolidation(m, a, errors, sum(1 for r in results if r.get("crashed")))


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
