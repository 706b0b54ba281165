"""Marks on cells: a conditional-format fill and a note, both recognisably xlplan's.

The fill is one conditional-formatting rule per sheet whose formula is the
marker ``"xlplan"="xlplan"`` (always true), so the cells' own styles are never
touched and removing a mark cannot disturb a fill the user chose. Notes are
legacy comments by the author ``xlplan``; their VML shapes carry
``alt="xlplan"``. The next run removes exactly these and nothing else. Cells
that already hold a note (or a threaded comment) keep it: the mark's message
is then only in the fill and the report.
"""

from __future__ import annotations

import re

from lxml import etree

from .errors import PlanError
from .opc import CT_COMMENTS, CT_VML, NS_MAIN, NS_R, REL_COMMENTS, REL_VML, Package, q, serialise
from .sheetxml import SheetEditor, insert_in_order, split_ref
from .text import xml_text

AUTHOR = "xlplan"
MARK_FORMULA = '"xlplan"="xlplan"'

NS_V = "urn:schemas-microsoft-com:vml"
NS_O = "urn:schemas-microsoft-com:office:office"
NS_X = "urn:schemas-microsoft-com:office:excel"
VML_NS = {"v": NS_V, "o": NS_O, "x": NS_X}
_SHAPE_ID = re.compile(r"^_x0000_s(\d+)$")
BLOCK = 1024
"""Shape ids per o:idmap block: block n holds ids n*1024 … n*1024+1023."""

_VML_HEAD = """<xml xmlns:v="urn:schemas-microsoft-com:vml"
 xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel">
 <o:shapelayout v:ext="edit">
  <o:idmap v:ext="edit" data="{block}"/>
 </o:shapelayout>
</xml>"""
_SHAPETYPE = """<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202"
  path="m,l,21600r21600,l21600,xe">
  <v:stroke joinstyle="miter"/>
  <v:path gradientshapeok="t" o:connecttype="rect"/>
 </v:shapetype>"""
_NOTE_SHAPE = """<v:shape id="_x0000_s{sid}" type="#_x0000_t202" alt="xlplan" style="position:absolute;
  margin-left:59.25pt;margin-top:1.5pt;width:216pt;height:72pt;z-index:{z};visibility:hidden"
  fillcolor="#ffffe1" o:insetmode="auto">
  <v:fill color2="#ffffe1"/>
  <v:shadow on="t" color="black" obscured="t"/>
  <v:path o:connecttype="none"/>
  <v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>
  <x:ClientData ObjectType="Note">
   <x:MoveWithCells/>
   <x:SizeWithCells/>
   <x:Anchor>{c1}, 15, {r0}, 10, {c2}, 15, {r2}, 4</x:Anchor>
   <x:AutoFill>False</x:AutoFill>
   <x:Row>{row}</x:Row>
   <x:Column>{col}</x:Column>
  </x:ClientData>
 </v:shape>
"""


# --------------------------------------------------------------------------- fills


def remove_fill_marks(ed: SheetEditor) -> int:
    removed = 0
    for cf in ed.root.findall(q("conditionalFormatting")):
        if any((rule.findtext(q("formula")) or "") == MARK_FORMULA for rule in cf.findall(q("cfRule"))):
            ed.root.remove(cf)
            removed += 1
    if removed:
        ed.touch()
    return removed


def add_fill_marks(ed: SheetEditor, refs: list[str], dxf: int) -> None:
    priorities = [int(el.get("priority")) for el in ed.root.iter() if isinstance(el.tag, str)
                  and etree.QName(el).localname == "cfRule" and (el.get("priority") or "").isdigit()]
    cf = etree.Element(q("conditionalFormatting"), sqref=" ".join(refs))
    rule = etree.SubElement(cf, q("cfRule"), type="expression", dxfId=str(dxf),
                            priority=str(max(priorities, default=0) + 1))
    etree.SubElement(rule, q("formula")).text = MARK_FORMULA
    existing = ed.root.findall(q("conditionalFormatting"))
    if existing:
        existing[-1].addnext(cf)
    else:
        insert_in_order(ed.root, cf)
    ed.touch()


# --------------------------------------------------------------------------- notes


def _comments_part(pkg: Package, ed: SheetEditor) -> str | None:
    rel = pkg.related(ed.part, REL_COMMENTS)
    return rel[0][1] if rel else None


def _vml_part(pkg: Package, ed: SheetEditor) -> str | None:
    legacy = ed.root.find(q("legacyDrawing"))
    if legacy is None:
        return None
    rid = legacy.get(f"{{{NS_R}}}id")
    for r, target in pkg.related(ed.part, REL_VML):
        if r == rid:
            return target
    return None


def remove_notes(pkg: Package, ed: SheetEditor) -> int:
    """Remove xlplan's notes (and their shapes) from one sheet; drop parts left empty."""
    cpart = _comments_part(pkg, ed)
    if cpart is None:
        return 0
    root = pkg.xml(cpart)
    authors = [a.text or "" for a in root.find(q("authors"))]
    ours = {str(i) for i, a in enumerate(authors) if a == AUTHOR}
    clist = root.find(q("commentList"))
    gone = []
    for c in list(clist if clist is not None else []):
        if c.get("authorId") in ours:
            gone.append(split_ref(c.get("ref")))
            clist.remove(c)
    if not gone:
        return 0
    author_list = root.find(q("authors"))
    used = {c.get("authorId") for c in (clist if clist is not None else [])}
    last = len(author_list) - 1
    if authors and authors[-1] == AUTHOR and str(last) not in used:
        author_list.remove(author_list[last])  # ours was added last: removing it shifts no other author
    pkg.touch(cpart)
    vpart = _vml_part(pkg, ed)
    vml_left = True
    if vpart is not None:
        vml = _vml_root(pkg, vpart)
        cells = set(gone)
        for shape in list(vml.iter(f"{{{NS_V}}}shape")):
            if shape.get("alt") == "xlplan" or _note_cell(shape) in cells:
                shape.getparent().remove(shape)
        vml_left = vml.find(f".//{{{NS_V}}}shape") is not None
        pkg.touch(vpart)
    if clist is not None and len(clist) == 0:  # only xlplan's notes were there
        for rid, target in pkg.related(ed.part, REL_COMMENTS):
            pkg.drop_rel(ed.part, rid)
            pkg.remove(target)
        if vpart is not None and not vml_left:
            legacy = ed.root.find(q("legacyDrawing"))
            pkg.drop_rel(ed.part, legacy.get(f"{{{NS_R}}}id"))
            ed.root.remove(legacy)
            pkg.remove(vpart)
            pkg.drop_default("vml")
            ed.touch()
    return len(gone)


def _vml_root(pkg: Package, name: str) -> etree._Element:
    """A VML part as XML, whoever wrote it (Excel, LibreOffice, openpyxl, xlsxwriter).

    VML from old Office versions is not always well-formed (an unclosed ``<br>``
    in a text box); such a part is repaired once by lxml's recovering parser,
    so that everything xlplan writes parses strictly.
    """
    try:
        root = pkg.xml(name)
    except PlanError:
        parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=True)
        fixed = etree.fromstring(pkg.read(name), parser)
        if fixed is None:
            raise
        pkg.put(name, serialise(fixed))
        root = pkg.xml(name)
    _keep_html_end_tags(root)
    return root


def _keep_html_end_tags(root: etree._Element) -> None:
    """Empty HTML elements in text boxes (``<div …></div>``) keep their end tag, as Office writes them.

    lxml would write ``<div/>``; both parse, but a part that gets its shapes
    back should get its bytes back too.
    """
    for el in root.iter():
        if isinstance(el.tag, str) and not el.tag.startswith("{") and el.text is None and len(el) == 0:
            el.text = ""


def _note_cell(shape: etree._Element) -> tuple[int, int] | None:
    """(row, column) of a note's shape (its x:ClientData), or None for any other shape."""
    data = shape.find(f"{{{NS_X}}}ClientData")
    if data is None or data.get("ObjectType") != "Note":
        return None
    row, col = data.findtext(f"{{{NS_X}}}Row"), data.findtext(f"{{{NS_X}}}Column")
    if row is None or col is None or not row.strip().isdigit() or not col.strip().isdigit():
        return None
    return int(row), int(col)


def _shape_ids(root: etree._Element) -> set[int]:
    ids = set()
    for el in root.iter(f"{{{NS_V}}}*"):
        m = _SHAPE_ID.match(el.get("id") or "")
        if m:
            ids.add(int(m.group(1)))
    return ids


def _idmap_blocks(root: etree._Element) -> tuple[etree._Element | None, list[int]]:
    idmap = root.find(f".//{{{NS_O}}}idmap")
    if idmap is None:
        return None, []
    return idmap, [int(x) for x in re.findall(r"\d+", idmap.get("data") or "")]


def _workbook_shapes(pkg: Package) -> tuple[set[int], int]:
    """Shape ids in use and the largest idmap block, over every VML part of the workbook."""
    used, top = set(), 0
    for name in pkg.names():
        if name.lower().endswith(".vml"):
            root = _vml_root(pkg, name)
            ids = _shape_ids(root)
            used |= ids
            top = max([top, *_idmap_blocks(root)[1], *(i // BLOCK for i in ids)])
    return used, top


def _free_ids(pkg: Package, root: etree._Element, n: int) -> list[int]:
    """``n`` shape ids inside the part's o:idmap blocks, adding a block (or the idmap) when they are full.

    Excel tells a sheet's notes apart by these blocks: an id outside them is a
    shape Excel does not find (or a repair prompt).
    """
    used, top = _workbook_shapes(pkg)
    idmap, blocks = _idmap_blocks(root)
    if idmap is None:  # LibreOffice writes none: declare the blocks of the ids the part already uses
        blocks = sorted({i // BLOCK for i in _shape_ids(root)})
        layout = etree.Element(f"{{{NS_O}}}shapelayout", nsmap=VML_NS)
        layout.set(f"{{{NS_V}}}ext", "edit")
        idmap = etree.SubElement(layout, f"{{{NS_O}}}idmap")
        idmap.set(f"{{{NS_V}}}ext", "edit")
        root.insert(0, layout)
    out: list[int] = []
    for block in blocks:
        out += [i for i in range(block * BLOCK + 1, (block + 1) * BLOCK) if i not in used][: n - len(out)]
    while len(out) < n:
        top += 1
        blocks.append(top)
        out += list(range(top * BLOCK + 1, (top + 1) * BLOCK))[: n - len(out)]
    idmap.set("data", ",".join(str(b) for b in blocks))
    return out


def add_notes(pkg: Package, ed: SheetEditor, notes: dict[str, str], author: str = AUTHOR) -> list[str]:
    """Add a note per cell (A1 -> text) unless the cell has one already; returns the cells noted."""
    if not notes:
        return []
    cpart = _comments_part(pkg, ed)
    if cpart is None:
        cpart = pkg.free_name("xl/comments{}.xml")
        root = etree.Element(q("comments"), nsmap={None: NS_MAIN})
        etree.SubElement(root, q("authors"))
        etree.SubElement(root, q("commentList"))
        pkg.put(cpart, serialise(root), CT_COMMENTS)
        pkg.add_rel(ed.part, REL_COMMENTS, cpart)
    root = pkg.xml(cpart)
    authors = root.find(q("authors"))
    names = [a.text or "" for a in authors]
    if author not in names:
        etree.SubElement(authors, q("author")).text = author
        names.append(author)
    author_id = str(names.index(author))
    clist = root.find(q("commentList"))
    taken = {c.get("ref") for c in clist}
    added = []
    for ref, text in notes.items():
        if ref in taken:
            continue
        c = etree.SubElement(clist, q("comment"), ref=ref, authorId=author_id)
        t = etree.SubElement(etree.SubElement(c, q("text")), q("t"))
        t.text = xml_text(text)  # a conflicting follow-up may hold control characters: escaped as Excel does
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        added.append(ref)
    pkg.touch(cpart)
    if added:
        _add_shapes(pkg, ed, added)
    return added


def _add_shapes(pkg: Package, ed: SheetEditor, refs: list[str]) -> None:
    vpart = _vml_part(pkg, ed)
    if vpart is None:
        vpart = pkg.free_name("xl/drawings/vmlDrawing{}.vml")
        block = _workbook_shapes(pkg)[1] + 1
        pkg.put(vpart, _VML_HEAD.format(block=block).encode("utf-8"))
        pkg.ensure_default("vml", CT_VML)
        rid = pkg.add_rel(ed.part, REL_VML, vpart)
        legacy = etree.Element(q("legacyDrawing"))
        legacy.set(f"{{{NS_R}}}id", rid)
        insert_in_order(ed.root, legacy)
        ed.touch()
    root = _vml_root(pkg, vpart)
    if not any(t.get("id") == "_x0000_t202" for t in root.iter(f"{{{NS_V}}}shapetype")):
        root.append(_fragment(_SHAPETYPE))
    for i, (ref, sid) in enumerate(zip(refs, _free_ids(pkg, root, len(refs))), start=1):
        r0, c0 = split_ref(ref)
        root.append(_fragment(_NOTE_SHAPE.format(sid=sid, z=i, row=r0, col=c0, r0=max(r0 - 1, 0),
                                                 c1=c0 + 1, c2=c0 + 4, r2=r0 + 4)))
    pkg.touch(vpart)


def _fragment(text: str) -> etree._Element:
    """One VML element from its text, its prefixes bound (lxml declares them where the part lacks them)."""
    wrapper = ('<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
               'xmlns:x="urn:schemas-microsoft-com:office:excel">' + text + "</xml>")
    return etree.fromstring(wrapper.encode("utf-8"))[0]


def note_text(messages: list[str]) -> str:
    """The note's text: who wrote it and every finding for the cell."""
    return "xlplan:\n" + "\n".join(f"• {m}" for m in messages)


