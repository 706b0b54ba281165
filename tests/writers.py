"""One plan as different writers save it, the commands run in-process, and the invariants checked after each.

A plan lives a year: it is opened and saved by whatever program each person
uses, and xlplan's commands are run on it again and again. This module builds
the same plan as saved by each writer and runs the commands through the Python
API, so tests/test_sequences.py can chain them in any order and check after
every step that the package is sound and that only the reported cells changed.

Writers (keys of ``WRITERS``):

- ``xlsxwriter``: the Södermalm seed as tests.fixtures writes it (the bundled
  examples/sodermalm-2025.xlsx is written the same way);
- ``openpyxl``: that file loaded and saved by openpyxl (its own VML, styles,
  shared strings and part names);
- ``libreoffice``: that file converted by LibreOffice headless;
- ``excel``: the rich fixture (tests/rich.py), which stands in for a file last
  saved by Excel 365: threaded comments with their person list, x14
  validations, a VML form control, printer settings, custom XML;
- ``openpyxl-notes``: the openpyxl file with notes openpyxl wrote, so xlplan
  must add its notes into a VML part openpyxl wrote.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")

WRITERS = ("xlsxwriter", "openpyxl", "libreoffice", "excel", "openpyxl-notes")

OPENPYXL_NOTES = {"1. Unga i riskzon": ("C4", "Kolla med Robin före mötet"),
                  "2. Otrygga brottsutsatta plats ": ("D3", "Målet ska mätas i trygghetsmätningen")}
"""Notes a person wrote in the openpyxl-saved plan (sheet -> cell, text): xlplan's notes join them."""

KNOWN_TEXT = {"excel": "Föräldramöten"}
"""A plan text every rendering must show (default: Södermalm's first measure row)."""
DEFAULT_KNOWN_TEXT = "Trygghetsvandring"

NEW_FOLLOWUP = "Uppföljning 2026-06-30"


# --------------------------------------------------------------------------- tools


def require_libreoffice() -> None:
    """Skip when LibreOffice or pdftotext is missing locally; on CI (env CI set) they must be there."""
    if SOFFICE and PDFTOTEXT:
        return
    if os.environ.get("CI"):
        pytest.fail("LibreOffice and pdftotext are required on CI (.ci/run installs them)")
    pytest.skip("LibreOffice (soffice) or pdftotext not installed; .ci/run installs them")


def soffice(args: list[str], outdir: Path) -> None:
    """Run LibreOffice headless with a profile of its own (runs in parallel never share one)."""
    profile = outdir / "lo-profile"
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}", *args],
                   check=True, capture_output=True, timeout=240)


def render_texts(files: list[Path], outdir: Path) -> dict[str, str]:
    """Every file converted to PDF in one LibreOffice run; each PDF's text by file name."""
    outdir.mkdir(parents=True, exist_ok=True)
    soffice(["--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)], outdir)
    out = {}
    for f in files:
        pdf = outdir / (f.stem + ".pdf")
        assert pdf.is_file(), f"LibreOffice did not render {f.name}"
        out[f.name] = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True,
                                     check=True).stdout
    return out


# --------------------------------------------------------------------------- the plan as each writer saves it


def write_xlsxwriter(path: Path) -> Path:
    from tests.fixtures import write_plan
    from tests.seeds import sodermalm

    return write_plan(path, sodermalm)


def resave_openpyxl(src: Path, dst: Path, notes: dict[str, tuple[str, str]] | None = None) -> Path:
    """``src`` loaded and saved by openpyxl, with ``notes`` (sheet -> (cell, text)) added as its comments."""
    import openpyxl
    from openpyxl.comments import Comment

    wb = openpyxl.load_workbook(src)
    for sheet, (cell, text) in (notes or {}).items():
        wb[sheet][cell].comment = Comment(text, "Robin")
    wb.save(dst)
    return dst


def convert_libreoffice(src: Path, dst: Path) -> Path:
    """``src`` converted to xlsx by LibreOffice (Calc MS Excel 2007 XML), saved as ``dst``."""
    outdir = dst.parent / f"lo-{dst.stem}"
    outdir.mkdir(parents=True, exist_ok=True)
    soffice(["--convert-to", "xlsx", "--outdir", str(outdir), str(src)], outdir)
    shutil.move(outdir / (src.stem + ".xlsx"), dst)
    return dst


def build_writers(folder: Path, writers: tuple[str, ...] = WRITERS) -> dict[str, Path]:
    """The plan as each writer saved it (LibreOffice only when asked: the caller checks it is installed)."""
    from tests.rich import write_rich_plan

    folder.mkdir(parents=True, exist_ok=True)
    base = write_xlsxwriter(folder / "xlsxwriter.xlsx")
    out: dict[str, Path] = {"xlsxwriter": base}
    if "openpyxl" in writers or "openpyxl-notes" in writers:
        out["openpyxl"] = resave_openpyxl(base, folder / "openpyxl.xlsx")
        out["openpyxl-notes"] = resave_openpyxl(base, folder / "openpyxl-notes.xlsx", OPENPYXL_NOTES)
    if "libreoffice" in writers:
        out["libreoffice"] = convert_libreoffice(base, folder / "libreoffice.xlsx")
    if "excel" in writers:
        out["excel"] = write_rich_plan(folder / "excel.xlsx")
    return {w: out[w] for w in writers}


def revised_template(folder: Path) -> Path:
    """The next template version: one more follow-up column (a compatible change migrate carries)."""
    from xlplan.build import build_template

    path = folder / "mall-2026.xlsx"
    if not path.exists():
        build_template(path, followups=("Uppföljning", NEW_FOLLOWUP))
    return path


# --------------------------------------------------------------------------- cell values


Values = dict[str, dict[tuple[int, int], object]]


def cell_values(path: Path) -> Values:
    """Every non-empty cell of every sheet as calamine (an independent reader) reads it, 0-based (row, column)."""
    import python_calamine as pc

    wb = pc.CalamineWorkbook.from_path(str(path))
    out: Values = {}
    for name in wb.sheet_names:
        sheet = wb.get_sheet_by_name(name)
        r0, c0 = sheet.start or (0, 0)
        cells = {}
        for r, row in enumerate(sheet.to_python(skip_empty_area=True)):
            for c, v in enumerate(row):
                if v not in ("", None):
                    cells[(r0 + r, c0 + c)] = _comparable(v)
        out[name] = cells
    return out


def _comparable(v: object) -> object:
    """Numbers as floats and dates as datetimes: writers differ in int/float and date/datetime, not in value."""
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
        return dt.datetime(v.year, v.month, v.day)
    return v


def split_cell(ref: str) -> tuple[int, int]:
    """"C12" -> (11, 2)."""
    letters = "".join(ch for ch in ref if ch.isalpha())
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return int(ref[len(letters):]) - 1, col - 1


def unexpected_changes(before: Values, after: Values, reported: set[tuple[str, str]],
                       new_sheets: set[str] = frozenset()) -> list[str]:
    """Cells whose value changed (or appeared, or vanished) though the command did not report them.

    ``new_sheets`` may be added or rewritten wholesale (the merge's Konflikter listing).
    """
    out = [f"{name}: sheet lost" for name in before if name not in after]
    out += [f"{name}: sheet added" for name in after if name not in before and name not in new_sheets]
    cells = {(s, split_cell(c)) for s, c in reported}
    for name in before.keys() & after.keys():
        if name in new_sheets:
            continue
        b, a = before[name], after[name]
        for rc in b.keys() | a.keys():
            if b.get(rc) != a.get(rc) and (name, rc) not in cells:
                out.append(f"{name}!{_ref(rc)}: {b.get(rc)!r} → {a.get(rc)!r}, not reported")
    return sorted(out)


def _ref(rc: tuple[int, int]) -> str:
    from xlplan.text import cell_address

    return cell_address(*rc)


# --------------------------------------------------------------------------- the commands, in-process


@dataclass
class Step:
    """What a command reported: the cells it changed and the sheets it may add or rewrite wholesale."""

    command: str
    cells: set[tuple[str, str]] = field(default_factory=set)
    new_sheets: set[str] = field(default_factory=set)


def _cells(edits) -> set[tuple[str, str]]:
    return {(e.sheet, e.cell) for e in edits if getattr(e, "cell", None) and getattr(e, "sheet", None)}


def run_normalise(path: Path) -> Step:
    from xlplan.apply import apply_edits
    from xlplan.normalise import normalise_edits
    from xlplan.reader import read_plan

    return Step("normalise", _cells(apply_edits(path, normalise_edits(read_plan(path)), verify=read_plan)))


def run_mark(path: Path) -> Step:
    """``validate --mark``: fills and notes change no value, so nothing is reported."""
    from xlplan.apply import apply_edits
    from xlplan.reader import read_plan
    from xlplan.rules import check
    from xlplan.validate import mark_edits

    apply_edits(path, mark_edits(check(read_plan(path))), verify=read_plan)
    return Step("mark")


def run_analysis(path: Path) -> Step:
    from xlplan.analysis import analysis_edits
    from xlplan.apply import apply_edits
    from xlplan.reader import read_plan

    return Step("analysis", _cells(apply_edits(path, analysis_edits(read_plan(path)), verify=read_plan)))


def followup_target(path: Path, conflict: bool, pick: int) -> tuple[str, str, str] | None:
    """A follow-up cell of a data row to change in a party's copy: (sheet, cell, text now); None if none fits.

    ``conflict``: a cell with text (the copy's text then conflicts), else an empty one (the merge fills it).
    """
    from xlplan.reader import read_plan

    plan = read_plan(path)
    table = plan.table
    options = []
    for info in plan.area_sheets:
        rows = table[(table["position"] == info.position) & (table["kind"] == "data")]
        for header in info.followups:
            for _, rec in rows.iterrows():
                text = str(rec.get(header, "") or "")
                if bool(text.strip()) == conflict and rec[f"src_{header}"] == f"{info.columns[header]}{rec['row']}":
                    options.append((info.name, rec[f"src_{header}"], text))
    return options[pick % len(options)] if options else None


def run_merge(path: Path, conflict: bool, pick: int) -> Step:
    """``merge --in-place`` with a party's copy that changed (or filled in) one follow-up text."""
    from xlplan.apply import apply_edits
    from xlplan.edits import SetValue
    from xlplan.merge import CONFLICT_SHEET, merge_followups

    target = followup_target(path, conflict, pick)
    copy = path.with_name(f"kopia-{path.name}")
    shutil.copy(path, copy)
    if target is not None:
        sheet, cell, text = target
        apply_edits(copy, [SetValue(sheet, cell, f"{text} Uppdaterat av polisen {pick}.".strip(), text, "followup")])
    result = merge_followups(path, [copy], in_place=True)
    copy.unlink()
    return Step("merge", {(f["sheet"], f["cell"]) for f in result.filled}, {CONFLICT_SHEET})


def run_migrate(path: Path, template: Path) -> Step:
    """``migrate --to`` the revised template; a refused migration (blockers) writes nothing and reports nothing.

    The rich file is refused until normalise has restored its hand-edited
    headers (``Atgärd``): migrate compares header texts, not what the reader
    recognised.
    """
    from xlplan.migrate import migrate

    m = migrate(path, template)
    return Step("migrate", set() if m.blockers else _cells(m.edits))


COMMANDS: dict[str, Callable[..., Step]] = {"normalise": run_normalise, "mark": run_mark, "analysis": run_analysis,
                                            "merge": run_merge, "migrate": run_migrate}


# --------------------------------------------------------------------------- the invariants


def problems_after(path: Path, before: Values, step: Step) -> tuple[list[str], Values]:
    """Every broken invariant after ``step``, and the cell values now (for the next step's comparison)."""
    from xlplan.opc.verify import package_problems

    out = [f"package: {p}" for p in package_problems(path)]
    try:
        after = cell_values(path)
    except Exception as exc:  # noqa: BLE001 - any failure to read is the finding
        return [*out, f"calamine: {type(exc).__name__}: {exc}"], before
    out += [f"values: {p}" for p in unexpected_changes(before, after, step.cells, step.new_sheets)]
    return out, after
