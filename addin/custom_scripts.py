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
"""Merged areas per sheet for this request (the add-in's JavaScript sends them; the payload cannot).

addin/app.py sets both variables inside the worker thread's own context, with
the areas already checked and clipped to the values sent, so a forged
whole-sheet merge never reaches the reader.
"""

language: ContextVar[str | None] = ContextVar("language", default=None)
"""The request's Xlplan-Language header (Office's display language), None for xlplan's default."""


@script(name="Validera")
def validera(book: xw.Book):
    """Granska planen: markera celler, skriv fliken Granskning, visa en sammanfattning."""
    excel.validate(book, merges=merges.get(), lang=language.get())


@script(name="Uppdatera analys")
def uppdatera_analys(book: xw.Book):
    """Räkna om analysfliken (antal problem, orsaker och åtgärder per område)."""
    excel.update_analysis(book, merges=merges.get(), lang=language.get())
