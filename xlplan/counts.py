"""Problems, causes and measures per area: the one definition every command uses.

- problems: distinct non-empty problem texts;
- causes: distinct (problem, cause) pairs with a non-empty cause;
- measures: distinct non-empty measure cells (a measure merged over two rows
  is one measure; the same text typed on two rows is two).
Texts compare after folding whitespace and in Unicode NFC (:func:`xlplan.text.fold_ws`),
so a repeated problem typed with an extra space or line break, or pasted with
decomposed å, ä, ö, is still one problem. This replaces the manual
counting that made Södermalm's analysis tab say 12 problems for 2.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from .reader import Plan

COUNT_COLUMNS = ("problems", "causes", "measures")


def count_areas(plan: Plan) -> dict[str, tuple[int, int, int]]:
    """(problems, causes, measures) per area sheet name, from the plan's rows as read (no DataFrame).

    Each distinct text is folded once: a sheet repeats its problems row after row.
    """
    from .text import fold_ws

    cols = plan.columns
    folds: dict[str, str] = {}

    def folded(text: str) -> str:
        if text not in folds:
            folds[text] = fold_ws(text)
        return folds[text]

    sets: dict[str, tuple[set, set, set]] = {}
    for kind, sheet, problem, cause, measure, src in zip(cols["kind"], cols["sheet"], cols["problem"], cols["cause"],
                                                         cols["measure"], cols["src_measure"]):
        if kind != "data":
            continue
        problems, causes, measures = sets.setdefault(sheet, (set(), set(), set()))
        problem, cause = folded(problem), folded(cause)
        if problem:
            problems.add(problem)
        if cause:
            causes.add((problem, cause))
        if measure.strip():
            measures.add(src)  # a cell: merged over rows it is still one measure
    return {info.name: tuple(len(x) for x in sets.get(info.name, ((), (), ()))) for info in plan.area_sheets}


def area_counts(plan: Plan) -> pd.DataFrame:
    """One row per area sheet, in workbook order: sheet, area, title and the three counts."""
    import pandas as pd

    counts = count_areas(plan)
    rows = [{"sheet": info.name, "area": info.area, "title": info.title,
             **dict(zip(COUNT_COLUMNS, counts[info.name]))} for info in plan.area_sheets]
    out = pd.DataFrame(rows, columns=["sheet", "area", "title", *COUNT_COLUMNS])
    out["area"] = out["area"].astype("Int64")
    return out
