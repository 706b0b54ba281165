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
    if "[Content_Types].xml" not in names or not _has_workbook(path, names):
        # A zip, but a Word document, an OpenDocument file or an archive.
        raise PlanError("not_workbook", path=shown)


_WORKBOOK_TYPES = (
    b"/officeDocument/2006/relationships/officeDocument",
    b"/ooxml/officeDocument/relationships/officeDocument",
)


def _has_workbook(path: Path, names: set[str]) -> bool:
    """The root relationship names a workbook part that exists (wherever the writer put it)."""
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return True
    if "_rels/.rels" not in names:
        return False
    import re

    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("_rels/.rels")
        if info.file_size > 1 << 20:
            return False
        rels = zf.read(info)
    for m in re.finditer(rb"<(?:\w+:)?Relationship\b[^>]*>", rels):
        tag = m.group(0)
        target = re.search(rb'Target="([^"]+)"', tag)
        if target and any(t in tag for t in _WORKBOOK_TYPES):
            name = target.group(1).decode("utf-8", "replace").lstrip("/")
            return name in names and name.lower().endswith((".xml", ".bin"))
    return False


def _standard_layout(path: Path):
    """The package with its workbook part renamed to xl/workbook.xml, in memory, for calamine.

    The root relationship may put the workbook part anywhere in xl/ (LibreOffice
    and Excel follow it); only the workbook part and its relationships move,
    so the relative targets inside them still hold. None when nothing is to move.
    """
    import io
    import posixpath
    import re

    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        if "xl/workbook.xml" in names or "_rels/.rels" not in names:
            return None
        rels = zf.read("_rels/.rels").decode("utf-8", "replace")
        m = re.search(r'Target="/?(xl/[^"/]+\.xml)"[^>]*/?>', rels) or re.search(r'Target="/?(xl/[^"/]+\.xml)"', rels)
        if m is None or m.group(1) not in names:
            return None
        main = m.group(1)
        main_rels = posixpath.join("xl/_rels", posixpath.basename(main) + ".rels")
        rename = {main: "xl/workbook.xml", main_rels: "xl/_rels/workbook.xml.rels"}
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as copy:
            for info in zf.infolist():
                data = zf.read(info)
                if info.filename in ("_rels/.rels", "[Content_Types].xml"):
                    data = data.replace(main.encode(), b"xl/workbook.xml")
                copy.writestr(rename.get(info.filename, info.filename), data)
    out.seek(0)
    return out


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
        try:
            book = pc.CalamineWorkbook.from_path(str(path))
        except Exception:
            moved = _standard_layout(path)  # calamine looks for the workbook part at xl/workbook.xml only
            if moved is None:
                raise
            book = pc.CalamineWorkbook.from_filelike(moved)
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
