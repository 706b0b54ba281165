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
