"""The writer at scale (issue 16): what it does, not how fast.

A write is checked against the edits it made by reading back only the parts
it rewrote (no second read of the plan, no recomputed command); a sheet is
parsed without its cells when no cell is edited; sheets are edited one at a
time. These tests hold the behaviour those choices must keep.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import digest
from xlplan import PlanError, read_plan
from xlplan.analysis import analysis_edits
from xlplan.apply import apply_edits
from xlplan.edits import ClearMarks, Mark
from xlplan.normalise import normalise_edits
from xlplan.opc import Package, package_problems

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData[\s>/].*?(?:</(?:\w+:)?sheetData>|/>)", re.S)


@pytest.fixture
def plan(tmp_path) -> Path:
    path = tmp_path / "plan.xlsx"
    shutil.copy(EXAMPLES / "sodermalm-2025.xlsx", path)
    return path


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    """5 sheets of 1,000 measure rows each: every sheet part large enough to be edited as a skeleton."""
    from bench.common import big_seed
    from tests.fixtures import write_plan
    from tests.seeds import sodermalm

    seed = big_seed(5000)
    seed["ANALYSIS_AS_FILED"] = sodermalm.ANALYSIS_AS_FILED
    path = tmp_path_factory.mktemp("big") / "big.xlsx"
    write_plan(path, seed)
    return path


def _sheets(path: Path) -> dict[str, bytes]:
    """Every worksheet part's bytes."""
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")}


def _values(path: Path) -> dict[str, list]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


# --------------------------------------------------------------------------- the check of the edits


def test_a_write_that_drops_an_edited_cell_is_refused_and_the_file_stays(plan, cli, monkeypatch):
    import xlplan.opc.package as package

    before = digest(plan)
    real = package.serialise

    def drop_one_text(root, prefix=package.DEFAULT_DECLARATION):  # a serialiser that loses one written cell
        data = real(root, prefix)
        return re.sub(rb'<c r="[A-Z]+\d+"[^>]*t="inlineStr"[^>]*>.*?</c>', b"", data, count=1, flags=re.S)

    monkeypatch.setattr(package, "serialise", drop_one_text)
    code, _, err = cli("normalise", plan)
    assert code == 2 and "kunde inte kontrolleras" in err
    assert digest(plan) == before and sorted(p.name for p in plan.parent.iterdir()) == ["plan.xlsx"]


def test_apply_edits_checks_the_edits_without_being_asked(plan, monkeypatch):
    from xlplan.sheetxml import SheetEditor

    before = digest(plan)
    real = SheetEditor.set_text
    monkeypatch.setattr(SheetEditor, "set_text", lambda self, ref, text: real(self, ref, text + "!"))
    edits = normalise_edits(read_plan(plan))
    with pytest.raises(PlanError) as caught:
        apply_edits(plan, edits)
    assert caught.value.key == "verify_failed" and "written" in str(caught.value.kwargs.get("reason"))
    assert digest(plan) == before


def test_a_verify_callable_is_still_called_on_the_new_file(plan):
    seen = []
    apply_edits(plan, analysis_edits(read_plan(plan)), verify=lambda tmp: seen.append(zipfile.is_zipfile(tmp)))
    assert seen == [True]


def test_lost_marks_and_notes_are_refused(plan, monkeypatch):
    import xlplan.apply as apply

    before = digest(plan)
    monkeypatch.setattr(apply, "add_notes", lambda pkg, ed, cells, author="xlplan": list(cells))  # says, but does not
    sheet = read_plan(plan).area_sheets[0].name
    with pytest.raises(PlanError) as caught:
        apply_edits(plan, [Mark(sheet, "C5", ("x",))])
    assert caught.value.key == "verify_failed" and digest(plan) == before


def test_the_check_does_not_read_the_plan_again(plan, cli, monkeypatch):
    import xlplan.reader as reader

    real = reader.read_plan
    calls = []

    def once(path, *args, **kwargs):  # the command's own read; a second one would be the old verification
        calls.append(Path(path))
        if len(calls) > 1:
            raise AssertionError(f"read_plan called again on {path}")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(reader, "read_plan", once)
    for args in (("normalise", plan), ("analysis", plan), ("validate", "--mark", plan)):
        calls.clear()
        code, out, err = cli(*args)
        assert code in (0, 1), err
        assert calls == [plan]
    assert package_problems(plan) == []


# --------------------------------------------------------------------------- idempotence, as a test


def test_normalise_twice_changes_nothing_the_second_time(plan, cli):
    assert cli("normalise", plan)[0] == 0
    assert apply_edits(plan, normalise_edits(read_plan(plan)), save=False) == []
    code, out, _ = cli("normalise", "--check", plan)
    assert code == 0, out


def test_analysis_twice_changes_nothing_the_second_time(plan, cli):
    assert cli("analysis", plan)[0] == 0
    assert apply_edits(plan, analysis_edits(read_plan(plan)), save=False) == []


# --------------------------------------------------------------------------- at scale


def test_normalise_at_scale_twice_is_idempotent_and_keeps_the_order(big, tmp_path):
    path = tmp_path / "n.xlsx"
    shutil.copy(big, path)
    edits = normalise_edits(read_plan(path))
    done = apply_edits(path, edits)
    where = {e: i for i, e in enumerate(edits)}
    order = [where[e] for e in done if e in where]
    assert len(order) > 5000 and order == sorted(order)  # reported in the order the edits came, not sheet by sheet
    assert package_problems(path) == []
    assert apply_edits(path, normalise_edits(read_plan(path)), save=False) == []


def test_marking_and_unmarking_many_cells_gives_every_sheet_its_cells_back(big, tmp_path, cli):
    path = tmp_path / "m.xlsx"
    shutil.copy(big, path)
    sheets, values = _sheets(path), _values(path)
    assert cli("validate", "--mark", path)[0] == 1
    assert package_problems(path) == []
    marked = _sheets(path)
    with zipfile.ZipFile(path) as zf:
        notes = [n for n in zf.namelist() if n.startswith("xl/comments")]
        shapes = sum(zf.read(n).count(b"<v:shape ") for n in zf.namelist() if n.endswith(".vml"))
    assert notes and shapes > 1000
    for name, data in sheets.items():  # marks live beside the cells: the cells are copied byte for byte
        assert _SHEET_DATA.search(marked[name]).group() == _SHEET_DATA.search(data).group(), name
    assert apply_edits(path, [ClearMarks()]) == [ClearMarks()]
    assert package_problems(path) == []
    after = _sheets(path)
    for name, data in sheets.items():
        assert _SHEET_DATA.search(after[name]).group() == _SHEET_DATA.search(data).group(), name
        assert b'"xlplan"="xlplan"' not in after[name] and b"legacyDrawing" not in after[name]
    assert _values(path) == values
    with zipfile.ZipFile(path) as zf:
        assert not [n for n in zf.namelist() if n.startswith("xl/comments") or n.endswith(".vml")]


def test_marking_twice_keeps_the_shape_blocks_small(big, tmp_path, cli):
    path = tmp_path / "m.xlsx"
    shutil.copy(big, path)
    blocks = []
    for _ in range(3):
        assert cli("validate", "--mark", path)[0] == 1
        with zipfile.ZipFile(path) as zf:
            blocks.append(sorted(int(b) for n in zf.namelist() if n.endswith(".vml")
                                 for b in re.findall(rb'data="([\d,]+)"', zf.read(n))[0].split(b",")))
    assert blocks[0] == blocks[1] == blocks[2]  # cleared and made again, not piled up


def test_a_skeleton_puts_the_cells_back_as_they_were(big):
    pkg = Package(big)
    part = next(p for p in pkg.sheet_parts().values() if len(pkg.read(p)) > 1 << 16)
    original = pkg.read(part)
    root = pkg.skeleton(part)
    assert pkg.parts[part].raw is not None and len(root.find("{*}sheetData")) == 0
    assert pkg.read(part) == pkg.read(part) and _SHEET_DATA.search(pkg.read(part)).group() == \
        _SHEET_DATA.search(original).group()
    whole = pkg.xml(part)  # cells asked for: parsed into place
    assert pkg.parts[part].raw is None and len(whole.find("{*}sheetData")) > 1000
    fresh = Package(big)
    fresh.xml(part)
    assert pkg.read(part) == fresh.read(part)  # as the whole part parsed at once is written
