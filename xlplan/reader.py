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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from .errors import PlanError
from .grid import Grid, as_text
from .template import FIELDS, Area, Structure, structure
from .text import cell_address, column_letter, fold_label, fold_ws, folded_matches, is_followup_header, label_matches

if TYPE_CHECKING:  # pandas is imported lazily: the CLI starts faster without it
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
    """A read plan: its sheets and its table (see :func:`build_plan`)."""

    sheets: list[SheetInfo]
    table: pd.DataFrame
    year: int | None = None
    district: str | None = None
    path: Path | None = None
    analysis: AnalysisTable | None = None
    fingerprint: Fingerprint | None = None  # the file as read (read_plan): writes back refuse if it changed since

    @property
    def area_sheets(self) -> list[SheetInfo]:
        return [s for s in self.sheets if s.kind == "area"]

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
    """Which merged range covers a cell, per plan column: sorted row intervals, found by bisection.

    A merge is an interval, never expanded into its cells, so a range over the
    whole sheet costs what a small one does.
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


def _wide_merge_rows(grid: Grid, cols: dict[str, int]) -> set[int]:
    """Rows where one merged cell spans three or more of the plan's columns: free-text rows."""
    used = set(cols.values())
    rows = set()
    for r0, c0, _r1, c1 in grid.merges:
        if sum(1 for u in used if c0 <= u <= c1) >= 3:
            rows.add(r0)
    return rows


def _sheet_rows(grid: Grid, info: SheetInfo, cols: dict[str, int]) -> list[dict]:
    merges = _Merges(grid.merges, set(cols.values()))
    wide = _wide_merge_rows(grid, cols)
    start = (info.instruction_row or info.header_row or 0)  # 1-based header/instruction = 0-based next row
    keys = list(cols)
    absent = [f for f in FIELDS if f not in cols]  # the header lacks them: empty text, no cell
    letters = {c: column_letter(c) for c in cols.values()}  # addresses are built per cell: letters once
    out: list[dict] = []
    prev: dict | None = None
    for r in range(start, len(grid.rows)):
        rec: dict = {}
        own_content = False
        for k in keys:
            c = cols[k]
            src = merges.anchor(r, c) or (r, c)
            value = grid.text(*src)
            rec[k] = value
            rec["cell_" + k] = f"{letters[c]}{r + 1}"
            rec["src_" + k] = f"{letters[c]}{src[0] + 1}" if src[1] == c else cell_address(*src)
            if src == (r, c) and value.strip() and k != "id":
                own_content = True
        for k in absent:
            rec[k] = rec["cell_" + k] = rec["src_" + k] = ""
        rec["timing_is_date"] = "timing" in cols and _is_date(grid, r, cols["timing"])
        if not own_content:
            continue
        measure_like = any(rec[f].strip() for f in ("measure", "goal", "timing", "owner"))
        is_note = r in wide or (
            not measure_like and rec["problem"].strip() and _is_label(rec["problem"])
        )
        rec["row"] = r + 1
        if is_note:
            texts = [rec[k] for k in keys if k != "problem" and rec[k].strip()]
            seen = dict.fromkeys(texts)  # a wide merge repeats its text in every column
            rec["kind"] = "note"
            rec["note"] = "\n".join(t for t in [rec["problem"], *seen] if t.strip())
            for k in keys:
                rec[k] = ""
            out.append(rec)
            continue
        rec["kind"] = "data"
        rec["note"] = ""
        if prev is not None:
            _fill_from_above(rec, prev, cols, merges, r)
        out.append(rec)
        prev = rec
    info.data_rows = sum(1 for rec in out if rec["kind"] == "data")
    return out


def _is_date(grid: Grid, r: int, c: int) -> bool:
    if r < len(grid.rows) and c < len(grid.rows[r]):
        return isinstance(grid.rows[r][c], (dt.date, dt.datetime))
    return False


def _is_label(text: str) -> bool:
    """A shouting label such as "ÖVERGRIPANDE MÅL" heading a free-text row."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and text.upper() == text


def _fill_from_above(rec: dict, prev: dict, cols: dict[str, int], merges: _Merges, r: int) -> None:
    """A blank problem or cause cell means "the same as above" (unless it is merged: done)."""
    if not rec["problem"].strip() and merges.anchor(r, cols["problem"]) is None:
        rec["problem"], rec["src_problem"] = prev["problem"], prev["src_problem"]
    same_problem = rec["src_problem"] == prev["src_problem"] or fold_ws(rec["problem"]) == fold_ws(prev["problem"])
    if not rec["cause"].strip() and merges.anchor(r, cols["cause"]) is None and same_problem:
        rec["cause"], rec["src_cause"] = prev["cause"], prev["src_cause"]


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


def _year_from_timings(table: pd.DataFrame) -> int | None:
    years = Counter(int(y) for text in table["timing"] for y in re.findall(r"\b(20\d\d)\b", text))
    return years.most_common(1)[0][0] if years else None


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
    import pandas as pd

    struct = struct or structure()
    infos: list[SheetInfo] = []
    records: list[dict] = []
    analysis = None
    for pos, grid in enumerate(grids):
        info, cols = _sheet_info(grid, pos, struct)
        infos.append(info)
        if info.kind == "analysis" and analysis is None:
            analysis = _analysis_table(grid, struct)
        if info.kind != "area":
            continue
        for rec in _sheet_rows(grid, info, cols):
            rec.update(sheet=info.name, position=pos, area=info.area, area_title=info.title)
            records.append(rec)
    followups: dict[str, None] = {}
    for info in infos:
        followups.update(dict.fromkeys(info.followups))
    fields = [*FIELDS, *followups]
    if any(info.id_column for info in infos):
        fields.append("id")
    columns = ["file", "sheet", "position", "area", "area_title", "row", "kind", *fields, "note"]
    columns += ["cell_" + f for f in fields] + ["src_" + f for f in fields] + ["timing_is_date"]
    table = pd.DataFrame.from_records(records, columns=columns)
    table["file"] = file
    text_cols = [*fields, "note"] + ["cell_" + f for f in fields] + ["src_" + f for f in fields]
    table[text_cols] = table[text_cols].fillna("").astype(str)
    table["timing_is_date"] = table["timing_is_date"].fillna(False).astype(bool)
    table["area"] = table["area"].astype("Int64")
    table["row"] = table["row"].astype("int64")
    table["position"] = table["position"].astype("int64")
    year, district = _plan_year_and_district(grids, infos, struct)
    if year is None and len(table):
        year = _year_from_timings(table)
    plan = Plan(infos, table, year, district, analysis=analysis)
    from .status import measure_status  # where each measure stands, by its latest started follow-up round

    table["status"] = measure_status(plan)
    return plan
