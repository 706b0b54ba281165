"""The few style changes xlplan makes: a fill for marks, an ISO date format and
wrapped (header: bold) text for its own listing sheets.

Each is added to styles.xml only when an identical one is not there already,
so running a command twice adds nothing the second time.
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from .opc import REL_STYLES, Package, q

MARK_RGB = "FFFFC7CE"  # Excel's own "light red fill" for bad values
ISO_DATE = "yyyy-mm-dd"
_STYLES_ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs",
                 "tableStyles", "colors", "extLst"]
_BUILTIN_DATE_IDS = set(range(14, 23)) | {45, 46, 47}


def styles_part(pkg: Package) -> str:
    rel = pkg.related(pkg.workbook, REL_STYLES)
    return rel[0][1] if rel else "xl/styles.xml"


def _child(root: etree._Element, name: str) -> etree._Element:
    el = root.find(q(name))
    if el is None:
        el = etree.Element(q(name), count="0")
        rank = _STYLES_ORDER.index(name)
        for i, child in enumerate(root):
            tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
            if tag in _STYLES_ORDER and _STYLES_ORDER.index(tag) > rank:
                root.insert(i, el)
                break
        else:
            root.append(el)
    return el


def _recount(el: etree._Element) -> None:
    el.set("count", str(len([c for c in el if isinstance(c.tag, str)])))


def mark_dxf(pkg: Package) -> int:
    """The index of a differential format filling a cell with the mark colour (added once)."""
    part = styles_part(pkg)
    root = pkg.xml(part)
    dxfs = root.find(q("dxfs"))
    if dxfs is not None:
        for i, dxf in enumerate(d for d in dxfs if isinstance(d.tag, str)):
            colours = {c.get("rgb") for c in dxf.iter(q("bgColor"), q("fgColor"))}
            if colours == {MARK_RGB} and len(dxf) == 1:
                return i
    dxfs = _child(root, "dxfs")
    dxf = etree.SubElement(dxfs, q("dxf"))
    fill = etree.SubElement(etree.SubElement(dxf, q("fill")), q("patternFill"), patternType="solid")
    etree.SubElement(fill, q("fgColor"), rgb=MARK_RGB)
    etree.SubElement(fill, q("bgColor"), rgb=MARK_RGB)
    _recount(dxfs)
    pkg.touch(part)
    return len([d for d in dxfs if isinstance(d.tag, str)]) - 1


def _formats(root: etree._Element) -> dict[int, str]:
    nf = root.find(q("numFmts"))
    return {} if nf is None else {int(f.get("numFmtId")): f.get("formatCode", "") for f in nf}


def is_date_style(pkg: Package, style: int) -> bool:
    root = pkg.xml(styles_part(pkg))
    xfs = [x for x in root.find(q("cellXfs")) if isinstance(x.tag, str)]
    if style >= len(xfs):
        return False
    fid = int(xfs[style].get("numFmtId", "0"))
    if fid in _BUILTIN_DATE_IDS:
        return True
    code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", _formats(root).get(fid, "")).lower()
    return bool(code) and bool(re.search(r"[dy]", code)) and "0" not in code and "#" not in code


def date_format_code(pkg: Package, style: int) -> str:
    root = pkg.xml(styles_part(pkg))
    xfs = [x for x in root.find(q("cellXfs")) if isinstance(x.tag, str)]
    fid = int(xfs[style].get("numFmtId", "0")) if style < len(xfs) else 0
    return _formats(root).get(fid, f"builtin:{fid}")


def with_iso_date(pkg: Package, style: int) -> int:
    """A cell style like ``style`` but showing dates as yyyy-mm-dd (reused when it exists)."""
    part = styles_part(pkg)
    root = pkg.xml(part)
    formats = _formats(root)
    fid = next((i for i, code in formats.items() if code == ISO_DATE), None)
    if fid is None:
        fid = max([163, *formats]) + 1
        nf = _child(root, "numFmts")
        etree.SubElement(nf, q("numFmt"), numFmtId=str(fid), formatCode=ISO_DATE)
        _recount(nf)
        pkg.touch(part)
    xfs_el = root.find(q("cellXfs"))
    xfs = [x for x in xfs_el if isinstance(x.tag, str)]
    want = dict(xfs[style].attrib) if style < len(xfs) else {}
    want.update(numFmtId=str(fid), applyNumberFormat="1")
    base = xfs[style] if style < len(xfs) else None
    for i, xf in enumerate(xfs):
        if dict(xf.attrib) == want and _same_children(xf, base):
            return i
    new = etree.SubElement(xfs_el, q("xf"), want)
    if base is not None:
        for child in base:
            new.append(etree.fromstring(etree.tostring(child)))
    _recount(xfs_el)
    pkg.touch(part)
    return len(xfs)


def _same_children(a: etree._Element, b: etree._Element | None) -> bool:
    ca = [etree.tostring(c) for c in a]
    cb = [etree.tostring(c) for c in b] if b is not None else []
    return ca == cb


def listing_styles(pkg: Package) -> tuple[int, int] | None:
    """Cell styles (body, header) for a listing sheet of xlplan's own, such as "Konflikter".

    Long follow-up texts must stay readable on screen and on paper, so body text
    wraps and sits at the top of its row; the header is the same in bold. Both
    are reused when already there, so a second merge adds nothing. None when the
    package has no styles part to add them to (the sheet is then unstyled).
    """
    part = styles_part(pkg)
    if not pkg.exists(part):
        return None
    root = pkg.xml(part)
    body = _wrapped_xf(pkg, part, root, font=0)
    header = _wrapped_xf(pkg, part, root, font=_bold_font(pkg, part, root))
    return body, header


def _bold_font(pkg: Package, part: str, root: etree._Element) -> int:
    """The workbook's default font in bold (reused when an identical font exists)."""
    fonts = _child(root, "fonts")
    existing = [f for f in fonts if isinstance(f.tag, str)]
    want = copy.deepcopy(existing[0]) if existing else etree.Element(q("font"))
    if want.find(q("b")) is None:
        want.insert(0, etree.Element(q("b")))
    return _index_of(pkg, part, fonts, want)


def _wrapped_xf(pkg: Package, part: str, root: etree._Element, font: int) -> int:
    """A cell format with this font whose text wraps, top-aligned (reused when identical exists)."""
    want = etree.Element(q("xf"), numFmtId="0", fontId=str(font), fillId="0", borderId="0", xfId="0",
                         applyFont="1", applyAlignment="1")
    etree.SubElement(want, q("alignment"), vertical="top", wrapText="1")
    return _index_of(pkg, part, _child(root, "cellXfs"), want)


def _index_of(pkg: Package, part: str, collection: etree._Element, want: etree._Element) -> int:
    """Index of an identical entry in a styles collection, appending ``want`` (and recounting) when none is."""
    items = [x for x in collection if isinstance(x.tag, str)]
    for i, item in enumerate(items):
        if _same_tree(item, want):
            return i
    collection.append(want)
    _recount(collection)
    pkg.touch(part)
    return len(items)


def _same_tree(a: etree._Element, b: etree._Element) -> bool:
    """Same element names, attributes and children, whatever the namespace prefixes."""
    if etree.QName(a).localname != etree.QName(b).localname or dict(a.attrib) != dict(b.attrib):
        return False
    ca = [c for c in a if isinstance(c.tag, str)]
    cb = [c for c in b if isinstance(c.tag, str)]
    return len(ca) == len(cb) and all(_same_tree(x, y) for x, y in zip(ca, cb))
