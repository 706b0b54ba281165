"""Edits as plain data: what a command wants changed, for any backend to apply.

The core (analysis, normalise, marks) computes a list of these from the plan
model; the file backend (:mod:`xlplan.apply`) applies them to the package
parts, the Excel backend (:mod:`xlplan.excel`) through xlwings. Neither door
decides anything on its own, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SetValue:
    """Write a text or a number into a cell (its style stays)."""

    sheet: str
    cell: str
    value: str | int | None
    before: str = ""
    what: str = ""  # why: "whitespace", "header", "date", "count", "label", "id"
    style_from: str = ""  # for a new cell: copy the style of this cell (A1) of the same sheet


@dataclass(frozen=True)
class SetDateFormat:
    """Show a real date cell as yyyy-mm-dd (the value is not touched)."""

    sheet: str
    cell: str
    before: str = ""


@dataclass(frozen=True)
class HideColumn:
    sheet: str
    column: str  # letter


@dataclass(frozen=True)
class Mark:
    """Fill a cell in the mark colour and note every message for it."""

    sheet: str
    cell: str
    messages: tuple[str, ...]


@dataclass(frozen=True)
class Note:
    """A note without a fill (merge conflicts), by its own author so marks never remove it."""

    sheet: str
    cell: str
    text: str
    author: str = "xlplan-merge"


@dataclass(frozen=True)
class WriteSheet:
    """Write a whole sheet of xlplan's own (e.g. "Konflikter"): added at the end, or rewritten."""

    sheet: str
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()


@dataclass(frozen=True)
class CopyColumn:
    """Give a new column the width (and hidden state) of an existing one."""

    sheet: str
    column: str
    like: str


@dataclass(frozen=True)
class ClearMarks:
    """Remove every mark xlplan made earlier (fills and notes), in every sheet."""


@dataclass(frozen=True)
class ExtendTable:
    """The analysis table grew from ``old_last`` to ``new_last`` (1-based rows).

    Charts, names, an Excel table and the conditional formats and validations
    over the table follow."""

    sheet: str
    first: int
    old_last: int
    new_last: int


Edit = SetValue | SetDateFormat | HideColumn | Mark | Note | WriteSheet | CopyColumn | ClearMarks | ExtendTable

TIDYING = frozenset({"whitespace", "date", "header"})
"""SetValue reasons that only tidy what a cell shows. A formula there is content
(it computes what it shows), so the backend leaves it alone rather than turn it
into a value; counts and labels, by contrast, are meant to replace what is there."""


@dataclass(frozen=True)
class LeftAlone:
    """A cell an edit meant to tidy, deliberately left as it was: listed for the user, never a change."""

    sheet: str
    cell: str
    why: str = "formula"


class Applied(list):
    """What a backend did: the edits that changed something (the list itself) and the cells it
    left alone on purpose (``left_alone``), which commands list but neither count nor fail on."""

    def __init__(self, changes: list[Edit] | None = None, left_alone: list[LeftAlone] | None = None) -> None:
        super().__init__(changes or [])
        self.left_alone: list[LeftAlone] = list(left_alone or [])


LIMIT = 70
"""How much of a text one change line shows, before and after each."""

VISIBLE = {" ": "·", "\t": "⇥", "\n": "⏎", "\r": "␍", "\u00a0": "⍽"}
"""Whitespace drawn as a sign, so a change of whitespace alone shows on screen."""


def _short(text: str, limit: int = LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_SPACES = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
           "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
"""Every character str.isspace() holds true for."""
_SIGNS = {ord(ch): VISIBLE.get(ch, "␣") for ch in _SPACES}


def _visible(text: str) -> str:
    return text.translate(_SIGNS)


def _first_difference(a: str, b: str) -> int:
    """Where two texts first differ (the shorter one's length when one begins the other)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:  # the longest common prefix, by halving: slices compare in C
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _around_difference(before: str, after: str, limit: int = LIMIT) -> tuple[str, str]:
    """Both texts cut to the same window around their first difference, whitespace made visible.

    Cutting both at the start would show two identical lines when the change lies
    past the cut, so the window starts a little before the first differing character.
    """
    first = _first_difference(before, after)
    start = 0 if max(len(before), len(after)) <= limit else max(0, first - limit // 3)

    def cut(text: str) -> str:
        shown = _visible(text[start:start + limit - 2])
        return ("…" if start else "") + shown + ("…" if start + limit - 2 < len(text) else "")

    return cut(before), cut(after)


def describe(edit: Edit | LeftAlone, lang: str = "sv") -> str:
    """One line per change, for the list a command prints (``what`` in the chosen language)."""
    from .messages import message, word

    en = lang == "en"
    where = f"{edit.sheet.rstrip()}!{getattr(edit, 'cell', '')}"
    if isinstance(edit, LeftAlone):
        return message(f"left_alone_{edit.why}", lang, where=where)
    if isinstance(edit, SetValue):
        before, after = str(edit.before), "" if edit.value is None else str(edit.value)
        if edit.what == "whitespace":  # the only difference is whitespace: show where it is
            before, after = _around_difference(before, after)
        else:
            before, after = _short(" ".join(before.split())), _short(" ".join(after.split()))
        return f"{where}: {before!r} → {after!r}" + (f" ({word(edit.what, lang)})" if edit.what else "")
    if isinstance(edit, SetDateFormat):
        return f"{where}: {'date shown as' if en else 'datum visas som'} yyyy-mm-dd ({edit.before})"
    if isinstance(edit, HideColumn):
        return f"{edit.sheet.rstrip()}!{edit.column}: {'hidden identity column' if en else 'dold identitetskolumn'}"
    if isinstance(edit, Mark):
        return f"{where}: {'marked' if en else 'markerad'}"
    if isinstance(edit, Note):
        return f"{where}: {'note' if en else 'anteckning'}"
    if isinstance(edit, WriteSheet):
        from .messages import count

        return f"{edit.sheet}: {count(len(edit.rows) - 1, 'row', lang)}"
    if isinstance(edit, CopyColumn):
        return f"{edit.sheet.rstrip()}!{edit.column}: {'width as' if en else 'bredd som'} {edit.like}"
    if isinstance(edit, ExtendTable):
        return (f"{edit.sheet.rstrip()}: {'table and chart now rows' if en else 'tabell och diagram nu rad'} "
                f"{edit.first}–{edit.new_last}")
    return "marks removed" if en else "markeringar borttagna"
