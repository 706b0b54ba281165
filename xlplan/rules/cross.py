"""Rules that look at several rows at once: plain Python over the plan table."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def _folded(s: pd.Series) -> pd.Series:
    """Texts as :func:`xlplan.text.fold_ws` compares them: whitespace folded, NFC (NFD å is å)."""
    return s.str.split().str.join(" ").str.normalize("NFC")


def causes_without_measure(data: pd.DataFrame) -> Iterator[int]:
    """Index of the first row of every (sheet, problem, cause) group where no row has a measure."""
    frame = data.assign(_p=_folded(data["problem"]), _c=_folded(data["cause"]),
                        _m=data["measure"].str.strip() != "")
    frame = frame[frame["_c"] != ""]
    has_measure = frame.groupby(["position", "_p", "_c"], sort=False)["_m"].transform("any")
    lonely = frame[~has_measure]
    yield from lonely.drop_duplicates(["position", "_p", "_c"]).index


def duplicate_measures(data: pd.DataFrame) -> Iterator[tuple[int, int]]:
    """(index of a repeated measure, index of its first occurrence) under the same problem and cause."""
    frame = data.assign(_p=_folded(data["problem"]), _c=_folded(data["cause"]), _m=_folded(data["measure"]))
    frame = frame[frame["_m"] != ""].drop_duplicates(["position", "src_measure"])
    keys = ["position", "_p", "_c", "_m"]
    dup = frame.duplicated(keys, keep="first")
    if not dup.any():
        return
    first = frame[~dup].reset_index().set_index(keys)["index"]
    for idx, row in frame[dup].iterrows():
        yield idx, int(first.loc[tuple(row[k] for k in keys)])


def missing_followups(plan, data: pd.DataFrame) -> Iterator[tuple[int, str]]:
    """(index, follow-up header) of the first row of every measure with no text in its sheet's latest round.

    Only a round that has started counts (:func:`xlplan.status.latest_rounds`):
    an empty column added for the next meeting is no gap yet.
    """
    from ..status import measure_status

    status = measure_status(plan)
    rounds = _rounds(plan)
    frame = data[status.reindex(data.index).eq("missing")].drop_duplicates(["position", "src_measure"])
    for index, sheet in frame["sheet"].items():
        yield index, rounds[sheet]


def followups_without_status(plan, data: pd.DataFrame) -> Iterator[tuple[int, str]]:
    """(index, header) of each latest-round follow-up cell whose text says no status (``unknown``), once per cell."""
    from ..status import classify

    for sheet, header in _rounds(plan).items():
        rows = data[(data["sheet"] == sheet) & data[header].str.strip().ne("")]
        rows = rows.drop_duplicates(f"src_{header}")
        for index, text in rows[header].items():
            if classify(text) == "unknown":
                yield index, header


def _rounds(plan) -> dict[str, str]:
    from ..status import latest_rounds

    return latest_rounds(plan)
