"""Every timing phrase of both seed plans, with the period worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fixtures import resolve
from tests.seeds import skarholmen, sodermalm
from xlplan.timing import parse

D = dt.date
Y = (D(2025, 1, 1), D(2025, 12, 31))

# text -> (start, end, kind, extra expectations)
SEED_TIMINGS = {
    "Struktur presenteras och beslutas innan årsskiftet.": (None, D(2025, 12, 31), "period", {}),
    "Löpande under 2025\nUtvecklad struktur presenteras september 2025.": (*Y, "ongoing", {"ongoing": True}),
    "Löpande under 2025": (*Y, "ongoing", {"ongoing": True}),
    "Löpande under 2025\nKartläggning klar vid årsskiftet.": (*Y, "ongoing", {}),
    "Mötesserie med en genomförd analys under T2 (maj-aug).\nTvå gånger under 2025 (vår och höst).": (*Y, "period", {}),
    "Verksamhets-berättelse 2025": (*Y, "period", {}),
    "Uppföljning hösten 2025": (D(2025, 9, 1), D(2025, 11, 30), "period", {}),
    "2025-04-29\nNovember": (D(2025, 4, 29), D(2025, 11, 30), "period", {}),
    "Löpande under 2025\nFörsta tillfället inbokat: 2025-05-07 - hemtjänstlunch": (*Y, "ongoing", {}),
    "Trygghetsdagarna\nSeniordagarna": (None, None, "unplaced", {}),
    "September": (D(2025, 9, 1), D(2025, 9, 30), "period", {}),
    "Juni och december": (D(2025, 6, 1), D(2025, 12, 31), "period", {}),
    "Löpande under 2025\nLöpande under 2025\nLöpande under 2025\nLöpande under 2025": (*Y, "ongoing", {}),
    "Löpande under 2025\nMånadsavstämning under Trygga trappan-forum": (*Y, "recurring", {"recurrence": "1/month"}),
    "2 gånger per månad - löpande. Årshjul finns.": (*Y, "recurring", {"recurrence": "2/month", "ongoing": True}),
    "2 gånger per år, en gång på våren och en gång på hösten, alt vid efterfrågan.":
        (D(2025, 3, 1), D(2025, 11, 30), "recurring", {"recurrence": "2/year", "on_demand": True}),
    "2 gånger per år, en gång på våren och en gång på hösten": (D(2025, 3, 1), D(2025, 11, 30), "recurring", {}),
    "Målsättningen är två dagar per vecka, utförs av områdespolisgrupp. Avser kommunala skolor.":
        (*Y, "recurring", {"recurrence": "2/week"}),
    "Vid behov": (None, None, "on-demand", {"on_demand": True}),
    "Vid behov.": (None, None, "on-demand", {}),
    "2 ggr per år": (*Y, "recurring", {"recurrence": "2/year"}),
    "1 gång/termin": (*Y, "recurring", {"recurrence": "1/term"}),
    "regelbundet": (*Y, "ongoing", {}),
    "Datum ej satt, förslag i höst.": (D(2025, 9, 1), D(2025, 11, 30), "undecided", {"undecided": True}),
    "Thor sammanfattar ett förslag för vidare behandling.": (None, None, "unplaced", {}),
    "Workshop utifrån samma upplägg som med Publica. Detta kommer att hållas i maj":
        (D(2025, 5, 1), D(2025, 5, 31), "period", {}),
    "Under våren 2025": (D(2025, 3, 1), D(2025, 5, 31), "period", {}),
    "Sommar 2025": (D(2025, 6, 1), D(2025, 8, 31), "period", {}),
    "Oklart när detta kommer igång, ligger just nu hos polisen.": (None, None, "undecided", {}),
    "Möten löpande under våren.": (D(2025, 3, 1), D(2025, 5, 31), "ongoing", {}),
    "Under 2025": (*Y, "period", {}),
    "Höst/vinter 2025": (D(2025, 9, 1), D(2026, 2, 28), "period", {}),
    "April-maj 2025": (D(2025, 4, 1), D(2025, 5, 31), "period", {}),
    "Under 2025 när förfrågan kommer och möjlighet finns": (*Y, "period", {"on_demand": True}),
    "Under 2025 så snart access finns och upphandling/ tilldelning av kontrakt är aktullt": (*Y, "period", {}),
    "Pågår i linjearbete under året.": (*Y, "ongoing", {}),
    "Broschyr till våldutsatta färdigställs under våren och börjar användas. Övriga informationmaterial förarbetas "
    "under våren. Insats \"Sluta slå\" förbereds och sker under hösten.": (D(2025, 3, 1), D(2025, 11, 30), "period", {}),
    "Workshopen kommer att erbjudas vid ”En vecka fri från våld”/”Sluta slå-veckan”": (None, None, "unplaced", {}),
    "Informationsträffar över året utifrån behovsbedömning och möjlighet. Information sprids till alla nya kunder "
    "samt kvartalsvis.": (*Y, "recurring", {"recurrence": "1/quarter"}),
    "Återkommande under året, och när evenemang riktade till äldremålgruppen arrangeras. Artikel i Mitt-i planeras "
    "våren 2025.": (*Y, "ongoing", {}),
    "ej bestämt": (None, None, "undecided", {}),
    "2025-03-26": (D(2025, 3, 26), D(2025, 3, 26), "period", {}),
    "2025-01-24": (D(2025, 1, 24), D(2025, 1, 24), "period", {}),
    "2025-05-22": (D(2025, 5, 22), D(2025, 5, 22), "period", {}),
    "datum efterfrågat": (None, None, "undecided", {}),
    "Genomfördes hösten 2024, plan att genomföra igen hösten 2025": (D(2024, 9, 1), D(2025, 11, 30), "period", {}),
    "Arbetsgruppen träffas 2 ggr/verksamhetsår (2025-04-11+2025-xx-xx)":
        (D(2025, 4, 11), D(2025, 4, 11), "recurring", {"recurrence": "2/year"}),
}


def test_the_table_lists_every_timing_in_both_seeds():
    found = {t for m in (skarholmen, sodermalm) for sh in m.SHEETS for t in resolve(sh["rows"], "timing") if t}
    assert found == set(SEED_TIMINGS)


@pytest.mark.parametrize("text", sorted(SEED_TIMINGS))
def test_seed_timing(text):
    start, end, kind, extra = SEED_TIMINGS[text]
    got = parse(text, 2025)
    assert (got.start, got.end, got.kind) == (start, end, kind)
    for attr, value in extra.items():
        assert getattr(got, attr) == value, attr


@pytest.mark.parametrize("text,start,end", [
    ("T1", D(2025, 1, 1), D(2025, 4, 30)),
    ("T3 2026", D(2026, 9, 1), D(2026, 12, 31)),
    ("Q2", D(2025, 4, 1), D(2025, 6, 30)),
    ("Vårterminen 2026", D(2026, 1, 1), D(2026, 6, 30)),
    ("HT25", D(2025, 8, 1), D(2025, 12, 31)),
    ("Första halvåret", D(2025, 1, 1), D(2025, 6, 30)),
    ("Vinter", D(2025, 12, 1), D(2026, 2, 28)),
    ("22/4", D(2025, 4, 22), D(2025, 4, 22)),
    ("5 november 2025", D(2025, 11, 5), D(2025, 11, 5)),
    ("Oktober-december", D(2025, 10, 1), D(2025, 12, 31)),
])
def test_other_forms(text, start, end):
    got = parse(text, 2025)
    assert (got.start, got.end) == (start, end)


def test_impossible_dates_are_not_mentions_and_empty_is_empty():
    assert not parse("2025-02-30", 2025).placed
    assert parse("", 2025).kind == "empty" and parse("  \n", 2025).kind == "empty"


@settings(max_examples=400, deadline=None)
@given(st.text(), st.one_of(st.none(), st.integers(2000, 2099)))
def test_never_raises_on_arbitrary_text(text, year):
    got = parse(text, year)
    assert got.kind in {"empty", "undecided", "period", "recurring", "ongoing", "on-demand", "unplaced"}
    if got.start and got.end:
        assert got.start <= got.end


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["T2", "maj", "2025-03-01", "hösten", "Löpande", "ej bestämt", "vid behov", " och ",
                                 "2 ggr per år", "xx", "/", "-", "2024", "vinter", "12/13", "31 februari"]),
                max_size=8))
def test_never_raises_on_timing_like_fragments(parts):
    got = parse("".join(parts), 2025)
    if got.start and got.end:
        assert got.start <= got.end
