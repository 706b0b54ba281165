"""The file backend: recognise what a file is, and read its cells with calamine.

Every way a file can be wrong for us (missing, empty, an old .xls, encrypted,
not a zip, a damaged zip) is told apart here, before any parsing, so the user
gets one sentence that says what to do and the file is only ever read.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from .errors import PlanError
from .grid import Grid
from .limits import check_sizes, far_cell, inflate_all

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
            check_sizes(zf, shown)
        workbook = "[Content_Types].xml" in names and _has_workbook(path, names)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
        raise PlanError("damaged", path=shown) from None
    if not workbook:  # a zip, but a Word document, an OpenDocument file or an archive
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


def _refuse_far_cells(path: Path) -> None:
    """A value far beyond the plan (XFD1048576) is refused before calamine allocates up to it.

    Every worksheet part is inflated once, in chunks and never past its declared
    size (a zip bomb stops here), and looked at for cell references of column
    AA or row 100,000 and beyond; only then are the value cells counted.
    """
    import re

    shown = str(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise PlanError("damaged", path=shown) from None
    with zf:
        infos = [i for i in zf.infolist() if re.fullmatch(r"xl/worksheets/[^/]+\.xml", i.filename)]
        for info in infos:
            found = far_cell(inflate_all(zf, info, shown))
            if found is not None:  # the sheet's name only for the sentence: looked up when there is one to say
                cell, cells = found
                raise PlanError("far_cell", path=shown, sheet=_sheet_names(zf).get(info.filename, info.filename),
                                cell=cell, millions=cells // 1_000_000)


def _sheet_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part -> sheet name, for sentences (best effort: the part name where unknown)."""
    import posixpath

    from lxml import etree

    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        wb = etree.fromstring(zf.read("xl/workbook.xml"), parser)
        rels = etree.fromstring(zf.read("xl/_rels/workbook.xml.rels"), parser)
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
        return {}  # damage is reported by the read itself
    targets = {r.get("Id"): posixpath.normpath(posixpath.join("xl", r.get("Target") or ""))
               if not (r.get("Target") or "").startswith("/") else (r.get("Target") or "").lstrip("/")
               for r in rels}
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    return {targets[s.get(rid)]: s.get("name") for s in wb.iter("{*}sheet") if s.get(rid) in targets}


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
    _refuse_far_cells(path)
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
