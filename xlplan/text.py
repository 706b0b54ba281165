"""Text folding and lenient label matching.

People retype headers ("Atgärd", "Operativt mål", "Uppföljning 15/1") and Excel
keeps stray spaces and line breaks; matching must see through that, while the
counts must compare texts exactly but for whitespace.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

_WS = re.compile(r"\s+")


def fold_ws(text: str) -> str:
    """Collapse every run of whitespace (including line breaks) to one space and trim."""
    return _WS.sub(" ", text).strip()


@lru_cache(maxsize=8192)
def fold_label(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form used to recognise labels."""
    text = unicodedata.normalize("NFKD", fold_ws(text).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.strip(" :.;*")


def label_matches(cell: str, label: str, threshold: float = 85.0) -> bool:
    """True when a header cell says ``label`` give or take a typo.

    Short labels (När, Vem) must match exactly after folding: one wrong letter
    in three is another word.
    """
    return folded_matches(fold_label(cell), fold_label(label), threshold)


def folded_matches(a: str, b: str, threshold: float = 85.0) -> bool:
    """:func:`label_matches` on texts already folded with :func:`fold_label` (fold once, compare often)."""
    if not a:
        return False
    if a == b:
        return True
    if len(b) < 6:
        return False
    return fuzz.ratio(a, b) >= threshold


def is_followup_header(cell: str, label: str = "Uppföljning") -> bool:
    """``Uppföljning``, ``Uppföljning 2025-01-15``, ``Uppföljning T2`` and typos thereof."""
    a = fold_label(cell)
    if not a:
        return False
    first = a.split(" ", 1)[0]
    return label_matches(first, label)


def column_letter(index: int) -> str:
    """0-based column index to Excel letters (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_address(row: int, col: int) -> str:
    """0-based row and column to an A1 address."""
    return f"{column_letter(col)}{row + 1}"
