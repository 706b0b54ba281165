"""Vocabulary shared by the seed transcriptions."""

from __future__ import annotations

from typing import TypedDict


class _Same:
    """Sentinel: this cell is the same as the one above (merged in the real file,
    or text repeated on each row, or left blank: the fixture layout decides)."""

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "SAME"

    def __copy__(self) -> _Same:  # a sentinel stays itself when seeds are copied
        return self

    def __deepcopy__(self, memo: dict) -> _Same:
        return self


SAME = _Same()


class Row(TypedDict, total=False):
    kind: str  # "measure" (default), "note" (free-text row, text in `text`)
    problem: object  # str or SAME
    cause: object  # str or SAME
    measure: object  # str or SAME (SAME: one measure cell merged over rows)
    goal: object
    timing: object
    owner: object
    followups: list  # one entry per follow-up column of the sheet, "" when empty
    text: str  # only for kind == "note"
    label: str  # only for kind == "note", e.g. "ÖVERGRIPANDE MÅL"
