"""``xlplan export``: the plan table as CSV, Parquet or JSON.

CSV is written with a byte-order mark so that Swedish letters survive when the
file is opened in Excel; Power BI reads it either way. Its text cells are
guarded against formula injection (:mod:`xlplan.csvsafe`: a text starting with
``=``, ``+``, ``-``, ``@``, tab or carriage return gets a ``'`` in front) unless
``raw`` is asked for; Parquet and JSON are typed and always written raw.
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
    table = plan.table
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


def _for_csv(table: pd.DataFrame, raw: bool) -> pd.DataFrame:
    """The table as it goes into CSV: guarded against formula injection unless ``raw``."""
    return table if raw else guard_frame(table)
