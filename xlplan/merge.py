"""Merge follow-ups written in several copies of one plan into the master.

Twice a year each party (police, housing company, traffic office, social
services) writes its follow-up in its own copy. Matching, most certain first:

- sheets by area (number or title: sheets renamed or in another order match);
- rows by the hidden identity when both have one, else by problem, cause and
  measure texts (whitespace folded), else by a fuzzy match that is accepted
  only when exactly one master row scores above the threshold (a copy where
  someone fixed a typo in a measure still matches; two look-alikes do not);
- follow-up columns by header; columns the master lacks are added after its
  last column, in date order, with the width of its follow-up column.

An empty master cell takes the copy's text; equal texts are fine; different
texts are a conflict: the master keeps its text, the copy's text is kept in
the sheet ``Konflikter`` (sheet, cell, and each text beside the name of the file
it came from) and in a note on the cell. Rows of a copy that match no master row
are listed there too, never dropped. Copies are only read.

A copy that cannot be read is left out and reported in the result (the others
still merge, so one party's broken file does not hold up the rest); an
unreadable master, or no readable copy at all, is a PlanError and nothing is
written. The Python API writes only where told to (``out=`` or
``in_place=True``), like the command.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from .edits import CopyColumn, Edit, Note, SetValue, WriteSheet
from .errors import PlanError
from .messages import language
from .reader import Plan, SheetInfo
from .text import column_letter, fold_ws

CONFLICT_SHEET = "Konflikter"
FUZZY_THRESHOLD = 90.0


@dataclass
class MergeResult:
    filled: list[dict] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)
    unmatched: list[dict] = field(default_factory=list)
    added_columns: list[dict] = field(default_factory=list)
    fuzzy: list[dict] = field(default_factory=list)
    unreadable: list[dict] = field(default_factory=list)  # {"file", "key", "message"}: copies left out

    def as_dict(self) -> dict:
        return asdict(self) | {"summary": {"filled": len(self.filled), "conflicts": len(self.conflicts),
                                           "unmatched": len(self.unmatched), "added_columns": len(self.added_columns),
                                           "fuzzy_matches": len(self.fuzzy), "unreadable": len(self.unreadable)}}


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _date_key(header: str) -> str:
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", header)
    return m.group(0) if m else ""  # the undated "Uppföljning" sorts first


def _sheet_pairs(master: Plan, copy: Plan) -> list[tuple[SheetInfo | None, SheetInfo]]:
    out = []
    for c in copy.area_sheets:
        match = None
        for m in master.area_sheets:
            same_area = c.area is not None and c.area == m.area and not (c.custom or m.custom)
            same_title = fold_ws(c.title).casefold() == fold_ws(m.title).casefold()
            if same_area or (c.custom and m.custom and same_title):
                match = m
                break
        out.append((match, c))
    return out


def _sheet_rows(plan: Plan, position: int) -> list[dict]:
    """The data rows of one sheet as dicts, from the plan's columns as read (no DataFrame)."""
    cols = plan.columns
    heads = {h for info in plan.area_sheets for h in info.followups}
    wanted = [n for n in cols if n in ("row", "id", "problem", "cause", "measure") or n in heads
              or (n.startswith("src_") and n[4:] in heads)]
    at = [i for i, (p, k) in enumerate(zip(cols["position"], cols["kind"])) if p == position and k == "data"]
    return [{name: cols[name][i] for name in wanted} for i in at]


def _match_rows(mrows: list[dict], crows: list[dict], threshold: float) -> tuple[dict[int, int], list[dict]]:
    """copy row index -> master row index, and the fuzzy matches made.

    By identity, then by the same texts (whitespace folded), then by a unique
    fuzzy match. Each text is folded once, and rows with the same texts are
    taken in order from a cursor, so a sheet of many alike rows costs what
    its rows cost, not their square.
    """
    from rapidfuzz import process

    folds: dict[str, str] = {}

    def folded(text: str) -> str:
        if text not in folds:
            folds[text] = fold_ws(text)
        return folds[text]

    def key(rec: dict) -> tuple[str, str, str]:
        return (folded(rec["problem"]), folded(rec["cause"]), folded(rec["measure"]))

    matched: dict[int, int] = {}
    used: set[int] = set()
    by_id = {r["id"]: i for i, r in enumerate(mrows) if r.get("id")}
    for j, c in enumerate(crows):
        i = by_id.get(c.get("id") or "")
        if i is not None and i not in used:
            matched[j] = i
            used.add(i)
    mkeys = [key(r) for r in mrows]
    ckeys = [key(c) for c in crows]
    by_text: dict[tuple, list[int]] = {}
    for i, k in enumerate(mkeys):
        by_text.setdefault(k, []).append(i)
    cursor: dict[tuple, int] = {}
    for j, k in enumerate(ckeys):
        if j in matched or k not in by_text:
            continue
        rows, at = by_text[k], cursor.get(k, 0)
        while at < len(rows) and rows[at] in used:  # taken by identity: skipped once, for good
            at += 1
        if at < len(rows):
            matched[j] = rows[at]
            used.add(rows[at])
            at += 1
        cursor[k] = at
    fuzzy = []
    free = {i: " | ".join(k) for i, k in enumerate(mkeys) if i not in used}
    for j, c in enumerate(crows):
        if j in matched or not free:
            continue
        # The two best at or above the threshold: a unique one is a match, two are a tie (no match).
        above = process.extract(" | ".join(ckeys[j]), free, scorer=fuzz.ratio, score_cutoff=threshold, limit=2)
        if len(above) == 1:
            _, score, i = above[0]
            matched[j] = i
            del free[i]
            used.add(i)
            fuzzy.append({"copy_row": c["row"], "master_row": mrows[i]["row"], "score": round(score, 1)})
    return matched, fuzzy


def plan_merge(master: Plan, copies: list[Plan], threshold: float = FUZZY_THRESHOLD,
               lang: str = "sv") -> tuple[list[Edit], MergeResult]:
    """Edits that bring the copies' follow-ups into the master, and what happened.

    ``lang`` is the language of what is written into the workbook (the conflict
    notes and the Konflikter sheet's headers).
    """
    result = MergeResult()
    edits: list[Edit] = []
    planned: dict[tuple[str, str], tuple[str, str]] = {}  # (sheet, cell) -> (text, from file)
    new_columns: dict[str, dict[str, str]] = {}  # master sheet -> header -> letter
    notes: dict[tuple[str, str], list[str]] = {}
    for minfo, headers in _missing_columns(master, copies):
        for header in headers:
            add_followup_column(minfo, header, new_columns, edits, result)
    for copy in copies:
        name = copy.path.name if copy.path else "?"
        for minfo, cinfo in _sheet_pairs(master, copy):
            crows = _sheet_rows(copy, cinfo.position)
            if minfo is None:
                result.unmatched += [_unmatched(name, cinfo, r) for r in crows if _has_text(r, cinfo)]
                continue
            mrows = _sheet_rows(master, minfo.position)
            matched, fuzzy = _match_rows(mrows, crows, threshold)
            result.fuzzy += [{"copy": name, "sheet": minfo.name, **f} for f in fuzzy]
            for j, c in enumerate(crows):
                if j not in matched:
                    if _has_text(c, cinfo):
                        result.unmatched.append(_unmatched(name, cinfo, c))
                    continue
                m = mrows[matched[j]]
                for header in cinfo.followups:
                    text = c.get(header, "")
                    if not text.strip():
                        continue
                    cell, current = _target(minfo, m, header, new_columns, result, edits)
                    key = (minfo.name, cell)
                    if key in planned:
                        current = planned[key][0]
                    if not current.strip():
                        planned[key] = (text, name)
                        result.filled.append({"copy": name, "sheet": minfo.name, "cell": cell, "text": text})
                    elif fold_ws(current) != fold_ws(text):
                        result.conflicts.append({"copy": name, "sheet": minfo.name, "cell": cell, "master": current,
                                                 "copy_text": text})
                        notes.setdefault(key, []).append(f"{name}: {text}")
    for (sheet, cell), (text, _) in planned.items():
        edits.append(SetValue(sheet, cell, text, "", "followup"))
    note_head = "Merge conflict – other text in" if lang == "en" else "Konflikt vid sammanslagning – annan text i"
    for (sheet, cell), texts in notes.items():
        edits.append(Note(sheet, cell, note_head + "\n" + "\n".join(texts)))
    if result.conflicts or result.unmatched:
        edits.append(_conflict_sheet(result, master.path.name if master.path else "?", lang))
    return edits, result


def _has_text(rec: dict, info: SheetInfo) -> bool:
    return any(str(rec.get(f, "")).strip() for f in ("problem", "cause", "measure", *info.followups))


def _unmatched(name: str, info: SheetInfo, rec: dict) -> dict:
    return {"copy": name, "sheet": info.name, "row": rec["row"], "problem": rec["problem"], "cause": rec["cause"],
            "measure": rec["measure"],
            "followups": {h: rec.get(h, "") for h in info.followups if str(rec.get(h, "")).strip()}}


def _target(minfo: SheetInfo, m: dict, header: str, new_columns: dict, result: MergeResult,
            edits: list[Edit]) -> tuple[str, str]:
    """The master cell for a follow-up text (adding the column when the master lacks it) and its text."""
    if header in minfo.columns:
        return m[f"src_{header}"], m.get(header, "")
    return f"{new_columns[minfo.name][header]}{m['row']}", ""


def _missing_columns(master: Plan, copies: list[Plan]) -> list[tuple[SheetInfo, list[str]]]:
    """Per master sheet, the copies' follow-up headers it lacks, in date order."""
    out: dict[str, tuple[SheetInfo, set[str]]] = {}
    for copy in copies:
        for minfo, cinfo in _sheet_pairs(master, copy):
            if minfo is not None:
                missing = {h for h in cinfo.followups if h not in minfo.columns}
                out.setdefault(minfo.name, (minfo, set()))[1].update(missing)
    return [(info, sorted(headers, key=lambda h: (_date_key(h), h))) for info, headers in out.values() if headers]


def add_followup_column(minfo: SheetInfo, header: str, new_columns: dict, edits: list[Edit],
                        result: MergeResult | None = None) -> str:
    """Add a follow-up column after the sheet's last column, in the template's style; returns its letter."""
    added = new_columns.setdefault(minfo.name, {})
    if header not in added:
        used = [*minfo.columns.values(), *minfo.extra_columns.values(), *added.values()]
        letter = column_letter(max(_col(x) for x in used) + 1)
        added[header] = letter
        like = minfo.columns[minfo.followups[-1]] if minfo.followups else \
            minfo.columns.get("owner") or max(minfo.columns.values(), key=_col)  # the last plan column
        edits.append(SetValue(minfo.name, f"{letter}{minfo.header_row}", header, "", "header",
                              style_from=f"{like}{minfo.header_row}"))
        if minfo.instruction_row:
            from .template import structure

            edits.append(SetValue(minfo.name, f"{letter}{minfo.instruction_row}", structure().followup.instruction,
                                  "", "header", style_from=f"{like}{minfo.instruction_row}"))
        edits.append(CopyColumn(minfo.name, letter, like))
        if result is not None:
            result.added_columns.append({"sheet": minfo.name, "column": letter, "header": header})
    return added[header]


_CONFLICT_HEADERS = {
    "sv": ("Typ", "Flik", "Cell eller rad", "Huvudfil", "Text i huvudfilen", "Kopia", "Text i kopian"),
    "en": ("Type", "Sheet", "Cell or row", "Master file", "Text in the master file", "Copy", "Text in the copy"),
}
_CONFLICT_WORDS = {"sv": ("Konflikt", "Rad utan motsvarighet", "rad"), "en": ("Conflict", "Unmatched row", "row")}


def _conflict_sheet(result: MergeResult, master_name: str, lang: str = "sv") -> WriteSheet:
    """The Konflikter listing: each text beside the file it came from, so a reader knows whom to ask."""
    lang = "en" if lang == "en" else "sv"
    conflict, unmatched, row = _CONFLICT_WORDS[lang]
    rows = [_CONFLICT_HEADERS[lang]]
    for c in result.conflicts:
        rows.append((conflict, c["sheet"], c["cell"], master_name, c["master"], c["copy"], c["copy_text"]))
    for u in result.unmatched:
        text = "\n".join(x for x in (u["problem"], u["cause"], u["measure"], *u["followups"].values()) if x)
        rows.append((unmatched, u["sheet"], f"{row} {u['row']}", "", "", u["copy"], text))
    return WriteSheet(CONFLICT_SHEET, tuple(rows), (16, 24, 10, 18, 50, 18, 50))


def merge_followups(master: str | Path, copies: str | Path | Iterable[str | Path], out: str | Path | None = None, *,
                    in_place: bool = False, threshold: float = FUZZY_THRESHOLD, save: bool = True,
                    lang: str | None = None) -> MergeResult:
    """Python API: merge the copies' follow-ups into ``master``, written to ``out`` or, with ``in_place``, the master.

    As safe as the command: nothing is written unless asked (exactly one of
    ``out`` and ``in_place``; ``save=False`` is a dry run and needs neither),
    copies are only read, and a copy that cannot be read is left out and listed
    in ``MergeResult.unreadable`` (sentences in ``lang``) while the others merge.
    Raises PlanError for a bad argument, an unreadable master, or when no copy
    can be read (then nothing is written).
    """
    from .apply import apply_edits
    from .locking import write_lock
    from .reader import read_plan

    lang = language(lang)
    master = _path_argument(master, "master")
    paths = _copy_paths(copies)
    target = _target_path(master, paths, out, in_place, save)
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 <= threshold <= 100:
        raise PlanError("merge_threshold", value=threshold)
    with write_lock((target or master) if save else None):  # the file replaced, from the first read on
        plan = read_plan(master)
        plans, unreadable = _read_copies(paths, lang)
        edits, result = plan_merge(plan, plans, threshold, lang)
        result.unreadable = unreadable
        apply_edits(master, edits, output=target, save=save, expect=plan.fingerprint)
    return result


def _path_argument(value: object, what: str) -> Path:
    """A path argument as a Path; anything else is a mistake worth one sentence, not a TypeError deep inside."""
    if isinstance(value, (str, os.PathLike)):
        return Path(value)
    raise PlanError("merge_bad_path", what=what, got=type(value).__name__)


def _copy_paths(copies: object) -> list[Path]:
    """The copies as paths: one path is one copy (a str is not split into characters)."""
    if isinstance(copies, (str, os.PathLike)):
        return [Path(copies)]
    if isinstance(copies, (bytes, dict)) or not isinstance(copies, Iterable):
        raise PlanError("merge_copies", got=type(copies).__name__)
    items = list(copies)
    for item in items:
        if not isinstance(item, (str, os.PathLike)):
            raise PlanError("merge_copies", got=type(item).__name__)
    if not items:
        raise PlanError("merge_no_copies")
    return [Path(c) for c in items]


def _target_path(master: Path, copies: list[Path], out: object, in_place: bool, save: bool) -> Path | None:
    """Where the result goes (None: the master); a master is overwritten only when asked, a copy never."""
    if (out is not None and in_place) or (out is None and not in_place and save):
        raise PlanError("merge_target_api")
    if out is None:
        return None
    target = _path_argument(out, "out")
    if target.suffix.lower() != master.suffix.lower():
        raise PlanError("bad_suffix", path=str(target), allowed=master.suffix.lower() or ".xlsx")
    for c in copies:
        if target.resolve() == c.resolve():
            raise PlanError("merge_out_is_copy", path=str(c))
    return target


def _read_copies(paths: list[Path], lang: str) -> tuple[list[Plan], list[dict]]:
    """The readable copies, and a sentence for each one that is not; none readable is an error."""
    from .reader import read_plan

    plans: list[Plan] = []
    errors: list[tuple[Path, PlanError]] = []
    for p in paths:
        try:
            plans.append(read_plan(p))
        except PlanError as exc:
            errors.append((p, exc))
    if not plans:
        if len(errors) == 1:
            raise errors[0][1]
        raise PlanError("merge_no_copy_readable", files=", ".join(p.name for p, _ in errors),
                        errors=tuple(e for _, e in errors))
    return plans, [{"file": str(p), "key": e.key, "message": e.message(lang)} for p, e in errors]
