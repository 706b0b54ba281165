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

from .package import CT_COMMENTS, CT_VML, NS_MAIN, NS_R, REL_COMMENTS, REL_VML, Package, q, serialise
from .sheetxml import SheetEditor, insert_in_order, split_ref

AUTHOR = "xlplan"
MARK_FORMULA = '"xlplan"="xlplan"'

_SHAPE = re.compile(r"<v:shape\b.*?</v:shape>\s*", re.DOTALL)
_SHAPE_ID = re.compile(r'id="_x0000_s(\d+)"')
_IDMAP = re.compile(r'<o:idmap\b[^>]*\bdata="([\d,\s]+)"')

_VML_HEAD = """<xml xmlns:v="urn:schemas-microsoft-com:vml"
 xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel">
 <o:shapelayout v:ext="edit">
  <o:idmap v:ext="edit" data="{block}"/>
 </o:shapelayout>"""
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
        text = pkg.read(vpart).decode("utf-8", errors="surrogateescape")
        cells = set(gone)

        def keep(m: re.Match) -> str:
            block = m.group(0)
            row, col = re.search(r"<x:Row>(\d+)</x:Row>", block), re.search(r"<x:Column>(\d+)</x:Column>", block)
            ours_shape = 'alt="xlplan"' in block or (
                'ObjectType="Note"' in block and row and col and (int(row.group(1)), int(col.group(1))) in cells)
            return "" if ours_shape else block

        text = _SHAPE.sub(keep, text)
        vml_left = "<v:shape " in text or "<v:shape\n" in text
        pkg.put(vpart, text.encode("utf-8", errors="surrogateescape"))
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


def _next_shape_ids(pkg: Package) -> tuple[int, int]:
    """(largest shape id, largest idmap block) over every VML part of the workbook."""
    top_id, top_block = 1024, 0
    for name in pkg.names():
        if name.endswith(".vml"):
            text = pkg.read(name).decode("utf-8", errors="replace")
            top_id = max([top_id, *(int(x) for x in _SHAPE_ID.findall(text))])
            for data in _IDMAP.findall(text):
                top_block = max([top_block, *(int(x) for x in re.findall(r"\d+", data))])
    return top_id, top_block


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
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        added.append(ref)
    pkg.touch(cpart)
    if added:
        _add_shapes(pkg, ed, added)
    return added


def _add_shapes(pkg: Package, ed: SheetEditor, refs: list[str]) -> None:
    top_id, top_block = _next_shape_ids(pkg)
    vpart = _vml_part(pkg, ed)
    if vpart is None:
        vpart = pkg.free_name("xl/drawings/vmlDrawing{}.vml")
        block = top_block + 1
        top_id = max(top_id, block * 1024)
        pkg.put(vpart, (_VML_HEAD.format(block=block) + "\n</xml>\n").encode("utf-8"))
        pkg.ensure_default("vml", CT_VML)
        rid = pkg.add_rel(ed.part, REL_VML, vpart)
        legacy = etree.Element(q("legacyDrawing"))
        legacy.set(f"{{{NS_R}}}id", rid)
        insert_in_order(ed.root, legacy)
        ed.touch()
    text = pkg.read(vpart).decode("utf-8", errors="surrogateescape")
    if "_x0000_t202" not in text:
        text = _insert_before_close(text, " " + _SHAPETYPE + "\n")
    shapes = []
    for i, ref in enumerate(refs, start=1):
        r0, c0 = split_ref(ref)
        shapes.append(_NOTE_SHAPE.format(sid=top_id + i, z=i, row=r0, col=c0, r0=max(r0 - 1, 0),
                                         c1=c0 + 1, c2=c0 + 4, r2=r0 + 4))
    pkg.put(vpart, _insert_before_close(text, "".join(shapes)).encode("utf-8", errors="surrogateescape"))


def _insert_before_close(text: str, addition: str) -> str:
    at = text.rfind("</xml>")
    if at < 0:
        return text + addition
    return text[:at] + addition + text[at:]


def note_text(messages: list[str]) -> str:
    """The note's text: who wrote it and every finding for the cell."""
    return "xlplan:\n" + "\n".join(f"• {m}" for m in messages)


