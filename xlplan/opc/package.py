"""A workbook package as one graph of parts: the model every write goes through.

Opening and saving a workbook with openpyxl rebuilds it and drops what it does
not model (text boxes, form controls, threaded comments, x14 validations,
sparklines, chart styles, printer settings…). A :class:`Package` instead keeps
the .xlsx/.xlsm as it is. Like the ``opc`` layer of python-docx and
python-pptx, it is one mapping from part name to :class:`Part`, in package
order, so a part name exists once or not at all: a removed part cannot be
written and a replaced one is written once. Relationships and content types
are parts too, kept in step by the same object: removing a part drops its
content-type override, its own relationships and every relationship that
pointed at it; adding one gives it a content type.

Parts are read from the zip only when an edit needs them, and on save every
untouched part is copied raw (see :mod:`xlplan.opc.zipio`). The save is atomic
and verified: the new package is written beside the original, checked against
the package invariants (:mod:`xlplan.opc.verify`), and only then moved over it.
"""

from __future__ import annotations

import os
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..atomic import atomic_path, final_path
from ..errors import PlanError
from ..locking import Fingerprint, ensure_unchanged, fingerprint
from .constants import (CT_XLSB_MAIN, NS_CT, NS_PKG_REL, NS_R, NS_STRICT, REL_CALC_CHAIN, REL_OFFICE_DOCUMENT,
                        REL_OFFICE_DOCUMENT_STRICT, REL_WORKSHEET)
from .verify import package_problems
from .xml import DEFAULT_DECLARATION, declaration, parse_xml, q, same_xml, serialise
from .zipio import ZipWriter, needs_zip64

CONTENT_TYPES = "[Content_Types].xml"
_SHEET_DATA = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?sheetData(?=[\s/>])")
_SKELETON_MIN = 1 << 16
"""Parts smaller than this are parsed whole: a skeleton saves nothing worth its bookkeeping."""
ROOT_RELS = "_rels/.rels"


@dataclass(eq=False)
class Part:
    """One part: its zip member (when it came from the file), its bytes, its parsed XML.

    ``dirty`` means it must be written from ``element`` (or ``blob``); a clean
    part with a zip member is copied raw.
    """

    name: str
    info: zipfile.ZipInfo | None = None
    blob: bytes | None = None
    element: etree._Element | None = None
    dirty: bool = False
    raw: tuple[int, int] | None = None
    """A worksheet parsed as its skeleton: where its <sheetData> lies in ``blob``, kept as bytes (see
    :meth:`Package.skeleton`)."""


class Package:
    """A workbook package opened for part-level edits."""

    def __init__(self, path: str | Path):
        from ..workbook import check_file

        self.path = Path(path)
        check_file(self.path)
        self.parts: dict[str, Part] = {}
        try:
            self._zip = zipfile.ZipFile(self.path)
            for info in self._zip.infolist():
                # A name twice (written so by an earlier, faulty tool): keep the last, as readers do.
                self.parts.pop(info.filename, None)
                self.parts[info.filename] = Part(info.filename, info)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise PlanError("damaged", path=str(self.path)) from None
        self._created_defaults: set[str] = set()
        self.memo: dict[str, dict] = {}  # what editors derived from parts and keep in step (e.g. VML shape ids)
        self.opened = fingerprint(self.path)  # what save() checks when no earlier read is named
        self.workbook = self._find_workbook()

    # ----------------------------------------------------------------- parts
    def names(self) -> list[str]:
        return list(self.parts)

    def exists(self, name: str) -> bool:
        return name in self.parts

    def _part(self, name: str) -> Part:
        part = self.parts.get(name)
        if part is None:  # named by a relationship or content type, but not in the zip
            raise PlanError("damaged", path=str(self.path))
        return part

    def _blob(self, part: Part) -> bytes:
        if part.blob is None:
            try:
                part.blob = self._zip.read(part.info)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
                raise PlanError("damaged", path=str(self.path)) from None
        return part.blob

    def read(self, name: str) -> bytes:
        part = self._part(name)
        if part.element is not None:  # the part's own XML declaration (or none), as its writer wrote it
            has_bytes = part.info is not None or part.blob is not None
            data = serialise(part.element, declaration(self._blob(part)) if has_bytes else DEFAULT_DECLARATION)
            if part.raw is not None:  # the cells as they were read, in place of the empty stand-in
                m = _SHEET_DATA.search(data)
                end = data.index(b">", m.end()) + 1
                start, stop = part.raw
                data = b"".join((data[:m.start()], memoryview(part.blob)[start:stop], data[end:]))
            return data
        return self._blob(part)

    def xml(self, name: str) -> etree._Element:
        """The parsed part; parsing does not mark it changed (call :meth:`touch`)."""
        part = self._part(name)
        if part.element is None:
            try:
                part.element = parse_xml(self._blob(part))
            except etree.XMLSyntaxError:
                raise PlanError("damaged", path=str(self.path)) from None
        elif part.raw is not None:
            self.materialise(name)
        return part.element

    def skeleton(self, name: str) -> etree._Element:
        """A worksheet parsed without its cells: <sheetData> stays bytes until a cell is asked for.

        Most of a large sheet's part is its cells, and most of its parsed tree
        (about 25 times the bytes); marks, notes, hidden columns, tables and
        ranges live outside them. The skeleton is the part with an empty
        <sheetData/> standing in for the cells, which :meth:`read` puts back
        byte for byte and :meth:`materialise` (or :meth:`xml`) parses into
        place when a cell is needed. A part that holds comments, CDATA or a
        DOCTYPE, or little data, is simply parsed whole.
        """
        part = self._part(name)
        if part.element is not None:
            return part.element
        blob = self._blob(part)
        m = _SHEET_DATA.search(blob)
        if m is None or len(blob) < _SKELETON_MIN or b"<!--" in blob or b"<![CDATA[" in blob or b"<!DOCTYPE" in blob:
            return self.xml(name)
        open_end = blob.find(b">", m.end())
        prefix = m.group(1)
        close = b"</" + (prefix + b":" if prefix else b"") + b"sheetData>"
        stop = blob.find(close, open_end) if open_end > 0 and blob[open_end - 1:open_end] != b"/" else -1
        if stop < 0:
            return self.xml(name)
        stop += len(close)
        try:
            root = parse_xml(b"".join((blob[:open_end], b"/>", blob[stop:])))
        except etree.XMLSyntaxError:
            return self.xml(name)
        stand_in = root.find(q("sheetData"))
        if stand_in is None or len(stand_in) or stand_in.text:
            return self.xml(name)
        part.element, part.raw = root, (m.start(), stop)
        return root

    def raw_cells(self, name: str) -> bytes | None:
        """A skeleton's <sheetData> as bytes (None when the part is parsed whole, or not at all)."""
        part = self._part(name)
        if part.raw is None or part.element is None:
            return None
        start, stop = part.raw
        return self._blob(part)[start:stop]

    def materialise(self, name: str) -> None:
        """Parse a skeleton's cells into place (see :meth:`skeleton`); the part's tree is then the whole part.

        The part is parsed whole again and the skeleton's elements (small, and
        perhaps edited) take the place of their originals around the cells:
        moving the cells into the skeleton instead would walk every cell to
        re-home its namespaces. The part's root element is therefore a new
        one: editors take it from :meth:`xml` again.
        """
        part = self._part(name)
        if part.raw is None or part.element is None:
            return
        skeleton = part.element
        try:
            whole = parse_xml(self._blob(part))
        except etree.XMLSyntaxError:
            raise PlanError("damaged", path=str(self.path)) from None
        cells = whole.find(q("sheetData"))
        for child in list(whole):
            if child is not cells:
                whole.remove(child)
        after = False
        for child in list(skeleton):
            if child.tag == cells.tag and not after:  # the stand-in: what follows it follows the cells
                after = True
                cells.tail = child.tail
                continue
            if after:
                whole.append(child)
            else:
                cells.addprevious(child)
        whole.text = skeleton.text
        for key in [k for k in whole.attrib if k not in skeleton.attrib]:
            del whole.attrib[key]
        for key, value in skeleton.attrib.items():
            whole.set(key, value)
        part.element, part.raw = whole, None

    def close(self, name: str) -> None:
        """Done with a part for now: a changed one becomes its bytes, and its tree is let go either way.

        Editing a large workbook one sheet at a time keeps one sheet's tree in
        memory instead of all of them.
        """
        part = self.parts.get(name)
        if part is None or part.element is None:
            return
        if part.dirty:
            part.blob = self.read(name)
        elif part.info is None:
            return  # a new part known only as its tree
        part.element, part.raw = None, None

    def touch(self, name: str) -> None:
        self._part(name).dirty = True

    def put(self, name: str, data: bytes, content_type: str | None = None) -> None:
        """Add a part, or replace one's bytes (in its place in the package)."""
        part = self.parts.get(name)
        if part is None:
            self.parts[name] = Part(name, None, data, None, True)
        else:
            part.blob, part.element, part.dirty, part.raw = data, None, True, None
        if content_type:
            self.set_override(name, content_type)

    def free_name(self, pattern: str) -> str:
        """The first unused part name for a pattern such as "xl/comments{}.xml" (numbered from 1)."""
        n = 1
        while self.exists(pattern.format(n)):
            n += 1
        return pattern.format(n)

    def remove(self, name: str) -> None:
        """Remove a part and everything that names it: its override, its relationships, links to it."""
        if self.parts.pop(name, None) is None:
            return
        ct = self.xml(CONTENT_TYPES)
        for el in ct.findall(q("Override", NS_CT)):
            if el.get("PartName") == "/" + name:
                ct.remove(el)
                self.touch(CONTENT_TYPES)
        own = self.rels_name(name)
        if own in self.parts:
            self.remove(own)
        for rels_part in [n for n in self.parts if n.endswith(".rels")]:
            source = _rels_source(rels_part)
            rels = self.xml(rels_part)
            for rel in list(rels):
                if rel.get("TargetMode") != "External" and self.resolve(source, rel.get("Target") or "") == name:
                    rels.remove(rel)
                    self.touch(rels_part)

    # ----------------------------------------------------------------- relationships
    @staticmethod
    def rels_name(part: str) -> str:
        folder, base = posixpath.split(part)
        return posixpath.join(folder, "_rels", base + ".rels")

    def rels(self, part: str) -> etree._Element:
        name = self.rels_name(part)
        if not self.exists(name):
            self.put(name, serialise(etree.Element(q("Relationships", NS_PKG_REL), nsmap={None: NS_PKG_REL})))
            self.ensure_default("rels", "application/vnd.openxmlformats-package.relationships+xml")
        return self.xml(name)

    def related(self, part: str, rel_type: str) -> list[tuple[str, str]]:
        """(rId, target part name) of ``part``'s relationships of ``rel_type``."""
        name = self.rels_name(part)
        if not self.exists(name):
            return []
        return [(rel.get("Id"), self.resolve(part, rel.get("Target")))
                for rel in self.xml(name)
                if rel.get("Type") == rel_type and rel.get("TargetMode") != "External"]

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
        target = posixpath.relpath(target_part, posixpath.dirname(part) or ".")
        etree.SubElement(rels, q("Relationship", NS_PKG_REL), Id=rid, Type=rel_type, Target=target)
        self.touch(self.rels_name(part))
        return rid

    def drop_rel(self, part: str, rid: str) -> None:
        rels = self.rels(part)
        for rel in list(rels):
            if rel.get("Id") == rid:
                rels.remove(rel)
                self.touch(self.rels_name(part))
        if len(rels) == 0:  # nothing left to relate: the part goes too
            self.remove(self.rels_name(part))

    # ----------------------------------------------------------------- content types
    def set_override(self, name: str, content_type: str) -> None:
        ct = self.xml(CONTENT_TYPES)
        for el in ct.findall(q("Override", NS_CT)):
            if el.get("PartName") == "/" + name:
                if el.get("ContentType") != content_type:
                    el.set("ContentType", content_type)
                    self.touch(CONTENT_TYPES)
                return
        etree.SubElement(ct, q("Override", NS_CT), PartName="/" + name, ContentType=content_type)
        self.touch(CONTENT_TYPES)

    def ensure_default(self, extension: str, content_type: str) -> None:
        ct = self.xml(CONTENT_TYPES)
        for el in ct.findall(q("Default", NS_CT)):
            if el.get("Extension", "").lower() == extension:
                return
        ct.insert(0, etree.Element(q("Default", NS_CT), Extension=extension, ContentType=content_type))
        self._created_defaults.add(extension)
        self.touch(CONTENT_TYPES)

    def drop_default(self, extension: str) -> None:
        """Remove a content-type default once no part with that extension is left."""
        if any(n.lower().endswith("." + extension) for n in self.parts):
            return
        ct = self.xml(CONTENT_TYPES)
        for el in ct.findall(q("Default", NS_CT)):
            if el.get("Extension", "").lower() == extension:
                ct.remove(el)
                self.touch(CONTENT_TYPES)

    def content_type(self, name: str) -> str | None:
        ct = self.xml(CONTENT_TYPES)
        for el in ct.findall(q("Override", NS_CT)):
            if el.get("PartName", "").lstrip("/").lower() == name.lower():
                return el.get("ContentType")
        base = posixpath.basename(name)
        ext = base.rsplit(".", 1)[1].lower() if "." in base else ""
        for el in ct.findall(q("Default", NS_CT)):
            if el.get("Extension", "").lower() == ext:
                return el.get("ContentType")
        return None

    # ----------------------------------------------------------------- workbook
    def _find_workbook(self) -> str:
        """The workbook part, through the package's root relationship (not a fixed name)."""
        if CONTENT_TYPES not in self.parts:
            raise PlanError("not_workbook", path=str(self.path))
        target = None
        if ROOT_RELS in self.parts:
            for rel in self.xml(ROOT_RELS):
                if rel.get("Type") == REL_OFFICE_DOCUMENT_STRICT:
                    raise PlanError("strict_ooxml", path=str(self.path))
                if rel.get("Type") == REL_OFFICE_DOCUMENT and rel.get("TargetMode") != "External":
                    target = self.resolve("", rel.get("Target") or "")
        if target is None and "xl/workbook.xml" in self.parts:
            target = "xl/workbook.xml"
        if target is None or target not in self.parts:
            raise PlanError("not_workbook", path=str(self.path))
        if self.content_type(target) == CT_XLSB_MAIN or target.lower().endswith(".bin"):
            raise PlanError("xlsb", path=str(self.path))
        if etree.QName(self.xml(target)).namespace == NS_STRICT:
            raise PlanError("strict_ooxml", path=str(self.path))
        return target

    def sheet_parts(self) -> dict[str, str]:
        """Sheet name -> worksheet part name, from the workbook part and its relationships."""
        wb = self.xml(self.workbook)
        targets = dict(self.related(self.workbook, REL_WORKSHEET))
        out = {}
        for sheet in wb.iter(q("sheet")):
            rid = sheet.get(q("id", NS_R))
            if rid in targets and targets[rid] in self.parts:
                out[sheet.get("name")] = targets[rid]
        return out

    def sheet_part(self, sheet: str) -> str:
        parts = self.sheet_parts()
        if sheet not in parts:
            raise PlanError("no_such_sheet", path=str(self.path), sheet=sheet)
        return parts[sheet]

    def write_sheet(self, name: str, rows: tuple[tuple[str, ...], ...], widths: tuple[float, ...] = ()) -> None:
        """A sheet of xlplan's own (see :func:`xlplan.listing.write_listing`)."""
        from ..listing import write_listing

        write_listing(self, name, rows, widths)

    def drop_calc_chain(self) -> None:
        """Remove calcChain.xml (optional; Excel rebuilds it) after formulas were replaced by values."""
        for rid, target in self.related(self.workbook, REL_CALC_CHAIN):
            self.drop_rel(self.workbook, rid)
            self.remove(target)

    # ----------------------------------------------------------------- saving
    def dirty(self) -> set[str]:
        return {n for n, p in self.parts.items() if p.dirty}

    def _tidy(self) -> None:
        """Drop what this session created and then emptied: relationship parts, a content-type default."""
        for name in [n for n, p in self.parts.items() if n.endswith(".rels") and p.info is None]:
            if name in self.parts and len(self.xml(name)) == 0:
                self.remove(name)
        for ext in self._created_defaults:
            self.drop_default(ext)

    def _bytes_to_write(self, part: Part) -> bytes:
        data = self.read(part.name)
        if part.info is not None and (part.name.endswith(".rels") or part.name == CONTENT_TYPES):
            original = self._zip.read(part.info)
            if same_xml(data, original):
                return original  # edited and restored: keep the original bytes
        return data

    def save(self, target: str | Path | None = None, verify: Callable[[Path], None] | None = None,
             expect: Fingerprint | None = None, check=None) -> Path:
        """Write atomically to ``target`` (default: in place); the new file is checked before it replaces any.

        ``expect`` is the source file's fingerprint when it was first read: if
        the file no longer matches right before the rename, someone else saved
        it meanwhile and writing would lose their changes (PlanError, nothing
        written). It also guards the raw copies, which are read from the file
        again while writing.

        The new file is checked before it replaces anything: the package
        invariants over the rewritten parts and, with ``check`` (an
        :class:`xlplan.verify_edits.EditCheck`, as :func:`xlplan.apply.apply_edits`
        passes), the edits themselves, read back from the same parse. ``verify``
        is any further check of the new file (a callable taking its path).
        """
        target = Path(target) if target else self.path
        _check_writable(target)
        self._tidy()
        self._release_clean()
        baseline = set(package_problems(self.path, only=set()))  # what the file had wrong before us
        written = self.dirty()
        expect = expect or self.opened
        unchanged = None if expect is None else (lambda: ensure_unchanged(self.path, expect))
        with atomic_path(target, before_replace=unchanged) as tmp:
            self._write(tmp)
            self._zip.close()
            try:
                problems = [p for p in package_problems(tmp, only=written, inspect=check.inspect if check else None,
                                                        each=check.element if check else None)
                            if p not in baseline]
                if check:
                    problems += check.finish()
            except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
                problems = [str(exc)]
            if problems:
                raise PlanError("verify_failed", path=str(target), reason="; ".join(problems[:3]))
            if verify is not None:
                verify(tmp)
        return target

    def _release_clean(self) -> None:
        """Let go of what was parsed or read only to be looked at: unchanged parts are copied raw."""
        for part in self.parts.values():
            if not part.dirty and part.info is not None:
                part.element = part.blob = part.raw = None

    def _write(self, tmp: Path) -> None:
        parts = list(self.parts.values())
        if any(p.info is not None and needs_zip64(p.info) for p in parts):
            self._write_with_zipfile(tmp, parts)
            return
        with open(self.path, "rb") as src, open(tmp, "wb") as fh:
            out = ZipWriter(fh, self._zip.comment)
            try:
                for part in parts:
                    if part.dirty or part.info is None:
                        out.write(part.name, self._serialised(part), like=part.info)
                    else:
                        out.copy(src, part.info)
                out.close()
            except ValueError as exc:
                if str(exc) != "zip64":
                    raise
                fh.seek(0)
                fh.truncate()
                self._write_with_zipfile(tmp, parts)

    def _serialised(self, part: Part) -> bytes:
        """The bytes of a part to write; its tree is let go once serialised (the bytes stand for it now).

        A large worksheet's tree is many times its bytes: keeping every written
        part's tree and bytes alive until the end is what made large saves big.
        """
        data = self._bytes_to_write(part)
        if part.element is not None:
            part.blob, part.element, part.raw = data, None, None
        return data

    def _write_with_zipfile(self, tmp: Path, parts: list[Part]) -> None:
        """Very large packages (zip64): zipfile recompresses, keeping each member's metadata it can."""
        with zipfile.ZipFile(tmp, "w", allowZip64=True) as out:
            for part in parts:
                data = self._bytes_to_write(part) if part.dirty or part.info is None else self._blob(part)
                info = zipfile.ZipInfo(part.name, part.info.date_time if part.info else (1980, 1, 1, 0, 0, 0))
                info.compress_type = part.info.compress_type if part.info else zipfile.ZIP_DEFLATED
                if part.info is not None:
                    info.external_attr, info.create_system = part.info.external_attr, part.info.create_system
                    info.comment = part.info.comment
                out.writestr(info, data)


def _rels_source(rels_name: str) -> str:
    folder, base = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), base[: -len(".rels")]) if folder.endswith("_rels") else ""


def _check_writable(target: Path) -> None:
    """Refuse a file open in Excel or LibreOffice (their lock file beside it, or beside its link) or read-only."""
    for shown in dict.fromkeys((target, final_path(target))):
        folder = shown.parent
        for lock in (folder / f"~${shown.name}", folder / f".~lock.{shown.name}#"):
            if lock.exists():
                raise PlanError("locked", path=str(target))
    if target.exists() and not os.access(target, os.W_OK):
        raise PlanError("read_only", path=str(target))
