"""Parsing and writing one XML part, safely and as its writer wrote it."""

from __future__ import annotations

from lxml import etree

from .constants import NS_MAIN

_PARSER = etree.XMLParser(remove_blank_text=False, resolve_entities=False, no_network=True, huge_tree=True)
DEFAULT_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def parse_xml(data: bytes) -> etree._Element:
    """Parse a part safely (no entities, no network: defusedxml's concerns, in lxml)."""
    return etree.fromstring(data, _PARSER)


def declaration(data: bytes) -> bytes:
    """A part's XML declaration as written (with the line break after it), to write it back the same."""
    if data.startswith(b"<?xml"):
        end = data.find(b"?>") + 2
        while end < len(data) and data[end:end + 1] in (b"\r", b"\n"):
            end += 1
        return data[:end]
    return b""


def serialise(root: etree._Element, prefix: bytes = DEFAULT_DECLARATION) -> bytes:
    return prefix + etree.tostring(root, encoding="UTF-8")


def q(tag: str, ns: str = NS_MAIN) -> str:
    return f"{{{ns}}}{tag}"


def same_xml(a: bytes, b: bytes) -> bool:
    """Same document, whatever the serialiser's choices (quotes, declaration)."""
    try:
        return etree.tostring(parse_xml(a), method="c14n") == etree.tostring(parse_xml(b), method="c14n")
    except etree.XMLSyntaxError:
        return False
