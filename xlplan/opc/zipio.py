"""Writing the package's zip: untouched members copied as they are, rewritten ones deflated.

Python's ``zipfile`` cannot copy a member: ``writestr`` decompresses and
recompresses it and resets its flags. A member xlplan did not change is the
user's, so it is copied raw instead: its local header, its compressed bytes
and its data descriptor byte for byte, and its central-directory record field
for field (version made by, flags, method, time, CRC, sizes, extra field,
comment, internal and external attributes); only the offset of its local
header differs. That keeps every piece of zip metadata and costs no
compression work, which is most of a save's time on a large plan.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from typing import BinaryIO

_LOCAL = struct.Struct("<4s2B4HL2L2H")  # the local file header, as zipfile.structFileHeader
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # the central directory record, as zipfile.structCentralDir
_END = struct.Struct("<4s4H2LH")  # the end of central directory record
_LIMIT = 0xFFFFFFFF
_UTF8_FLAG = 0x800


def _dos(date_time: tuple[int, ...]) -> tuple[int, int]:
    y, mo, d, h, mi, s = date_time
    return (h << 11) | (mi << 5) | (s // 2), ((y - 1980) << 9) | (mo << 5) | d


def needs_zip64(info: zipfile.ZipInfo) -> bool:
    return info.file_size >= _LIMIT or info.compress_size >= _LIMIT or info.header_offset >= _LIMIT


class ZipWriter:
    """A zip file written member by member: raw copies and new deflated members, then the directory."""

    def __init__(self, out: BinaryIO, comment: bytes = b"") -> None:
        self.out = out
        self.comment = comment
        self.records: list[bytes] = []
        self.names: set[str] = set()

    def _claim(self, name: str) -> None:
        if name in self.names:  # the package format forbids it; Excel answers with its repair prompt
            raise ValueError(f"duplicate part name {name}")
        self.names.add(name)

    def copy(self, src: BinaryIO, info: zipfile.ZipInfo) -> None:
        """Copy one member of the source zip exactly as it is."""
        self._claim(info.filename)
        src.seek(info.header_offset)
        head = src.read(_LOCAL.size)
        fields = _LOCAL.unpack(head)
        if fields[0] != b"PK\x03\x04":
            raise zipfile.BadZipFile(f"bad local header for {info.filename}")
        rest = fields[-2] + fields[-1] + info.compress_size  # name, extra, data
        offset = self.out.tell()
        self.out.write(head)
        _copy_bytes(src, self.out, rest)
        if info.flag_bits & 0x08:  # a data descriptor follows the data: with or without its signature
            peek = src.read(4)
            size = 12 + (4 if peek == b"PK\x07\x08" else 0)
            self.out.write(peek + src.read(size - 4))
        self.records.append(self._central(info, info.orig_filename, info.CRC, info.compress_size, info.file_size,
                                          info.flag_bits, info.extra, offset))

    def write(self, name: str, data: bytes, like: zipfile.ZipInfo | None = None) -> None:
        """A new or rewritten member; ``like`` (the member it replaces) lends its time, method and attributes."""
        self._claim(name)
        method = like.compress_type if like is not None and like.compress_type == zipfile.ZIP_STORED \
            else zipfile.ZIP_DEFLATED
        date_time = like.date_time if like is not None else (1980, 1, 1, 0, 0, 0)
        if method == zipfile.ZIP_DEFLATED:
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            body = packer.compress(data) + packer.flush()
        else:
            body = data
        crc = zlib.crc32(data) & _LIMIT
        flags = _UTF8_FLAG if not name.isascii() else 0
        encoded = name.encode("utf-8" if flags else "ascii")
        dostime, dosdate = _dos(date_time)
        offset = self.out.tell()
        self.out.write(_LOCAL.pack(b"PK\x03\x04", 20, 0, flags, method, dostime, dosdate, crc, len(body), len(data),
                                   len(encoded), 0))
        self.out.write(encoded)
        self.out.write(body)
        info = zipfile.ZipInfo(name, date_time)
        info.compress_type = method
        info.create_version, info.extract_version = 20, 20
        info.external_attr = like.external_attr if like is not None else 0
        info.internal_attr = like.internal_attr if like is not None else 0
        info.create_system = like.create_system if like is not None else 0
        info.comment = like.comment if like is not None else b""
        self.records.append(self._central(info, name, crc, len(body), len(data), flags, b"", offset))

    @staticmethod
    def _central(info: zipfile.ZipInfo, name: str, crc: int, csize: int, usize: int, flags: int, extra: bytes,
                 offset: int) -> bytes:
        if offset >= _LIMIT or csize >= _LIMIT or usize >= _LIMIT:
            raise ValueError("zip64")  # the caller falls back to zipfile for such packages
        encoded = name.encode("utf-8" if flags & _UTF8_FLAG else "cp437")
        dostime, dosdate = _dos(info.date_time)
        head = _CENTRAL.pack(b"PK\x01\x02", info.create_version, info.create_system, info.extract_version,
                             info.reserved, flags, info.compress_type, dostime, dosdate, crc, csize, usize,
                             len(encoded), len(extra), len(info.comment), 0, info.internal_attr,
                             info.external_attr, offset)
        return head + encoded + extra + info.comment

    def close(self) -> None:
        start = self.out.tell()
        for record in self.records:
            self.out.write(record)
        size = self.out.tell() - start
        if len(self.records) > 0xFFFF or start >= _LIMIT:
            raise ValueError("zip64")
        self.out.write(_END.pack(b"PK\x05\x06", 0, 0, len(self.records), len(self.records), size, start,
                                 len(self.comment)))
        self.out.write(self.comment)


def _copy_bytes(src: BinaryIO, dst: BinaryIO, n: int) -> None:
    while n > 0:
        chunk = src.read(min(n, 1 << 20))
        if not chunk:
            raise zipfile.BadZipFile("member ends early")
        dst.write(chunk)
        n -= len(chunk)


