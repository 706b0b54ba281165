"""Text judgements behind the softer rules: vague goals, named owners, personal data.

They are heuristics tuned on real plans, so the rules using them default to
info or warning and every one can be switched off in configuration.
"""

from __future__ import annotations

import re

from ..timing import parse as parse_timing

VAGUE_VERBS = re.compile(
    r"\b(verka för|värna om|värna|arbeta för|sträva efter|sträva mot|bidra till|främja|eftersträva|"
    r"verka för att|ha en god|på sikt)\b", re.IGNORECASE)

_MEASURABLE = re.compile(
    r"\d|%|\bprocent|\bandel|\bantal|\bhälften|\bdubbl|\b(två|tre|fyra|fem|sex|sju|åtta|nio|tio|tolv|tjugo)\b|"
    r"\b(alla|samtliga|varje)\b|\bminst\b|\bfler\b|\bfärre\b|"
    r"\b(genomförd|genomfört|genomförda|genomförts|framtagen|framtaget|framtagna|tagits fram|reviderad|reviderat|"
    r"testad|testat|tydliggjord|tydliggjort|utforskad|utforskat|beslutad|beslutat|beslutas|upprättad|upprättat|"
    r"klar|klart|implementerad|implementerat|fastställd|fastställt|spridd|spritt|presenterad|presenteras|"
    r"färdigställd|färdigställs|påbörjad|startad|inrättad|inrättat|utbildade|utbildad|erbjuds|erbjudits)\b",
    re.IGNORECASE)


def is_vague_goal(text: str) -> bool:
    """No measurable element (number, share, date, concrete result), or vague verbs (Brå's SMART advice)."""
    if not text.strip():
        return False
    if VAGUE_VERBS.search(text):
        return True
    if _MEASURABLE.search(text):
        return False
    return not parse_timing(text).placed


_ORG_STEMS = (
    "polis", "sdf", "soc", "skol", "skafast", "stadsdel", "förvaltning", "kontor", "enhet", "chef", "samordnar",
    "strateg", "utvecklar", "grupp", "avd", "nämnd", "kommun", "region", "bolag", "fastighet", "bostad", "hem",
    "trafik", "fritid", "rektor", "fältar", "ungdom", "handläggar", "koordinator", "sekreterar", "ansvarig",
    "ledning", "styr", "råd", "brå", "länsstyrelse", "tjänst", "service", "vård", "kansli", "stab", "stad",
    "lpo", "trygghet", "säkerhet", "förening", "kyrka", "bibliotek", "medarbetar", "personal", "anställd",
    "alla", "samtliga", "arbetsgrupp", "ideell", "volontär", "vaktbolag", "väktar",
)
_NAME = re.compile(r"^[A-ZÅÄÖÉÜ][a-zåäöéüáè]+(-[A-ZÅÄÖ][a-zåäöéü]+)?$")


def looks_like_person(text: str) -> bool:
    """Only given names and surnames ("Kristoffer", "Peter, Sara och Malin", "Robin Glad")."""
    words = [w for w in re.split(r"[\s,/&+]+|\boch\b", text.strip()) if w]
    if not 1 <= len(words) <= 6:
        return False
    if not all(_NAME.match(w) for w in words):
        return False
    return not any(w.casefold().startswith(_ORG_STEMS) for w in words)


_EMAIL = re.compile(r"([\w.+-]+)@[\w-]+(?:\.[\w-]+)+")
# Digits inside a longer word (an identity such as "e02113795b07", a case number) are no phone number.
_PERSONNUMMER = re.compile(r"(?<![\w-])(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])[-+]\d{4}(?![\w-])")
_PHONE = re.compile(r"(?<![\w-])(?:\+46\s?|0)(?:7\d|8|[1-9]\d{1,2})[-\s]?\d(?:[\s-]?\d){4,7}(?![\w-])")
_FUNCTIONAL_MAILBOX = re.compile(
    r"kontakt|info|registrator|brevl[aå]d|funktion|support|kansli|reception|service|no-?reply|admin|"
    r"^(?:polis|skola|fritid|trygghet|stadsdel|sdf|socialtj|fältgrupp|faltgrupp|team|grupp|enhet|stab|post|"
    r"kundtj|felanm|bostad|larm|nämnd|namnd|forvaltning|förvaltning)", re.IGNORECASE)


def is_functional_mailbox(local_part: str) -> bool:
    """A role's mailbox (skolkontakt@, registrator@, info@): public contact data, not a person's."""
    return bool(_FUNCTIONAL_MAILBOX.search(local_part))

# Both a personnummer and a phone number hold six digits in a row, give or take single separators:
# a text without such a run is looked at no further (most texts of a plan).
_DIGIT_RUN = re.compile(r"\d(?:[\s-]?\d){5}")

PERSONAL_DATA_KINDS = {
    "email": ("en e-postadress", "an e-mail address"),
    "personnummer": ("ett personnummer", "a personal identity number"),
    "phone": ("ett telefonnummer", "a phone number"),
}


def personal_data(text: str) -> str | None:
    """The kind of personal data in ``text`` ("email", "personnummer", "phone"), or None."""
    if "@" in text and any(not is_functional_mailbox(m.group(1)) for m in _EMAIL.finditer(text)):
        return "email"
    if not _DIGIT_RUN.search(text):
        return None
    if _PERSONNUMMER.search(text):
        return "personnummer"
    if _PHONE.search(text):
        return "phone"
    return None
