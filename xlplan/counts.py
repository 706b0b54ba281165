"""Problems, causes and measures per area: the one definition every command uses.

- problems: distinct non-empty problem texts;
- causes: distinct (problem, cause) pairs with a non-empty cause;
- measures: distinct non-empty measure cells (a measure merged over two rows
  is one measure; the same text typed on two rows is two).
Texts compare after folding whitespace, so a repeated problem typed with an
extra space or line break is still one problem. This replaces the manual
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

    data = plan.table[plan.table["kind"] == "data"]
    fold = lambda s: s.str.split().str.join(" ")  # noqa: E731 - whitespace folding, vectorised
    problem, cause = fold(data["problem"]), fold(data["cause"])
    per_sheet = pd.DataFrame({"sheet": data["sheet"], "problem": problem, "cause": cause,
                              "measure": data["measure"].str.strip(), "src": data["src_measure"]})
    problems = per_sheet[per_sheet["problem"] != ""].groupby("sheet")["problem"].nunique()
    with_cause = per_sheet[per_sheet["cause"] != ""]
    causes = with_cause.groupby("sheet")[["problem", "cause"]].apply(lambda g: len(g.drop_duplicates()))
    measures = per_sheet[per_sheet["measure"] != ""].groupby("sheet")["src"].nunique()
    rows = []
    for info in plan.area_sheets:
        rows.append({
            "sheet": info.name,
            "area": info.area,
            "title": info.title,
            "problems": int(problems.get(info.name, 0)),
            "causes": int(causes.get(info.name, 0)) if len(causes) else 0,
            "measures": int(measures.get(info.name, 0)),
        })
    out = pd.DataFrame(rows, columns=["sheet", "area", "title", *COUNT_COLUMNS])
    out["area"] = out["area"].astype("Int64")
    return out
