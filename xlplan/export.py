"""``xlplan export``: the plan table as CSV, Parquet or JSON.

CSV is written with a byte-order mark so that Swedish letters survive when the
file is opened in Excel; Power BI reads it either way. Its text cells are
guarded against formula injection (:mod:`xlplan.csvsafe`: a text starting with
``=``, ``+``, ``-``, ``@``, tab or carriage return gets a ``'`` in front) unless
``raw`` is asked for; Parquet and JSON are typed and always written raw.

The exported table is the plan table plus a last column ``status``: where each
measure stands by its latest follow-up (:func:`xlplan.status.measure_status`),
so Power BI can count done and ongoing measures without reading Swedish.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import write_atomic
from .csvsafe import guard_frame
from .errors import PlanError
from .reader import Plan

if TYPE_CHECKING:
    import pandas as pd

BOM = "\ufeff"


def export_table(plan: Plan, output: Path | None, *, raw: bool = False) -> str | None:
    """Write to ``output`` (format by suffix), or return CSV text when ``output`` is None.

    The CSV text starts with the byte-order mark too: ``xlplan export plan.xlsx >
    plan.csv`` must open in Excel with å, ä and ö intact, like ``-o plan.csv``.
    CSV texts are guarded so that opening the file runs no formula; ``raw``
    writes them unchanged (for programs that read the CSV as data).
    """
    table = plan_status_table(plan)
    if output is None:
        return BOM + _for_csv(table, raw).to_csv(index=False, lineterminator="\n")
    suffix = output.suffix.lower()
    if suffix == ".parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise PlanError("needs_pyarrow") from None
        write_atomic(output, lambda tmp: table.to_parquet(tmp, index=False))
    elif suffix == ".json":
        write_atomic(output, lambda tmp: table.to_json(tmp, orient="records", force_ascii=False, indent=1))
    else:
        csv_table = _for_csv(table, raw)
        write_atomic(output, lambda tmp: csv_table.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\n"))
    return None


def plan_status(plan: Plan) -> pd.Series:
    """Status per row of ``plan.table`` (see :func:`xlplan.status.measure_status`): the export's ``status`` column."""
    from .status import measure_status

    return measure_status(plan)


def plan_status_table(plan: Plan) -> pd.DataFrame:
    """The plan table with its ``status`` column (the reader's table has it; a table built elsewhere gets it)."""
    return plan.table if "status" in plan.table.columns else plan.table.assign(status=plan_status(plan))


def _for_csv(table: pd.DataFrame, raw: bool) -> pd.DataFrame:
    """The table as it goes into CSV: guarded against formula injection unless ``raw``."""
    return table if raw else guard_frame(table)
