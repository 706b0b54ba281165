"""Swedish timing text (the När column) to a period on the calendar.

People write "2025-04-29", "Löpande under 2025", "Höst/vinter 2025",
"April-maj 2025", "Juni och december", "under T2 (maj-aug)", "2 ggr per år",
"Vid behov" or "ej bestämt". :func:`parse` finds every date-like mention and
returns the smallest period covering them all, plus what kind of timing it is
(ongoing work, recurrence, on demand, undecided), so rules can tell a timing
that is only vague from one that is missing or outside the plan's year.

Conventions (documented, so findings can be explained):
- seasons are the meteorological ones: vår March–May, sommar June–August,
  höst September–November, vinter December–February (vinter YYYY runs from
  December YYYY into the next year);
- vårterminen January–June, höstterminen August–December;
- tertials T1 January–April, T2 May–August, T3 September–December; quarters Q1–Q4;
- a bare year ("Under 2025", "Verksamhetsberättelse 2025") is that whole year;
  "under året", ongoing work and recurrences without a date are the plan's year;
- "innan årsskiftet", "vid årets slut" are a deadline: the period ends on
  31 December of the plan's year and has no start.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "april": 4, "apr": 4, "maj": 5,
    "juni": 6, "jun": 6, "juli": 7, "augusti": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUMBER_WORDS = {"en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8,
                 "nio": 9, "tio": 10, "tolv": 12}
_UNITS = {"år": "year", "året": "year", "verksamhetsår": "year", "månad": "month", "månaden": "month",
          "vecka": "week", "veckan": "week", "termin": "term", "terminen": "term", "kvartal": "quarter",
          "dag": "day", "dagen": "day", "halvår": "half-year"}
_PER_WORD = {"veckovis": "1/week", "varje vecka": "1/week", "månadsvis": "1/month", "varje månad": "1/month",
             "månatligen": "1/month", "kvartalsvis": "1/quarter", "årligen": "1/year", "varje år": "1/year",
             "varje termin": "1/term", "månadsavstämning": "1/month", "veckoavstämning": "1/week"}

_ISO_DATE = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
_PLACEHOLDER_DATE = re.compile(r"\b20\d\d-x{1,2}-x{1,2}\b|\bxx-xx\b")
_DAY_MONTH = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])")
_DAY_MONTHNAME = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})\b(?:\s+(20\d\d))?")
_MONTH_RANGE = re.compile(rf"\b({_MONTH})\s*[-–]\s*({_MONTH})\b(?:\s+(20\d\d))?")
_MONTH_ONE = re.compile(rf"\b({_MONTH})\b(?:\s+(20\d\d))?")
_TERM = re.compile(r"\b(vår|höst)terminen?\b(?:\s+(20\d\d))?|\b(vt|ht)\s?-?(\d\d(?:\d\d)?)\b")
_SEASON = re.compile(r"\b(vår|våren|sommar|sommaren|höst|hösten|vinter|vintern)\b(?:\s+(20\d\d))?")
_TERTIAL = re.compile(r"\b(?:t|tertial\s*)([1-3])\b(?:\s+(20\d\d))?")
_QUARTER = re.compile(r"\b(?:q|kv|kvartal\s*)([1-4])\b(?:\s+(20\d\d))?")
_HALF = re.compile(r"\b(första|andra)\s+halvåret\b(?:\s+(20\d\d))?")
_DEADLINE = re.compile(r"\b(årsskiftet|årets slut|slutet av året|årsslut|året ut)\b")
_YEAR = re.compile(r"(?<![\d-])(20\d\d)(?![\d-])")
_THIS_YEAR = re.compile(r"\b(under|över|hela|i)\s+året\b|\båret runt\b|\bverksamhetsåret\b")
_ONGOING = re.compile(r"löpande|linjearbete|\blinjen\b|pågår|pågående|kontinuerlig|fortlöpande|regelbund|"
                      r"återkommande|ständig|årshjul|stående")
_RECURRENCE = re.compile(
    r"\b(\d+|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|tolv)\s*"
    r"(?:gånger|gång|ggr|gg|g|dagar|dag|tillfällen|tillfälle|möten|möte)\s*"
    r"(?:per|/|i|om|varje)\s*(år|året|verksamhetsår|månad|månaden|vecka|veckan|termin|terminen|kvartal|dag|dagen|halvår)\b"
)
_ON_DEMAND = re.compile(r"vid behov|efter behov|vid efterfrågan|när förfrågan|vid förfrågan|behovsbedömning|"
                        r"när behov|om behov")
_UNDECIDED = re.compile(
    r"ej bestämt|ej bestämd|inte bestämt|inte bestämd|obestämt|oklart|ej satt|inte satt|inget datum|"
    r"ej fastställ|inte fastställ|efterfrågat|\btbd\b|\btba\b|ej klart när|återkommer med datum|datum saknas|"
    r"ej planerat|inte planerat"
)


@dataclass(frozen=True)
class Timing:
    """What a timing text says, as far as the calendar is concerned."""

    text: str
    start: dt.date | None = None
    end: dt.date | None = None
    ongoing: bool = False
    recurrence: str | None = None  # e.g. "2/year", "1/term", "2/week"
    on_demand: bool = False
    undecided: bool = False

    @property
    def placed(self) -> bool:
        """True when the text puts the measure somewhere on the calendar."""
        return self.start is not None or self.end is not None

    @property
    def kind(self) -> str:
        if not self.text.strip():
            return "empty"
        if self.undecided:
            return "undecided"
        if self.placed and not (self.ongoing or self.recurrence):
            return "period"
        if self.recurrence:
            return "recurring"
        if self.ongoing:
            return "ongoing"
        if self.on_demand:
            return "on-demand"
        return "unplaced"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _span(year: int, first_month: int, last_month: int) -> tuple[dt.date, dt.date]:
    """Months first..last of ``year``; a last month before the first runs into the next year."""
    end_year = year + 1 if last_month < first_month else year
    return dt.date(year, first_month, 1), _month_end(end_year, last_month)


_SEASONS = {"vår": (3, 5), "sommar": (6, 8), "höst": (9, 11), "vinter": (12, 2)}


def _season_key(word: str) -> str:
    for key in _SEASONS:
        if word.startswith(key):
            return key
    raise ValueError(word)  # pragma: no cover - the regex only matches the four stems


@lru_cache(maxsize=4096)
def parse(text: str, year: int | None = None) -> Timing:
    """Parse ``text`` (a När cell) against the plan's ``year``; never raises."""
    if not isinstance(text, str) or not text.strip():
        return Timing(text if isinstance(text, str) else "")
    default_year = year or dt.date.today().year
    low = " " + text.casefold().replace("\u00a0", " ") + " "
    periods: list[tuple[dt.date | None, dt.date]] = []

    def take(pattern: re.Pattern, handle) -> None:
        nonlocal low
        def sub(m: re.Match) -> str:
            try:
                result = handle(m)
            except ValueError:  # an impossible date such as 2025-02-30: not a mention
                result = None
            if result is None:
                return m.group(0)
            periods.append(result)
            return " " * len(m.group(0))
        low = pattern.sub(sub, low)

    def yr(s: str | None) -> int:
        return int(s) if s else default_year

    low = _PLACEHOLDER_DATE.sub(" ", low)
    take(_ISO_DATE, lambda m: (dt.date(int(m[1]), int(m[2]), int(m[3])),) * 2)
    take(_DAY_MONTHNAME, lambda m: (dt.date(yr(m[3]), MONTHS[m[2]], int(m[1])),) * 2)
    take(_DAY_MONTH, lambda m: (dt.date(default_year, int(m[2]), int(m[1])),) * 2 if 1 <= int(m[2]) <= 12 else None)
    take(_MONTH_RANGE, lambda m: _span(yr(m[3]), MONTHS[m[1]], MONTHS[m[2]]))
    take(_TERM, lambda m: _term(m, default_year))
    take(_TERTIAL, lambda m: _span(yr(m[2]), 4 * int(m[1]) - 3, 4 * int(m[1])))
    take(_QUARTER, lambda m: _span(yr(m[2]), 3 * int(m[1]) - 2, 3 * int(m[1])))
    take(_HALF, lambda m: _span(yr(m[2]), 1, 6) if m[1] == "första" else _span(yr(m[2]), 7, 12))
    take(_SEASON, lambda m: _span(yr(m[2]), *_SEASONS[_season_key(m[1])]))
    take(_MONTH_ONE, lambda m: _span(yr(m[2]), MONTHS[m[1]], MONTHS[m[1]]))
    take(_DEADLINE, lambda m: (None, dt.date(default_year, 12, 31)))
    take(_YEAR, lambda m: (dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31)))
    if _THIS_YEAR.search(low):
        periods.append((dt.date(default_year, 1, 1), dt.date(default_year, 12, 31)))

    recurrence = None
    m = _RECURRENCE.search(low)
    if m:
        count = int(m[1]) if m[1].isdigit() else _NUMBER_WORDS[m[1]]
        recurrence = f"{count}/{_UNITS[m[2]]}"
    else:
        for phrase, rec in _PER_WORD.items():
            if phrase in low:
                recurrence = rec
                break
    ongoing = bool(_ONGOING.search(low))
    on_demand = bool(_ON_DEMAND.search(low))
    undecided = bool(_UNDECIDED.search(low))

    start = end = None
    if periods:
        starts = [p[0] for p in periods if p[0] is not None]
        start = min(starts) if starts else None
        end = max(p[1] for p in periods)
    elif ongoing or recurrence:  # ongoing work or a recurrence with no date: the plan's year
        start, end = dt.date(default_year, 1, 1), dt.date(default_year, 12, 31)
    return Timing(text, start, end, ongoing, recurrence, on_demand, undecided)


def _term(m: re.Match, default_year: int) -> tuple[dt.date, dt.date]:
    if m[1]:
        kind, year = m[1], int(m[2]) if m[2] else default_year
    else:
        kind = "vår" if m[3] == "vt" else "höst"
        year = int(m[4]) if len(m[4]) == 4 else 2000 + int(m[4])
    return _span(year, 1, 6) if kind == "vår" else _span(year, 8, 12)
