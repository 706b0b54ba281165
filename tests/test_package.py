"""The part model: each part once, found through relationships, copied with all its zip metadata."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import digest
from xlplan import PlanError, read_plan
from xlplan.opc import Package, package_problems

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return [i.filename for i in zf.infolist()]


@pytest.fixture
def plan(tmp_path) -> Path:
    path = tmp_path / "plan.xlsx"
    shutil.copy(EXAMPLES / "sodermalm-2025.xlsx", path)
    return path


def test_the_same_button_again_and_again_writes_each_part_once(plan, cli):
    for _ in range(4):
        assert cli("validate", "--mark", plan)[0] == 1
        names = _names(plan)
        assert len(names) == len(set(names)) and package_problems(plan) == []
    assert sum(n.endswith(".vml") for n in names) == 6  # one drawing per marked sheet, not one per click


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_a_package_with_a_part_twice_is_healed_on_the_next_write(plan, tmp_path, cli):
    """Earlier xlplan versions wrote comments and drawings twice: the later copy wins, as readers take it."""
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(plan) as src, zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info, src.read(info))
        out.writestr("docProps/app.xml", src.read("docProps/app.xml"))  # a duplicate name
    assert "docProps/app.xml: 2 copies in the zip" in package_problems(broken)
    assert cli("analysis", broken)[0] == 0
    assert package_problems(broken) == []


def _unusual_zip(source: Path, target: Path) -> None:
    """The example re-zipped with metadata Python's zipfile would not keep: data descriptors,
    stored members, extra fields, comments and attributes of another system."""

    class Unseekable(io.RawIOBase):  # zipfile writes data descriptors to a stream it cannot seek
        def __init__(self, fh):
            self.fh = fh

        def writable(self):
            return True

        def write(self, b):
            return self.fh.write(b)

    with zipfile.ZipFile(source) as src, open(target, "wb") as fh:
        with zipfile.ZipFile(Unseekable(fh), "w") as out:
            for i, info in enumerate(src.infolist()):
                copy = zipfile.ZipInfo(info.filename, (2024, 5, 17, 13, 37, 42))
                copy.compress_type = zipfile.ZIP_STORED if i % 3 == 0 else zipfile.ZIP_DEFLATED
                copy.external_attr = (0o100640 << 16) | 0x20
                copy.create_system = 3
                copy.comment = f"member {i}".encode()
                copy.extra = b"UT\x05\x00\x01\x00\x00\x00\x00"  # an extended timestamp field
                out.writestr(copy, src.read(info))
            out.comment = b"archive comment"


def _raw_members(path: Path) -> dict[str, tuple]:
    """Each member's local header, data and descriptor bytes, and its central-directory fields."""
    out = {}
    data = path.read_bytes()
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            start = info.header_offset
            n, m = int.from_bytes(data[start + 26:start + 28], "little"), int.from_bytes(data[start + 28:start + 30],
                                                                                         "little")
            end = start + 30 + n + m + info.compress_size + (16 if info.flag_bits & 8 else 0)
            fields = tuple(getattr(info, k) for k in ("date_time", "compress_type", "external_attr", "create_system",
                                                      "create_version", "extract_version", "flag_bits", "extra",
                                                      "comment", "internal_attr", "CRC", "compress_size",
                                                      "file_size"))
            out[info.filename] = (data[start:end], fields)
    return out


def test_copied_members_keep_every_byte_and_every_zip_field(plan, tmp_path, cli):
    odd = tmp_path / "odd.xlsx"
    _unusual_zip(plan, odd)
    before = _raw_members(odd)
    assert any(f[6] & 8 for _, f in before.values())  # the fixture does carry data descriptors
    code, out, _ = cli("analysis", odd)
    assert code == 0, out
    after = _raw_members(odd)
    changed = {n for n in before if before[n] != after.get(n)}
    assert changed == {"xl/worksheets/sheet7.xml", "xl/charts/chart1.xml"}  # the analysis sheet and its chart
    assert list(after) == list(before)  # same order
    with zipfile.ZipFile(odd) as zf:
        assert zf.comment == b"archive comment"
        rewritten = zf.getinfo("xl/worksheets/sheet7.xml")  # a rewritten member keeps its time and attributes
        assert (rewritten.date_time, rewritten.external_attr, rewritten.create_system) == \
            ((2024, 5, 17, 13, 37, 42), (0o100640 << 16) | 0x20, 3)
        assert rewritten.comment == before["xl/worksheets/sheet7.xml"][1][8]


def _move_workbook_part(source: Path, target: Path) -> None:
    """The workbook part at xl/main.xml: only the root relationship says where it is."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            name = {"xl/workbook.xml": "xl/main.xml",
                    "xl/_rels/workbook.xml.rels": "xl/_rels/main.xml.rels"}.get(info.filename, info.filename)
            if info.filename in ("_rels/.rels", "[Content_Types].xml"):
                data = data.replace(b"xl/workbook.xml", b"xl/main.xml")
            out.writestr(name, data)


def test_the_workbook_part_is_found_through_the_root_relationship(plan, tmp_path, cli):
    moved = tmp_path / "moved.xlsx"
    _move_workbook_part(plan, moved)
    assert "xl/workbook.xml" not in _names(moved)
    assert Package(moved).workbook == "xl/main.xml"
    assert read_plan(moved).year == 2025
    for args in (["analysis", moved], ["normalise", moved], ["validate", "--mark", moved]):
        assert cli(*args)[0] in (0, 1), args
        assert package_problems(moved) == []
    assert "xl/main.xml" in _names(moved) and "xl/workbook.xml" not in _names(moved)


def test_a_binary_workbook_is_refused_by_the_writer_with_a_sentence(tmp_path):
    xlsb = tmp_path / "plan.xlsb"
    with zipfile.ZipFile(xlsb, "w") as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/content-types"><Override PartName="/xl/workbook.bin" ContentType="application/vnd.'
                    'ms-excel.sheet.binary.macroEnabled.main"/></Types>')
        zf.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>')
        zf.writestr("xl/workbook.bin", b"\x83\x01\x00")
    before = digest(xlsb)
    with pytest.raises(PlanError, match=r"binär arbetsbok \(\.xlsb\)"):
        Package(xlsb)
    assert digest(xlsb) == before


def test_removing_a_part_removes_everything_that_names_it(plan):
    pkg = Package(plan)
    comments = [n for n in pkg.names() if re.match(r"xl/comments\d+\.xml", n)]
    target = "docProps/app.xml"
    pkg.remove(target)
    assert not pkg.exists(target)
    root_rels = pkg.read("_rels/.rels").decode()
    assert "docProps/app.xml" not in root_rels and "/docProps/app.xml" not in pkg.read("[Content_Types].xml").decode()
    pkg.save(plan)
    assert package_problems(plan) == [] and target not in _names(plan) and comments == []
