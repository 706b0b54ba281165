"""The package invariants every file xlplan writes must keep.

Checked on the temporary file after each write (a write that breaks one never
replaces the user's file) and by the tests after every step of a command
sequence. They are the rules of Open Packaging Conventions that Excel enforces
with its repair prompt, plus the VML shape-id blocks that Excel uses to tell
notes apart:

- every part name occurs once in the zip;
- every XML, VML and relationships part parses strictly (prefixes declared);
- every part has a content type, and every override names a part that exists;
- every internal relationship points at a part that exists;
- every VML shape id lies inside a block its part declares in ``o:idmap``
  (block n holds ids n*1024 … n*1024+1023).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from lxml import etree

NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_VML_O = "urn:schemas-microsoft-com:office:office"
NS_VML_V = "urn:schemas-microsoft-com:vml"

_STRICT = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
_SHAPE_ID = re.compile(r"^_x0000_s(\d+)$")


def rels_source(rels_name: str) -> str:
    """The part a relationships part belongs to ("" for the package's own _rels/.rels)."""
    folder, base = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), base[: -len(".rels")]) if folder.endswith("_rels") else ""


def resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


_SHAPE_IDS = etree.XPath("//v:shape/@id", namespaces={"v": NS_VML_V}, smart_strings=False)


def shape_id_problems(name: str, root: etree._Element, ids: list[str] | None = None) -> list[str]:
    """Shape ids of a VML part outside the blocks its o:idmap declares (``ids``: read while streaming it)."""
    blocks: set[int] = set()
    for idmap in root.iter(f"{{{NS_VML_O}}}idmap"):
        blocks |= {int(x) for x in re.findall(r"\d+", idmap.get("data") or "")}
    if not blocks:
        return []
    out = []
    for sid in (_SHAPE_IDS(root) if ids is None else ids):
        m = _SHAPE_ID.match(sid)
        if m and int(m.group(1)) // 1024 not in blocks:
            out.append(f"{name}: shape id _x0000_s{m.group(1)} outside o:idmap blocks {sorted(blocks)}")
    return out


NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
BULK = (f"{{{NS_MAIN}}}row", f"{{{NS_MAIN}}}comment", f"{{{NS_VML_V}}}shape")
"""The elements a large part has thousands of: rows, notes, note shapes."""
STREAM_FROM = 1 << 18
"""Parts at least this large (uncompressed) are parsed as a stream, their bulk elements let go once seen."""


def _parse(zf: zipfile.ZipFile, name: str, each: Callable[[str, etree._Element], None] | None,
           ids: list[str]) -> etree._Element:
    """Parse one part strictly; hand each bulk element to ``each`` and collect VML shape ids in ``ids``.

    A large part is parsed as a stream (lxml iterparse, filtered to the bulk
    tags in C): each row, note or shape is seen once and then let go, so the
    check of a sheet of 10,000 rows or of 10,000 notes never holds the whole
    tree, which is some 25 times the part's bytes.
    """
    shape = BULK[2]

    def seen(el: etree._Element) -> None:
        if el.tag == shape:
            ids.append(el.get("id") or "")
        if each is not None:
            each(name, el)

    if zf.getinfo(name).file_size < STREAM_FROM:
        root = etree.fromstring(zf.read(name), _STRICT)
        for el in root.iter(*BULK):
            seen(el)
        return root
    with zf.open(name) as fh:
        context = etree.iterparse(fh, events=("end",), tag=BULK, resolve_entities=False, no_network=True,
                                  huge_tree=True)
        for _, el in context:
            seen(el)
            before = el.getprevious()
            if before is not None and before.tag == el.tag:  # the one seen before this: done with
                el.getparent().remove(before)
            el.clear(keep_tail=True)
        return context.root


def package_problems(path: str | Path, only: set[str] | None = None,
                     inspect: Callable[[str, etree._Element], list[str]] | None = None,
                     each: Callable[[str, etree._Element], None] | None = None) -> list[str]:
    """Every broken invariant of the package at ``path``, one line each (empty: sound).

    ``only`` limits the parsing checks to these part names (the parts a write
    rewrote: the others were copied byte for byte); the name, content-type and
    relationship checks always cover the whole package. The check of the
    edits themselves (:mod:`xlplan.verify_edits`) reads the rewritten parts
    in this same pass: ``each`` sees every row, note and note shape (name,
    element) as it is parsed, ``inspect`` then each part's root (name, root;
    its bulk elements may be gone by then) and returns problems of its own.
    Only relationships and content types stay parsed until the end.
    """
    out: list[str] = []
    with zipfile.ZipFile(path) as zf:
        names = [i.filename for i in zf.infolist()]
        out += [f"{n}: {k} copies in the zip" for n, k in Counter(names).items() if k > 1]
        present = set(names)
        parsed: dict[str, etree._Element] = {}
        for name in names:
            if name.endswith("/"):
                continue
            is_xml = name.endswith((".xml", ".rels", ".vml")) or name == "[Content_Types].xml"
            if not is_xml or (only is not None and name not in only and not name.endswith(".rels")
                              and name != "[Content_Types].xml"):
                continue
            ids: list[str] = []
            try:
                root = _parse(zf, name, each, ids)
            except etree.XMLSyntaxError as exc:
                out.append(f"{name}: not well-formed XML ({exc})")
                continue
            if inspect is not None:
                out += inspect(name, root)
            if name.endswith(".vml"):
                out += shape_id_problems(name, root, ids)
            if name.endswith(".rels") or name == "[Content_Types].xml":
                parsed[name] = root
            del root
        ct = parsed.get("[Content_Types].xml")
        if ct is None:
            out.append("[Content_Types].xml: missing")
        else:
            defaults = {el.get("Extension", "").lower() for el in ct.iter(f"{{{NS_CT}}}Default")}
            overrides = {el.get("PartName", "").lstrip("/") for el in ct.iter(f"{{{NS_CT}}}Override")}
            lower = {n.lower(): n for n in present}
            out += [f"{o}: content-type override for a part that does not exist" for o in sorted(overrides)
                    if o not in present and o.lower() not in lower]
            for name in sorted(present):
                if name == "[Content_Types].xml" or name.endswith("/"):
                    continue
                base = posixpath.basename(name)
                ext = base.rsplit(".", 1)[1].lower() if "." in base else ""
                if name not in overrides and ext not in defaults:
                    out.append(f"{name}: no content type")
        for name, root in parsed.items():
            if name.endswith(".rels"):
                source = rels_source(name)
                if source and source not in present:
                    out.append(f"{name}: relationships of a part that does not exist")
                for rel in root.iter(f"{{{NS_PKG_REL}}}Relationship"):
                    if rel.get("TargetMode") == "External":
                        continue
                    target = resolve(source or "/", rel.get("Target") or "") if source else \
                        (rel.get("Target") or "").lstrip("/")
                    if target not in present:
                        out.append(f"{name}: {rel.get('Id')} points at {target}, which does not exist")
    return out
