"""The ``xlplan`` command.

Start-up is kept light (no pandas until a command needs it) because people run
it on one file at a time and CI runs it on many. Every PlanError becomes one
sentence on stderr and exit status 2; files given as input are only read.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import sys
from pathlib import Path

import click

from .errors import EXIT_BAD_INPUT, EXIT_CRASH, EXIT_FINDINGS, PlanError, crash_message, debugging


def _from_messages(name: str):
    """``xlplan.messages.<name>``, loaded on the first call: ``xlplan --help`` needs no sentence table."""

    def call(*args, **kwargs):
        from . import messages

        return getattr(messages, name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    return call


count, language, message, severity_word, word = (_from_messages(name) for name in
                                                  ("count", "language", "message", "severity_word", "word"))



_LANG_KEY = "xlplan.lang"


def _lang() -> str:
    """The language chosen with ``--lang`` (before or after the command) or XLPLAN_LANG."""
    ctx = click.get_current_context(silent=True)
    return language(ctx.meta.get(_LANG_KEY) if ctx is not None else None)


def _store_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value:
        ctx.meta[_LANG_KEY] = value  # meta is shared by the whole context chain
    return value


def _lang_option(envvar: str | None = None) -> click.Option:
    return click.Option(["--lang"], type=click.Choice(["sv", "en"]), default=None, envvar=envvar, is_eager=True,
                        expose_value=False, callback=_store_lang,
                        help="Språk för meddelanden (sv eller en). / Language of messages.")


class _Group(click.Group):
    """Every command (and sub-group) accepts ``--lang`` too, so its place on the line does not matter."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        if not any(p.name == "lang" for p in cmd.params):
            cmd.params.append(_lang_option())
        if not any(p.name == "debug" for p in cmd.params):
            cmd.params.append(_debug_option())
        super().add_command(cmd, name)


_LONG_RUNNING = {"serve"}
"""Commands that live on (the add-in server): the cycle collector stays on for them."""


def _friendly(func):
    """One clear sentence, never a traceback: exit 2 for a file xlplan cannot use, 3 for xlplan's own fault."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with _one_shot(func.__name__ not in _LONG_RUNNING):
            return _run(func, *args, **kwargs)

    return wrapper


@contextlib.contextmanager
def _one_shot(on: bool):
    """The cycle collector off while a command runs, as it was afterwards (the CLI is also run in-process).

    A command runs once. What it builds (a plan's hundreds of thousands of
    texts, lists and dicts, without cycles) is freed by reference counting;
    the collector would only walk it again and again as it grows (15-35 % of
    a large merge). The server (``serve``) keeps it on.
    """
    was = gc.isenabled()
    if on:
        gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _run(func, *args, **kwargs):
    try:
        return func(*args, **kwargs)
    except PlanError as exc:
        click.echo(exc.message(_lang()), err=True)
        sys.exit(EXIT_BAD_INPUT)
    except (SystemExit, KeyboardInterrupt, click.exceptions.Exit, click.ClickException):
        raise
    except Exception as exc:  # noqa: BLE001 - the user gets a sentence and a distinct exit status
        if debugging():
            raise
        click.echo(crash_message(exc, _lang()), err=True)
        sys.exit(EXIT_CRASH)


def _store_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    if value:
        os.environ["XLPLAN_DEBUG"] = "1"  # read where the exception is caught, also in worker processes
    return value


def _debug_option() -> click.Option:
    return click.Option(["--debug"], is_flag=True, default=False, is_eager=True, expose_value=False,
                        callback=_store_debug, help="Visa hela felspåret vid ett oväntat fel. / Show the traceback.")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, params=[_lang_option("XLPLAN_LANG"), _debug_option()])
@click.version_option(package_name="xlplan")
def main() -> None:
    """xlplan: åtgärdsplanen i Excel, kontrollerad och sammanställd."""


@main.command()
@click.option("-o", "--output", "output", required=True, type=click.Path(path_type=Path),
              help="Filen som skapas (.xlsx).")
@click.option("--district", default=None, help="Stadsdelsförvaltning, t.ex. Södermalm.")
@click.option("--year", type=int, default=None,
              help="Planens år (standard: innevarande år; med --from året efter den gamla planens).")
@click.option("--force", is_flag=True, help="Skriv över en befintlig fil.")
@click.option("--from", "source", type=click.Path(path_type=Path), default=None,
              help="Förra årets plan: åtgärder som pågår, inte påbörjats eller återkommer förs över; "
                   "genomförda och strukna listas. / Last year's plan: carry over the measures still alive.")
@_friendly
def new(output: Path, district: str | None, year: int | None, force: bool, source: Path | None) -> None:
    """Skapa en ny, tom åtgärdsplan från mallen (med --from: nästa års plan från förra årets)."""
    import datetime as dt

    from .atomic import write_atomic
    from .build import build_template

    if output.suffix.lower() != ".xlsx":
        raise PlanError("bad_suffix", path=str(output), allowed=".xlsx")
    if output.exists() and not force:
        raise PlanError("exists", path=str(output))
    if source is not None:  # default year: the one after the old plan's
        return _new_from(source, output, year, district)
    year = year or dt.date.today().year
    write_atomic(output, lambda tmp: build_template(tmp, year=year, district=district))
    click.echo(message("created", _lang(), path=output, year=year))


def _new_from(source: Path, output: Path, year: int | None, district: str | None) -> None:
    """``new --from``: next year's plan, and each measure left behind on its own line."""
    from .nextyear import build_next_year

    lang = _lang()
    if source.exists() and output.exists() and source.resolve() == output.resolve():
        raise PlanError("nextyear_same_file", path=str(output))
    result = build_next_year(source, output, year, district)
    for row in result.left_out:
        click.echo(message("nextyear_left_out", lang, year=result.source_year or "", sheet=row["sheet"],
                           row=row["row"], reason=word("left_" + row["reason"], lang),
                           measure=" ".join(row["measure"].split())[:80]))
    click.echo(message("nextyear_created", lang, path=output, source=source.name,
                       year=result.year, kept=count(len(result.kept), "measure", lang), left=len(result.left_out)))


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_friendly
def summary(file: Path, fmt: str) -> None:
    """Antal problem, orsaker och åtgärder per prioriterat område."""
    from .reader import read_plan
    from .report.summary import summary_json, summary_text

    plan = read_plan(file)
    click.echo(summary_json(plan) if fmt == "json" else summary_text(plan, _lang()))


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), default=None,
              help="Målfil: .csv, .parquet eller .json (utan -o: CSV till standard ut).")
@click.option("--raw-csv", "raw_csv", is_flag=True,
              help="Skriv texterna i CSV oförändrade (utan ' framför =, +, -, @). / CSV texts unchanged.")
@_friendly
def export(file: Path, output: Path | None, raw_csv: bool) -> None:
    """Planens tabell, en rad per åtgärd, för analys och Power BI.

    I CSV får en text som börjar med =, +, -, @, tabb eller vagnretur ett ' framför, så att Excel visar den
    som text i stället för att köra den som formel (OWASP:s råd mot CSV-injektion); tal lämnas orörda.
    --raw-csv skriver texterna oförändrade. Parquet och JSON skrivs alltid oförändrade.
    (English: CSV text cells starting with =, +, -, @, tab or CR get a leading ' so a spreadsheet shows them
    as text; --raw-csv writes them unchanged; Parquet and JSON are always raw.)
    """
    from .export import export_table
    from .reader import read_plan

    if output is not None:
        allowed = (".csv", ".parquet", ".json")
        if output.suffix.lower() not in allowed:
            raise PlanError("bad_suffix", path=str(output), allowed=", ".join(allowed))
    plan = read_plan(file)
    text = export_table(plan, output, raw=raw_csv)
    if text is not None:  # UTF-8 whatever the console's code page: the bytes are the CSV file
        stream = click.get_binary_stream("stdout")
        stream.write(text.encode("utf-8"))
        stream.flush()



@contextlib.contextmanager
def _without_hypothesis():
    """Keep hypothesis out of a validate run: pandera's pandas checks import it (0.1–0.2 s) when it is
    installed (the test extra), only to offer data synthesis xlplan never asks for; hidden, pandera
    takes the path it takes without it. A process that already has hypothesis (a test run) keeps it."""
    if "hypothesis" in sys.modules:
        yield
        return
    sys.modules["hypothesis"] = None  # `import hypothesis` now raises ImportError
    try:
        yield
    finally:
        if "hypothesis" in sys.modules and sys.modules["hypothesis"] is None:
            del sys.modules["hypothesis"]


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "junit", "sarif"]), default="text",
              show_default=True, help="Utdataformat.")
@click.option("--select", default=None, help="Kör bara dessa regler (kommaseparerade; ALL, error, warning, info).")
@click.option("--ignore", default=None, help="Hoppa över dessa regler (kommaseparerade).")
@click.option("--year", type=int, default=None, help="Planens år (standard: från planens rubrik).")
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), default=None,
              help="Skriv rapporten till en fil i stället för standard ut.")
@click.option("--mark", is_flag=True,
              help="Färga celler med anmärkningar och lägg en anteckning med meddelandet i filen.")
@_friendly
def validate(files: tuple[Path, ...], fmt: str, select: str | None, ignore: str | None, year: int | None,
             output: Path | None, mark: bool) -> None:
    """Granska planer: mål, ansvariga, tidpunkter, struktur och analysflik.

    Slutstatus 0 utan fel, 1 med fel, 2 om någon fil inte kunde läsas.
    """
    from .findings import totals
    from .paths import expand_paths
    from .report import render
    from .validate import validate_paths

    lang = _lang()
    with _without_hypothesis():
        results = validate_paths(expand_paths(files, exclude=(output,)), select=select, ignore=ignore, year=year,
                                 lang=lang, mark=mark)
    text = render(fmt, results, lang)
    if output is None:
        click.echo(text)
    else:
        from .atomic import write_atomic

        write_atomic(output, lambda tmp: tmp.write_text(text + "\n", encoding="utf-8"))
    for r in results:
        if r.error and fmt != "text":
            click.echo(r.error, err=True)
    t = totals(results)
    sys.exit(EXIT_CRASH if t["crashed"] else EXIT_BAD_INPUT if t["unreadable"] else EXIT_FINDINGS if t["error"] else 0)


def _in_place(file: Path, output: Path | None, check: bool, compute, done: str) -> None:
    """Shared shape of the commands that change a workbook: compute, list, write (or only check).

    The new file is checked against the edits made (apply_edits reads back the
    parts it rewrote, see :mod:`xlplan.verify_edits`) before it replaces
    anything; the plan is not read and the command not recomputed a second
    time. That a second run finds nothing to do is a property the tests
    hold, not a runtime pass.
    """
    from .apply import apply_edits
    from .edits import describe
    from .locking import write_lock
    from .reader import read_plan

    lang = _lang()

    with write_lock(None if check else output or file):  # from the first read until the new file is in place
        plan = read_plan(file)
        edits, seen = compute(plan), plan.fingerprint
        del plan  # the plan's tables are not needed to write: their memory goes before the sheets are parsed
        changes = apply_edits(file, edits, output=output, save=not check, expect=seen)
        del edits
    lines = [describe(change, lang) for change in changes]
    lines += [describe(cell, lang) for cell in getattr(changes, "left_alone", ())]  # formulas left: said, not counted
    if lines:
        click.echo("\n".join(lines))  # one write for thousands of lines
    if check:
        if changes:
            click.echo(message("changes_needed", lang, changes=count(len(changes), "change", lang), file=file))
            sys.exit(EXIT_FINDINGS)
        click.echo(message("up_to_date", lang, file=file))
        return
    target = output or file
    click.echo(message(done, lang, changes=count(len(changes), "change", lang), file=target))


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="Skriv inget; slutstatus 1 om analysfliken inte stämmer.")
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), default=None,
              help="Skriv resultatet till en ny fil i stället för att ändra FILE.")
@_friendly
def analysis(file: Path, check: bool, output: Path | None) -> None:
    """Räkna om analysflikens antal problem, orsaker och åtgärder per område."""
    from .analysis import analysis_edits

    _in_place(file, output, check, analysis_edits, "analysis_done")


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="Skriv inget; slutstatus 1 om något behöver ändras.")
@click.option("--ids/--no-ids", default=True, show_default=True,
              help="Ge varje rad en stabil identitet i en dold kolumn (behövs för sammanslagning).")
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), default=None,
              help="Skriv resultatet till en ny fil i stället för att ändra FILE.")
@_friendly
def normalise(file: Path, check: bool, ids: bool, output: Path | None) -> None:
    """Städa blanksteg, radbrytningar, datum och rubriker utan att ändra innebörden."""
    from .normalise import normalise_edits

    _in_place(file, output, check, lambda plan: normalise_edits(plan, ids=ids), "normalise_done")


@main.command()
@click.argument("master", type=click.Path(path_type=Path))
@click.argument("copies", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), default=None,
              help="Skriv den sammanslagna planen hit (huvudfilen lämnas orörd).")
@click.option("--in-place", is_flag=True, help="Skriv in i huvudfilen.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--threshold", type=float, default=90.0, show_default=True,
              help="Minsta likhet (0–100) för att en ändrad rad ska matchas.")
@_friendly
def merge(master: Path, copies: tuple[Path, ...], output: Path | None, in_place: bool, fmt: str,
          threshold: float) -> None:
    """Slå ihop uppföljningar från flera kopior av samma plan. Kopiorna ändras aldrig.

    En kopia som inte kan läsas hoppas över och nämns; de andra slås ihop och
    slutstatus blir 2. Kan ingen kopia läsas skrivs inget.
    """
    import json

    from .merge import merge_followups
    from .report.merge import merge_text

    lang = _lang()
    if bool(output) == in_place:
        raise PlanError("merge_target")
    try:
        result = merge_followups(master, list(copies), output, in_place=in_place, threshold=threshold, lang=lang)
    except PlanError as exc:
        for err in exc.kwargs.get("errors", ()) if exc.key == "merge_no_copy_readable" else ():
            click.echo(err.message(lang), err=True)  # each copy's own sentence, then the summary
        raise
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(merge_text(result, output or master, lang))
    for u in result.unreadable:
        click.echo(u["message"], err=True)
    if result.unreadable:
        sys.exit(EXIT_BAD_INPUT)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", required=True, type=click.Path(path_type=Path),
              help="Stadens sammanställning (.xlsx) med tabeller och diagram.")
@click.option("--csv", "csv_path", type=click.Path(path_type=Path), default=None,
              help="Alla åtgärder som CSV (texter som börjar med =, +, -, @ får ' framför).")
@click.option("--raw-csv", "raw_csv", is_flag=True,
              help="Skriv texterna i CSV oförändrade (utan ' framför). / CSV texts unchanged.")
@click.option("--parquet", "parquet_path", type=click.Path(path_type=Path), default=None,
              help="Alla åtgärder som Parquet.")
@click.option("--html", "html_path", type=click.Path(path_type=Path), default=None,
              help="En fristående rapport för styrgruppen.")
@click.option("--district", "district_map", multiple=True, metavar="FIL=NAMN",
              help="Stadsdel för en fil (annars från planens rubrik eller filnamnet).")
@click.option("--workers", type=int, default=None, help="Antal parallella processer (standard: antal kärnor).")
@_friendly
def consolidate(files: tuple[Path, ...], output: Path, csv_path: Path | None, parquet_path: Path | None,
                html_path: Path | None, district_map: tuple[str, ...], workers: int | None, raw_csv: bool) -> None:
    """Sammanställ många stadsdelars planer: alla åtgärder och en tabell stadsdel × område.

    I CSV-filen (--csv) får en text som börjar med =, +, -, @, tabb eller vagnretur ett ' framför, så att
    Excel visar den som text och inte kör den som formel; --raw-csv skriver texterna oförändrade. Parquet
    skrivs alltid oförändrad. (English: the CSV guards texts against formula injection; --raw-csv does not.)
    """
    from .atomic import write_atomic
    from .consolidate import consolidate_plans
    from .report.city import write_city_workbook, write_html

    lang = _lang()
    from .paths import expand_paths

    paths = expand_paths(files, exclude=(output, csv_path, parquet_path, html_path))  # never our own output
    districts = {}
    for item in district_map:
        name, _, district = item.partition("=")
        districts[name] = district
    if parquet_path is not None:
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise PlanError("needs_pyarrow") from None
    if sys.stderr.isatty():
        with click.progressbar(length=len(paths), label=message("reading_plans", lang),
                               file=sys.stderr) as bar:
            result = consolidate_plans(paths, districts, workers, progress=bar.update, lang=lang)
    else:
        result = consolidate_plans(paths, districts, workers, lang=lang)
    write_atomic(output, lambda tmp: write_city_workbook(result, tmp, lang))
    if csv_path:
        from .csvsafe import guard_frame

        rows = result.measures if raw_csv else guard_frame(result.measures)
        write_atomic(csv_path, lambda tmp: rows.to_csv(tmp, index=False, encoding="utf-8-sig"))
    if parquet_path:
        write_atomic(parquet_path, lambda tmp: result.measures.to_parquet(tmp, index=False))
    if html_path:
        write_atomic(html_path, lambda tmp: write_html(result, tmp, lang))
    for _, sentence in result.errors:
        click.echo(sentence, err=True)
    n_ok = len(paths) - len(result.errors)
    districts_n = result.areas["district"].nunique()
    click.echo(message("consolidated", lang, plans=count(n_ok, "plan", lang),
                       districts=count(districts_n, "district", lang),
                       measures=count(len(result.measures), "measure", lang), output=output))
    if result.errors:
        sys.exit(EXIT_CRASH if result.crashed else EXIT_BAD_INPUT)


@main.group(cls=_Group)
def template() -> None:
    """Mallen som kontrakt: kontrollera den och jämför versioner."""


@template.command("check")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@_friendly
def template_check(file: Path | None) -> None:
    """Jämför mallfilen med den deklarerade strukturen (template/structure.toml). Slutstatus 1 vid skillnader."""
    from .contract import check
    from .template import template_path

    file = file or template_path()
    lang = _lang()
    lines = check(file, lang=lang)
    for line in lines:
        click.echo(line)
    if lines:
        click.echo(message("template_differs", lang, file=file, differences=count(len(lines), "difference", lang)))
        sys.exit(EXIT_FINDINGS)
    click.echo(message("template_ok", lang, file=file))


@template.command("diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@_friendly
def template_diff(old: Path, new: Path, fmt: str) -> None:
    """Vad som ändrats mellan två mallversioner; brytande eller kompatibelt. Slutstatus 1 om något är brytande."""
    import json

    from .contract import diff_dict, diff_files, diff_markdown

    lang = _lang()
    changes = diff_files(old, new)
    if fmt == "json":
        click.echo(json.dumps(diff_dict(changes), ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        click.echo(diff_markdown(changes, old.name, new.name, lang))
    else:
        for c in changes:
            click.echo(c.line(lang))
        n = sum(c.breaking for c in changes)
        click.echo(message("diff_total", lang, changes=count(len(changes), "change", lang), breaking=n) if changes
                   else message("no_differences", lang))
    if any(c.breaking for c in changes):
        sys.exit(EXIT_FINDINGS)


@main.command()
@click.argument("plan", type=click.Path(path_type=Path))
@click.option("--to", "to", required=True, type=click.Path(path_type=Path), help="Den nya mallen (.xlsx).")
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), default=None,
              help="Skriv den flyttade planen hit (annars skrivs PLAN över).")
@click.option("--check", is_flag=True,
              help="Skriv inget; visa vad som skulle göras. Slutstatus 1 om något behöver ändras.")
@_friendly
def migrate(plan: Path, to: Path, output: Path | None, check: bool) -> None:
    """Flytta en ifylld plan till en ny mallversion (bara kompatibla ändringar)."""
    from .migrate import migrate as run

    lang = _lang()
    result = run(plan, to, output, save=not check, lang=lang)
    for line in result.blockers:
        click.echo(message("migrate_blocker", lang, line=line))
    if result.blockers:
        click.echo(message("migrate_refused", lang, to=to.name,
                           blockers=count(len(result.blockers), "breaking_difference", lang)), err=True)
        sys.exit(EXIT_FINDINGS)
    for line in result.carried:
        click.echo(line)
    for line in result.not_carried:
        click.echo(message("migrate_not_carried", lang, line=line))
    changes = count(len(result.carried), "change", lang)
    if check:
        click.echo(message("migrate_would", lang, plan=plan, to=to.name, changes=changes))
        if result.pending:  # like normalise --check: CI fails while the plan still needs migrating
            sys.exit(EXIT_FINDINGS)
        return
    click.echo(message("migrate_done", lang, plan=plan, to=to.name, changes=changes, target=output or plan))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_friendly
def rules(fmt: str) -> None:
    """Lista reglerna med namn, allvarlighetsgrad och kort beskrivning."""
    import json

    from .rules.catalog import RULES

    lang = _lang()
    if fmt == "json":
        click.echo(json.dumps([{"name": r.name, "severity": r.severity, "scope": r.scope, "summary": r.summary(lang)}
                               for r in RULES.values()], ensure_ascii=False, indent=2))
        return
    width = max(map(len, RULES))
    for r in RULES.values():
        click.echo(f"{r.name:<{width}}  {severity_word(r.severity, lang):<7}  {r.summary(lang)}")


@main.command()
@click.argument("rule")
@_friendly
def explain(rule: str) -> None:
    """Förklara en regel: vad den hittar, varför och vad man gör åt det."""
    from .rules.catalog import RULES

    if rule not in RULES:
        raise PlanError("unknown_rule", rule=rule, where="xlplan explain")
    r = RULES[rule]
    lang = _lang()
    head = message("severity_head", lang)
    click.echo(f"{r.name} ({head}: {severity_word(r.severity, lang)})\n{r.summary(lang)}\n\n{r.explain(lang)}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Adressen servern lyssnar på (0.0.0.0 i en container). / Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port.")
@click.option("--certfile", type=click.Path(path_type=Path), default=None,
              help="TLS-certifikat (PEM), om servern själv ska tala https. / TLS certificate.")
@click.option("--keyfile", type=click.Path(path_type=Path), default=None, help="Certifikatets nyckel. / Its key.")
@click.option("--url", default=None, metavar="https://…",
              help="Tilläggets publika adress, manifestets bas (sätter XLPLAN_ADDIN_URL). / Public base URL.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Antal serverprocesser. / Number of server processes.")
@click.option("--token-file", type=click.Path(path_type=Path), default=None,
              help="Fil med den delade nyckeln som varje anrop ska bära (XLPLAN_ADDIN_TOKEN_FILE). / Shared key.")
@click.option("--manifest", "manifest", type=click.Path(path_type=Path), default=None,
              help="Skriv bara manifestet (med nyckeln, om en sådan är satt) till filen. / Only write the manifest.")
@_friendly
def serve(host: str, port: int, certfile: Path | None, keyfile: Path | None, url: str | None, workers: int,
          token_file: Path | None, manifest: Path | None) -> None:
    """Kör Excel-tilläggets server (pip install 'xlplan[addin]'). / Run the Excel add-in's server."""
    from .serve import ServeOptions
    from .serve import serve as run

    run(ServeOptions(host=host, port=port, certfile=certfile, keyfile=keyfile, url=url, workers=workers,
                     token_file=token_file, manifest=manifest), _lang())



@main.group(cls=_Group)
def followup() -> None:
    """Uppföljningsomgångar: starta en daterad uppföljning i planen. / Follow-up rounds."""


@followup.command("start")
@click.argument("plan", type=click.Path(path_type=Path))
@click.option("--date", "date_text", required=True, metavar="ÅÅÅÅ-MM-DD",
              help="Uppföljningens datum; kolumnen heter Uppföljning ÅÅÅÅ-MM-DD. / The round's date.")
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), default=None,
              help="Skriv resultatet till en ny fil i stället för att ändra PLAN.")
@click.option("--check", is_flag=True, help="Skriv inget; slutstatus 1 om kolumnen saknas.")
@_friendly
def followup_start(plan: Path, date_text: str, output: Path | None, check: bool) -> None:
    """Lägg till kolumnen Uppföljning ÅÅÅÅ-MM-DD på varje områdesflik (sist; en andra körning ändrar inget)."""
    from .followup import later_rounds, round_date, round_header, start_edits
    from .reader import read_plan

    lang = _lang()
    date = round_date(date_text)
    header = round_header(date)
    read = read_plan(plan)
    if not start_edits(read, date):
        click.echo(message("followup_exists", lang, header=header, file=plan))
        return
    later = later_rounds(read, date)
    if later:
        click.echo(message("followup_later", lang, file=plan, later=", ".join(later), header=header))
    _in_place(plan, output, check, lambda p: start_edits(p, date), "followup_started")

if __name__ == "__main__":  # pragma: no cover
    main()
