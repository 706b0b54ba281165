"""The add-in's scripts: the two buttons, as xlwings Server custom scripts.

Thin wrappers only: the work is xlplan.excel's, the same code the CLI's rules
and counts run through, so the add-in and the command line cannot disagree.
"""

from __future__ import annotations

from contextvars import ContextVar

import xlwings as xw
from xlwings.server import script

from xlplan import excel

merges: ContextVar[dict[str, list[str]] | None] = ContextVar("merges", default=None)
"""Merged areas per sheet for this request (``xlplan.merges`` in the body, which xlwings' payload lacks).

addin/app.py sets these variables inside the worker thread's own context, with
the areas already checked and clipped to the values sent, so a forged
whole-sheet merge never reaches the reader.
"""

language: ContextVar[str | None] = ContextVar("language", default=None)
"""Office's display language (``xlplan.lang`` in the body, else the Xlplan-Language header), None for the default."""

locked: ContextVar[tuple[str, ...]] = ContextVar("locked", default=())
"""Sheets protected with a password (``xlplan.password_protected``): read, never written.

The client lifts a password-less protection itself while it writes; a
password it cannot lift, so the scripts leave those sheets alone and say so.
"""


@script(name="Validera")
def validera(book: xw.Book):
    """Granska planen: markera celler, skriv fliken Granskning, visa en sammanfattning."""
    excel.validate(book, merges=merges.get(), lang=language.get(), locked=locked.get())


@script(name="Uppdatera analys")
def uppdatera_analys(book: xw.Book):
    """Räkna om analysfliken (antal problem, orsaker och åtgärder per område)."""
    excel.update_analysis(book, merges=merges.get(), lang=language.get(), locked=locked.get())
