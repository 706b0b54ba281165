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


def shape_id_problems(name: str, root: etree._Element) -> list[str]:
    """Shape ids of a VML part outside the blocks its o:idmap declares."""
    blocks: set[int] = set()
    for idmap in root.iter(f"{{{NS_VML_O}}}idmap"):
        blocks |= {int(x) for x in re.findall(r"\d+", idmap.get("data") or "")}
    out = []
    for shape in root.iter(f"{{{NS_VML_V}}}shape"):
        m = _SHAPE_ID.match(shape.get("id") or "")
        if m and blocks and int(m.group(1)) // 1024 not in blocks:
            out.append(f"{name}: shape id _x0000_s{m.group(1)} outside o:idmap blocks {sorted(blocks)}")
    return out


def package_problems(path: str | Path, only: set[str] | None = None) -> list[str]:
    """Every broken invariant of the package at ``path``, one line each (empty: sound).

    ``only`` limits the parsing checks to these part names (the parts a write
    rewrote: the others were copied byte for byte); the name, content-type and
    relationship checks always cover the whole package.
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
            try:
                parsed[name] = etree.fromstring(zf.read(name), _STRICT)
            except etree.XMLSyntaxError as exc:
                out.append(f"{name}: not well-formed XML ({exc})")
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
            elif name.endswith(".vml"):
                out += shape_id_problems(name, root)
    return out
