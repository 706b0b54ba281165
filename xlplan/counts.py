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


def area_counts(plan: Plan) -> pd.DataFrame:
    """One row per area sheet, in workbook order: sheet, area, title and the three counts."""
    import pandas as pd

    from .reader import records
    from .text import fold_ws

    table = plan.table
    data = table[table["kind"] == "data"]
    sets: dict[str, tuple[set, set, set]] = {}
    for rec in records(data, ["sheet", "problem", "cause", "measure", "src_measure"]):
        problems, causes, measures = sets.setdefault(rec["sheet"], (set(), set(), set()))
        problem, cause = fold_ws(rec["problem"]), fold_ws(rec["cause"])
        if problem:
            problems.add(problem)
        if cause:
            causes.add((problem, cause))
        if rec["measure"].strip():
            measures.add(rec["src_measure"])  # a cell: merged over rows it is still one measure
    rows = []
    for info in plan.area_sheets:
        p, c, m = sets.get(info.name, ((), (), ()))
        rows.append({"sheet": info.name, "area": info.area, "title": info.title,
                     "problems": len(p), "causes": len(c), "measures": len(m)})
    out = pd.DataFrame(rows, columns=["sheet", "area", "title", *COUNT_COLUMNS])
    out["area"] = out["area"].astype("Int64")
    return out
