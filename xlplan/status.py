"""Where each measure stands, read from its follow-up text.

Coordinators write follow-ups in free Swedish ("Pågående och struktur finns.",
"Genomfördes 2025-01-23", "Denna punkt stryks", "Inget datum satt"); the city
wants counts of done, ongoing, not started and dropped measures. The texts are
read with word lists, not a model: every decision can be explained and tested
against the real plans (tests/test_status.py).

How mixed texts are read (a year-end text often reports several things):

* any sign that the measure is dropped wins ("Tas bort. Pågår löpande ..." is
  dropped from the plan even if the work goes on in the line);
* else any sign of work going on or planned wins: the measure is not finished;
* else done and not done together ("Sommarfrid genomfördes inte. Julfrid
  genomfördes") is a partly carried out measure: ongoing;
* else done, else not started, else ``unknown`` (text that says none of these).

Negation: "ej/inte/icke/aldrig/inget/ingen" in the two words before a status
word, or "inte/ej" right after it, within the same clause, turns it around. A negated *finished* word
("inte klar", "ej färdig", "inte avslutad") means started but not finished:
ongoing. A negated *carried out* or *started* word ("ej genomförd", "inte
genomförts", "ej påbörjad", "inget datum satt") means not started. A negated
dropped word ("stryks inte") says nothing.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from .reader import Plan

STATUSES = ("done", "ongoing", "not-started", "dropped", "missing", "unknown")
"""Every value :func:`classify` and :func:`measure_status` give, in the order reports list them."""

_NEGATIONS = {"ej", "inte", "icke", "aldrig", "inget", "ingen"}

# Words for a finished measure; negated they mean "not finished yet" (ongoing).
_FINISHED = r"klar[ta]?|färdig[ta]?|färdigställ\w*|avslutad|avslutat|avslutade[s]?|avslutats|" \
            r"slutför[dt]|slutförda|slutfördes|slutförts|levererad|levererat|levererades|levererats"
# Words for a measure carried out; negated they mean "not carried out" (not started).
_CARRIED_OUT = r"genomför[dt]|genomförda|genomfördes|genomförts|utför[dt]|utförda|utfördes|utförts|" \
               r"implementera[dt]|implementerades|implementerats|framtag(?:en|et|na)|tagits fram|togs fram|" \
               r"tagit fram|upprätta[dt]|upprättades|upprättats|etablera[dt]|etablerades|etablerats|" \
               r"beslutats|beslutades|uppnåtts|uppnådd|uppnått|infört|införd|infördes|införts|hölls|ägde rum"
# Words for work going on or planned; negated they mean "not started". Booked, ordered, the future ("kommer
# att äga rum") and the present ("genomförs", "sker", "sammanställer") all say the measure is under way.
_GOING = r"pågår|pågående|pågått|pågick|fortgår|fortgick|fortlöper|fortsätter|fortsatt|fortsatta|" \
         r"fortsättningsvis|löpande|kontinuerlig[ta]?|i linjen|påbörja[dt]|påbörjades|påbörjats|" \
         r"starta[dt]|startade|startats|på gång|planeras|planerad|planerat|inbokad|inbokat|bokad|bokat|" \
         r"bokats|beställ[dt]|beställdes|beställts|datum satt|kommer|återkommer|sammanställer|" \
         r"genomför|genomförs|sker"
# Words for a measure taken out of the plan.
_DROPPED = r"stryks|struken|struket|strukits|strukit|strök|utgår|utgått|blev (?:dock |tyvärr |ändå )?" \
           r"(?:inget|ingenting|inte av|aldrig av)|avbruten|avbrutet|avbröts|avbrutits|" \
           r"(?:läggs|lagts|lades) (?:ned|ner)|nedlagd|tas bort|tagits bort|togs bort|" \
           r"tar bort (?:den|det|punkten|åtgärden)|prioriter(?:as|ats|ades) bort|" \
           r"ställs in|ställdes in|inställd"
# Phrases that say "not yet" outright, with the negation inside the phrase.
_NOT_YET = r"datum (?:ej|inte) (?:satt|bestämt)|ej satt datum|inte satt datum|" \
           r"(?:har|är) (?:ej|inte) (?:börjat|startat)"

_KINDS = (("finished", _FINISHED), ("carried", _CARRIED_OUT), ("going", _GOING), ("dropped", _DROPPED),
          ("notyet", _NOT_YET))
_PATTERN = re.compile("|".join(f"(?P<{k}>\\b(?:{p})\\b)" for k, p in _KINDS))
_WORD = re.compile(r"\w+")
_CLAUSE_END = re.compile(r"[.,;:!?]")  # a negation never reaches into the next sentence or clause


def _normal(text: str) -> str:
    """Lower case, NFC (an NFD "å" is "å") and every kind of space one space: the word lists see one form."""
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


def _negated(text: str, start: int, end: int) -> bool:
    """Whether a status word is turned around by a negation just before ("inte genomförts") or after it."""
    before = _WORD.findall(_CLAUSE_END.split(text[:start])[-1])[-2:]
    after = _WORD.findall(_CLAUSE_END.split(text[end:])[0])[:1]
    return any(w in _NEGATIONS for w in before) or any(w in ("inte", "ej") for w in after)


def _signals(text: str) -> set[str]:
    """The statuses a normalised text gives signs of, each status word read with its negation."""
    found: set[str] = set()
    for m in _PATTERN.finditer(text):
        kind = m.lastgroup
        negated = kind != "notyet" and _negated(text, m.start(), m.end())
        if kind == "dropped":
            found |= set() if negated else {"dropped"}
        elif kind == "notyet":
            found.add("not-started")
        elif kind == "finished":
            found.add("ongoing" if negated else "done")
        elif kind == "carried":
            found.add("not-started" if negated else "done")
        else:
            found.add("not-started" if negated else "ongoing")
    return found


@lru_cache(maxsize=65536)
def classify(text: str) -> str:
    """The status a follow-up text states: done, ongoing, not-started, dropped or unknown.

    A blank text is ``missing``: nothing has been written, which is a different
    thing from a text that says no status (``unknown``). Cached: a plan repeats
    its follow-up texts, and every door asks about the same ones.
    """
    text = _normal(text or "")
    if not text:
        return "missing"
    found = _signals(text)
    for status in ("dropped", "ongoing"):
        if status in found:
            return status
    if {"done", "not-started"} <= found:
        return "ongoing"  # partly carried out: not finished
    return next((s for s in ("done", "not-started") if s in found), "unknown")


def latest_rounds(plan: Plan) -> dict[str, str]:
    """Each area sheet's latest follow-up round that has started (any row has text in it), by sheet name.

    A round that nobody has written in yet has not started: an empty
    "Uppföljning 2025-06-15" added for the next meeting must not turn every
    measure "missing". A sheet with no started round is left out.
    """
    cols = plan.columns
    kinds, sheets = cols["kind"], cols["sheet"]
    started: dict[str, set[str]] = {}
    for header in dict.fromkeys(h for info in plan.area_sheets for h in info.followups if h in cols):
        texts = cols[header]
        started[header] = {sheets[i] for i in range(len(texts))
                           if texts[i] and kinds[i] == "data" and texts[i].strip()}
    out = {}
    for info in plan.area_sheets:
        begun = [h for h in info.followups if info.name in started.get(h, ())]
        if begun:
            out[info.name] = begun[-1]
    return out


def row_statuses(plan: Plan) -> list[str]:
    """Status per row of the plan: the latest started round's text classified.

    Data rows with a measure get a status (``missing`` when the measure has no
    text in its sheet's latest started round); a measure merged over several
    rows is one measure, so a text on any of its rows counts for all of them.
    Other rows, and measures on a sheet where no round has started, get "".
    Plain lists, no DataFrame: a consolidation reads hundreds of small plans.
    """
    cols = plan.columns
    kinds, sheets, measures, sources = cols["kind"], cols["sheet"], cols["measure"], cols["src_measure"]
    out = [""] * len(kinds)
    rounds = latest_rounds(plan)
    if not rounds:
        return out
    texts: dict[tuple[str, str], dict[str, None]] = {}  # a merged measure's texts in the round, once, in row order
    members = []
    for i, sheet in enumerate(sheets):
        header = rounds.get(sheet)
        if header is None or kinds[i] != "data" or not measures[i].strip():
            continue
        seen = texts.setdefault((sheet, sources[i]), {})
        text = cols[header][i]
        if text.strip():
            seen[text] = None
        members.append(i)
    status = {key: classify("\n".join(seen)) for key, seen in texts.items()}
    for i in members:
        out[i] = status[(sheets[i], sources[i])]
    return out


def measure_status(plan: Plan) -> pd.Series:
    """:func:`row_statuses` as a Series over ``plan.table`` (named ``status``)."""
    import pandas as pd

    return pd.Series(row_statuses(plan), index=plan.table.index, dtype=object, name="status")


def status_counts(plan: Plan) -> dict[str, dict[str, int]]:
    """Per area sheet, how many measures stand where (a merged measure counted once); every status present.

    A sheet where no follow-up round has started has all zeros: ask
    :func:`latest_rounds` to tell "nothing followed up yet" from "all missing"."""
    cols = plan.columns
    statuses = cols["status"] if "status" in cols else row_statuses(plan)
    seen: set[tuple[str, str]] = set()
    out = {info.name: dict.fromkeys(STATUSES, 0) for info in plan.area_sheets}
    for sheet, src, status in zip(cols["sheet"], cols["src_measure"], statuses):
        if status and (sheet, src) not in seen and sheet in out:
            seen.add((sheet, src))
            out[sheet][status] += 1
    return out
