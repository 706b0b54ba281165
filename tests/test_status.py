"""Measure status from follow-up texts: every text of the two real plans, judged by hand.

The expected status of each text was written by reading it as a district
coordinator would, before looking at what the classifier says; a text that
reports findings but not where the measure stands is ``unknown`` (the
``followup-without-status`` rule then asks its author to say).
"""

from __future__ import annotations

import pytest

from tests.seeds import skarholmen, sodermalm
from xlplan.status import classify

# Text (or its opening, unique among the texts) -> status, in the order the texts appear.
HAND = {
    # Södermalm, rounds 2025-01-15 and 2025-03-19
    "Pågående och struktur finns.": "ongoing",
    "Fyra extrainsatta ungdomsinsatser": "ongoing",  # "kommer medverka": under way
    "Robin och Peter ansvarar. Sätter datum och återkommer.": "ongoing",
    "Datum satt till 22/4": "ongoing",  # booked, not yet held
    "Pågående och stuktur finns.": "ongoing",
    "Skickas till Ann.harmon": "ongoing",  # "Peter sammanställer lista"
    "Inget datum satt, siktar på att öka antalet.": "not-started",
    "Genomfördes ett 2025-01-23.": "done",
    "Kristina tar med det till rektorsmöte och lyfter. Datum ej satt.": "not-started",
    "Socialtjänst är på gång. Datum ej satt.": "ongoing",  # "på gång" outweighs the missing date
    "tas bort": "dropped",
    "Tas bort. Pågår löpande, SDF hanterar den själva.": "dropped",  # out of the plan, on in the line
    "Presenterat på rektorsmöte, spridd metod.": "dropped",  # "Vi tar bort den från åtgärdsplanen"
    "Socialtjäsnten återkommer till polisen.": "ongoing",
    "Socialtjänsten återkommer till polisen. Bjuder in vid behov.": "ongoing",
    "Thos sammanställer en plan": "ongoing",
    "Denna workshop kommer att äga rum under våren 2025": "ongoing",  # planned
    "En inbokad runt Bjälbogatan, mitten av mars.": "ongoing",
    "TK var initiativtagare, blev dock inget under 2025": "dropped",
    "Aktiveringen sker i linjen": "ongoing",
    "Robin har haft kontakt med verksamhet kring vilka rutiner som finns idag. Vuxen": "unknown",
    "Robin har haft kontakt med verksamhet kring vilka rutiner som finns idag. Barn": "unknown",
    "Möte med VBE samordnare genomfördes.": "done",
    "Genomfört, två handläggare": "done",
    # Skärholmen, year-end follow-up
    "Organisatoriska förutsättningar för BOB-struktur": "done",  # decided in the steering group
    "Utveckling av samverkansforum": "ongoing",  # "har pågått under året"
    "En positiv utveckling har skett i SSPF:s": "ongoing",  # partly not done, continues 2026
    "Årshjul/gemensam planering": "ongoing",  # recurring, more planned
    "Det våldsförebyggande arbetet fortgår": "ongoing",
    "En arbetsgrupp med fokus på olovlig dumpning": "done",  # campaign carried out
    "Under året har arbetet med Trygga trappan": "ongoing",  # goal reached, work goes on "löpande"
    "Sommartorg i Sätra och Bredäng": "ongoing",  # "Arbetet fortlöper under kommande år"
    "Under året har aktörer i området löpande": "ongoing",
    "Under året har rutin för arbetet kring olovliga bosättningar": "done",
    "Under året har arbetssätt för gemensam identifiering": "ongoing",  # continues 2026
    "Under våren genomfördes trygghetsvandringar": "done",
    "Arbete med att förankra stadens modell": "ongoing",
    "Strukturen för samverkan är tydligjord": "ongoing",
    "Under året har arbete med att identifiera betydande riskområden": "ongoing",
    "Arbete behöver göras med mer detaljerad statistikföring": "ongoing",
    "Informationstillfällen genomförda": "done",
    "Mindre informationstillfälle och bedrägerbrotts-quiz": "done",
    "Sms och film framtaget": "done",
    "Informationsmaterialet": "ongoing",  # "delas ut kontinuerligt"
    "Casebaserad workshop genomförd": "done",
    "Material på lättläst": "done",
    "Ny rutin": "done",
    "Sommarfrid genomfördes inte. Julfrid genomfördes": "ongoing",  # partly carried out
    "Islandsmodellen är ett implementerat arbetssätt": "done",
    "Lokal rutin för samhandläggning inom Bryt upp": "done",
    "Samverkan mellan Polisen och stadsdelsförvaltningen har i olika avseenden": "unknown",
    "Arbetsgruppen har identifierat": "unknown",
}


def _seed_texts() -> list[str]:
    """Every distinct follow-up text of both real plans, in order (SAME and blanks left out)."""
    texts: dict[str, None] = {}
    for seed in (sodermalm, skarholmen):
        for sheet in seed.SHEETS:
            for row in sheet["rows"]:
                texts.update(dict.fromkeys(t for t in row.get("followups", []) if isinstance(t, str) and t.strip()))
    return list(texts)


def _expected(text: str) -> str:
    keys = [k for k in HAND if text.startswith(k)]
    assert len(keys) == 1, f"no single hand judgment for {text[:60]!r}: {keys}"
    return HAND[keys[0]]


def test_every_real_follow_up_text_has_a_hand_judgment():
    texts = _seed_texts()
    assert len(texts) == len(HAND) == 52
    assert {k for t in texts for k in HAND if t.startswith(k)} == set(HAND)


@pytest.mark.parametrize("text", _seed_texts(), ids=lambda t: t[:30])
def test_classify_agrees_with_the_hand_judgment(text):
    assert classify(text) == _expected(text)


@pytest.mark.parametrize(("text", "status"), [
    ("Genomförd", "done"), ("Klar.", "done"), ("Klart", "done"), ("Avslutad 2025-05-01", "done"),
    ("Slutförd", "done"), ("Levererat till styrgruppen", "done"), ("Åtgärden genomfördes i maj", "done"),
    ("Har genomförts", "done"), ("GENOMFÖRT", "done"),
    ("Pågår", "ongoing"), ("pågående", "ongoing"), ("Fortgår enligt plan", "ongoing"),
    ("Arbetet fortsätter", "ongoing"), ("Löpande", "ongoing"), ("Ligger i linjen", "ongoing"),
    ("Påbörjad", "ongoing"), ("Har påbörjats", "ongoing"),
    ("Ej påbörjad", "not-started"), ("Inte påbörjad", "not-started"), ("Inget datum satt", "not-started"),
    ("Ej genomförd", "not-started"), ("Inte genomförd", "not-started"), ("Har inte genomförts", "not-started"),
    ("Genomfördes inte", "not-started"), ("Ej startat", "not-started"), ("Datum ej satt", "not-started"),
    ("Har ännu inte påbörjats", "not-started"),
    ("Inte klar", "ongoing"), ("Ej klar än", "ongoing"), ("Inte avslutad", "ongoing"),  # started, not finished
    ("Stryks", "dropped"), ("Struken", "dropped"), ("Utgår", "dropped"), ("Blev inget", "dropped"),
    ("Avbruten", "dropped"), ("Läggs ned", "dropped"), ("Punkten tas bort", "dropped"),
    ("Genomfört. Inte klart med nästa steg", "ongoing"),  # negation stays in its own clause
    ("Mötet hölls inte, men arbetet pågår", "ongoing"),
    ("Pa\u030agår", "ongoing"),  # NFD å
    ("Robin har haft kontakt", "unknown"), ("", "missing"), ("   \n", "missing"),
])
def test_word_forms_and_negation(text, status):
    assert classify(text) == status


# --------------------------------------------------------------------------- per measure, and the two rules

import copy  # noqa: E402
from pathlib import Path  # noqa: E402

from tests.fixtures import CUSTOM_AREA, write_plan  # noqa: E402
from xlplan import read_plan  # noqa: E402
from xlplan.rules import check  # noqa: E402
from xlplan.status import measure_status  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _area(rows_followups: list[list[str]], headers: list[str]) -> dict:
    """The custom area 6 with its two measures' follow-ups replaced (third row: a cause without a measure)."""
    area = copy.deepcopy(CUSTOM_AREA)
    area["followup_headers"] = headers
    for row, fus in zip(area["rows"], rows_followups):
        row["followups"] = fus
    return area


def _plan(tmp_path, rows_followups, headers):
    area = _area(rows_followups, headers)
    return read_plan(write_plan(tmp_path / "p.xlsx", {"SHEETS": [area], "DISTRICT": "Test", "YEAR": 2025}))


def test_the_latest_started_round_decides_and_an_empty_new_round_is_not_started(tmp_path):
    plan = _plan(tmp_path, [["Pågår", "Genomförd", ""], ["Ej påbörjad", "", ""], ["", "", ""]],
                 ["Uppföljning", "Uppföljning 2025-06-01", "Uppföljning 2025-09-01"])
    data = plan.table["kind"] == "data"
    assert list(measure_status(plan)[data]) == ["done", "missing", ""]
    found = [(f.rule, f.cell, f.field) for f in check(plan) if "followup" in f.rule]
    assert found == [("missing-followup", "H4", "Uppföljning 2025-06-01")]  # the empty cell of the begun round


def test_no_round_started_means_no_status_and_no_warning(tmp_path):
    plan = _plan(tmp_path, [[""], [""], [""]], ["Uppföljning"])
    assert set(measure_status(plan)) == {""}
    assert [f for f in check(plan) if "followup" in f.rule] == []


def test_a_text_without_status_is_info_at_its_cell(tmp_path):
    plan = _plan(tmp_path, [["Robin har haft kontakt med skolan"], ["Klart"], [""]], ["Uppföljning"])
    found = [(f.rule, f.severity, f.cell) for f in check(plan) if "followup" in f.rule]
    assert found == [("followup-without-status", "info", "G3")]


def _text(value) -> bool:
    """A transcribed cell with text of its own (not SAME, not blank)."""
    return isinstance(value, str) and bool(value.strip())


def test_sodermalm_missing_followups_are_the_measures_without_text_on_begun_sheets():
    plan = read_plan(EXAMPLES / "sodermalm-2025.xlsx")
    findings = check(plan)
    got = sorted((f.sheet[:2], f.cell) for f in findings if f.rule == "missing-followup")
    want = []  # from the transcription: measure rows whose sheet's only round has text on some rows but not theirs
    for n, sheet in enumerate(sodermalm.SHEETS, start=1):
        rows = [r for r in sheet["rows"] if r.get("kind", "measure") == "measure"]
        last = [r.get("followups", [""])[-1] for r in rows]
        if n > 1 and any(_text(t) for t in last):
            want += [(f"{n}.", f"G{3 + i}") for i, (r, t) in enumerate(zip(rows, last))
                     if _text(r.get("measure")) and not _text(t)]
    assert got == sorted(want) and len(got) == 10
    unclear = [(f.sheet[:2], f.cell) for f in findings if f.rule == "followup-without-status"]
    assert unclear == [("5.", "G3"), ("5.", "G4")]  # the two "Robin har haft kontakt ..." texts


def test_personal_data_is_checked_in_follow_up_texts():
    plan = read_plan(EXAMPLES / "sodermalm-2025.xlsx")
    mails = [(f.cell[0], f.field) for f in check(plan) if f.rule == "personal-data"]
    assert ("H", "Uppföljning 2025-01-15") in mails  # "Skickas till Ann.harmon@edu.stockholm.se ..."
