"""User-facing sentences, Swedish first, English on request.

Kept in one table so a translator (or a reviewer) sees every sentence a user
can meet; code refers to them by key.
"""

from __future__ import annotations

import os

MESSAGES: dict[str, tuple[str, str]] = {
    "missing": (
        "Filen {path} finns inte. Kontrollera sökvägen.",
        "The file {path} does not exist. Check the path.",
    ),
    "is_dir": (
        "{path} är en mapp, inte en Excel-fil. Ange själva arbetsboken.",
        "{path} is a folder, not an Excel file. Give the workbook itself.",
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
    "verify_failed": (
        "Den nya filen kunde inte kontrolleras ({reason}), så originalet har lämnats orört. Rapportera gärna felet.",
        "The new file could not be verified ({reason}), so the original was left untouched. Please report the problem.",
    ),
    "unsafe_formula": (
        "Cellen {sheet}!{cell} i {path} har en formel som andra celler delar. xlplan skriver inte över den; filen är oförändrad.",
        "The cell {sheet}!{cell} in {path} holds a formula shared by other cells. xlplan does not overwrite it; the file is unchanged.",
    ),
    "no_analysis": (
        "Filen {path} har ingen analysflik med tabellen (Prioriterat område, Antal problem …). Lägg till fliken \"{sheet}\" från mallen.",
        "The file {path} has no analysis tab with its table (Prioriterat område, Antal problem …). Add the sheet \"{sheet}\" from the template.",
    ),
    "merge_target": (
        "Ange var resultatet ska skrivas: -o NY.xlsx eller --in-place (huvudfilen skrivs över).",
        "Say where the result goes: -o NEW.xlsx or --in-place (the master is overwritten).",
    ),
}


def language(lang: str | None = None) -> str:
    """The language to speak: explicit choice, else XLPLAN_LANG, else Swedish."""
    lang = (lang or os.environ.get("XLPLAN_LANG") or "sv").lower()
    return "en" if lang.startswith("en") else "sv"


def message(key: str, lang: str | None = None, **kwargs: object) -> str:
    sv, en = MESSAGES[key]
    return (en if language(lang) == "en" else sv).format(**kwargs)
