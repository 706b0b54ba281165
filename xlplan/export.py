"""``xlplan export``: the plan table as CSV, Parquet or JSON.

CSV is written with a byte-order mark so that Swedish letters survive when the
file is opened in Excel; Power BI reads it either way.
"""

from __future__ import annotations

from pathlib import Path

from .atomic import write_atomic
from .errors import PlanError
from .reader import Plan

BOM = "\ufeff"


def export_table(plan: Plan, output: Path | None) -> str | None:
    """Write to ``output`` (format by suffix), or return CSV text when ``output`` is None.

    The CSV text starts with the byte-order mark too: ``xlplan export plan.xlsx >
    plan.csv`` must open in Excel with å, ä and ö intact, like ``-o plan.csv``.
    """
    table = plan.table
    if output is None:
        return BOM + table.to_csv(index=False, lineterminator="\n")
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
        write_atomic(output, lambda tmp: table.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\n"))
    return None
