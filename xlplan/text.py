"""Text folding, lenient label matching, and text made safe for the files xlplan writes.

People retype headers ("Atgärd", "Operativt mål", "Uppföljning 15/1") and Excel
keeps stray spaces and line breaks; matching must see through that, while the
counts must compare texts exactly but for whitespace. A Mac or a web form may
hand over å, ä and ö decomposed (NFD: a + combining ring), which looks the same
and must compare the same, so every comparison starts from NFC.

Cells can hold characters XML 1.0 forbids (Excel stores them escaped as
``_x0001_``, Word's line break as ``_x000B_``; calamine hands them back
decoded): :func:`xml_text` escapes them again the way Excel does when xlplan
writes text into a workbook part, and :func:`visible_text` replaces them in
reports, so everything xlplan writes stays well-formed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def nfc(text: str) -> str:
    """``text`` in Unicode NFC: a decomposed å (a + U+030A) becomes the one character å.

    Cheap for the usual text: CPython checks for NFC first and returns the same
    string when there is nothing to compose.
    """
    return unicodedata.normalize("NFC", text)


def fold_ws(text: str) -> str:
    """NFC, every run of whitespace (including line breaks) collapsed to one space, trimmed.

    This is the form texts are compared in (counting, duplicates, merge
    matching, headers): an NFD and an NFC copy of a text are the same text.
    """
    return nfc(" ".join(text.split()))  # split() knows the same whitespace as the regex \s, faster


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
    return _ratio(a, b) >= threshold


def _ratio(a: str, b: str) -> float:
    """rapidfuzz's ``fuzz.ratio``, imported on the first near-miss: code that only folds or addresses
    texts (``xlplan rules``, the reports) loads no rapidfuzz. The import rebinds this name, so later
    calls go straight to rapidfuzz."""
    global _ratio
    from rapidfuzz.fuzz import ratio as _ratio

    return _ratio(a, b)


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


_DIGITS = "0123456789"
_COLUMNS: dict[str, int] = {}
"""Column letters -> 0-based index, filled as letters are met (at most A..XFD: 16,384 entries)."""


def column_index(letters: str) -> int:
    """"A" -> 0, "XFD" -> 16383 (ValueError for anything but upper-case ASCII letters)."""
    col = _COLUMNS.get(letters)
    if col is None:
        if not letters or not (letters.isascii() and letters.isalpha() and letters.isupper()):
            raise ValueError(letters)
        col = 0
        for ch in letters:
            col = col * 26 + ord(ch) - 64
        col -= 1
        if len(letters) <= 3:
            _COLUMNS[letters] = col
    return col


def split_ref(ref: str) -> tuple[int, int]:
    """A1 -> (0-based row, 0-based column): :func:`cell_address` backwards.

    No regular expression: the digits are stripped off the end and the letters
    looked up in a cache, as this runs once for every cell an edit or a check
    names. Here, without lxml, so code that only reads addresses (the rules)
    need not load the writer.
    """
    letters = ref.rstrip(_DIGITS)
    k = len(letters)
    if k == len(ref) or not k:
        raise ValueError(ref)
    return int(ref[k:]) - 1, column_index(letters)


# --------------------------------------------------------------------------- text in written files

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""A character XML 1.0 does not allow (C0 controls but tab and line breaks, lone surrogates, U+FFFE/U+FFFF).

Spelled as the forbidden set, not as the complement of XML's Char production: the same characters,
compiled in a twentieth of the time (this module is imported by every command that reads a plan)."""
_ESCAPE_LIKE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
"""The underscore opening text that reads as an ST_Xstring escape (``_x0041_``)."""
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Controls a report should not pass on: XML-forbidden ones, DEL and C1 (terminal escape sequences)."""
REPLACEMENT = "\ufffd"


def xml_text(text: str) -> str:
    """``text`` encoded for a SpreadsheetML text element the way Excel writes it (ST_Xstring).

    A character XML 1.0 forbids becomes ``_xHHHH_`` (lxml refuses to write it,
    and a file holding it raw is not well-formed); text that already looks like
    such an escape is protected as ``_x005F_xHHHH_``, so that Excel and
    calamine read back exactly ``text``.
    """
    if "_" not in text and not _XML_BAD.search(text):
        return text
    text = _ESCAPE_LIKE.sub("_x005F_", text)
    return _XML_BAD.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def visible_text(text: str) -> str:
    """``text`` for a report (JUnit XML, HTML, a terminal): control characters become U+FFFD.

    Tab and line breaks stay. The replacement shows that something was there,
    where dropping it would silently change what the cell says.
    """
    return _UNPRINTABLE.sub(REPLACEMENT, text)
