"""Consolidating districts' plans: right counts per district, nothing lost, a report a browser shows."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from tests.fixtures import write_plan
from tests.seeds import skarholmen, sodermalm
from xlplan import consolidate
from xlplan.consolidate import consolidate_plans

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _hand(seed) -> dict:
    """Per-district totals worked out by hand in tests/seeds (counts and missing fields)."""
    totals = {k: sum(c[k] for c in seed.EXPECTED_COUNTS.values()) for k in ("problems", "causes", "measures")}
    for field in ("goal", "owner", "timing"):
        totals[f"missing_{field}"] = sum(1 for m in seed.EXPECTED_MISSING.values() for _, f in m if f == field)
    return totals


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("stad")
    write_plan(d / "sodermalm.xlsx", sodermalm)  # district from its title row
    write_plan(d / "plan-skarholmen-2025.xlsx", skarholmen, with_instruction_sheet=False, with_analysis=False)
    (d / "trasig.xlsx").write_text("inte en arbetsbok")
    return d


def test_per_district_counts_match_the_hand_counts(folder):
    c = consolidate_plans(sorted(folder.iterdir()), {"plan-skarholmen-2025.xlsx": "Skärholmen"})
    got = c.districts.set_index("district").to_dict("index")
    counts = {d: {k: v for k, v in row.items() if not k.startswith("status_")} for d, row in got.items()}
    assert counts == {"Södermalm": _hand(sodermalm), "Skärholmen": _hand(skarholmen)}
    # Where the year stands, from the hand judgments of tests/test_status.py: Skärholmen's 28 year-end texts are
    # 12 done, 14 ongoing, 2 unclear; Södermalm's sheet 1 (March round) 1 done, 8 ongoing, 2 dropped, sheet 2 and
    # 5 (their one round begun on some rows) 2 done, 3 ongoing, 1 dropped, 2 unclear and 10 measures without text.
    status = {d: {k[len("status_"):]: v for k, v in row.items() if k.startswith("status_")} for d, row in got.items()}
    assert status == {
        "Skärholmen": {"done": 12, "ongoing": 14, "not_started": 0, "dropped": 0, "missing": 0, "unknown": 2},
        "Södermalm": {"done": 3, "ongoing": 11, "not_started": 0, "dropped": 3, "missing": 10, "unknown": 2}}
    assert len(c.measures) == _hand(sodermalm)["measures"] + _hand(skarholmen)["measures"]
    assert c.errors and c.errors[0][0].endswith("trasig.xlsx") and "ingen Excel-arbetsbok" in c.errors[0][1]


def test_district_from_title_mapping_or_file_name(folder):
    c = consolidate_plans([folder / "sodermalm.xlsx", folder / "plan-skarholmen-2025.xlsx"])
    assert sorted(c.areas["district"].unique()) == ["Plan Skarholmen", "Södermalm"]


def test_the_measures_table_keeps_every_measure_with_its_place(folder):
    m = consolidate([folder / "sodermalm.xlsx"])
    assert isinstance(m, pd.DataFrame) and list(m.columns[:4]) == ["district", "year", "file", "sheet"]
    assert set(m["district"]) == {"Södermalm"} and set(m["year"]) == {2025}
    row = m[m["measure"].str.startswith("Hundsök")].iloc[0]
    assert (row["sheet"], row["area"], row["owner"]) == ("1. Unga i riskzon", 1, "Skola och polis")
    assert row["followup"].startswith("Genomfördes ett 2025-01-23")  # the newest follow-up
    assert row["status"] == "done"


def test_the_command_writes_every_output_and_reports_the_unreadable_file(folder, tmp_path, cli):
    out = tmp_path / "stad.xlsx"
    code, stdout, stderr = cli("consolidate", folder, "-o", out, "--csv", tmp_path / "a.csv", "--parquet",
                               tmp_path / "a.parquet", "--html", tmp_path / "r.html",
                               "--district", "plan-skarholmen-2025.xlsx=Skärholmen")
    assert code == 2 and "trasig.xlsx" in stderr and "ingen Excel-arbetsbok" in stderr
    assert "Sammanställde 2 planer från 2 stadsdelar: 75 åtgärder" in stdout
    import python_calamine as pc

    book = pc.CalamineWorkbook.from_path(str(out))
    assert book.sheet_names == ["Distrikt", "Områden", "Åtgärder", "Kunde inte läsas"]
    districts = book.get_sheet_by_name("Distrikt").to_python()
    assert districts[0][:4] == ["Stadsdel", "Problem", "Orsaker", "Åtgärder"]  # for people; the CSV keeps identifiers
    with zipfile.ZipFile(out) as zf:
        assert len([n for n in zf.namelist() if n.startswith("xl/charts/chart")]) == 3  # counts, gaps, status
    assert len(pd.read_csv(tmp_path / "a.csv")) == 75 and len(pd.read_parquet(tmp_path / "a.parquet")) == 75
    assert "Åtgärdsplaner – sammanställning" in (tmp_path / "r.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def screenshot(folder, tmp_path_factory):
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is needed on CI (.ci/run installs it)")
        pytest.skip("Chromium not installed")
    from click.testing import CliRunner

    from xlplan.cli import main

    d = tmp_path_factory.mktemp("html")
    html = d / "rapport.html"
    CliRunner().invoke(main, ["consolidate", str(folder / "sodermalm.xlsx"), str(folder / "plan-skarholmen-2025.xlsx"),
                              "-o", str(d / "x.xlsx"), "--html", str(html)])
    png = d / "shot.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={d / 'profile'}", "--window-size=1000,900", f"--screenshot={png}",
                    html.as_uri()], check=True, capture_output=True, timeout=120)
    return html, png


def test_the_html_report_is_self_contained(screenshot):
    html, _ = screenshot
    text = html.read_text(encoding="utf-8")
    assert "<script" not in text and "http://" not in text.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in text and text.count("<svg") == 3


def test_headless_chromium_shows_the_charts(screenshot):
    from PIL import Image

    _, png = screenshot
    image = Image.open(png).convert("RGB")
    colours = image.getcolors(maxcolors=1_000_000)
    share = {rgb: n for n, rgb in colours}
    total = image.width * image.height
    problems_bar = share.get((0x1F, 0x4E, 0x79), 0) / total  # the "Problem" bars
    gap_bar = share.get((0xC0, 0x00, 0x00), 0) / total  # the "Saknar mål" bars (Södermalm has five)
    assert problems_bar > 0.01 and gap_bar > 0.002


def test_a_terminal_gets_a_progress_bar_and_a_pipe_does_not(folder, tmp_path):
    import pty
    import subprocess
    import sys

    files = [str(folder / "sodermalm.xlsx"), str(folder / "plan-skarholmen-2025.xlsx")] * 3
    args = [sys.executable, "-m", "xlplan", "consolidate", *files, "-o", str(tmp_path / "s.xlsx")]
    primary, secondary = pty.openpty()
    proc = subprocess.run(args, stderr=secondary, stdout=subprocess.PIPE, timeout=120)
    os.close(secondary)
    seen = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(primary)
    assert proc.returncode == 0 and "Läser planer".encode() in seen and b"100%" in seen
    piped = subprocess.run(args, capture_output=True, timeout=120)
    assert piped.returncode == 0 and piped.stderr == b""
