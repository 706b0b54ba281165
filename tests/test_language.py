"""One language at a time: every word xlplan itself writes is Swedish, or English with ``--lang en``.

Each command runs on the bundled examples in both languages; its output, the
city workbook's sheet names, headers and chart titles, and the HTML report's
visible text must hold no word typical of the other language. The plans' own
texts (Swedish in both runs) are scrubbed first: quoted cell texts, whole cell
texts, sheet names and cut excerpts ending in "…".
"""

from __future__ import annotations

import html
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from xlplan.consolidate import Consolidation
from xlplan.edits import SetValue, describe
from xlplan.report.city import write_city_workbook
from xlplan.rules.catalog import RULES
from xlplan.template import template_path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PLANS = ("sodermalm-2025.xlsx", "skarholmen-2025.xlsx")

# Words xlplan writes in one language that must never show in a run of the other (whole words, any case).
ENGLISH = ("error", "errors", "warning", "warnings", "count", "change", "changes", "row", "rows", "district",
           "districts", "problems", "causes", "measures", "file", "files", "sheet", "cells", "found", "needed",
           "severity", "expected", "breaking", "compatible", "differences", "consolidated", "normalised", "updated",
           "whitespace", "header", "label", "missing", "plans", "the", "and", "of", "not", "blocker", "would")
SWEDISH = ("fel", "varning", "varningar", "ändring", "ändringar", "rader", "stadsdel", "stadsdelar", "åtgärder",
           "filen", "filer", "skillnad", "skillnader", "brytande", "kompatibel", "förväntat", "bladet", "saknas",
           "planer", "och", "som", "inte", "hittade", "skapade", "sammanställde", "blanksteg", "rubrik", "antal",
           "saknar", "eget", "område", "överfört", "hinder", "inga", "behövs", "redan", "skulle", "flyttade",
           "celler", "ifyllda", "konflikter", "allvarlighetsgrad", "normaliserad", "uppdaterad", "namn")
FOREIGN = {"sv": ENGLISH, "en": SWEDISH}


def _plan_texts() -> list[str]:
    """Every text of the examples and the template (cells and sheet names), raw and on one line, longest first."""
    texts: set[str] = set()
    for path in [*(EXAMPLES / p for p in PLANS), template_path()]:
        for ws in openpyxl.load_workbook(path):
            texts.add(ws.title)
            texts.add(ws.title.rstrip())
            for row in ws.iter_rows(values_only=True):
                for v in row:
                    if isinstance(v, str) and v.strip():
                        texts |= {v, v.strip(), " ".join(v.split())}
    return sorted(texts, key=len, reverse=True)


PLAN_TEXTS = _plan_texts()
PREFIXES = {t[:k] for t in PLAN_TEXTS for k in range(1, len(t) + 1)}
RULE_CODES = re.compile(r"\b(?:" + "|".join(sorted(RULES, key=len, reverse=True)) + r")\b")
QUOTED = re.compile(r"""(?<!\w)'[^'\n]*'(?!\w)|(?<!\w)"[^"\n]*"(?!\w)""")


def _cut_excerpts(line: str) -> str:
    """Remove excerpts of plan texts that end in "…" (the longest stretch before it that starts a plan text)."""
    while "…" in line:
        i = line.index("…")
        start = next((j for j in range(i) if line[j:i] in PREFIXES), i)
        line = line[:start] + " " + line[i + 1:]
    return line


def scrub(text: str, tmp: Path | None = None) -> str:
    """xlplan's own words only: paths, quoted cell texts, plan texts and their excerpts removed."""
    for path in filter(None, (tmp and str(tmp), str(EXAMPLES), str(template_path()))):
        text = text.replace(path, " ")
    # Excerpts first, while they are whole: a quote or a shorter plan text inside one would break its prefix.
    text = "\n".join(_cut_excerpts(line) for line in text.splitlines())
    text = QUOTED.sub(" ", text)
    text = RULE_CODES.sub(" ", text)  # identifiers, as in configuration files
    for t in PLAN_TEXTS:
        if len(t) > 3:
            text = text.replace(t, " ")
    return text


def foreign_words(text: str, lang: str) -> list[str]:
    words = {w.lower() for w in re.findall(r"[^\W\d_]+", text)}
    return sorted(w for w in FOREIGN[lang] if w in words)


def _workbook_words(path: Path) -> str:
    """Sheet names, header rows and chart titles of a workbook xlplan wrote."""
    wb = openpyxl.load_workbook(path)
    parts = [*wb.sheetnames]
    for ws in wb:
        parts += [str(c.value) for c in ws[1] if c.value is not None]
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/charts/chart"):
                parts += re.findall(r"<a:t>([^<]*)</a:t>", zf.read(name).decode("utf-8"))
    return "\n".join(parts)


def _visible_html(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<style>.*?</style>", " ", text, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "\n", text))


def _commands(d: Path) -> list[tuple[str, ...]]:
    soder, skarh, template = d / PLANS[0], d / PLANS[1], template_path()
    shutil.copy(soder, d / "kopia.xlsx")
    commands: list[tuple[str, ...]] = [
        ("new", "-o", d / "ny.xlsx"),
        ("rules",),
        ("analysis", "--check", soder),
        ("analysis", soder, "-o", d / "analys.xlsx"),
        ("analysis", "--check", skarh),  # no analysis tab: the error sentence
        ("normalise", "--check", soder),
        ("normalise", soder, "-o", d / "norm.xlsx"),
        ("merge", soder, d / "kopia.xlsx", "-o", d / "samman.xlsx"),
        ("consolidate", soder, skarh, "-o", d / "stad.xlsx", "--html", d / "stad.html"),
        ("consolidate", soder, "-o", d / "en.xlsx"),
        ("template", "check"),
        ("template", "check", soder),
        ("template", "diff", template, soder),
        ("template", "diff", template, soder, "--format", "markdown"),
        ("template", "diff", template, template),
        ("migrate", "--check", soder, "--to", template),
        ("migrate", "--check", skarh, "--to", template),
        ("export", soder),
    ]
    for plan in (soder, skarh):
        commands += [("summary", plan), ("validate", plan), ("validate", plan, "--format", "github")]
    commands += [("explain", name) for name in RULES]
    return commands


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_command_speaks_one_language(tmp_path, cli, lang):
    for p in PLANS:
        shutil.copy(EXAMPLES / p, tmp_path / p)
    seen = []
    for args in _commands(tmp_path):
        # --lang before the command, and for the template group after it
        where = 1 if args[0] == "template" else 0
        code, out, err = cli(*args[:where], "--lang", lang, *args[where:])
        assert code in (0, 1) or args[:2] == ("analysis", "--check"), (args, out, err)
        if args[0] == "export":
            out = ""  # CSV for Power BI: its column names are identifiers, not words
        if "github" in args:
            out = re.sub(r"^::(error|warning|notice) [^:]*::", "", out, flags=re.M)  # GitHub's own keywords
        bad = foreign_words(scrub(out + "\n" + err, tmp_path), lang)
        seen.append((args, bad))
    bad = [f"{' '.join(str(a).replace(str(tmp_path), '') for a in args)}: {words}" for args, words in seen if words]
    assert not bad, "\n".join(bad)
    book = _workbook_words(tmp_path / "stad.xlsx")
    assert foreign_words(scrub(book), lang) == [], book
    page = _visible_html(tmp_path / "stad.html")
    assert foreign_words(scrub(page), lang) == [], page
    assert f'<html lang="{lang}">' in (tmp_path / "stad.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_lang_option_also_comes_from_the_environment(tmp_path, cli, monkeypatch, lang):
    monkeypatch.setenv("XLPLAN_LANG", lang)
    code, out, _ = cli("rules")
    assert code == 0 and foreign_words(scrub(out), lang) == []
    first = out.splitlines()[0].split()
    assert first[:2] == ["missing-goal", "fel" if lang == "sv" else "error"]


def test_one_plan_from_one_district_is_singular(tmp_path, cli):
    code, out, _ = cli("consolidate", EXAMPLES / PLANS[0], "-o", tmp_path / "a.xlsx")
    assert code == 0 and "Sammanställde 1 plan från 1 stadsdel:" in out
    code, out, _ = cli("--lang", "en", "consolidate", EXAMPLES / PLANS[0], "-o", tmp_path / "b.xlsx")
    assert code == 0 and "Consolidated 1 plan from 1 district:" in out


def test_plural_forms():
    from xlplan.messages import count, plural, severity_word

    assert plural(1, "ändring", "ändringar") == "1 ändring"
    assert plural(0, "ändring", "ändringar") == "0 ändringar"
    assert count(1, "change", "en") == "1 change" and count(2, "change", "en") == "2 changes"
    assert count(1, "district", "sv") == "1 stadsdel" and count(3, "error", "sv") == "3 fel"
    assert severity_word("error", "sv") == "fel" and severity_word("warning", "en") == "warning"


def test_the_unreadable_sheet_of_the_city_workbook_follows_the_language(tmp_path):
    import pandas as pd

    from xlplan.consolidate import AREA_COLUMNS, MEASURE_COLUMNS

    c = Consolidation(pd.DataFrame(columns=MEASURE_COLUMNS), pd.DataFrame(columns=AREA_COLUMNS),
                      [("trasig.xlsx", "…")])
    for lang in ("sv", "en"):
        path = write_city_workbook(c, tmp_path / f"{lang}.xlsx", lang)
        assert foreign_words(_workbook_words(path), lang) == []
    assert openpyxl.load_workbook(tmp_path / "en.xlsx").sheetnames[-1] == "Unreadable files"


LONG = ("Skolan och polisen samverkar kring föräldramöten och skolbesök hela läsåret, så att "
        "vårdnadshavarna  får veta vad som händer i området och vem de kan vända sig till.")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_whitespace_change_far_into_a_long_text_shows_where(lang):
    before, after = LONG, " ".join(LONG.split())
    assert next(i for i, (a, b) in enumerate(zip(before, after)) if a != b) == 100
    line = describe(SetValue("Blad", "B4", after, before, "whitespace"), lang)
    shown_before, shown_after = re.search(r": '(.*)' → '(.*)' \(", line).groups()
    assert shown_before != shown_after  # before the fix both were the same 70 first characters
    assert "··" in shown_before and "··" not in shown_after and "vårdnadshavarna" in shown_after
    assert line.endswith("(blanksteg)" if lang == "sv" else "(whitespace)")


def test_a_changed_line_break_is_visible():
    line = describe(SetValue("Blad", "C2", "Möten\nUtbildning", "Möten \r\nUtbildning", "whitespace"))
    assert "'Möten·␍⏎Utbildning' → 'Möten⏎Utbildning'" in line
