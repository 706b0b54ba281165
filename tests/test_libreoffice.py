"""LibreOffice, an independent spreadsheet application, opens and renders what xlplan writes.

The files are converted to PDF with LibreOffice headless (Debian
libreoffice-calc, installed by .ci/run) and read back with pdftotext. Off CI
the tests are skipped when LibreOffice is not installed; on CI they must run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.rich import write_rich_plan
from xlplan import read_plan

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")

if not (SOFFICE and PDFTOTEXT):
    if os.environ.get("CI"):
        raise RuntimeError("LibreOffice and pdftotext are required on CI (.ci/run installs them)")
    pytest.skip("LibreOffice (soffice) or pdftotext not installed; .ci/run installs them", allow_module_level=True)


def render(files: list[Path], outdir: Path) -> dict[str, str]:
    """Convert all files in one LibreOffice run; return each PDF's text."""
    from tests.writers import render_texts

    return render_texts(files, outdir)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    from click.testing import CliRunner

    from xlplan.cli import main

    d = tmp_path_factory.mktemp("lo")
    run = lambda *a: CliRunner().invoke(main, [str(x) for x in a], catch_exceptions=False).exit_code  # noqa: E731
    rich_before = write_rich_plan(d / "rich-before.xlsx")
    rich_after = d / "rich-after.xlsx"
    shutil.copy(rich_before, rich_after)
    assert run("analysis", rich_after) == 0
    assert run("normalise", rich_after) == 0
    assert run("validate", rich_after, "--mark") == 1
    soder = d / "sodermalm-analysis.xlsx"
    shutil.copy(EXAMPLES / "sodermalm-2025.xlsx", soder)
    assert run("analysis", soder) == 0
    marked = d / "sodermalm-marked.xlsx"
    shutil.copy(EXAMPLES / "sodermalm-2025.xlsx", marked)
    assert run("validate", marked, "--mark") == 1
    import copy

    from tests.fixtures import write_plan
    from tests.seeds import skarholmen

    blank = copy.deepcopy(skarholmen.SHEETS)
    for sheet in blank:
        for row in sheet["rows"]:
            if row.get("kind") != "note":
                row["followups"] = ["" if isinstance(f, str) else f for f in row["followups"]]
    master = write_plan(d / "master.xlsx", {"SHEETS": blank, "DISTRICT": "Skärholmen", "YEAR": 2025})
    party = write_plan(d / "party.xlsx", {"SHEETS": copy.deepcopy(skarholmen.SHEETS), "DISTRICT": "Skärholmen",
                                         "YEAR": 2025})
    merged = d / "merged.xlsx"
    assert run("merge", master, party, EXAMPLES / "skarholmen-2025.xlsx", "-o", merged) == 0
    migrated = d / "migrated.xlsx"
    shutil.copy(EXAMPLES / "sodermalm-2025.xlsx", migrated)
    from xlplan.build import build_template

    revised = build_template(d / "mall-2026.xlsx", followups=("Uppföljning", "Uppföljning 2026-06-30"))
    assert run("migrate", migrated, "--to", revised) == 0
    city = d / "city.xlsx"
    assert run("consolidate", EXAMPLES / "sodermalm-2025.xlsx", EXAMPLES / "skarholmen-2025.xlsx", "-o", city) == 0
    texts = render([rich_before, rich_after, soder, marked, merged, migrated, city], d / "pdf")
    return texts, {"rich": rich_after, "soder": soder}


def test_the_refreshed_analysis_tab_shows_the_new_counts(rendered):
    texts, files = rendered
    text = texts["sodermalm-analysis.xlsx"].split("Sammanställning över prioriterade områden", 1)[1]
    rows = [tuple(int(n) for n in m) for m in re.findall(r"^\S.*?\s(\d+)\s+(\d+)\s+(\d+)\s*$", text, re.M)][:6]
    counts = read_plan(files["soder"]).counts()
    assert rows[:5] == [(c.problems, c.causes, c.measures) for c in counts.itertuples()]
    assert rows[:2] == [(2, 13, 11), (1, 2, 9)]  # the filed tab said 12 problems for area 1


def test_the_rich_plan_renders_after_every_command(rendered):
    texts, files = rendered
    before, after = texts["rich-before.xlsx"], texts["rich-after.xlsx"]
    assert "Operativt mål" in before and "Operativt mål" not in after  # the header normalise restored
    assert "Föräldramöten" in after and "Sammanställning över prioriterade områden" in after
    # the text box and the form-control checkbox openpyxl would drop are still drawn
    for kept in ("Kontakta trygghetssamordnaren", "Planen är beslutad"):
        assert kept in before and kept in after
    assert len(after) > 0.8 * len(before)
    ids = [i for i in read_plan(files["rich"]).table["id"] if i]
    assert len(ids) == 5 + 3 + 2 + 2 + 2 and not any(i in after for i in ids)  # the identity column does not print


def test_a_marked_plan_renders(rendered):
    texts, _ = rendered
    assert "Trygghetsvandring" in texts["sodermalm-marked.xlsx"] and "Kristoffer" in texts["sodermalm-marked.xlsx"]


def test_a_merged_plan_and_the_city_workbook_render(rendered):
    texts, _ = rendered
    assert "Organisatoriska" in texts["merged.xlsx"]  # a follow-up text merged in from the party's copy
    assert "Södermalm" in texts["city.xlsx"] and "Skarholmen" in texts["city.xlsx"]  # district names


def test_a_migrated_plan_renders_with_its_new_column(rendered):
    texts, _ = rendered
    assert "Uppföljning 2026-06-30" in texts["migrated.xlsx"] and "Trygghetsvandring" in texts["migrated.xlsx"]
