"""How much of a file xlplan will work on: time and memory follow the content, not the addresses.

A workbook is a zip of XML parts, and a few bytes can ask for a lot: a part
that inflates a thousandfold, a cell at XFD1048576 that makes a dense reader
allocate 17 billion cells, a merged range over the whole sheet. These limits
are checked before anything is inflated or allocated, so such a file gets one
sentence and exit status 2 within a bounded time and memory. They are far
above any real plan (a plan of 5 sheets × 100,000 rows is about 60 MB of XML)
and can be raised with environment variables for an unusual case.
"""

from __future__ import annotations

import os
import re
import zipfile
import zlib
from collections.abc import Iterator

from .errors import PlanError


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


MAX_PART_BYTES = _env_int("XLPLAN_MAX_PART_MB", 512) << 20
"""The largest XML part xlplan inflates (a sheet, the shared strings, styles …)."""

MAX_TOTAL_BYTES = _env_int("XLPLAN_MAX_TOTAL_MB", 2048) << 20
"""All XML parts of one workbook together, inflated."""

MAX_RATIO = _env_int("XLPLAN_MAX_RATIO", 1000)
"""Inflated size over compressed size for a part above 1 MB: XML compresses 5–50×, a bomb 1000× and more."""

MAX_CELLS = _env_int("XLPLAN_MAX_CELLS", 5_000_000)
"""Rows × columns from A1 to a sheet's last cell holding a value (a cell reader allocates them all):
100,000 rows × 50 columns. A stray value at row 1,048,576 would cost seconds and gigabytes."""

_XML = (".xml", ".rels", ".vml")


def check_sizes(zf: zipfile.ZipFile, shown: str) -> None:
    """Refuse a package whose XML parts would inflate beyond the limits, from the zip directory alone."""
    total = 0
    for info in zf.infolist():
        if not info.filename.lower().endswith(_XML):
            continue  # images, printer settings, macros: never inflated by xlplan, copied as they are
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART_BYTES or (info.file_size > 1 << 20 and ratio > MAX_RATIO):
            raise PlanError("too_large", path=shown, part=info.filename, mb=info.file_size >> 20)
        if total > MAX_TOTAL_BYTES:
            raise PlanError("too_large", path=shown, part="", mb=total >> 20)


def inflate(zf: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str, chunk: int = 1 << 20) -> Iterator[bytes]:
    """A member's bytes in chunks, never more than its directory entry declares (a lying size is damage)."""
    left = info.file_size
    with zf.open(info) as fh:
        while True:
            data = fh.read(chunk)
            if not data:
                break
            left -= len(data)
            if left < 0:
                raise PlanError("damaged", path=shown)
            yield data


# A cell reference of column AA or later, or of row 100,000 or later: rare in plans, so the bounds
# below are looked for only when one is there. Without a word boundary the regex engine scans for the
# literal ``r="`` at C speed; a match inside another attribute only costs the closer look.
_FAR_HINT = re.compile(rb'r="[A-Z](?:[A-Z]|[0-9]{6})')
_THREE_LETTERS = re.compile(rb'r="[A-Z]{3}[0-9]')
_TWO_LETTERS = re.compile(rb'r="[A-Z]{2}[0-9]')
_BIG_ROW = re.compile(rb'r="[A-Z]{0,3}([0-9]{6,7})"')  # a row's or a cell's number of six digits or more
_VALUE_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"[^>]*>(?=\s*<(?:\w+:)?(?:v|is|f)\b)')


def column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def far_cell(xml: bytes) -> tuple[str, int] | None:
    """The farthest value cell of a sheet's XML and the rows × columns it spans from A1, if beyond MAX_CELLS.

    Cheap bounds first (the widest column letters present, the largest row
    number present): a plan of 100,000 rows in ten columns is within them
    without counting its cells. Only when the bounds allow more than MAX_CELLS
    are the value cells counted one by one.
    """
    if not _FAR_HINT.search(xml):
        return None  # every cell is within Z99999: 2.6 million cells at most
    if not _THREE_LETTERS.search(xml):
        cols = 702 if _TWO_LETTERS.search(xml) else 26
        rows = max((int(n) for n in _BIG_ROW.findall(xml)), default=99_999)
        if rows * cols <= MAX_CELLS:
            return None
    rows = cols = 0
    far = ""
    for letters, digits in _VALUE_CELL.findall(xml):
        r, c = int(digits), column_number(letters)
        if r > rows or c > cols:
            rows, cols = max(rows, r), max(cols, c)
            far = (letters + digits).decode()
    return (far, rows * cols) if rows * cols > MAX_CELLS else None


def inflate_all(zf: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str) -> bytes:
    try:
        return b"".join(inflate(zf, info, shown))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        raise PlanError("damaged", path=shown) from None
