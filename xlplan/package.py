"""The part-level writer: change the XML parts that must change, copy every other part.

Opening and saving a workbook with openpyxl rebuilds it and drops what it does
not model (text boxes, form controls, threaded comments, x14 validations,
sparklines, chart styles, printer settings…). A :class:`Package` instead keeps
the .xlsx/.xlsm zip as it is: parts are parsed only when an edit needs them,
and on save every untouched part is written back byte for byte, in the same
order, with the same zip metadata. The save is atomic and verified: the new
package is written beside the original, re-read, and only then moved over it.
"""

from __future__ import annotations

import os
import posixpath
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from .atomic import atomic_path
from .errors import PlanError

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REL_COMMENTS = REL + "comments"
REL_VML = REL + "vmlDrawing"
REL_DRAWING = REL + "drawing"
REL_CHART = REL + "chart"
REL_CALC_CHAIN = REL + "calcChain"
REL_STYLES = REL + "styles"
REL_WORKSHEET = REL + "worksheet"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"

_PARSER = etree.XMLParser(remove_blank_text=False, resolve_entities=False, no_network=True, huge_tree=True)


def parse_xml(data: bytes) -> etree._Element:
    """Parse a part safely (no entities, no network: defusedxml's concerns, in lxml)."""
    return etree.fromstring(data, _PARSER)


_DEFAULT_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def declaration(data: bytes) -> bytes:
    """A part's XML declaration as written (with the line break after it), to write it back the same."""
    if data.startswith(b"<?xml"):
        end = data.find(b"?>") + 2
        while end < len(data) and data[end:end + 1] in (b"\r", b"\n"):
            end += 1
        return data[:end]
    return b""


def serialise(root: etree._Element, prefix: bytes = _DEFAULT_DECLARATION) -> bytes:
    return prefix + etree.tostring(root, encoding="UTF-8")


def q(tag: str, ns: str = NS_MAIN) -> str:
    return f"{{{ns}}}{tag}"


class Package:
    """A workbook package opened for part-level edits."""

    def __init__(self, path: str | Path):
        from .workbook import check_file

        self.path = Path(path)
        check_file(self.path)
        try:
            with zipfile.ZipFile(self.path) as zf:
                self.infos = zf.infolist()
                self.raw = {i.filename: zf.read(i) for i in self.infos}
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise PlanError("damaged", path=str(self.path)) from None
        self._xml: dict[str, etree._Element] = {}
        self.changed: set[str] = set()
        self.removed: set[str] = set()
        self.added: dict[str, bytes] = {}
        self.added_defaults: set[str] = set()
        if b"purl.oclc.org/ooxml/spreadsheetml" in self.raw.get("xl/workbook.xml", b""):
            raise PlanError("strict_ooxml", path=str(self.path))

    # ----------------------------------------------------------------- parts
    def names(self) -> list[str]:
        return [n for n in [*self.raw, *self.added] if n not in self.removed]

    def free_name(self, pattern: str) -> str:
        """The first unused part name for a pattern such as "xl/comments{}.xml" (numbered from 1)."""
        n = 1
        while self.exists(pattern.format(n)):
            n += 1
        return pattern.format(n)

    def exists(self, name: str) -> bool:
        return (name in self.raw or name in self.added) and name not in self.removed

    def read(self, name: str) -> bytes:
        if name in self._xml:
            original = self.added.get(name) or self.raw.get(name) or b""
            return serialise(self._xml[name], declaration(original) or _DEFAULT_DECLARATION)
        return self.added[name] if name in self.added else self.raw[name]

    def xml(self, name: str) -> etree._Element:
        """The parsed part; parsing does not mark it changed (call :meth:`touch`)."""
        if name not in self._xml:
            self._xml[name] = parse_xml(self.added.get(name) or self.raw[name])
        return self._xml[name]

    def touch(self, name: str) -> None:
        self.changed.add(name)

    def put(self, name: str, data: bytes, content_type: str | None = None) -> None:
        """Add or replace a part given as bytes (VML is not always well-formed XML: kept as text)."""
        self._xml.pop(name, None)
        if name in self.raw and name not in self.removed:
            self.raw[name] = data
            self.changed.add(name)
        else:
            self.added[name] = data
            self.removed.discard(name)
        if content_type:
            self.set_override(name, content_type)

    def remove(self, name: str) -> None:
        self.removed.add(name)
        self.added.pop(name, None)
        self._xml.pop(name, None)
        ct = self.xml("[Content_Types].xml")
        for el in ct.findall(q("Override", NS_CT)):
            if el.get("PartName") == "/" + name:
                ct.remove(el)
                self.touch("[Content_Types].xml")

    # ----------------------------------------------------------------- relationships
    @staticmethod
    def rels_name(part: str) -> str:
        folder, base = posixpath.split(part)
        return posixpath.join(folder, "_rels", base + ".rels")

    def rels(self, part: str) -> etree._Element:
        name = self.rels_name(part)
        if not self.exists(name):
            self.added[name] = serialise(etree.Element(q("Relationships", NS_PKG_REL), nsmap={None: NS_PKG_REL}))
        return self.xml(name)

    def related(self, part: str, rel_type: str) -> list[tuple[str, str]]:
        """(rId, target part name) of ``part``'s relationships of ``rel_type``."""
        name = self.rels_name(part)
        if not self.exists(name):
            return []
        out = []
        for rel in self.xml(name):
            if rel.get("Type") == rel_type and rel.get("TargetMode") != "External":
                out.append((rel.get("Id"), self.resolve(part, rel.get("Target"))))
        return out

    @staticmethod
    def resolve(part: str, target: str) -> str:
        if target.startswith("/"):
            return target.lstrip("/")
        return posixpath.normpath(posixpath.join(posixpath.dirname(part), target))

    def add_rel(self, part: str, rel_type: str, target_part: str) -> str:
        rels = self.rels(part)
        ids = {r.get("Id") for r in rels}
        n = 1
        while f"rId{n}" in ids:
            n += 1
        rid = f"rId{n}"
        target = posixpath.relpath(target_part, posixpath.dirname(part))
        etree.SubElement(rels, q("Relationship", NS_PKG_REL), Id=rid, Type=rel_type, Target=target)
        self.touch(self.rels_name(part))
        return rid

    def drop_rel(self, part: str, rid: str) -> None:
        rels = self.rels(part)
        for rel in rels:
            if rel.get("Id") == rid:
                rels.remove(rel)
                self.touch(self.rels_name(part))
        if len(rels) == 0:  # nothing left to relate: the part goes too
            self.remove(self.rels_name(part))

    def drop_default(self, extension: str) -> None:
        """Remove a content-type default once no part with that extension is left."""
        if any(n.lower().endswith("." + extension) for n in self.names()):
            return
        ct = self.xml("[Content_Types].xml")
        for el in ct.findall(q("Default", NS_CT)):
            if el.get("Extension", "").lower() == extension:
                ct.remove(el)
                self.touch("[Content_Types].xml")

    # ----------------------------------------------------------------- content types
    def set_override(self, name: str, content_type: str) -> None:
        ct = self.xml("[Content_Types].xml")
        for el in ct.findall(q("Override", NS_CT)):
            if el.get("PartName") == "/" + name:
                if el.get("ContentType") != content_type:
                    el.set("ContentType", content_type)
                    self.touch("[Content_Types].xml")
                return
        etree.SubElement(ct, q("Override", NS_CT), PartName="/" + name, ContentType=content_type)
        self.touch("[Content_Types].xml")

    def ensure_default(self, extension: str, content_type: str) -> None:
        ct = self.xml("[Content_Types].xml")
        for el in ct.findall(q("Default", NS_CT)):
            if el.get("Extension", "").lower() == extension:
                return
        el = etree.Element(q("Default", NS_CT), Extension=extension, ContentType=content_type)
        ct.insert(0, el)
        self.added_defaults.add(extension)
        self.touch("[Content_Types].xml")

    def _tidy(self) -> None:
        """Drop what this session created and then emptied: relationship parts, a content-type default."""
        for name in [n for n in self.added if n.endswith(".rels") and n not in self.removed]:
            if len(self.xml(name)) == 0:
                self.remove(name)
        for ext in self.added_defaults:
            self.drop_default(ext)

    # ----------------------------------------------------------------- workbook
    def sheet_parts(self) -> dict[str, str]:
        """Sheet name -> worksheet part name, from workbook.xml and its relationships."""
        wb = self.xml("xl/workbook.xml")
        targets = {rid: target for rid, target in self.related("xl/workbook.xml", REL_WORKSHEET)}
        out = {}
        for sheet in wb.iter(q("sheet")):
            rid = sheet.get(q("id", NS_R))
            if rid in targets:
                out[sheet.get("name")] = targets[rid]
        return out

    def sheet_part(self, sheet: str) -> str:
        parts = self.sheet_parts()
        if sheet not in parts:
            raise PlanError("no_such_sheet", path=str(self.path), sheet=sheet)
        return parts[sheet]

    def write_sheet(self, name: str, rows: tuple[tuple[str, ...], ...], widths: tuple[float, ...] = ()) -> None:
        """A sheet of xlplan's own with these rows of text: rewritten if it exists, else added last.

        It is a listing people read and print (the merge's "Konflikter"), so the
        first row is a bold header, frozen and repeated on every printed page; text
        wraps at the top of its cell; the sheet prints landscape, one page wide.
        """
        from .styles import listing_styles
        from .text import cell_address

        styles = listing_styles(self)
        root = etree.Element(q("worksheet"), nsmap={None: NS_MAIN, "r": NS_R})
        etree.SubElement(etree.SubElement(root, q("sheetPr")), q("pageSetUpPr"), fitToPage="1")
        n_cols = max((len(r) for r in rows), default=0)
        if rows and n_cols:
            etree.SubElement(root, q("dimension"), ref=f"A1:{cell_address(len(rows) - 1, n_cols - 1)}")
        if len(rows) > 1:
            self._freeze_header(root)
        if widths:
            cols = etree.SubElement(root, q("cols"))
            for i, w in enumerate(widths, start=1):
                etree.SubElement(cols, q("col"), min=str(i), max=str(i), width=str(w), customWidth="1")
        data = etree.SubElement(root, q("sheetData"))
        for r, values in enumerate(rows):
            row = etree.SubElement(data, q("row"), r=str(r + 1))
            if styles is not None:
                row.set("ht", str(self._row_height(values, widths)))
            for c, value in enumerate(values):
                if value in ("", None):
                    continue
                cell = etree.SubElement(row, q("c"), r=cell_address(r, c), t="inlineStr")
                if styles is not None:
                    cell.set("s", str(styles[1] if r == 0 else styles[0]))
                t = etree.SubElement(etree.SubElement(cell, q("is")), q("t"))
                t.text = str(value)
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        etree.SubElement(root, q("pageMargins"), left="0.5", right="0.5", top="0.75", bottom="0.75", header="0.3",
                         footer="0.3")
        etree.SubElement(root, q("pageSetup"), paperSize="9", orientation="landscape", fitToWidth="1",
                         fitToHeight="0")
        parts = self.sheet_parts()
        if name in parts:
            self.put(parts[name], serialise(root))
        else:
            part = self.free_name("xl/worksheets/sheet{}.xml")
            self.put(part, serialise(root), "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml")
            rid = self.add_rel("xl/workbook.xml", REL_WORKSHEET, part)
            wb = self.xml("xl/workbook.xml")
            sheets = wb.find(q("sheets"))
            ids = [int(s.get("sheetId")) for s in sheets.findall(q("sheet"))]
            entry = etree.SubElement(sheets, q("sheet"), name=name, sheetId=str(max(ids, default=0) + 1))
            entry.set(f"{{{NS_R}}}id", rid)
            self.touch("xl/workbook.xml")
        if len(rows) > 1:
            self._print_titles(name)

    @staticmethod
    def _row_height(values: tuple[str, ...], widths: tuple[float, ...]) -> float:
        """Points for a row whose wrapped texts must all show.

        Excel sizes rows to wrapped text only when a cell is edited, LibreOffice not
        at all on opening, so the height is written: the cell needing most lines,
        counting one character per unit of column width (generous, never cut off).
        """
        import math

        lines = 1
        for c, value in enumerate(values):
            per_line = max(1, int(widths[c] if c < len(widths) else 8.43))
            text = "" if value is None else str(value)
            lines = max(lines, sum(max(1, math.ceil(len(p) / per_line)) for p in text.split("\n")))
        return min(409.0, 15.0 * lines)  # 15 points a line for the default 11-point font; Excel's maximum

    @staticmethod
    def _freeze_header(root: etree._Element) -> None:
        """Keep the header row in view while scrolling a long listing."""
        view = etree.SubElement(etree.SubElement(root, q("sheetViews")), q("sheetView"), workbookViewId="0")
        etree.SubElement(view, q("pane"), ySplit="1", topLeftCell="A2", activePane="bottomLeft", state="frozen")
        etree.SubElement(view, q("selection"), pane="bottomLeft", activeCell="A2", sqref="A2")

    def _print_titles(self, name: str) -> None:
        """Repeat a sheet's first row on every printed page (its local ``_xlnm.Print_Titles``)."""
        wb = self.xml("xl/workbook.xml")
        sheets = wb.find(q("sheets"))
        index = str([s.get("name") for s in sheets.findall(q("sheet"))].index(name))
        quoted = name if name.replace("_", "").isalnum() else "'" + name.replace("'", "''") + "'"
        text = f"{quoted}!$1:$1"
        names = wb.find(q("definedNames"))
        if names is None:
            names = etree.Element(q("definedNames"))
            anchor = sheets
            for tag in ("functionGroups", "externalReferences"):  # CT_Workbook: sheets, these, definedNames
                anchor = wb.find(q(tag)) if wb.find(q(tag)) is not None else anchor
            anchor.addnext(names)
        for old in names.findall(q("definedName")):
            if old.get("name") == "_xlnm.Print_Titles" and old.get("localSheetId") == index:
                if old.text == text:
                    return
                names.remove(old)
        etree.SubElement(names, q("definedName"), name="_xlnm.Print_Titles", localSheetId=index).text = text
        self.touch("xl/workbook.xml")

    def drop_calc_chain(self) -> None:
        """Remove calcChain.xml (optional; Excel rebuilds it) after formulas were replaced by values."""
        for rid, target in self.related("xl/workbook.xml", REL_CALC_CHAIN):
            self.drop_rel("xl/workbook.xml", rid)
            self.remove(target)

    # ----------------------------------------------------------------- saving
    def to_bytes_map(self) -> dict[str, bytes]:
        return {n: self.read(n) for n in self.names()}

    def save(self, target: str | Path | None = None, verify: Callable[[Path], None] | None = None) -> Path:
        """Write atomically to ``target`` (default: in place); ``verify`` checks the new file first."""
        target = Path(target) if target else self.path
        _check_writable(target)
        self._tidy()
        with atomic_path(target) as tmp:
            self._write(tmp)
            _verify_package(tmp, self.changed | set(self.added))
            if verify is not None:
                verify(tmp)
        return target

    def _write(self, tmp: Path) -> None:
        with zipfile.ZipFile(tmp, "w") as out:
            for info in self.infos:
                name = info.filename
                if name in self.removed:
                    continue
                data = self.read(name) if name in self.changed else self.raw[name]
                if name in self.changed and (name.endswith(".rels") or name == "[Content_Types].xml") \
                        and _same_xml(data, self.raw[name]):
                    data = self.raw[name]  # edited and restored: keep the original bytes
                copy = zipfile.ZipInfo(name, date_time=info.date_time)
                copy.compress_type = info.compress_type
                copy.external_attr = info.external_attr
                copy.create_system = info.create_system
                out.writestr(copy, data)
            for name, data in self.added.items():
                if name in self.removed:
                    continue
                data = self.read(name)
                out.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data,
                             compress_type=zipfile.ZIP_DEFLATED)


def _same_xml(a: bytes, b: bytes) -> bool:
    """Same document, whatever the serialiser's choices (quotes, declaration)."""
    try:
        return etree.tostring(parse_xml(a), method="c14n") == etree.tostring(parse_xml(b), method="c14n")
    except etree.XMLSyntaxError:
        return False


def _check_writable(target: Path) -> None:
    folder = target.parent
    for lock in (folder / f"~${target.name}", folder / f".~lock.{target.name}#"):
        if lock.exists():
            raise PlanError("locked", path=str(target))
    if target.exists() and not os.access(target, os.W_OK):
        raise PlanError("read_only", path=str(target))


def _verify_package(tmp: Path, written: set[str]) -> None:
    """The written file must be a sound zip whose rewritten XML parts parse, or it replaces nothing.

    Parts copied byte for byte are the user's own and are not parsed again.
    """
    try:
        with zipfile.ZipFile(tmp) as zf:
            names = set(zf.namelist())
            for name in written & names:
                data = zf.read(name)  # reading a member checks its CRC
                if name.endswith((".xml", ".rels")):
                    parse_xml(data)
    except Exception as exc:  # noqa: BLE001 - any failure means: do not replace the user's file
        raise PlanError("verify_failed", path=str(tmp), reason=str(exc)) from None
