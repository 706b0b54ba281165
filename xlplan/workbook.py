"""The file backend: recognise what a file is, and read its cells with calamine.

Every way a file can be wrong for us (missing, empty, an old .xls, encrypted,
not a zip, a damaged zip) is told apart here, before any parsing, so the user
gets one sentence that says what to do and the file is only ever read.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from .errors import PlanError
from .grid import Grid

_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2 compound file: .xls, or an encrypted .xlsx


def check_file(path: Path) -> None:
    """Raise PlanError unless ``path`` looks like an Office Open XML workbook."""
    shown = str(path)
    if not path.exists():
        raise PlanError("missing", path=shown)
    if path.is_dir():
        raise PlanError("is_dir", path=shown)
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise PlanError("unreadable", path=shown, reason=exc.strerror or exc.__class__.__name__) from None
    if not head:
        raise PlanError("empty", path=shown)
    if head == _CFB_MAGIC:
        raise PlanError("encrypted" if _is_encrypted_ooxml(path) else "xls", path=shown)
    if not head.startswith(b"PK"):
        raise PlanError("not_workbook", path=shown)
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise PlanError("damaged", path=shown) from None
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        # A zip, but a Word document, an OpenDocument file or an archive.
        raise PlanError("not_workbook", path=shown)


def _is_encrypted_ooxml(path: Path) -> bool:
    """An encrypted .xlsx is a compound file holding an EncryptedPackage stream."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            return ole.exists("EncryptedPackage")
    except Exception:  # olefile raises its own error types on damaged files
        return False


def read_grids(path: str | Path) -> list[Grid]:
    """All worksheets of a workbook as Grids, in workbook order."""
    import python_calamine as pc

    path = Path(path)
    check_file(path)
    try:
        book = pc.CalamineWorkbook.from_path(str(path))
        grids = []
        for meta in book.sheets_metadata:
            if "WorkSheet" not in str(meta.typ):
                continue  # chart sheets hold no cells
            sheet = book.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            merges = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
            grids.append(Grid(meta.name, rows, merges, visible="Visible" in str(meta.visible)))
        return grids
    except PlanError:
        raise
    except Exception:  # calamine's errors for broken XML, missing parts, bad zips
        raise PlanError("damaged", path=str(path)) from None
