"""User-facing sentences, Swedish first, English on request.

Kept in one table so a translator (or a reviewer) sees every sentence a user
can meet; code refers to them by key.
"""

from __future__ import annotations

import os

MESSAGES: dict[str, tuple[str, str]] = {
    "crash": (
        "xlplan stötte på ett oväntat fel ({what}) och avbröt; inga filer har ändrats. Felet är xlplans, inte filens: rapportera det gärna med kommandot och filen (--debug visar detaljerna).",
        "xlplan met an unexpected error ({what}) and stopped; no file was changed. The fault is xlplan's, not the file's: please report it with the command and the file (--debug shows the details).",
    ),
    "reader_stopped": (
        "Filen {path} kunde inte läsas: läsaren avbröts (filen kan vara skadad eller byggd för att störa). De övriga filerna är med.",
        "The file {path} could not be read: the reader was stopped (the file may be damaged or built to disrupt). The other files are included.",
    ),
    "missing": (
        "Filen {path} finns inte. Kontrollera sökvägen.",
        "The file {path} does not exist. Check the path.",
    ),
    "is_dir": (
        "{path} är en mapp, inte en Excel-fil. Ange själva arbetsboken.",
        "{path} is a folder, not an Excel file. Give the workbook itself.",
    ),
    "empty_folder": (
        "Mappen {path} innehåller ingen Excel-arbetsbok (.xlsx eller .xlsm).",
        "The folder {path} holds no Excel workbook (.xlsx or .xlsm).",
    ),
    "unreadable_plans": (
        "{n} av planerna kunde inte läsas, så ingen sammanställning gjordes. Den första: {first} "
        "(Ange errors=\"warn\" för att sammanställa de övriga.)",
        "{n} of the plans could not be read, so nothing was consolidated. The first: {first} "
        "(Give errors=\"warn\" to consolidate the others.)",
    ),
    "bad_argument": (
        "Argumentet {name}={value} går inte att använda; tillåtet: {allowed}.",
        "The argument {name}={value} cannot be used; allowed: {allowed}.",
    ),
    "unreadable": (
        "Filen {path} kan inte läsas ({reason}). Kontrollera att du har behörighet till den.",
        "The file {path} cannot be read ({reason}). Check that you have access to it.",
    ),
    "empty": (
        "Filen {path} är tom (0 byte) och är ingen Excel-arbetsbok. Spara planen på nytt från Excel.",
        "The file {path} is empty (0 bytes) and is not an Excel workbook. Save the plan again from Excel.",
    ),
    "xls": (
        "Filen {path} är i det gamla .xls-formatet. Öppna den i Excel och välj Spara som > Excel-arbetsbok (.xlsx).",
        "The file {path} is in the old .xls format. Open it in Excel and choose Save As > Excel Workbook (.xlsx).",
    ),
    "encrypted": (
        "Filen {path} är lösenordsskyddad. Ta bort lösenordet i Excel (Arkiv > Info > Skydda arbetsbok > Kryptera med lösenord) och försök igen.",
        "The file {path} is password-protected. Remove the password in Excel (File > Info > Protect Workbook > Encrypt with Password) and try again.",
    ),
    "not_workbook": (
        "Filen {path} är ingen Excel-arbetsbok (.xlsx). Ange åtgärdsplanen som Excel-fil.",
        "The file {path} is not an Excel workbook (.xlsx). Give the action plan as an Excel file.",
    ),
    "damaged": (
        "Filen {path} är skadad och kan inte läsas. Använd en säkerhetskopia eller be avsändaren skicka den igen.",
        "The file {path} is damaged and cannot be read. Use a backup or ask the sender to send it again.",
    ),
    "no_plan_sheets": (
        "Filen {path} innehåller ingen flik från åtgärdsplanen (ingen rubrikrad med Orsak, Åtgärd, Operativa mål, När och Vem). Är det rätt fil?",
        "The file {path} holds no action-plan sheet (no header row with Orsak, Åtgärd, Operativa mål, När and Vem). Is it the right file?",
    ),
    "exists": (
        "Filen {path} finns redan. Välj ett annat namn eller lägg till --force för att skriva över den.",
        "The file {path} already exists. Choose another name or add --force to overwrite it.",
    ),
    "bad_suffix": (
        "Kan inte skriva {path}: ange en fil som slutar på {allowed}.",
        "Cannot write {path}: give a file ending in {allowed}.",
    ),
    "needs_pyarrow": (
        "Export till Parquet kräver paketet pyarrow. Installera det med: pip install 'xlplan[parquet]'.",
        "Exporting to Parquet needs the pyarrow package. Install it with: pip install 'xlplan[parquet]'.",
    ),
    "needs_addin": (
        "Excel-tilläggets server kräver paketen fastapi och uvicorn. Installera dem med: pip install 'xlplan[addin]'.",
        "The Excel add-in's server needs the fastapi and uvicorn packages. Install them with: pip install 'xlplan[addin]'.",
    ),
    "serve_url": (
        "Adressen {url} går inte att använda för tillägget: ange serverns publika https-adress utan frågeled, t.ex. https://xlplan.example.se.",
        "The address {url} cannot be used for the add-in: give the server's public https address without a query, e.g. https://xlplan.example.se.",
    ),
    "serve_tls_pair": (
        "Ange både --certfile och --keyfile (certifikatet och dess nyckel), eller ingen av dem.",
        "Give both --certfile and --keyfile (the certificate and its key), or neither.",
    ),
    "serve_config": (
        "Tilläggets server kan inte starta: {reason}.",
        "The add-in's server cannot start: {reason}.",
    ),
    "serve_no_url": (
        "Varning: XLPLAN_ADDIN_URL är inte satt, så manifestet pekar på {base}; ange --url med serverns publika https-adress.",
        "Warning: XLPLAN_ADDIN_URL is not set, so the manifest points at {base}; give --url with the server's public https address.",
    ),
    "serve_starting": (
        "Tilläggets server startar på {address} ({workers} process(er)); manifestet finns på {base}/manifest.xml.",
        "The add-in's server starts on {address} ({workers} process(es)); the manifest is at {base}/manifest.xml.",
    ),
    "serve_plain_http": (
        "Servern talar vanlig http: låt organisationens https-proxy stå framför den (Office laddar tillägg bara över https).",
        "The server speaks plain http: put the organisation's https proxy in front of it (Office loads add-ins over https only).",
    ),
    "manifest_written": (
        "Manifestet för {base} har skrivits till {path}.",
        "The manifest for {base} has been written to {path}.",
    ),
    "manifest_written_key": (
        "Manifestet för {base} har skrivits till {path}, med nyckeln i aktivitetsfönstrets adress: ge filen bara till Microsoft 365-administratören.",
        "The manifest for {base} has been written to {path}, with the key in the task pane's address: give the file only to the Microsoft 365 administrator.",
    ),
    "cannot_write": (
        "Kan inte skriva {path} ({reason}). Kontrollera att mappen finns och att filen inte är öppen i ett annat program.",
        "Cannot write {path} ({reason}). Check that the folder exists and that the file is not open in another program.",
    ),
    "unknown_rule": (
        "Okänd regel \"{rule}\" i {where}. Kör `xlplan rules` för att se reglerna.",
        "Unknown rule \"{rule}\" in {where}. Run `xlplan rules` to list the rules.",
    ),
    "bad_config": (
        "Inställningen i {where} kan inte läsas: {what}.",
        "The configuration in {where} cannot be read: {what}.",
    ),
    "xlsb": (
        "Filen {path} är en binär arbetsbok (.xlsb), som xlplan läser men inte skriver i. Spara den som Excel-arbetsbok (.xlsx) och försök igen.",
        "The file {path} is a binary workbook (.xlsb), which xlplan reads but does not write. Save it as an Excel Workbook (.xlsx) and try again.",
    ),
    "cell_out_of_range": (
        "Cellen {cell} finns inte i ett Excel-blad (sista cellen är XFD1048576); inget har skrivits.",
        "The cell {cell} does not exist in an Excel sheet (the last cell is XFD1048576); nothing was written.",
    ),
    "too_large": (
        "Filen {path} är för stor för att läsas säkert (delen {part} packas upp till {mb} MB). En åtgärdsplan är några MB; kontrollera att det är rätt fil.",
        "The file {path} is too large to read safely (its part {part} unpacks to {mb} MB). An action plan is a few MB; check that it is the right file.",
    ),
    "far_cell": (
        "Fliken \"{sheet}\" i {path} har innehåll i cell {cell}, långt utanför planen ({millions} miljoner celler). Ta bort det innehållet i Excel och spara filen igen.",
        "The sheet \"{sheet}\" in {path} has content in cell {cell}, far outside the plan ({millions} million cells). Delete that content in Excel and save the file again.",
    ),
    "strict_ooxml": (
        "Filen {path} är sparad som \"Strikt Open XML\", som xlplan inte skriver i. Spara den som vanlig Excel-arbetsbok (.xlsx) och försök igen.",
        "The file {path} is saved as \"Strict Open XML\", which xlplan does not write. Save it as an ordinary Excel workbook (.xlsx) and try again.",
    ),
    "no_such_sheet": (
        "Fliken \"{sheet}\" finns inte i {path}.",
        "The sheet \"{sheet}\" does not exist in {path}.",
    ),
    "locked": (
        "Filen {path} verkar vara öppen i Excel eller LibreOffice (det finns en låsfil bredvid den). Stäng den och försök igen; filen är oförändrad.",
        "The file {path} seems to be open in Excel or LibreOffice (there is a lock file beside it). Close it and try again; the file is unchanged.",
    ),
    "read_only": (
        "Filen {path} är skrivskyddad och har inte ändrats. Ta bort skrivskyddet eller spara resultatet med -o.",
        "The file {path} is read-only and was not changed. Remove the protection or write the result with -o.",
    ),
    "changed_on_disk": (
        "Filen {path} har ändrats på disken sedan xlplan läste den, så inget har skrivits; kör kommandot igen.",
        "The file {path} changed on disk since xlplan read it, so nothing was written; run the command again.",
    ),
    "busy": (
        "Filen {path} ändras just nu av en annan xlplan-körning (process {pid} på {host}), så inget har skrivits; "
        "försök igen när den är klar (har den avbrutits, ta bort låsfilen {lock}).",
        "The file {path} is being changed by another xlplan run (process {pid} on {host}), so nothing was "
        "written; try again when it has finished (if it was interrupted, delete the lock file {lock}).",
    ),
    "verify_failed": (
        "Den nya filen kunde inte kontrolleras ({reason}), så originalet har lämnats orört. Rapportera gärna felet.",
        "The new file could not be verified ({reason}), so the original was left untouched. Please report the problem.",
    ),
    "unsafe_formula": (
        "Cellen {sheet}!{cell} i {path} har en formel som andra celler delar. xlplan skriver inte över den; filen är oförändrad.",
        "The cell {sheet}!{cell} in {path} holds a formula shared by other cells. xlplan does not overwrite it; the file is unchanged.",
    ),
    "left_alone_formula": (
        "{where}: formel, lämnad orörd",
        "{where}: formula, left alone",
    ),
    "no_analysis": (
        "Filen {path} har ingen analysflik med tabellen (Prioriterat område, Antal problem …). Lägg till fliken \"{sheet}\" från mallen.",
        "The file {path} has no analysis tab with its table (Prioriterat område, Antal problem …). Add the sheet \"{sheet}\" from the template.",
    ),
    "merge_target": (
        "Ange var resultatet ska skrivas: -o NY.xlsx eller --in-place (huvudfilen skrivs över).",
        "Say where the result goes: -o NEW.xlsx or --in-place (the master is overwritten).",
    ),
    "merge_target_api": (
        "Ange var resultatet ska skrivas, antingen out=\"NY.xlsx\" eller in_place=True (huvudfilen skrivs över), inte båda.",
        "Say where the result goes, either out=\"NEW.xlsx\" or in_place=True (the master is overwritten), not both.",
    ),
    "merge_copies": (
        "Kopiorna ska anges som en sökväg eller en lista med sökvägar (str eller Path), inte {got}.",
        "Give the copies as one path or a list of paths (str or Path), not {got}.",
    ),
    "merge_no_copies": (
        "Ange minst en kopia att slå ihop med huvudfilen.",
        "Give at least one copy to merge into the master.",
    ),
    "merge_bad_path": (
        "{what} ska vara en sökväg (str eller Path), inte {got}.",
        "{what} must be a path (str or Path), not {got}.",
    ),
    "merge_out_is_copy": (
        "Resultatet skulle skriva över kopian {path}, men kopiorna ändras aldrig. Välj ett annat namn för resultatet.",
        "The result would overwrite the copy {path}, but copies are never changed. Choose another name for the result.",
    ),
    "merge_threshold": (
        "Tröskeln för likhet ska vara ett tal från 0 till 100, inte {value}.",
        "The similarity threshold must be a number from 0 to 100, not {value}.",
    ),
    "merge_no_copy_readable": (
        "Ingen av kopiorna ({files}) kunde läsas, så inget har skrivits.",
        "None of the copies ({files}) could be read, so nothing was written.",
    ),
    # ---- sentences of the commands (counts come in already worded, see count())
    "created": ("Skapade {path} ({year}).", "Created {path} ({year})."),
    "changes_needed": ("{changes} behövs i {file}.", "{changes} needed in {file}."),
    "up_to_date": ("{file} är redan i ordning.", "{file} is up to date."),
    "analysis_done": ("Analysfliken uppdaterad: {changes} i {file}.", "Analysis tab updated: {changes} in {file}."),
    "normalise_done": ("Normaliserad: {changes} i {file}.", "Normalised: {changes} in {file}."),
    "reading_plans": ("Läser planer", "Reading plans"),
    "consolidated": (
        "Sammanställde {plans} från {districts}: {measures} → {output}.",
        "Consolidated {plans} from {districts}: {measures} → {output}.",
    ),
    "template_differs": (
        "{file}: {differences} mot den deklarerade strukturen.",
        "{file}: {differences} from the declared structure.",
    ),
    "template_ok": ("{file} stämmer med den deklarerade strukturen.", "{file} matches the declared structure."),
    "diff_total": ("{changes}, varav {breaking} brytande.", "{changes}, {breaking} of them breaking."),
    "no_differences": ("Inga skillnader.", "No differences."),
    "severity_head": ("Allvarlighetsgrad", "Severity"),
    # ---- xlplan migrate
    "migrate_blocker": ("HINDER: {line}", "BLOCKER: {line}"),
    "migrate_refused": (
        "Planen kan inte flyttas till {to}: {blockers}. Inget har ändrats.",
        "The plan cannot be moved to {to}: {blockers}. Nothing was changed.",
    ),
    "migrate_not_carried": ("Ej överfört: {line}", "Not carried over: {line}"),
    "migrate_would": ("Skulle flytta {plan} till {to}: {changes}.", "Would move {plan} to {to}: {changes}."),
    "migrate_done": ("Flyttade {plan} till {to}: {changes} i {target}.", "Moved {plan} to {to}: {changes} in {target}."),
    "migrate_area_gone": (
        "{sheet}: områdesfliken finns inte i den nya mallen",
        "{sheet}: the area sheet does not exist in the new template",
    ),
    "migrate_new_followup": ("{where}: ny uppföljningskolumn {header}", "{where}: new follow-up column {header}"),
    "migrate_header": ("rubriken rättad: {where}: {old} → {new}", "header corrected: {where}: {old} → {new}"),
    "migrate_new_instruction": ("{where}: ny instruktionstext", "{where}: new instruction text"),
    "migrate_area_missing": (
        "{sheet}: mallens områdesflik saknas i planen",
        "{sheet}: the template's area sheet is missing from the plan",
    ),
    "migrate_sheet_missing": (
        "{sheet}: bladet finns i den nya mallen men inte i planen",
        "{sheet}: the sheet is in the new template but not in the plan",
    ),
    # ---- xlplan template check
    "check_sheet_missing": (
        "{sheet}: bladet saknas (förväntat på plats {want})",
        "{sheet}: the sheet is missing (expected at position {want})",
    ),
    "check_sheet_moved": (
        "{sheet}: på plats {found}, förväntat {want}",
        "{sheet}: at position {found}, expected {want}",
    ),
    "check_sheet_unknown": (
        "{sheet}: bladet finns inte i deklarationen",
        "{sheet}: the sheet is not in the declaration",
    ),
    "check_no_header": (
        "{sheet}: ingen rubrikrad med Orsak, Åtgärd, Operativa mål, När och Vem",
        "{sheet}: no header row with Orsak, Åtgärd, Operativa mål, När and Vem",
    ),
    "check_header": ("{where}: {found}, förväntat {want}", "{where}: {found}, expected {want}"),
    "check_header_unknown": (
        "{where}: {found} finns inte i deklarationen",
        "{where}: {found} is not in the declaration",
    ),
    "check_instruction": (
        "{where}: instruktionstexten skiljer sig från deklarationen",
        "{where}: the instruction text differs from the declaration",
    ),
    "check_name": (
        "namnet {name}: pekar på {ref}, som inte finns",
        "the name {name}: points to {ref}, which does not exist",
    ),
    "check_analysis_title": (
        "{where}: rubriken {found}, förväntat {want}",
        "{where}: the title {found}, expected {want}",
    ),
    "check_analysis_headers": (
        "{where}: tabellrubrikerna {found}, förväntat {want}",
        "{where}: the table headers {found}, expected {want}",
    ),
    "check_analysis_rows": (
        "{sheet}: {rows} i tabellen, förväntat {want}",
        "{sheet}: {rows} in the table, expected {want}",
    ),
    "check_chart_missing": ("{sheet}: diagrammet saknas", "{sheet}: the chart is missing"),
    "check_chart_title": (
        "{sheet}: diagrammets rubrik {found}, förväntat {want}",
        "{sheet}: the chart's title {found}, expected {want}",
    ),
    "check_chart_type": (
        "{sheet}: diagrammet är {found}, förväntat grupperat stapeldiagram",
        "{sheet}: the chart is {found}, expected a clustered column chart",
    ),
    "check_chart_rows": ("{sheet}: diagrammet läser {ref}, förväntat raderna {first}–{last}",
                         "{sheet}: the chart reads {ref}, expected rows {first}–{last}"),
    # ---- xlplan template diff --format markdown
    "diff_md_head": ("### Mallen: `{old}` → `{new}`", "### The template: `{old}` → `{new}`"),
    "diff_md_breaking": (
        "**{breaking}**: planer skrivna för den gamla mallen kan inte längre läsas eller granskas som den nya.",
        "**{breaking}**: plans written for the old template can no longer be read or validated as the new one.",
    ),
    "diff_md_compatible": ("Alla ändringar är **kompatibla**.", "All changes are **compatible**."),
    "diff_md_columns": ("| | ändring | var | före | efter |", "| | change | where | before | after |"),
    # A follow-up round (xlplan followup start) and next year's plan (xlplan new --from).
    "followup_bad_date": (
        "Datumet {value} går inte att använda: ange uppföljningens datum som ÅÅÅÅ-MM-DD, t.ex. 2026-04-30.",
        "The date {value} cannot be used: give the follow-up's date as YYYY-MM-DD, e.g. 2026-04-30.",
    ),
    "followup_exists": (
        "Uppföljningskolumnen {header} finns redan på varje områdesflik i {file}; inget ändrat.",
        "The follow-up column {header} is already on every area sheet of {file}; nothing changed.",
    ),
    "followup_later": (
        "Obs: {file} har redan en senare uppföljning ({later}); {header} läggs ändå sist.",
        "Note: {file} already has a later follow-up ({later}); {header} is still added last.",
    ),
    "followup_started": ("Uppföljningsomgången startad: {changes} i {file}.", "Follow-up round started: {changes} in {file}."),
    "nextyear_left_out": (
        "Lämnas kvar i {year}: {sheet} rad {row} ({reason}): {measure}",
        "Left in {year}: {sheet} row {row} ({reason}): {measure}",
    ),
    "nextyear_created": (
        "Skapade {path} ({year}) från {source}: {kept} förda vidare, {left} lämnade kvar.",
        "Created {path} ({year}) from {source}: {kept} carried over, {left} left behind.",
    ),
    "nextyear_same_file": (
        "Den nya planen kan inte skrivas över den gamla ({path}); ange en annan fil med -o.",
        "The new plan cannot overwrite the old one ({path}); give another file with -o.",
    ),
}

WORDS: dict[str, tuple[str, str]] = {
    # Severities: JSON, SARIF, JUnit and GitHub keep error/warning/info, which are identifiers there.
    "error": ("fel", "error"),
    "warning": ("varning", "warning"),
    "info": ("info", "info"),
    # Why a cell is changed (SetValue.what).
    "whitespace": ("blanksteg", "whitespace"),
    "date": ("datum", "date"),
    "header": ("rubrik", "header"),
    "count": ("antal", "count"),
    "label": ("områdesnamn", "area name"),
    "id": ("id", "id"),
    # Why a measure is not carried into next year's plan (xlplan new --from).
    "left_done": ("genomförd", "done"),
    "left_dropped": ("struken", "dropped"),
    "left_no_area": ("området finns inte i mallen", "area not in the template"),
    "followup": ("uppföljning", "follow-up"),
    "instruction": ("instruktion", "instruction"),
    # Template changes (Change.kind: the JSON keeps the kind itself).
    "breaking": ("BRYTANDE", "BREAKING"),
    "compatible": ("kompatibel", "compatible"),
    "sheet-renamed": ("bladet har bytt namn", "sheet renamed"),
    "sheet-removed": ("bladet borttaget", "sheet removed"),
    "sheet-added": ("bladet tillagt", "sheet added"),
    "area-unreadable": (
        "rubrikraden känns inte igen som en områdesflik",
        "the header row is not recognised as an area sheet",
    ),
    "validation-changed": ("dataverifieringen ändrad", "data validation changed"),
    "analysis-headers-changed": ("analysflikens tabellrubriker ändrade", "analysis table headers changed"),
    "analysis-rows-changed": ("analysflikens tabellrader ändrade", "analysis table rows changed"),
    "analysis-title-changed": ("analysflikens rubrik ändrad", "analysis title changed"),
    "chart-changed": ("diagrammet ändrat", "chart changed"),
    "name-added": ("namn tillagt", "name added"),
    "name-removed": ("namn borttaget", "name removed"),
    "name-changed": ("namn ändrat", "name changed"),
    "title-changed": ("områdets rubrik ändrad", "area title changed"),
    "column-moved": ("kolumnen flyttad", "column moved"),
    "column-renamed": ("kolumnen har bytt namn", "column renamed"),
    "column-removed": ("kolumnen borttagen", "column removed"),
    "column-added": ("kolumnen tillagd", "column added"),
    "instruction-changed": ("instruktionstexten ändrad", "instruction text changed"),
    "status-done": ("Genomförda", "Done"),
    "status-ongoing": ("Pågår", "Ongoing"),
    "status-not-started": ("Ej påbörjade", "Not started"),
    "status-dropped": ("Strukna", "Dropped"),
    "status-missing": ("Saknas", "Missing"),
    "status-unknown": ("Oklar", "Unclear"),
}
"""Single words and short labels: severities, edit reasons, template change kinds."""

NOUNS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "change": (("ändring", "ändringar"), ("change", "changes")),
    "difference": (("skillnad", "skillnader"), ("difference", "differences")),
    "breaking_change": (("brytande ändring", "brytande ändringar"), ("breaking change", "breaking changes")),
    "breaking_difference": (
        ("brytande skillnad", "brytande skillnader"),
        ("breaking difference", "breaking differences"),
    ),
    "plan": (("plan", "planer"), ("plan", "plans")),
    "district": (("stadsdel", "stadsdelar"), ("district", "districts")),
    "measure": (("åtgärd", "åtgärder"), ("measure", "measures")),
    "error": (("fel", "fel"), ("error", "errors")),
    "warning": (("varning", "varningar"), ("warning", "warnings")),
    "file": (("fil", "filer"), ("file", "files")),
    "row": (("rad", "rader"), ("row", "rows")),
    "filled": (("cell ifylld", "celler ifyllda"), ("cell filled", "cells filled")),
    "conflict": (("konflikt", "konflikter"), ("conflict", "conflicts")),
    "unmatched": (("rad utan motsvarighet", "rader utan motsvarighet"), ("unmatched row", "unmatched rows")),
    "unreadable_copy": (
        ("kopia kunde inte läsas och är inte med", "kopior kunde inte läsas och är inte med"),
        ("copy could not be read and is left out", "copies could not be read and are left out"),
    ),
}
"""Nouns counted in sentences, (singular, plural) per language."""


def language(lang: str | None = None) -> str:
    """The language to speak: explicit choice, else XLPLAN_LANG, else Swedish."""
    lang = (lang or os.environ.get("XLPLAN_LANG") or "sv").lower()
    return "en" if lang.startswith("en") else "sv"


def message(key: str, lang: str | None = None, **kwargs: object) -> str:
    sv, en = MESSAGES[key]
    return (en if language(lang) == "en" else sv).format(**kwargs)


def word(key: str, lang: str | None = None) -> str:
    """A word of WORDS in the chosen language; an unknown key is shown as it is (an identifier)."""
    pair = WORDS.get(key)
    return key if pair is None else pair[language(lang) == "en"]


def severity_word(severity: str, lang: str | None = None) -> str:
    """``error``/``warning``/``info`` as people read them: fel/varning/info in Swedish."""
    return word(severity, lang)


def plural(n: int, one: str, many: str) -> str:
    """``n`` with the right form of its noun: "1 ändring", "0 ändringar", "2 ändringar"."""
    return f"{n} {one if n == 1 else many}"


def count(n: int, noun: str, lang: str | None = None) -> str:
    """``n`` and a noun of NOUNS in the chosen language, singular or plural as ``n`` asks."""
    one, many = NOUNS[noun][language(lang) == "en"]
    return plural(n, one, many)
