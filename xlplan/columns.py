"""Column-wise helpers over the plan table: each distinct text judged once, the rest integer work.

A plan repeats its texts (problems, causes, owners) and leaves most cells
empty; a consolidation of hundreds of plans repeats them more. Factorising a
column and working on its distinct values keeps the cost with the texts, not
with the rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from .text import fold_ws

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


_MEMO: ContextVar[dict | None] = ContextVar("xlplan_column_memo", default=None)


@contextmanager
def remembered() -> Iterator[None]:
    """Within this block a column judged twice the same way is judged once.

    The rules ask "does this cell hold text?" of the measure column for four
    rules and fold the problem column for three; inside one check the table
    does not change, so the answer is kept (keyed by the column's buffer,
    which the memo holds on to, so the address cannot be reused meanwhile).
    Outside such a block nothing is kept: a table edited between two checks
    is judged afresh.
    """
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def memo() -> dict | None:
    """The current :func:`remembered` block's store, or None outside one."""
    return _MEMO.get()


def distinct(s: pd.Series) -> tuple[np.ndarray, dict]:
    """A column's values as an object array and its distinct values (a dict, in first-seen order).

    Plain dict hashing of Python strings: cheaper than factorising, which
    converts its uniques back to Python objects anyway.
    """
    values = s.to_numpy(dtype=object)
    return values, dict.fromkeys(values)


def judged(s: pd.Series, judge: Callable[[str], object], dtype=bool, key: object = None) -> pd.Series:
    """``judge`` once per distinct text, spread back over the rows.

    ``key`` names the judgement for :func:`remembered` (default: ``judge``
    itself; pass one when ``judge`` is made afresh per call).
    """
    import numpy as np
    import pandas as pd

    values = s.to_numpy(dtype=object)
    memo = _MEMO.get()
    if memo is not None:
        where = (values.__array_interface__["data"][0], values.strides, len(values), key or judge, np.dtype(dtype))
        held = memo.get(where)
        if held is not None:
            return pd.Series(held[1], index=s.index)
    verdict = {value: judge(value) for value in dict.fromkeys(values)}
    out = np.fromiter(map(verdict.__getitem__, values), dtype=dtype, count=len(values))
    if memo is not None:
        memo[where] = (values, out)
    return pd.Series(out, index=s.index)


def folded_keys(s: pd.Series) -> pd.Series:
    """An integer per text, equal for texts :func:`fold_ws` makes equal (whitespace folded, NFC); -1 for blank."""
    ids: dict[str, int] = {"": -1}

    def key(text) -> int:
        folded = fold_ws(text) if isinstance(text, str) else ""
        return ids.setdefault(folded, len(ids) - 1)

    return judged(s, key, dtype="int64", key="folded")


def filled(text) -> bool:
    """A cell holds more than whitespace: the one test behind every "missing" and "has a measure"."""
    return isinstance(text, str) and bool(text.strip())


def has_text(s: pd.Series) -> pd.Series:
    """:func:`filled` for each cell of a column."""
    return judged(s, filled)
