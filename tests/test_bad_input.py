"""Bad input: one clear sentence naming the file, exit status 2, the file untouched."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from tests.conftest import digest
from xlplan.template import template_path


def _empty(p: Path) -> None:
    p.write_bytes(b"")


def _text(p: Path) -> None:
    p.write_text("Problemområde;Orsak;Åtgärd\nUnga;Skolk;Möten\n", encoding="utf-8")


def _xls(p: Path) -> None:
    import xlwt

    wb = xlwt.Workbook()
    wb.add_sheet("1. Unga i riskzon").write(0, 1, "Orsak")
    buf = io.BytesIO()
    wb.save(buf)
    p.write_bytes(buf.getvalue())


def _truncated(p: Path) -> None:
    p.write_bytes(template_path().read_bytes()[:4000])


def _corrupt_sheet(p: Path) -> None:
    """A valid zip whose first area sheet's XML is cut off mid-element."""
    with zipfile.ZipFile(template_path()) as src, zipfile.ZipFile(p, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet2.xml":
                data = data[: len(data) // 2]
            dst.writestr(item, data)


def _encrypted(p: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    with template_path().open("rb") as fh, p.open("wb") as out:
        OOXMLFile(fh).encrypt("hemligt", out)


def _docx(p: Path) -> None:
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")


def _unrelated(p: Path) -> None:
    wb = xlsxwriter.Workbook(str(p))
    ws = wb.add_worksheet("Budget")
    for r, row in enumerate([("Konto", "Belopp", "Kommentar"), ("4010", 1200, "Papper"), ("4020", 300, "Pennor")]):
        ws.write_row(r, 0, row)
    wb.close()


CASES = {
    "empty.xlsx": (_empty, "är tom"),
    "text.xlsx": (_text, "ingen Excel-arbetsbok"),
    "old.xls": (_xls, "gamla .xls-formatet"),
    "truncated.xlsx": (_truncated, "är skadad"),
    "corrupt-sheet.xlsx": (_corrupt_sheet, "är skadad"),
    "locked.xlsx": (_encrypted, "lösenordsskyddad"),
    "letter.docx": (_docx, "ingen Excel-arbetsbok"),
    "budget.xlsx": (_unrelated, "ingen flik från åtgärdsplanen"),
}


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("command", [("summary",), ("export",), ("summary", "--format", "json"), ("analysis",),
                                     ("normalise",), ("migrate", "--to", str(template_path()))])
def test_bad_file_one_sentence_exit_2_file_untouched(tmp_path, cli, name, command):
    make, expected = CASES[name]
    path = tmp_path / name
    make(path)
    before = digest(path)
    code, out, err = cli(command[0], path, *command[1:])
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert expected in lines[0] and str(path) in lines[0]
    assert digest(path) == before


def test_missing_file_and_folder(tmp_path, cli):
    code, _, err = cli("summary", tmp_path / "finns-inte.xlsx")
    assert code == 2 and "finns inte" in err
    code, _, err = cli("summary", tmp_path)
    assert code == 2 and "är en mapp" in err


def test_messages_in_english_on_request(tmp_path, cli):
    path = tmp_path / "old.xls"
    _xls(path)
    code, _, err = cli("--lang", "en", "summary", path)
    assert code == 2 and "old .xls format" in err and "Save As" in err


def test_real_process_prints_no_traceback(tmp_path):
    path = tmp_path / "locked.xlsx"
    _encrypted(path)
    before = digest(path)
    proc = subprocess.run([sys.executable, "-m", "xlplan", "summary", str(path)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1
    assert "lösenordsskyddad" in proc.stderr
    assert digest(path) == before


def test_new_refuses_to_overwrite_and_leaves_the_file(tmp_path, cli):
    target = tmp_path / "plan.xlsx"
    shutil.copy(template_path(), target)
    before = digest(target)
    code, _, err = cli("new", "-o", target)
    assert code == 2 and "finns redan" in err and "--force" in err
    assert digest(target) == before
