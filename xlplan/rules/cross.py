"""Rules that look at several rows at once: plain Python and pandas over the plan table.

Texts are compared as :func:`xlplan.text.fold_ws` folds them. Each distinct
text is folded once and the comparisons run on integer keys, so a plan of
50,000 rows costs what its few thousand distinct texts cost.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..columns import folded_keys, has_text

if TYPE_CHECKING:
    import pandas as pd


def causes_without_measure(data: pd.DataFrame) -> Iterator[int]:
    """Index of the first row of every (sheet, problem, cause) group where no row has a measure."""
    frame = data[["position"]].assign(_p=folded_keys(data["problem"]), _c=folded_keys(data["cause"]),
                                      _m=has_text(data["measure"]))
    frame = frame[frame["_c"] != -1]
    has_measure = frame.groupby(["position", "_p", "_c"], sort=False)["_m"].transform("any")
    lonely = frame[~has_measure]
    yield from lonely.drop_duplicates(["position", "_p", "_c"]).index


def duplicate_measures(data: pd.DataFrame) -> Iterator[tuple[int, int]]:
    """(index of a repeated measure, index of its first occurrence) under the same problem and cause."""
    frame = data[["position", "src_measure"]].assign(
        _p=folded_keys(data["problem"]), _c=folded_keys(data["cause"]), _m=folded_keys(data["measure"]))
    frame = frame[frame["_m"] != -1].drop_duplicates(["position", "src_measure"])
    keys = ["position", "_p", "_c", "_m"]
    dup = frame.duplicated(keys, keep="first")
    if not dup.any():
        return
    first = frame.index.to_series(index=frame.index).groupby([frame[k] for k in keys], sort=False).transform("first")
    yield from zip(frame.index[dup.to_numpy()], first[dup].astype(int))


def missing_followups(plan, data: pd.DataFrame) -> Iterator[tuple[int, str]]:
    """(index, follow-up header) of the first row of every measure with no text in its sheet's latest round.

    Only a round that has started counts (:func:`xlplan.status.latest_rounds`):
    an empty column added for the next meeting is no gap yet.
    """
    from ..status import measure_status

    status = data["status"] if "status" in data else measure_status(plan).reindex(data.index)
    rounds = _rounds(plan)
    frame = data.loc[status.eq("missing").to_numpy(), ["position", "src_measure", "sheet"]]
    frame = frame.drop_duplicates(["position", "src_measure"])
    for index, sheet in frame["sheet"].items():
        yield index, rounds[sheet]


def followups_without_status(plan, data: pd.DataFrame) -> Iterator[tuple[int, str]]:
    """(index, header) of each latest-round follow-up cell whose text says no status (``unknown``), once per cell."""
    from ..status import classify

    for sheet, header in _rounds(plan).items():
        texts = data[header]
        rows = data.loc[((data["sheet"] == sheet) & has_text(texts)).to_numpy(), [f"src_{header}", header]]
        rows = rows.drop_duplicates(f"src_{header}")
        for index, text in rows[header].items():
            if classify(text) == "unknown":
                yield index, header


def _rounds(plan) -> dict[str, str]:
    from ..status import latest_rounds

    return latest_rounds(plan)
