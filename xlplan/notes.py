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

import io
import re

from lxml import etree

from .errors import PlanError
from .opc import CT_COMMENTS, CT_VML, NS_MAIN, NS_R, REL_COMMENTS, REL_VML, Package, q, serialise
from .opc.xml import DEFAULT_DECLARATION
from .sheetxml import SheetEditor, insert_in_order, split_ref
from .text import xml_text

AUTHOR = "xlplan"
MARK_FORMULA = '"xlplan"="xlplan"'

NS_V = "urn:schemas-microsoft-com:vml"
NS_O = "urn:schemas-microsoft-com:office:office"
NS_X = "urn:schemas-microsoft-com:office:excel"
VML_NS = {"v": NS_V, "o": NS_O, "x": NS_X}
_SHAPE_ID = re.compile(r"^_x0000_s(\d+)$")
_RULE_PRIORITIES = etree.XPath("*[local-name() != 'sheetData']//*[local-name() = 'cfRule']/@priority",
                               smart_strings=False)
_EMPTY_HTML = etree.XPath("//*[namespace-uri() = '' and not(node())]")
_SHAPE_IDS = etree.XPath("//v:*/@id", namespaces={"v": NS_V}, smart_strings=False)
_NOT_OURS = etree.XPath("count(//v:shape[not(@alt = 'xlplan')])", namespaces={"v": NS_V})
MEMO = "notes.vml"
"""Package.memo key: VML part name -> (shape ids, idmap blocks) as xlplan last saw or made them."""
BLOCK = 1024
"""Shape ids per o:idmap block: block n holds ids n*1024 … n*1024+1023."""

_VML_OPEN = """<xml xmlns:v="urn:schemas-microsoft-com:vml"
 xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel">
 <o:shapelayout v:ext="edit">
  <o:idmap v:ext="edit" data="{blocks}"/>
 </o:shapelayout>"""
_VML_CLOSE = "</xml>"
_SHAPETYPE = """<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202"
  path="m,l,21600r21600,l21600,xe">
  <v:stroke joinstyle="miter"/>
  <v:path gradientshapeok="t" o:connecttype="rect"/>
 </v:shapetype>"""
_NOTE_SHAPE = (
    '<v:shape id="_x0000_s{sid}" type="#_x0000_t202" alt="xlplan" style="position:absolute;margin-left:59.25pt;'
    'margin-top:1.5pt;width:216pt;height:72pt;z-index:{z};visibility:hidden" fillcolor="#ffffe1" '
    'o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>'
    '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div>'
    '</v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
    '<x:Anchor>{c1}, 15, {r0}, 10, {c2}, 15, {r2}, 4</x:Anchor><x:AutoFill>False</x:AutoFill>'
    '<x:Row>{row}</x:Row><x:Column>{col}</x:Column></x:ClientData></v:shape>\n'
)
"""One note's shape, on one line: a sheet with thousands of notes writes (and checks) thousands of these."""


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
    # every cfRule's priority, x14 ones in extLst too: sheetData (the cells) holds none and is not walked
    priorities = [int(p) for p in _RULE_PRIORITIES(ed.root) if p.isdigit()]
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
    whole = _only_ours(pkg, ed, cpart)
    if whole:
        return whole
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
        pkg.memo.get(MEMO, {}).pop(vpart, None)
        if clist is not None and len(clist) == 0 and not _NOT_OURS(vml):
            vml_left = False  # every shape was one of xlplan's notes: the part goes whole, below
        else:
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


def _only_ours(pkg: Package, ed: SheetEditor, cpart: str) -> int:
    """Remove a sheet's notes part and its drawing whole when both hold only xlplan's notes; how many went.

    That is what every run of ``validate --mark`` after the first finds. Both
    parts are read as a stream (no tree of thousands of notes and shapes);
    anything else (a note by someone else, another shape, a part already
    parsed or one that does not parse) answers 0 and the notes are removed
    one by one instead.
    """
    vpart = _vml_part(pkg, ed)
    if any(p not in pkg.parts or pkg.parts[p].element is not None for p in (cpart, vpart) if p is not None):
        return 0  # parsed already, or missing (the note-by-note way says so)
    try:
        notes = 0
        for _, el in etree.iterparse(io.BytesIO(pkg.read(cpart)), events=("end",), tag=(q("authors"), q("comment")),
                                     resolve_entities=False, no_network=True, huge_tree=True):
            if el.tag == q("authors"):
                if [a.text or "" for a in el] != [AUTHOR]:
                    return 0
            else:
                notes += 1
            el.clear(keep_tail=True)
        if vpart is not None:
            for _, el in etree.iterparse(io.BytesIO(pkg.read(vpart)), events=("end",), tag=f"{{{NS_V}}}shape",
                                         resolve_entities=False, no_network=True, huge_tree=True):
                if el.get("alt") != "xlplan":
                    return 0
                el.clear(keep_tail=True)
    except (etree.XMLSyntaxError, PlanError):
        return 0
    if not notes:
        return 0
    for rid, target in pkg.related(ed.part, REL_COMMENTS):
        pkg.drop_rel(ed.part, rid)
        pkg.remove(target)
    if vpart is not None:
        legacy = ed.root.find(q("legacyDrawing"))
        pkg.drop_rel(ed.part, legacy.get(f"{{{NS_R}}}id"))
        ed.root.remove(legacy)
        pkg.remove(vpart)
        pkg.memo.get(MEMO, {}).pop(vpart, None)
        pkg.drop_default("vml")
        ed.touch()
    return notes


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
    back should get its bytes back too. (One XPath finds them: no walk over
    every element of a part with thousands of shapes.)
    """
    for el in _EMPTY_HTML(root):
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
    for text in _SHAPE_IDS(root):
        if text.startswith("_x0000_s") and text[8:].isdigit() and text[8:].isascii():
            ids.add(int(text[8:]))
    return ids


def _idmap_blocks(root: etree._Element) -> tuple[etree._Element | None, list[int]]:
    idmap = root.find(f".//{{{NS_O}}}idmap")
    if idmap is None:
        return None, []
    return idmap, [int(x) for x in re.findall(r"\d+", idmap.get("data") or "")]


def _workbook_shapes(pkg: Package) -> tuple[set[int], int]:
    """Shape ids in use and the largest idmap block, over every VML part of the workbook.

    Each part is read once per package (``pkg.memo``): the parts xlplan writes
    are kept as their text, never parsed back to be counted.
    """
    memo = pkg.memo.setdefault(MEMO, {})
    used, top = set(), 0
    for name in pkg.names():
        if name.lower().endswith(".vml"):
            if name not in memo:
                root = _vml_root(pkg, name)
                memo[name] = (_shape_ids(root), _idmap_blocks(root)[1])
            ids, blocks = memo[name]
            used |= ids
            top = max([top, *blocks, *(i // BLOCK for i in ids)])
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
    if cpart is None:  # a new part: written as text at once, never built as a tree of thousands of notes
        cpart = pkg.free_name("xl/comments{}.xml")
        pkg.put(cpart, _comments_text(notes, author), CT_COMMENTS)
        pkg.add_rel(ed.part, REL_COMMENTS, cpart)
        added = list(notes)
        _add_shapes(pkg, ed, added)
        return added
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


def _comments_text(notes: dict[str, str], author: str) -> bytes:
    """A comments part holding ``notes`` (A1 -> text) by ``author``, as lxml would serialise it."""
    out = [DEFAULT_DECLARATION.decode("ascii"), f'<comments xmlns="{NS_MAIN}"><authors><author>',
           _escape(author), "</author></authors><commentList>"]
    for ref, text in notes.items():
        out += ['<comment ref="', ref if ref.isalnum() else _escape(ref, attr=True),
                '" authorId="0"><text><t xml:space="preserve">',
                _escape(xml_text(text)), "</t></text></comment>"]
    out.append("</commentList></comments>")
    return "".join(out).encode("utf-8")


def _escape(text: str, attr: bool = False) -> str:
    """Text (or an attribute value) escaped as libxml2 writes it: &, <, >, carriage returns (and quotes)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return text.replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;") if attr else text


def _shape_text(ref: str, sid: int, z: int) -> str:
    r0, c0 = split_ref(ref)
    return _NOTE_SHAPE.format(sid=sid, z=z, row=r0, col=c0, r0=max(r0 - 1, 0), c1=c0 + 1, c2=c0 + 4, r2=r0 + 4)


def _add_shapes(pkg: Package, ed: SheetEditor, refs: list[str]) -> None:
    memo = pkg.memo.setdefault(MEMO, {})
    vpart = _vml_part(pkg, ed)
    if vpart is None:  # a new part: its text at once, shapes and all
        used, top = _workbook_shapes(pkg)
        blocks = list(range(top + 1, top + 1 + max(1, -(-len(refs) // (BLOCK - 1)))))
        ids = [i for b in blocks for i in range(b * BLOCK + 1, (b + 1) * BLOCK)][: len(refs)]
        vpart = pkg.free_name("xl/drawings/vmlDrawing{}.vml")
        text = [_VML_OPEN.format(blocks=",".join(map(str, blocks))), "\n ", _SHAPETYPE, "\n"]
        text += [_shape_text(ref, sid, z) for z, (ref, sid) in enumerate(zip(refs, ids), start=1)]
        text.append(_VML_CLOSE)
        pkg.put(vpart, "".join(text).encode("utf-8"))
        memo[vpart] = (set(ids), blocks)
        pkg.ensure_default("vml", CT_VML)
        rid = pkg.add_rel(ed.part, REL_VML, vpart)
        legacy = etree.Element(q("legacyDrawing"))
        legacy.set(f"{{{NS_R}}}id", rid)
        insert_in_order(ed.root, legacy)
        ed.touch()
        return
    root = _vml_root(pkg, vpart)
    if not any(t.get("id") == "_x0000_t202" for t in root.iter(f"{{{NS_V}}}shapetype")):
        root.append(_fragment(_SHAPETYPE))
    ids = _free_ids(pkg, root, len(refs))
    shapes = _fragments([_shape_text(ref, sid, z) for z, (ref, sid) in enumerate(zip(refs, ids), start=1)])
    root.extend(shapes)
    memo[vpart] = (_shape_ids(root), _idmap_blocks(root)[1])
    pkg.touch(vpart)


def _fragment(text: str) -> etree._Element:
    """One VML element from its text, its prefixes bound (lxml declares them where the part lacks them)."""
    return _fragments([text])[0]


def _fragments(texts: list[str]) -> list[etree._Element]:
    """VML elements from their texts, parsed in one go."""
    wrapper = ('<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
               'xmlns:x="urn:schemas-microsoft-com:office:excel">' + "".join(texts) + "</xml>")
    return list(etree.fromstring(wrapper.encode("utf-8")))


def note_text(messages: list[str]) -> str:
    """The note's text: who wrote it and every finding for the cell."""
    return "xlplan:\n" + "\n".join(f"• {m}" for m in messages)


