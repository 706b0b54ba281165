"""``xlplan normalise``: tidy a plan without changing what it says.

- whitespace: trims every line, folds runs of spaces (and non-breaking spaces,
  tabs) to one, unifies line breaks to \\n (Word's vertical tab \\x0b, which
  pasted text brings along as ``_x000B_``, and form feed or Unicode line and
  paragraph separators are line breaks too) and keeps at most one empty line
  between paragraphs;
- dates: a När line that is a numeric date in another form (2025-4-29,
  29/4 2025, 29.4.2025) becomes ISO (2025-04-29); a real Excel date is shown as
  yyyy-mm-dd (its value is not touched);
- headers: labels edited by hand (``Atgärd``, ``Operativt mål``,
  ``Uppfölning 2025-01-15``) get the template's exact text back; an area title
  is restored only when it was recognised by its title (a typo), never when a
  sheet was recognised by name or number;
- identity: every data row gets a stable identity in a hidden ``xlplan-id``
  column right of everything the sheet uses: past the header's last column,
  but also past any cell with something in it, validation, conditional format,
  table, merge or filter, so the column never lands inside the user's own
  (see README: it moves with the row when sorted, survives edited text, is
  invisible and does not print).

Formatted text (bold words and the like) is left alone: folding it would lose
the formatting. Free-text note rows are left alone too, and so is a formula
(the file backend sees it and lists the cell as left alone).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from functools import lru_cache

from .edits import Edit, HideColumn, SetDateFormat, SetValue
from .reader import ID_HEADER, Plan, records
from .template import FIELDS, Structure, structure
from .text import column_letter, fold_ws

_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\u2028\u2029]")
"""Line breaks by any other name: CR LF, CR, Word's vertical tab, form feed, Unicode line/paragraph separators."""
_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[-/. ](\d{4})$")


_UNTIDY = re.compile(r"[\r\x0b\x0c\u2028\u2029\t\u00a0\u2007\u202f]|  |\n\n\n")
"""What normalise_text would change inside a line or between lines (ends of lines are checked apart)."""


@lru_cache(maxsize=65536)
def normalise_text(text: str) -> str:
    """Whitespace folded line by line; line breaks unified; at most one empty line in a row."""
    if (not _UNTIDY.search(text) and text[:1] != "\n" and text[-1:] != "\n"
            and all(line == line.strip() for line in text.split("\n"))):
        return text  # already tidy (most texts): one search instead of rebuilding every line
    lines = [_SPACES.sub(" ", line).strip() for line in _LINE_BREAKS.sub("\n", text).split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def iso_dates(text: str) -> str:
    """Lines that are numeric dates in another form, as ISO dates."""
    out = []
    for line in text.split("\n"):
        m = _YMD.match(line)
        y, mo, d = (m.group(1), m.group(2), m.group(3)) if m else (None, None, None)
        if not m:
            m = _DMY.match(line)
            if m:
                d, mo, y = m.group(1), m.group(2), m.group(3)
        if m:
            try:
                line = dt.date(int(y), int(mo), int(d)).isoformat()
            except ValueError:
                pass
        out.append(line)
    return "\n".join(out)


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def normalise_edits(plan: Plan, struct: Structure | None = None, ids: bool = True) -> list[Edit]:
    struct = struct or structure()
    edits: list[Edit] = []
    for info in plan.area_sheets:
        edits += _header_edits(info, struct)
    table = plan.table
    text_fields = [c[len("cell_"):] for c in table.columns if c.startswith("cell_") and c != "cell_id"]
    wanted = ["sheet", "timing_is_date", *text_fields] + [f"cell_{f}" for f in text_fields] + \
        [f"src_{f}" for f in text_fields]
    edits += _text_edits(plan.data(wanted), text_fields)
    if ids:
        edits += _identity_edits(plan)
    return edits


def _text_edits(data, text_fields: list[str]) -> list[Edit]:
    """Whitespace and date edits, column by column, listed row by row as the sheet reads.

    Each distinct text is tidied once; only a cell whose text changes costs
    more than an array comparison.
    """
    import numpy as np

    sheets = data["sheet"].to_numpy(dtype=object)
    found: list[tuple[int, int, Edit]] = []
    for j, field in enumerate(text_fields):
        cells = data[f"cell_{field}"].to_numpy(dtype=object)
        values = data[field].to_numpy(dtype=object)
        # The sheet lacks the column (header-mismatch names it), or the text lives in another cell
        # (merged, or "same as above"): nothing to tidy here.
        own = (cells != "") & (cells == data[f"src_{field}"].to_numpy(dtype=object))
        if field == "timing":
            dated = own & data["timing_is_date"].to_numpy(dtype=bool)
            found += [(i, j, SetDateFormat(sheets[i], cells[i], values[i])) for i in np.flatnonzero(dated)]
            own &= ~dated
        at = np.flatnonzero(own)
        tidy = {v: _tidy(v, field == "timing") for v in dict.fromkeys(values[at])}
        changed = {v for v, (new, _) in tidy.items() if new != v}
        for i in at[np.fromiter((v in changed for v in values[at]), dtype=bool, count=len(at))]:
            new, what = tidy[values[i]]
            found.append((i, j, SetValue(sheets[i], cells[i], new, values[i], what)))
    found.sort(key=lambda t: (t[0], t[1]))
    return [e for _, _, e in found]


def _tidy(value: str, timing: bool) -> tuple[str, str]:
    new = normalise_text(value)
    if timing:
        dated = iso_dates(new)
        if dated != new:
            return dated, "date"
    return new, "whitespace"


def _header_edits(info, struct: Structure) -> list[Edit]:
    out: list[Edit] = []
    row = info.header_row
    for field in FIELDS[1:]:
        want, found = struct.column(field).header, info.headers.get(field)
        if found is not None and found != want:
            out.append(SetValue(info.name, f"{info.columns[field]}{row}", want, found, "header"))
    area = next((a for a in struct.fixed_areas if a.number == info.area), None)
    title = info.headers.get("problem", "")
    if area and not info.custom and info.matched_by == "title" and title and title != area.title:
        out.append(SetValue(info.name, f"{info.columns['problem']}{row}", area.title, title, "header"))
    for header in info.followups:
        first, _, rest = fold_ws(header).partition(" ")
        want = " ".join(x for x in (struct.followup.header, rest) if x)
        if header != want:
            out.append(SetValue(info.name, f"{info.columns[header]}{row}", want, header, "header"))
    return out


def _identity_edits(plan: Plan) -> list[Edit]:
    out: list[Edit] = []
    table = plan.table
    data = table[table["kind"] == "data"]
    by_sheet = dict(iter(data.groupby("position", sort=False)))
    sheets = [info for info in plan.area_sheets if by_sheet.get(info.position) is not None
              and not by_sheet[info.position].empty]
    free = _free_columns(plan, [info.name for info in sheets if info.id_column is None])
    for info in sheets:
        rows = by_sheet[info.position]
        letter = info.id_column
        if letter is None:
            used = [*info.columns.values(), *info.extra_columns.values()]
            letter = column_letter(max([_col(x) + 1 for x in used] + [free.get(info.name, 0)]))
            out.append(SetValue(info.name, f"{letter}{info.header_row}", ID_HEADER, "", "id"))
            out.append(HideColumn(info.name, letter))
        have = set(rows["id"]) - {""} if "id" in rows else set()
        seen: set[str] = set()
        for rec in records(rows, [c for c in ("row", "id") if c in rows]):
            current = rec.get("id", "").strip() if info.id_column else ""
            if current in seen:  # a row copied with its identity: the copy gets a new one
                current = ""
            seen.add(current)
            if not current:
                value = new_id()
                while value in have:
                    value = new_id()
                have.add(value)
                out.append(SetValue(info.name, f"{letter}{rec['row']}", value, "", "id"))
    return out


def _free_columns(plan: Plan, sheets: list[str]) -> dict[str, int]:
    """Per sheet, the first column right of everything in it (0-based), read from the file's sheet XML.

    The plan model holds cell values only; validations, conditional formats and
    tables live in the sheet part, so the file is asked (once, and only when a
    sheet still needs its identity column).
    """
    if not sheets or plan.path is None:
        return {}
    from .tables import first_free_columns

    return first_free_columns(plan.path, sheets)


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1
