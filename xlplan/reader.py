"""From cell grids to the plan model: one table row per sheet row with content.

This is the core every command stands on. It never assumes coordinates: the
header row is found by its labels, the area by its title (then sheet name,
then number), follow-up columns by their header, and "same as above" is read
both from merged cells and from blank problem/cause cells, because real plans
use both.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from itertools import zip_longest
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from .errors import PlanError
from .grid import Grid, as_text
from .template import FIELDS, Area, Structure, structure
from .text import cell_address, column_letter, fold_label, fold_ws, folded_matches, is_followup_header, label_matches

if TYPE_CHECKING:  # pandas is imported lazily: the CLI starts faster without it
    import numpy as np
    import pandas as pd

    from .locking import Fingerprint

ID_HEADER = "xlplan-id"
"""Header of the hidden column that holds each measure row's stable identity (see normalise)."""

HEADER_SEARCH_ROWS = 40
"""How far down a sheet the header row may start (title rows, logos, notes above it)."""

_HEADER_FIELDS = ("cause", "measure", "goal", "timing", "owner")


@dataclass
class MissingColumn:
    """A template column the sheet's header row lacks ("När" renamed "Tidpunkt", or deleted).

    The header is recognised by four of its labels, so a sheet reads without
    one of Operativa mål, När and Vem; the column is then assumed empty and the
    ``header-mismatch`` rule names it once, pointing where its header belongs.
    """

    letter: str  # where the template puts it: right of the template column before it
    found: str = ""  # the header text standing in that cell ("Tidpunkt"), "" when empty or another column's


@dataclass
class SheetInfo:
    """Where a sheet's parts are: enough to point at cells and to write them back."""

    name: str
    position: int
    kind: str  # "area", "instruction", "analysis", "findings" or "other"
    visible: bool = True
    area: int | None = None
    title: str = ""
    custom: bool = False
    matched_by: str = ""  # "title", "sheet", "number" or "" for a new custom area
    header_row: int | None = None  # 1-based, as Excel shows it
    instruction_row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)  # field or follow-up header -> letter
    headers: dict[str, str] = field(default_factory=dict)  # field or follow-up header -> text found
    followups: list[str] = field(default_factory=list)
    extra_columns: dict[str, str] = field(default_factory=dict)  # other header -> letter
    id_column: str | None = None  # letter of the hidden xlplan-id column, when rows have identities
    data_rows: int = 0
    missing: dict[str, MissingColumn] = field(default_factory=dict)  # template field the header lacks -> where


@dataclass
class AnalysisRow:
    """One area's row in the analysis tab, as the file has it."""

    row: int  # 1-based
    label: str
    values: dict[str, int | None]  # "problems", "causes", "measures" -> the number shown (None: not a number)
    cells: dict[str, str]  # "label" and each count -> A1 address


@dataclass
class AnalysisTable:
    """The analysis tab's table (Prioriterat område | Antal problem | …), found by its labels."""

    sheet: str
    header_row: int  # 1-based
    columns: dict[str, str]  # "label", "problems", "causes", "measures" -> letter
    rows: list[AnalysisRow]


@dataclass
class Plan:
    """A read plan: its sheets and its rows (see :func:`build_plan`).

    The rows are kept as the read made them, column by column in plain
    lists (``columns``); :attr:`table` is the same rows as a pandas
    DataFrame, made on first use. Counting a plan (``consolidate`` of
    hundreds of files, ``summary``) needs no DataFrame; the rules and the
    exports do.
    """

    sheets: list[SheetInfo]
    columns: dict[str, list]
    year: int | None = None
    district: str | None = None
    path: Path | None = None
    analysis: AnalysisTable | None = None
    fingerprint: Fingerprint | None = None  # the file as read (read_plan): writes back refuse if it changed since
    _table: pd.DataFrame | None = field(default=None, repr=False, compare=False)

    @property
    def table(self) -> pd.DataFrame:
        """One row per sheet row with content; the columns are described at :func:`build_plan`."""
        if self._table is None:
            import pandas as pd

            self._table = pd.DataFrame({c: _series(pd, c, v) for c, v in self.columns.items()})
        return self._table

    @property
    def area_sheets(self) -> list[SheetInfo]:
        return [s for s in self.sheets if s.kind == "area"]

    def data(self, columns: list[str] | None = None) -> pd.DataFrame:
        """The data rows (all columns, or ``columns``) as a frame of Python objects: what the rules work on.

        Built from the arrays :meth:`values` keeps, without copying them, so
        every rule and count that asks sees the same buffers (and
        :func:`xlplan.columns.remembered` can tell a column it judged before).
        The table's index is kept: a rule's answer points back at the table.
        """
        import pandas as pd

        table = self.table
        rows = self.data_rows()
        index = table.index[rows]

        def column(c: str) -> pd.Series:
            if table[c].dtype == object or table[c].dtype == "str":
                return pd.Series(self.values(c, data_only=True), index=index, dtype=object, copy=False)
            return table[c].iloc[rows]

        return pd.DataFrame({c: column(c) for c in (table.columns if columns is None else columns)}, copy=False)

    def values(self, column: str, data_only: bool = False) -> np.ndarray:
        """A column of the table as a NumPy array (texts as Python strings); ``data_only``: the data rows'.

        Inside :func:`xlplan.columns.remembered` (one check, one command) each
        is made once and shared, so the rules judging the same column see the
        same buffer; outside it every call makes a fresh one.
        """
        from .columns import memo

        kept = memo()
        key = ("values", id(self.table), column, data_only)
        if kept is not None and key in kept:
            return kept[key][1]
        series = self.table[column]
        out = series.to_numpy(dtype=object) if series.dtype == "str" else series.to_numpy()
        if data_only:
            out = out[self.data_rows()]
        if kept is not None:
            kept[key] = (self.table, out)  # the table held: its id cannot be reused meanwhile
        return out

    def data_rows(self) -> np.ndarray:
        """Positions in the table of the data rows (measures, not free-text note rows)."""
        import numpy as np

        return np.flatnonzero(self.values("kind") == "data")

    def counts(self) -> pd.DataFrame:
        from .counts import area_counts

        return area_counts(self)


def read_plan(path: str | Path, struct: Structure | None = None) -> Plan:
    """Read a workbook file into a :class:`Plan`; raise PlanError on a file we cannot use."""
    from .workbook import read_grids

    from .locking import fingerprint

    path = Path(path)
    seen = fingerprint(path)  # before reading: a change after this point is caught when writing back
    plan = build_plan(read_grids(path), struct, file=path.name)
    if not plan.area_sheets:
        raise PlanError("no_plan_sheets", path=str(path))
    plan.path = path
    plan.fingerprint = seen
    return plan


# --------------------------------------------------------------------------- sheets


def _find_header(grid: Grid, struct: Structure) -> tuple[int, dict[str, int]] | None:
    labels = {f: fold_label(struct.column(f).header) for f in _HEADER_FIELDS}
    for r in range(min(len(grid.rows), HEADER_SEARCH_ROWS)):
        texts = [as_text(v) for v in grid.rows[r]]
        if sum(1 for t in texts if t.strip()) < 4:
            continue
        folded = [fold_label(t) if t.strip() else "" for t in texts]  # each cell folded once
        found: dict[str, int] = {}
        for fld, label in labels.items():
            for c, t in enumerate(folded):
                if c not in found.values() and folded_matches(t, label):
                    found[fld] = c
                    break
        if {"cause", "measure"} <= found.keys() and len(found) >= 4 and found["cause"] >= 1:
            return r, found
    return None


def _is_instruction_row(grid: Grid, r: int, cols: dict[str, int], struct: Structure) -> bool:
    hits = 0
    for fld, c in cols.items():
        want = struct.followup.instruction if fld not in FIELDS else struct.column(fld).instruction
        got = grid.text(r, c)
        if got.strip() and fuzz.ratio(fold_label(got), fold_label(want)) >= 75:
            hits += 1
    return hits >= 2


def _match_area(name: str, title: str, struct: Structure) -> tuple[Area | None, str]:
    t, n = fold_label(title), fold_label(name)
    for a in struct.areas:
        if t and t == fold_label(a.title):
            return a, "title"
    for a in struct.fixed_areas:
        if t and fuzz.ratio(t, fold_label(a.title)) >= 88:
            return a, "title"
    for a in struct.areas:
        if n == fold_label(a.sheet):
            return a, "sheet"
    m = re.match(r"\s*(\d+)\s*[.)]", name)
    if m:
        num = int(m.group(1))
        for a in struct.fixed_areas:
            if a.number == num:
                return a, "number"
    return None, ""


def _area_title(grid: Grid, header_row: int, problem_col: int) -> str:
    title = fold_ws(grid.text(header_row, problem_col))
    if title and not label_matches(title, "Problemområde"):
        return title
    for r in range(header_row - 1, -1, -1):  # a title row above the header
        for v in grid.rows[r]:
            text = fold_ws(as_text(v))
            if text:
                return text
    return ""


def _sheet_info(grid: Grid, position: int, struct: Structure) -> tuple[SheetInfo, dict[str, int]]:
    """Classify a sheet and, for an area sheet, map its columns (field -> 0-based index)."""
    info = SheetInfo(grid.name, position, "other", grid.visible)
    found = _find_header(grid, struct)
    if found is None:
        if fold_label(grid.name) == fold_label(struct.instruction_sheet):
            info.kind = "instruction"
        elif fold_label(grid.name) == fold_label(struct.analysis_sheet):
            info.kind = "analysis"
        elif fold_label(grid.name) == fold_label(struct.findings_sheet):
            info.kind = "findings"  # xlplan's own report sheet (the add-in writes it)
        return info, {}
    hr, cols = found
    cols = {"problem": cols["cause"] - 1, **cols}
    header_texts = [as_text(v) for v in grid.rows[hr]]
    last_fixed = max(cols.values())
    for c in range(last_fixed + 1, len(header_texts)):
        text = fold_ws(header_texts[c])
        if not text:
            continue
        if text == ID_HEADER:
            cols["id"] = c
            info.id_column = column_letter(c)
        elif is_followup_header(text, struct.followup.header) and text not in cols:
            cols[text] = c
            info.followups.append(text)
        else:
            info.extra_columns[text] = column_letter(c)
    title = _area_title(grid, hr, cols["problem"])
    area, how = _match_area(grid.name, title, struct)
    info.kind = "area"
    info.header_row = hr + 1
    info.columns = {k: column_letter(c) for k, c in cols.items()}
    info.headers = {k: fold_ws(grid.text(hr, c)) for k, c in cols.items()}
    info.missing = _missing_columns(grid, hr, cols)
    if area is not None and not area.custom:
        info.area, info.title, info.matched_by = area.number, title or area.title, how
    else:
        info.custom = True
        m = re.match(r"\s*(\d+)\s*[.)]", grid.name)
        info.area = int(m.group(1)) if m else (area.number if area else None)
        info.title = title or re.sub(r"^\s*\d+\s*[.)]\s*", "", grid.name).strip()
        info.matched_by = how
    if hr + 1 < len(grid.rows) and _is_instruction_row(grid, hr + 1, cols, struct):
        info.instruction_row = hr + 2
    return info, cols


def _missing_columns(grid: Grid, hr: int, cols: dict[str, int]) -> dict[str, MissingColumn]:
    """The template fields the header row lacks, each where the template would put it.

    That is as many columns right of the nearest field before it as the
    template has between them (the problem column is always there: it is the
    one left of Orsak), so a renamed header ("Tidpunkt" for "När") is pointed
    at where it stands.
    """
    out: dict[str, MissingColumn] = {}
    taken = set(cols.values())
    for i, fld in enumerate(FIELDS):
        if fld in cols:
            continue
        prev = next(f for f in reversed(FIELDS[:i]) if f in cols)
        c = cols[prev] + i - FIELDS.index(prev)
        out[fld] = MissingColumn(column_letter(c), "" if c in taken else fold_ws(grid.text(hr, c)))
    return out


# --------------------------------------------------------------------------- rows


class _Merges:
    """Which merged range covers a cell, per plan column: sorted row intervals.

    A merge is an interval, never expanded into its cells, so a range over the
    whole sheet costs what a small one does. :meth:`owned` hands each interval
    the rows it answers for, so a column is resolved in one sweep.
    """

    def __init__(self, merges: list[tuple[int, int, int, int]], columns: set[int]):
        self.by_col: dict[int, tuple[list[int], list[tuple[int, int, int]]]] = {}
        for c in columns:
            spans = sorted((r0, r1, c0) for r0, c0, r1, c1 in merges if c0 <= c <= c1)
            self.by_col[c] = ([s[0] for s in spans], spans)

    def anchor(self, r: int, c: int) -> tuple[int, int] | None:
        """The top-left cell of the merge covering (r, c), unless (r, c) is that cell or not covered."""
        starts, spans = self.by_col.get(c, ((), ()))
        i = bisect_right(starts, r) - 1
        if i < 0:
            return None
        r0, r1, c0 = spans[i]
        if r > r1 or (r0, c0) == (r, c):
            return None
        return r0, c0

    def owned(self, c: int) -> Iterator[tuple[int, int, int, int]]:
        """(first row, last row, anchor row, anchor column) of the rows of column ``c`` each merge answers for.

        Exactly :meth:`anchor`'s reading (the interval starting last at or
        before a row wins, even over a malformed overlapping one), as runs.
        """
        starts, spans = self.by_col.get(c, ((), ()))
        for i, (r0, r1, c0) in enumerate(spans):
            nxt = starts[i + 1] if i + 1 < len(starts) else None
            if nxt == r0:
                continue  # an equal start later in the list wins
            last = r1 if nxt is None else min(r1, nxt - 1)
            first = r0 + 1 if c0 == c else r0  # the anchor cell is its own
            if first <= last:
                yield first, last, r0, c0


def _wide_merge_rows(grid: Grid, cols: dict[str, int]) -> set[int]:
    """Rows where one merged cell spans three or more of the plan's columns: free-text rows."""
    used = set(cols.values())
    rows = set()
    for r0, c0, _r1, c1 in grid.merges:
        if sum(1 for u in used if c0 <= u <= c1) >= 3:
            rows.add(r0)
    return rows


def _columns(grid: Grid, wanted: set[int], start: int) -> dict[int, list]:
    """The raw values of the ``wanted`` columns from row ``start`` down (None past a short row).

    One transposition in C (``zip_longest`` pads short rows), then the columns picked.
    """
    if start >= len(grid.rows):
        return {c: [] for c in wanted}
    transposed = list(zip_longest(*grid.rows[start:]))
    return {c: list(transposed[c]) if c < len(transposed) else [None] * (len(grid.rows) - start) for c in wanted}


def _texts(values: list) -> list[str]:
    return [v if v.__class__ is str else as_text(v) for v in values]


def _sheet_columns(grid: Grid, info: SheetInfo, cols: dict[str, int]) -> dict[str, list]:
    """The sheet's table rows, column by column (see :func:`build_plan` for the columns).

    Each plan column is resolved in one sweep (its texts, then the merged
    ranges over it as runs); only what depends on the row before (a blank
    problem or cause meaning "same as above", free-text rows) walks the rows.
    """
    merges = _Merges(grid.merges, set(cols.values()))
    wide = _wide_merge_rows(grid, cols)
    start = (info.instruction_row or info.header_row or 0)  # 1-based header/instruction = 0-based next row
    n = max(len(grid.rows) - start, 0)
    numbers = [str(r + 1) for r in range(start, start + n)]
    text: dict[str, list[str]] = {}
    cell: dict[str, list[str]] = {}
    src: dict[str, list[str]] = {}
    covered: dict[str, list[bool]] = {}
    own_content = [False] * n
    raw = _columns(grid, set(cols.values()), start)
    for k, c in cols.items():
        letter = column_letter(c)
        values = _texts(raw[c])
        cells = [letter + x for x in numbers]
        sources = cells.copy()
        cover = [False] * n
        for first, last, r0, c0 in merges.owned(c):
            lo, hi = max(first, start) - start, last - start
            if lo > hi:
                continue
            anchor_text = grid.text(r0, c0)
            anchor_ref = f"{letter}{r0 + 1}" if c0 == c else cell_address(r0, c0)
            values[lo:hi + 1] = [anchor_text] * (hi + 1 - lo)
            sources[lo:hi + 1] = [anchor_ref] * (hi + 1 - lo)
            cover[lo:hi + 1] = [True] * (hi + 1 - lo)
        if k != "id":
            own_content = [o or (not cv and bool(v.strip())) for o, cv, v in zip(own_content, cover, values)]
        text[k], cell[k], src[k], covered[k] = values, cells, sources, cover
    if "timing" in cols:
        is_date = [isinstance(v, (dt.date, dt.datetime)) for v in raw[cols["timing"]]]
    else:
        is_date = [False] * n

    keys = list(cols)
    out: dict[str, list] = {k: [] for k in ("row", "kind", "note", "timing_is_date")}
    for k in keys:
        out[k], out["cell_" + k], out["src_" + k] = [], [], []
    problem, cause = text["problem"], text["cause"]
    src_problem, src_cause = src["problem"], src["cause"]
    prev: int | None = None  # index of the last data row
    folds: dict[str, str] = {}

    def folded(text: str) -> str:  # a sheet repeats its problem texts row after row
        if text not in folds:
            folds[text] = fold_ws(text)
        return folds[text]

    picked = [i for i in range(n) if own_content[i]]
    kinds: list[str] = []
    notes: list[str] = []
    for i in picked:
        r = start + i
        measure_like = any(text[f][i].strip() for f in ("measure", "goal", "timing", "owner") if f in text)
        if r in wide or (not measure_like and problem[i].strip() and _is_label(problem[i])):
            texts = [text[k][i] for k in keys if k != "problem" and text[k][i].strip()]
            seen = dict.fromkeys(texts)  # a wide merge repeats its text in every column
            kinds.append("note")
            notes.append("\n".join(t for t in [problem[i], *seen] if t.strip()))
            continue
        kinds.append("data")
        notes.append("")
        if prev is not None:  # a blank problem or cause cell means "the same as above" (unless merged: done)
            if not problem[i].strip() and not covered["problem"][i]:
                problem[i], src_problem[i] = problem[prev], src_problem[prev]
            same = src_problem[i] == src_problem[prev] or folded(problem[i]) == folded(problem[prev])
            if not cause[i].strip() and not covered["cause"][i] and same:
                cause[i], src_cause[i] = cause[prev], src_cause[prev]
        prev = i
    is_note = [k == "note" for k in kinds]
    for k in keys:
        values = text[k]
        out[k] = ["" if note else values[i] for i, note in zip(picked, is_note)]
        out["cell_" + k] = [cell[k][i] for i in picked]
        out["src_" + k] = [src[k][i] for i in picked]
    absent = [f for f in FIELDS if f not in cols]  # the header lacks them: empty text, no cell
    for k in absent:
        out[k] = out["cell_" + k] = out["src_" + k] = [""] * len(picked)
    out["row"] = [start + i + 1 for i in picked]
    out["kind"], out["note"] = kinds, notes
    out["timing_is_date"] = [is_date[i] for i in picked]
    info.data_rows = kinds.count("data")
    return out


def _is_label(text: str) -> bool:
    """A shouting label such as "ÖVERGRIPANDE MÅL" heading a free-text row."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and text.upper() == text


# --------------------------------------------------------------------------- analysis tab

ANALYSIS_KEYS = ("label", "problems", "causes", "measures")


def _analysis_table(grid: Grid, struct: Structure) -> AnalysisTable | None:
    """Find the table by its header labels; its rows run down to the first empty label."""
    labels = dict(zip(ANALYSIS_KEYS, struct.analysis_headers))
    for r in range(min(len(grid.rows), HEADER_SEARCH_ROWS)):
        texts = [as_text(v) for v in grid.rows[r]]
        cols: dict[str, int] = {}
        for key, label in labels.items():
            for c, t in enumerate(texts):
                if label_matches(t, label):
                    cols[key] = c
                    break
        if len(cols) < 3 or "label" not in cols:
            continue
        rows = []
        for rr in range(r + 1, len(grid.rows)):
            label = fold_ws(grid.text(rr, cols["label"]))
            if not label:
                break
            values = {k: _as_count(grid.rows[rr][c]) if c < len(grid.rows[rr]) else None
                      for k, c in cols.items() if k != "label"}
            cells = {k: cell_address(rr, c) for k, c in cols.items()}
            rows.append(AnalysisRow(rr + 1, label, values, cells))
        return AnalysisTable(grid.name, r + 1, {k: column_letter(c) for k, c in cols.items()}, rows)
    return None


def _as_count(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and float(value).is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


# --------------------------------------------------------------------------- plan


_TITLE = re.compile(r"åtgärdsplan\s+(\d{4})(?:\s*[-–—:,]\s*(.+))?", re.IGNORECASE)
_DISTRICT_NAME = re.compile(
    r"^(?P<name>[^\W\d_][\w-]*?(?:[ -][^\W\d_][\w-]*?)?)s?\s+"
    r"(?:stadsdelsområde|stadsdelsförvaltning|stadsdelsnämnd|stadsdel)\b", re.IGNORECASE)


def district_name(text: str) -> str:
    """The district's own name in a title's district part.

    "Skärholmens stadsdelsområde och lokalpolisområde Skärholmen" is Skärholmen:
    the genitive before stadsdelsområde/-förvaltning/-nämnd names it (no
    Stockholm district ends in s). Any other text is kept as written.
    """
    text = fold_ws(text)
    m = _DISTRICT_NAME.match(text)
    return m.group("name") if m else text


def _plan_year_and_district(grids: list[Grid], infos: list[SheetInfo], struct: Structure) -> tuple[int | None, str | None]:
    """Year and district from the title rows ("Åtgärdsplan 2025 – Södermalm").

    Every sheet is looked at: the instruction sheet often says only
    "Åtgärdsplan 2025" while the area sheets name the district.
    """
    year: int | None = None
    for grid, info in zip(grids, infos):
        if info.kind not in ("instruction", "area"):
            continue
        limit = (info.header_row - 1) if info.header_row else 5
        for r in range(min(limit, len(grid.rows))):
            for v in grid.rows[r]:
                m = _TITLE.search(fold_ws(as_text(v)))
                if not m:
                    continue
                year = year or int(m.group(1))
                if (m.group(2) or "").strip():
                    return year, district_name(m.group(2))
    return year, None


def _year_from_timings(timings: list[str]) -> int | None:
    years = Counter(int(y) for text, n in Counter(timings).items() for y in re.findall(r"\b(20\d\d)\b", text)
                    for _ in range(n))
    return years.most_common(1)[0][0] if years else None


def _series(pd, name: str, values: list):
    """One table column with its type: texts as Python strings (object), counts as integers."""
    if name in ("row", "position"):
        return pd.Series(values, dtype="int64")
    if name == "area":
        return pd.Series(values, dtype="Int64")
    if name == "timing_is_date":
        return pd.Series(values, dtype=bool)
    # Python strings, as read: an Arrow copy of every text would cost more than all the rules
    # (each text encoded again) and twice the memory; rules judge distinct texts in Python anyway.
    return pd.Series(values, dtype=object)


def records(frame: pd.DataFrame, columns: list[str] | None = None) -> list[dict]:
    """Rows as dicts, fast: pandas' to_dict is slow on Arrow-backed string columns."""
    columns = list(frame.columns) if columns is None else columns
    arrays = [frame[c].to_numpy(dtype=object) for c in columns]
    return [dict(zip(columns, values)) for values in zip(*arrays)]


def build_plan(grids: list[Grid], struct: Structure | None = None, file: str = "") -> Plan:
    """The plan model from any backend's grids.

    The table has one row per sheet row with content (data rows and free-text
    note rows) and, for every field F, the columns F (its text, "" when empty),
    ``cell_F`` (the row's own cell) and ``src_F`` (the cell the text comes from:
    the anchor of a merged range, or the cell above for a blank that means
    "same as above"). Follow-up columns appear under their header text.
    ``file`` (the workbook's name) heads every row, so tables of several plans
    can be concatenated and still say where each row came from.
    """
    struct = struct or structure()
    infos: list[SheetInfo] = []
    parts: list[tuple[SheetInfo, dict[str, list]]] = []
    analysis = None
    for pos, grid in enumerate(grids):
        info, cols = _sheet_info(grid, pos, struct)
        infos.append(info)
        if info.kind == "analysis" and analysis is None:
            analysis = _analysis_table(grid, struct)
        if info.kind == "area":
            parts.append((info, _sheet_columns(grid, info, cols)))
    followups: dict[str, None] = {}
    for info in infos:
        followups.update(dict.fromkeys(info.followups))
    fields = [*FIELDS, *followups]
    if any(info.id_column for info in infos):
        fields.append("id")
    text_cols = [*fields, "note"] + ["cell_" + f for f in fields] + ["src_" + f for f in fields]
    data: dict[str, list] = {c: [] for c in ["file", "sheet", "position", "area", "area_title", "row", "kind",
                                             *text_cols, "timing_is_date"]}
    for info, part in parts:
        size = len(part["row"])
        for name, value in (("file", file), ("sheet", info.name), ("position", info.position), ("area", info.area),
                            ("area_title", info.title)):
            data[name] += [value] * size
        for name in ("row", "kind", "timing_is_date", *text_cols):
            data[name] += part.get(name) or [""] * size  # a follow-up header another sheet lacks: empty
    columns = ["file", "sheet", "position", "area", "area_title", "row", "kind", *fields, "note"]
    columns += ["cell_" + f for f in fields] + ["src_" + f for f in fields] + ["timing_is_date"]
    year, district = _plan_year_and_district(grids, infos, struct)
    if year is None and data["timing"]:
        year = _year_from_timings(data["timing"])
    plan = Plan(infos, {c: data[c] for c in columns}, year, district, analysis=analysis)
    from .status import row_statuses  # where each measure stands, by its latest started follow-up round

    plan.columns["status"] = row_statuses(plan)
    return plan
