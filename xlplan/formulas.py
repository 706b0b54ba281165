"""Formula text moved the way Excel moves it, for the cells of a shared formula.

A filled-down formula is stored once, in its group's first cell (the master);
the other cells only say "same as the master, moved". Before xlplan overwrites
a master, every other cell of the group gets its own copy of the formula,
translated by that cell's offset from the master: relative references move,
``$``-anchored parts stay, and nothing inside quotes, brackets (structured
references, other workbooks) or a quoted sheet name is touched. This is what
Excel itself does when the master of a filled-down range is edited.
"""

from __future__ import annotations

import re

MAX_ROW = 1_048_576
MAX_COL = 16_384  # XFD

_AREA = re.compile(
    r"""(?P<c1d>\$?)(?P<c1>[A-Za-z]{1,3})(?P<r1d>\$?)(?P<r1>[0-9]+)
        (?::(?P<c2d>\$?)(?P<c2>[A-Za-z]{1,3})(?P<r2d>\$?)(?P<r2>[0-9]+))?
      | (?P<kc1d>\$?)(?P<kc1>[A-Za-z]{1,3}):(?P<kc2d>\$?)(?P<kc2>[A-Za-z]{1,3})
      | (?P<kr1d>\$?)(?P<kr1>[0-9]+):(?P<kr2d>\$?)(?P<kr2>[0-9]+)""",
    re.X,
)
_WORD = re.compile(r"[^\W\d][\w.\\?]*")  # names, functions, sheet names (å, ö too)
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]*)?(?:[Ee][+-]?[0-9]+)?")
_NOT_AFTER_REF = "(![$"  # LOG10( is a function, Q1!A1 a sheet, A1[ or A1$ no reference
_CLOSING = {'"': '"', "'": "'", "[": "]"}


def column_number(letters: str) -> int:
    """A -> 1, XFD -> 16384."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(n: int) -> str:
    """1 -> A, 16384 -> XFD."""
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


def shift_formula(formula: str, rows: int, cols: int) -> str:
    """``formula`` as it reads in a cell ``rows`` below and ``cols`` right of where it was written.

    A reference moved off the sheet becomes ``#REF!``, as in Excel.
    """
    out: list[str] = []
    i, n = 0, len(formula)
    while i < n:
        ch = formula[i]
        if ch in _CLOSING:
            end = _closing(formula, i)
            out.append(formula[i:end])
            i = end
            continue
        if (ch == "$" or ch.isalnum()) and not _in_word(formula, i):
            moved, end = _shift_reference(formula, i, rows, cols)
            if moved is not None:
                out.append(moved)
                i = end
                continue
            word = (_NUMBER if ch.isdigit() else _WORD).match(formula, i)
            if word:
                out.append(word.group(0))
                i = word.end()
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def _is_name_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_.\\?"


def _in_word(text: str, i: int) -> bool:
    """True when position ``i`` continues a name: a reference cannot start inside one (``B2`` in ``AB2``)."""
    return i > 0 and _is_name_char(text[i - 1])


def _closing(text: str, start: int) -> int:
    """End (exclusive) of a quoted string, quoted sheet name or bracketed part starting at ``start``.

    Quotes are escaped by doubling; brackets nest (``Table1[[#This Row],[Col]]``).
    """
    opening = text[start]
    closing = _CLOSING[opening]
    depth, i = 0, start
    while i < len(text):
        ch = text[i]
        if opening == "[":
            depth += (ch == "[") - (ch == "]")
            if depth == 0:
                return i + 1
        elif i > start and ch == closing:
            if text[i + 1:i + 2] == closing:
                i += 2
                continue
            return i + 1
        i += 1
    return len(text)  # unterminated: the rest is left as it is


def _shift_reference(text: str, start: int, rows: int, cols: int) -> tuple[str | None, int]:
    """The reference (cell, area, whole columns or rows) at ``start``, moved; (None, start) if none is there."""
    m = _AREA.match(text, start)
    after = text[m.end():m.end() + 1] if m else ""
    if not m or (after and (_is_name_char(after) or after in _NOT_AFTER_REF)):
        return None, start
    g = m.groupdict()
    if g["c1"] is not None:
        if column_number(g["c1"]) > MAX_COL or int(g["r1"]) > MAX_ROW or int(g["r1"]) == 0:
            return None, start  # a name such as LOG10 or ABC12345678, not a cell
        parts = [_cell(g["c1d"], g["c1"], g["r1d"], g["r1"], rows, cols)]
        if g["c2"] is not None:
            parts.append(_cell(g["c2d"], g["c2"], g["r2d"], g["r2"], rows, cols))
    elif g["kc1"] is not None:
        parts = [_part(g["kc1d"], g["kc1"], cols, True), _part(g["kc2d"], g["kc2"], cols, True)]
    else:
        parts = [_part(g["kr1d"], g["kr1"], rows, False), _part(g["kr2d"], g["kr2"], rows, False)]
    if any(p is None for p in parts):
        return "#REF!", m.end()
    return ":".join(parts), m.end()  # type: ignore[arg-type]


def _cell(cd: str, col: str, rd: str, row: str, rows: int, cols: int) -> str | None:
    c, r = _part(cd, col, cols, True), _part(rd, row, rows, False)
    return None if c is None or r is None else c + r


def _part(anchor: str, value: str, delta: int, is_column: bool) -> str | None:
    """One column or row of a reference, moved unless anchored; None when it leaves the sheet."""
    if anchor:
        return anchor + value
    if is_column:
        n = column_number(value) + delta
        return column_letters(n) if 1 <= n <= MAX_COL else None
    n = int(value) + delta
    return str(n) if 1 <= n <= MAX_ROW else None
