"""Every rule xlplan knows: stable name, default severity, messages, explanation.

Names never change once released (configuration and CI files refer to them);
a rule that is no longer wanted is deprecated, not renamed. Messages are
templates filled with {value} (an excerpt of the cell), {field} (the column's
label), {year}, {start}, {end}, {found}, {expected}, {title}, {sheet}, {what}.
"""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Rule:
    name: str
    severity: str
    scope: str  # "row" (pandera schema), "cross" (several rows), "structure" (the workbook)
    summary_sv: str
    summary_en: str
    message_sv: str
    message_en: str
    explain_sv: str
    explain_en: str
    variants: tuple[tuple[str, str, str], ...] = ()
    """Other wordings of the same finding, (name, Swedish, English): a missing column is no edited header."""

    def summary(self, lang: str) -> str:
        return self.summary_en if lang == "en" else self.summary_sv

    def message(self, lang: str, variant: str = "", **params: object) -> str:
        """The finding's sentence; ``variant`` picks another wording (unknown or "": the rule's own)."""
        sv, en = self.message_sv, self.message_en
        if variant:
            sv, en = next(((v_sv, v_en) for name, v_sv, v_en in self.variants if name == variant), (sv, en))
        return (en if lang == "en" else sv).format(**params)

    def explain(self, lang: str) -> str:
        return self.explain_en if lang == "en" else self.explain_sv


_RULES = [
    Rule(
        "missing-goal", "error", "row",
        "Åtgärd utan operativt mål", "Measure without an operational goal",
        "Åtgärden saknar operativt mål: {value}", "The measure has no operational goal: {value}",
        "Mallen kräver ett operativt mål för varje åtgärd (kolumnen Operativa mål: \"Koppla operativa mål till "
        "varje åtgärd\"). Utan mål går det inte att följa upp om åtgärden gjorde skillnad. Skriv vad åtgärden ska "
        "leda till, gärna SMART: specifikt, mätbart, accepterat, realistiskt och tidsatt.",
        "The template asks for an operational goal for every measure (column Operativa mål). Without a goal the "
        "follow-up cannot tell whether the measure made a difference. State what the measure should achieve, "
        "preferably SMART: specific, measurable, accepted, realistic and time-bound.",
    ),
    Rule(
        "missing-owner", "error", "row",
        "Åtgärd utan ansvarig", "Measure without an owner",
        "Åtgärden saknar ansvarig (Vem): {value}", "The measure has no owner (Vem): {value}",
        "Varje åtgärd ska ha en ansvarig (kolumnen Vem: \"Ange vem som ansvarar för åtgärden\"). Ange roll och "
        "organisation, till exempel \"Enhetschef fritid (stadsdelsförvaltningen)\" eller \"Kommunpolis "
        "(lokalpolisområdet)\", så att ansvaret är tydligt vid uppföljningen.",
        "Every measure needs an owner (column Vem). Give a role and an organisation, for example \"Enhetschef "
        "fritid (stadsdelsförvaltningen)\" or \"Kommunpolis (lokalpolisområdet)\", so the follow-up knows who "
        "answers for it.",
    ),
    Rule(
        "missing-timing", "error", "row",
        "Åtgärd utan tidpunkt", "Measure without a timing",
        "Åtgärden saknar tidpunkt (När): {value}", "The measure has no timing (När): {value}",
        "Varje åtgärd ska ha en tidpunkt (kolumnen När: \"Ange tid för när åtgärden ska vara genomförd (alt "
        "linjearbete)\"). Skriv ett datum, en månad, en period (\"April-maj 2025\", \"T2\") eller att arbetet sker "
        "löpande i linjen.",
        "Every measure needs a timing (column När): a date, a month, a period (\"April-maj 2025\", \"T2\") or "
        "that the work is ongoing (\"Löpande under 2025\", \"linjearbete\").",
    ),
    Rule(
        "goal-without-measure", "error", "row",
        "Mål, tid eller ansvarig utan åtgärd", "Goal, timing or owner without a measure",
        "Raden har {field} men ingen åtgärd: {value}", "The row has {field} but no measure: {value}",
        "Operativt mål, tidpunkt och ansvarig hör till en åtgärd. En rad som har något av dem men ingen åtgärd är "
        "oftast en åtgärd som skrivits i fel kolumn eller en rad som blivit kvar efter en ändring. Skriv åtgärden i "
        "kolumnen Åtgärd eller ta bort raden.",
        "A goal, a timing and an owner belong to a measure. A row with any of them but no measure is usually a "
        "measure typed into the wrong column or a row left over after an edit. Write the measure in the Åtgärd "
        "column or remove the row.",
    ),
    Rule(
        "cause-without-measure", "warning", "cross",
        "Orsak utan åtgärd", "Cause without a measure",
        "Orsaken har ingen åtgärd: {value}", "The cause has no measure: {value}",
        "Mallen ber om åtgärder kopplade till varje identifierad orsak (\"Koppla åtgärd mot respektive orsak\"). "
        "En orsak utan åtgärd är ofta ett förslag som ännu inte beslutats (som \"Förslag nya åtgärder\"). Lägg "
        "till en åtgärd eller flytta orsaken till lägesbilden.",
        "The template asks for measures tied to each identified cause. A cause without a measure is often a "
        "proposal not yet decided (such as \"Förslag nya åtgärder\"). Add a measure or move the cause to the "
        "situation report.",
    ),
    Rule(
        "unclear-timing", "warning", "row",
        "Tidpunkt som inte går att placera", "Timing that cannot be placed on the calendar",
        "Tidpunkten går inte att placera i kalendern eller är inte bestämd: {value}",
        "The timing cannot be placed on the calendar or is not decided: {value}",
        "Tidpunkten ska visa när åtgärden genomförs. Text som \"ej bestämt\", \"Oklart när…\", \"datum "
        "efterfrågat\", \"Vid behov\" eller bara namnet på ett evenemang går inte att följa upp. Ange åtminstone "
        "månad, årstid, tertial eller att arbetet sker löpande under året.",
        "The timing should show when the measure happens. Text such as \"ej bestämt\" (not decided), \"Oklart "
        "när…\" (unclear when), \"datum efterfrågat\" (date requested), \"Vid behov\" (as needed) or only the name "
        "of an event cannot be followed up. Give at least a month, a season, a tertial or that the work is "
        "ongoing through the year.",
    ),
    Rule(
        "timing-outside-year", "warning", "row",
        "Tidpunkt utanför planens år", "Timing outside the plan's year",
        "Tidpunkten ({start} – {end}) ligger utanför planens år {year}: {value}",
        "The timing ({start} – {end}) lies outside the plan's year {year}: {value}",
        "Åtgärdsplanen gäller ett år. En tidpunkt som slutar före årets början eller börjar efter årets slut är "
        "ofta kvar från förra årets plan eller hör till nästa års. Uppdatera tidpunkten eller flytta åtgärden.",
        "The action plan covers one year. A timing that ends before the year begins or starts after it ends is "
        "often left over from last year's plan or belongs to next year's. Update the timing or move the measure.",
    ),
    Rule(
        "vague-goal", "info", "row",
        "Mål som är svårt att följa upp", "Goal that is hard to follow up",
        "Målet saknar något mätbart eller bygger på vaga verb: {value}",
        "The goal has nothing measurable or rests on vague verbs: {value}",
        "Brå råder att operativa mål ska vara SMART. Ett mål utan något mätbart (antal, andel, datum eller ett "
        "konkret resultat som \"rutinen är reviderad\") eller som bygger på vaga verb som \"verka för\", \"värna "
        "om\", \"sträva efter\" eller \"bidra till\" är svårt att följa upp. Skriv vad som ska ha hänt, hur mycket "
        "och när.",
        "Brå (the Swedish National Council for Crime Prevention) advises SMART operational goals. A goal with "
        "nothing measurable (a number, a share, a date or a concrete result such as \"the routine is revised\") or "
        "that rests on vague verbs such as \"verka för\" (work towards), \"värna om\" (safeguard), \"sträva "
        "efter\" or \"bidra till\" is hard to follow up. Write what should have happened, how much and by when.",
    ),
    Rule(
        "header-mismatch", "error", "structure",
        "Rubrik som skiljer sig från mallen", "Header that differs from the template",
        "Rubriken är \"{found}\" men mallen har \"{expected}\"", "The header is \"{found}\" but the template has "
        "\"{expected}\"",
        "Rubrikraden i varje områdesflik ska vara mallens: områdets rubrik, Orsak, Åtgärd, Operativa mål, När, "
        "Vem och Uppföljning. Ändrade eller borttagna rubriker gör att planer inte kan sammanställas automatiskt. "
        "`xlplan normalise` återställer ändrade rubriker. En kolumn vars rubrik inte alls känns igen (När som "
        "döpts om till \"Tidpunkt\", Vem till \"Ansvarig\") eller som tagits bort läses inte: den nämns en gång, "
        "i rubrikcellen där den hör hemma, i stället för som saknad uppgift på varje rad. Skriv mallens rubrik "
        "där igen.",
        "The header row of every area sheet must be the template's: the area title, Orsak, Åtgärd, Operativa "
        "mål, När, Vem and Uppföljning. Edited or removed headers stop plans from being consolidated "
        "automatically. `xlplan normalise` restores edited headers. A column whose header is not recognised at "
        "all (När renamed \"Tidpunkt\", Vem renamed \"Ansvarig\") or that was deleted is not read: it is named "
        "once, at the header cell where it belongs, instead of as a missing entry on every row. Write the "
        "template's header there again.",
        variants=(
            ("missing", "Kolumnen {expected} saknas i fliken \"{sheet}\"",
             "The column {expected} is missing from the sheet \"{sheet}\""),
            ("renamed", "Kolumnen {expected} saknas i fliken \"{sheet}\" (här står \"{found}\"), så dess celler "
             "läses inte",
             "The column {expected} is missing from the sheet \"{sheet}\" (the header here is \"{found}\"), so "
             "its cells are not read"),
        ),
    ),
    Rule(
        "missing-sheet", "error", "structure",
        "Flik från mallen saknas", "Template sheet missing",
        "Fliken \"{sheet}\" från mallen saknas", "The template's sheet \"{sheet}\" is missing",
        "Planen ska innehålla mallens flikar: Instruktion, de fem prioriterade områdena och Analysflik. En flik som "
        "saknas kan vara borttagen av misstag eller omdöpt så att den inte känns igen (områdesflikar känns igen på "
        "rubrik, namn eller nummer).",
        "The plan must hold the template's sheets: Instruktion, the five priority areas and Analysflik. A missing "
        "sheet may have been deleted by mistake or renamed beyond recognition (area sheets are recognised by "
        "title, name or number).",
    ),
    Rule(
        "unknown-sheet", "info", "structure",
        "Flik som inte finns i mallen", "Sheet not in the template",
        "Fliken \"{sheet}\" finns inte i mallen och läses inte", "The sheet \"{sheet}\" is not in the template "
        "and is not read",
        "Fliken är varken en av mallens flikar eller ett eget prioriterat område (en flik med mallens rubrikrad). "
        "Den läses inte och räknas inte. Det är ofta en hjälpflik eller lista och kan lämnas, men åtgärder som står "
        "där kommer inte med i sammanställningen.",
        "The sheet is neither one of the template's nor a local priority area (a sheet with the template's header "
        "row). It is not read or counted. It is often a helper list and can stay, but measures written there are "
        "left out of every summary.",
    ),
    Rule(
        "stale-analysis", "warning", "structure",
        "Analysfliken stämmer inte", "Analysis tab is out of date",
        "Analysfliken visar {found} för {title} ({what}) men planen har {expected}",
        "The analysis tab shows {found} for {title} ({what}) but the plan has {expected}",
        "Analysflikens antal problem, orsaker och åtgärder ska stämma med områdesflikarna. xlplan räknar problem "
        "som olika problemtexter, orsaker som olika par av problem och orsak, och åtgärder som ifyllda "
        "åtgärdsceller. `xlplan analysis` uppdaterar fliken.",
        "The analysis tab's counts of problems, causes and measures should match the area sheets. xlplan counts "
        "problems as distinct problem texts, causes as distinct (problem, cause) pairs and measures as filled "
        "measure cells. `xlplan analysis` refreshes the tab.",
    ),
    Rule(
        "personal-data", "warning", "row",
        "Personuppgifter i texten", "Personal data in the text",
        "Cellen innehåller {what}: {value}", "The cell contains {what}: {value}",
        "Åtgärdsplanen är en allmän handling som skickas vidare till stadsövergripande grupper. E-postadresser, "
        "telefonnummer och personnummer hör inte hemma i den (dataminimering enligt GDPR). Skriv roll och "
        "funktion, till exempel \"trygghetssamordnare\", i stället för kontaktuppgifter.",
        "The action plan is a public document passed on to city-wide groups. E-mail addresses, phone numbers and "
        "personal identity numbers do not belong in it (data minimisation under the GDPR). Write a role, such as "
        "\"trygghetssamordnare\", instead of contact details.",
    ),
    Rule(
        "owner-is-person", "info", "row",
        "Ansvarig anges som person", "Owner given as a person",
        "Ansvarig anges med namn i stället för roll och organisation: {value}",
        "The owner is given by name instead of role and organisation: {value}",
        "Ansvaret för en åtgärd ligger hos en funktion, inte en person: när någon byter tjänst ska det ändå "
        "framgå vem som ansvarar. Ange roll och organisation (\"Trygghetssamordnare (stadsdelsförvaltningen)\"), "
        "gärna tillsammans med namnet.",
        "Responsibility for a measure lies with a function, not a person: when someone changes jobs it must still "
        "be clear who answers for it. Give a role and an organisation (\"Trygghetssamordnare "
        "(stadsdelsförvaltningen)\"), with the name if you like.",
    ),
    Rule(
        "duplicate-measure", "warning", "cross",
        "Samma åtgärd två gånger", "The same measure twice",
        "Samma åtgärd står redan i {found} under samma problem och orsak: {value}",
        "The same measure already stands in {found} under the same problem and cause: {value}",
        "Samma åtgärdstext två gånger under samma problem och orsak är oftast en kopierad rad. Den räknas då två "
        "gånger i analysfliken. Ta bort dubbletten eller slå ihop raderna.",
        "The same measure text twice under the same problem and cause is usually a copied row, and it is then "
        "counted twice in the analysis tab. Remove the duplicate or merge the rows.",
    ),
    Rule(
        "missing-followup", "warning", "cross",
        "Åtgärd utan uppföljning", "Measure without a follow-up",
        "Åtgärden saknar text i {field}, som andra åtgärder på fliken redan har: {value}",
        "The measure has no text in {field}, which other measures on the sheet already have: {value}",
        "När en uppföljningsomgång har börjat (någon rad på fliken har text i den senaste uppföljningskolumnen) ska "
        "varje åtgärd få en rad om var den står: genomförd, pågående, ej påbörjad eller struken. Utan den räknas "
        "åtgärden som \"saknas\" i `xlplan summary` och i stadens sammanställning. En tom uppföljningskolumn som "
        "ingen har skrivit i än har inte börjat och ger ingen varning.",
        "Once a follow-up round has started (some row on the sheet has text in the latest follow-up column) every "
        "measure should say where it stands: done, ongoing, not started or dropped. Without it the measure counts "
        "as \"missing\" in `xlplan summary` and in the city's consolidation. An empty follow-up column nobody has "
        "written in yet has not started and gives no warning.",
    ),
    Rule(
        "followup-without-status", "info", "cross",
        "Uppföljning utan status", "Follow-up without a status",
        "Uppföljningen säger inte om åtgärden är genomförd, pågår, inte har påbörjats eller stryks: {value}",
        "The follow-up does not say whether the measure is done, ongoing, not started or dropped: {value}",
        "xlplan läser var en åtgärd står ur uppföljningstexten i den senaste omgången (ord som \"genomförd\", "
        "\"pågår\", \"ej påbörjad\", \"inget datum satt\", \"stryks\"). Den här texten berättar något annat, "
        "till exempel vad som har hänt, men inte om åtgärden är klar. Börja gärna med statusen: \"Pågår. Robin har "
        "haft kontakt med ...\".",
        "xlplan reads where a measure stands from the text of the latest follow-up round (words such as "
        "\"genomförd\", \"pågår\", \"ej påbörjad\", \"inget datum satt\", \"stryks\"). This text tells "
        "something else, such as what has happened, but not whether the measure is finished. Start with the "
        "status: \"Pågår. Robin har haft kontakt med ...\".",
    ),
]

RULES: dict[str, Rule] = {r.name: r for r in _RULES}
