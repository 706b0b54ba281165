"""Hostile and damaged input, part two: the file system (issue 13).

Two writers on one plan, a plan saved by another program while xlplan works,
a symlinked plan, a plan owned by someone else, temporary files left by a
killed xlplan. No test sleeps to synchronise: threads wait on events, child
processes on marker files, always with a bound.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import digest
from xlplan import PlanError, merge_followups
from xlplan.reader import read_plan

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SODERMALM = EXAMPLES / "sodermalm-2025.xlsx"
SKARHOLMEN = EXAMPLES / "skarholmen-2025.xlsx"
CHANGED = "har ändrats på disken sedan xlplan läste den"
BUSY = "ändras just nu av en annan xlplan-körning"
DEAD_PID = 99_999_999  # above any pid_max (2**22): no such process

# A child xlplan that imports everything first, says so (NAME.ready) and starts the command only when the
# test says NAME.go, so two commands really run at the same moment. With PAUSE=1 it also stops inside the save,
# after it opened the plan and before it writes (NAME.paused), until NAME.resume: the test can then run the other
# command in between, the interleaving that loses an update. A second writer that waits for the lock says so once
# (NAME.waiting). Every wait is bounded.
_CHILD = """
import os, runpy, sys, time
folder, name, pause, *args = sys.argv[1:]
import pandas, python_calamine  # noqa: F401,E401
import xlplan.cli, xlplan.reader, xlplan.apply, xlplan.rules, xlplan.validate, xlplan.normalise  # noqa: F401,E401
from xlplan.opc import package

def marker(what):
    return os.path.join(folder, name + "." + what)

def wait_for(what):
    deadline = time.monotonic() + 120
    while not os.path.exists(marker(what)):
        if time.monotonic() > deadline:
            sys.exit(99)
        time.sleep(0.001)

if pause == "1":
    real_save = package.Package.save
    def paused_save(self, *a, **k):
        open(marker("paused"), "w").close()
        wait_for("resume")
        return real_save(self, *a, **k)
    package.Package.save = paused_save
try:
    import xlplan.locking as locking
except ImportError:
    pass
else:
    real_pause = locking._pause
    def pause_and_say(seconds):
        open(marker("waiting"), "w").close()
        real_pause(seconds)
    locking._pause = pause_and_say
open(marker("ready"), "w").close()
wait_for("go")
sys.argv = ["xlplan", *args]
runpy.run_module("xlplan", run_name="__main__")
"""


def _env(**extra: str) -> dict[str, str]:
    """The environment of a child xlplan: this checkout's code, Swedish sentences."""
    env = {k: v for k, v in os.environ.items() if k != "XLPLAN_LOCK_WAIT"}
    env.update(PYTHONPATH=str(ROOT), XLPLAN_LANG="sv", **extra)
    return env


def _wait_for(predicate, what: str, bound: float = 60.0) -> None:
    deadline = time.monotonic() + bound
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.005)


def _marks(path: Path) -> int:
    """How many notes validate --mark left (author xlplan, text starting "xlplan:")."""
    with zipfile.ZipFile(path) as z:
        return sum(z.read(n).decode("utf-8").count(">xlplan:") for n in z.namelist() if n.startswith("xl/comments"))


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp") or p.name.startswith(".~xlplan."))


@pytest.fixture
def plan(tmp_path) -> Path:
    path = tmp_path / "plan.xlsx"
    shutil.copy(SODERMALM, path)
    return path


@pytest.fixture
def other_version(tmp_path, cli) -> bytes:
    """The plan as another writer would leave it (its analysis tab recounted)."""
    path = tmp_path / "other" / "plan.xlsx"
    path.parent.mkdir()
    shutil.copy(SODERMALM, path)
    assert cli("analysis", path)[0] == 0
    return path.read_bytes()


@pytest.fixture
def held(tmp_path):
    """Hold a plan's write lock in another thread (as another xlplan would) until the test ends."""
    from xlplan.locking import write_lock

    stop, threads = threading.Event(), []

    def hold(path: Path) -> None:
        taken = threading.Event()

        def run() -> None:
            with write_lock(path):
                taken.set()
                stop.wait(120)

        t = threading.Thread(target=run, daemon=True)
        t.start()
        assert taken.wait(30)
        threads.append(t)

    yield hold
    stop.set()
    for t in threads:
        t.join(30)


# --------------------------------------------------------------------------- two writers


def _start(folder: Path, name: str, args: list, pause: bool) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", _CHILD, str(folder), name, "1" if pause else "0", *map(str, args)],
                            env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")


def test_two_writers_at_once_never_lose_an_update(tmp_path):
    """normalise and validate --mark as two real processes on one plan: both results end up in the file.

    Three rounds start both at once; two stop one command after it opened the
    plan, run the other to its end, then let the first write (the interleaving
    that lost normalise's changes). Either both succeed (the second waited for
    the first and read its result) or one refuses with its sentence and the
    other's result is there; never a success whose changes are gone.
    """
    for order in ("together", "normalise-inside-mark", "together", "mark-inside-normalise", "together"):
        folder = tmp_path / f"{len(list(tmp_path.iterdir()))}-{order}"
        folder.mkdir()
        _two_writers(folder, order)


def _two_writers(tmp_path: Path, order: str) -> dict:
    from xlplan.apply import apply_edits
    from xlplan.normalise import normalise_edits

    path = tmp_path / "plan.xlsx"
    shutil.copy(SODERMALM, path)
    commands = {"normalise": ["normalise", path], "mark": ["validate", "--mark", path]}
    paused = {"normalise-inside-mark": "mark", "mark-inside-normalise": "normalise"}.get(order)
    procs = {name: _start(tmp_path, name, args, pause=name == paused) for name, args in commands.items()}
    marker = lambda name, what: tmp_path / f"{name}.{what}"  # noqa: E731
    _wait_for(lambda: all(marker(n, "ready").exists() for n in procs), "both children to be ready")
    if paused is None:
        for name in procs:
            marker(name, "go").touch()
    else:
        other = next(n for n in procs if n != paused)
        marker(paused, "go").touch()
        _wait_for(lambda: marker(paused, "paused").exists() or procs[paused].poll() is not None, "the first to open")
        marker(other, "go").touch()
        _wait_for(lambda: marker(other, "waiting").exists() or procs[other].poll() is not None, "the second")
        marker(paused, "resume").touch()
    outcome = {"order": order}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        outcome[name] = (proc.returncode, out + err)
    refused = lambda code, text: code == 2 and (CHANGED in text or BUSY in text)  # noqa: E731
    code, text = outcome["normalise"]
    normalised = code == 0
    assert normalised or refused(code, text), outcome
    code, text = outcome["mark"]
    marked = code == 1 and CHANGED not in text and BUSY not in text  # Södermalm's plan has errors: exit 1
    assert marked or refused(code, text), outcome
    assert normalised or marked, outcome
    plan = read_plan(path)  # sound
    if normalised:  # as normalise --check: nothing left to do
        assert not apply_edits(path, normalise_edits(plan), save=False), ("normalise's changes are gone", outcome)
    if marked:
        assert _marks(path) > 0, ("validate --mark reported success but its marks are gone", outcome)
    assert _leftovers(tmp_path) == [], outcome
    return outcome


def test_a_plan_changed_between_read_and_write_is_not_overwritten(plan, cli):
    """The lost update, deterministically: read, another writer saves, then write the first edits."""
    from xlplan.apply import apply_edits
    from xlplan.normalise import normalise_edits

    first = read_plan(plan)
    edits = normalise_edits(first)
    assert cli("analysis", plan)[0] == 0  # the other writer
    theirs = digest(plan)
    with pytest.raises(PlanError) as exc:
        apply_edits(plan, edits, expect=first.fingerprint)
    assert exc.value.key == "changed_on_disk" and CHANGED in exc.value.message("sv")
    assert "changed on disk since xlplan read it" in exc.value.message("en")
    assert digest(plan) == theirs and _leftovers(plan.parent) == []


def test_the_command_refuses_when_another_program_saves_meanwhile(plan, other_version, cli, monkeypatch):
    """Excel (which ignores xlplan's lock) saves while normalise computes: normalise writes nothing.

    Only the bytes count: a sync client that touches the file (same content,
    new mtime) meanwhile is no lost update, and the write goes on.
    """
    import xlplan.normalise

    real = xlplan.normalise.normalise_edits
    meanwhile = []  # what happens to the file while normalise computes, once

    def and_then(p, **kw):
        edits = real(p, **kw)
        if meanwhile:  # the first call, on the plan as read; the verification pass reads the new file
            meanwhile.pop()()
        return edits

    monkeypatch.setattr(xlplan.normalise, "normalise_edits", and_then)
    meanwhile.append(lambda: plan.write_bytes(other_version))
    code, out, err = cli("normalise", plan)
    assert code == 2 and CHANGED in err and "kör kommandot igen" in err, (out, err)
    assert plan.read_bytes() == other_version and _leftovers(plan.parent) == []

    later = time.time() + 5
    meanwhile.append(lambda: os.utime(plan, (later, later)))
    code, _, err = cli("normalise", plan)  # run again, as the sentence says: now it writes
    assert code == 0, err
    assert plan.read_bytes() != other_version and cli("normalise", "--check", plan)[0] == 0


def test_apply_edits_without_a_fingerprint_guards_from_when_it_opens_the_file(plan, other_version):
    """The Python API is safe by default: a change after apply_edits opened the file is not overwritten."""
    from xlplan.apply import apply_edits
    from xlplan.normalise import normalise_edits

    edits = normalise_edits(read_plan(plan))

    def meanwhile(_tmp: Path) -> None:  # runs after the new file is written, before it would replace the plan
        plan.write_bytes(other_version)

    with pytest.raises(PlanError) as exc:
        apply_edits(plan, edits, verify=meanwhile)
    assert exc.value.key == "changed_on_disk"
    assert plan.read_bytes() == other_version and _leftovers(plan.parent) == []


# --------------------------------------------------------------------------- the lock


def test_a_second_writer_waits_then_refuses_within_the_bound(plan):
    from xlplan.locking import lock_path, write_lock

    before = digest(plan)
    with write_lock(plan):
        assert lock_path(plan).exists()
        holder = json.loads(lock_path(plan).read_text())
        assert holder["pid"] == os.getpid() and holder["host"] == socket.gethostname()
        start = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "xlplan", "analysis", str(plan)],
                              env=_env(XLPLAN_LOCK_WAIT="0.5"), capture_output=True, text=True, encoding="utf-8",
                              timeout=120)
        elapsed = time.monotonic() - start
        assert proc.returncode == 2 and BUSY in proc.stderr, proc.stderr
        assert f"process {os.getpid()} på {socket.gethostname()}" in proc.stderr
        assert str(lock_path(plan)) in proc.stderr  # whom to ask, and what to delete if that run was killed
        assert elapsed >= 0.5
        assert digest(plan) == before

        failed = []

        def second() -> None:  # another thread is another writer: the lock is re-entrant per thread only
            begun = time.monotonic()
            try:
                with write_lock(plan, wait=0.3):
                    pass
            except PlanError as exc:
                failed.append((exc.key, time.monotonic() - begun))

        t = threading.Thread(target=second)
        t.start()
        t.join(30)
        assert failed and failed[0][0] == "busy" and 0.3 <= failed[0][1] < 3.0, failed
    assert not lock_path(plan).exists()


def test_the_second_writer_goes_on_when_the_first_finishes(plan, monkeypatch):
    """validate --mark (API) waits for the lock and then marks the file the first writer left."""
    import xlplan.locking
    from xlplan.locking import write_lock
    from xlplan.validate import validate_paths

    waiting = threading.Event()
    real_pause = xlplan.locking._pause

    def pause(seconds: float) -> None:
        waiting.set()
        real_pause(seconds)

    monkeypatch.setattr(xlplan.locking, "_pause", pause)
    results = []
    with write_lock(plan):
        t = threading.Thread(target=lambda: results.extend(validate_paths([plan], mark=True)))
        t.start()
        assert waiting.wait(30), "the second writer did not wait"
    t.join(120)
    assert results and results[0].error is None, results
    assert _marks(plan) > 0


def _write_lock_file(plan: Path, pid: int, host: str, age: float = 0.0) -> Path:
    from xlplan.locking import lock_path

    lock = lock_path(plan)
    lock.write_text(json.dumps({"pid": pid, "host": host, "program": "xlplan"}))
    if age:
        os.utime(lock, (time.time() - age, time.time() - age))
    return lock


def test_a_stale_lock_of_a_dead_process_is_taken_over(plan, cli, monkeypatch):
    monkeypatch.setenv("XLPLAN_LOCK_WAIT", "0")  # taken over at once, not after waiting
    lock = _write_lock_file(plan, DEAD_PID, socket.gethostname())
    code, _, err = cli("analysis", plan)
    assert code == 0, err
    assert not lock.exists() and _leftovers(plan.parent) == []
    # Nor does a refusal leave a lock behind.
    assert cli("merge", plan, plan.with_name("saknas.xlsx"), "--in-place")[0] == 2
    plan.write_bytes(b"inte en arbetsbok")
    assert cli("normalise", plan)[0] == 2
    assert _leftovers(plan.parent) == []


def test_a_lock_of_this_host_nobody_holds_is_taken_over_even_if_its_pid_lives(plan, cli, monkeypatch):
    """A crashed xlplan's pid may be reused; on this host the free flock tells that its writer is gone."""
    pytest.importorskip("fcntl")
    monkeypatch.setenv("XLPLAN_LOCK_WAIT", "0")
    lock = _write_lock_file(plan, os.getppid(), socket.gethostname())
    code, _, err = cli("analysis", plan)
    assert code == 0, err
    assert not lock.exists()


def test_another_hosts_lock_is_respected_until_it_is_an_hour_old(plan, cli, monkeypatch):
    monkeypatch.setenv("XLPLAN_LOCK_WAIT", "0")
    before = digest(plan)
    lock = _write_lock_file(plan, 4242, "kollegans-dator")
    code, _, err = cli("analysis", plan)
    assert code == 2 and BUSY in err and "process 4242 på kollegans-dator" in err
    assert digest(plan) == before and lock.exists()
    _write_lock_file(plan, 4242, "kollegans-dator", age=2 * 3600)
    code, _, err = cli("analysis", plan)
    assert code == 0, err
    assert not lock.exists()


def test_a_lock_file_without_its_writer_is_waited_for_until_it_is_old(plan, cli, monkeypatch):
    from xlplan.locking import lock_path

    monkeypatch.setenv("XLPLAN_LOCK_WAIT", "0")
    lock = lock_path(plan)
    lock.write_bytes(b"")  # made, not yet filled: its creator is between two system calls
    code, _, err = cli("analysis", plan)
    assert code == 2 and BUSY in err and "process ? på ?" in err
    os.utime(lock, (time.time() - 120, time.time() - 120))
    assert cli("analysis", plan)[0] == 0 and not lock.exists()


def test_every_writer_honours_the_lock_and_readers_ignore_it(tmp_path, plan, cli, held, monkeypatch):
    from xlplan.migrate import migrate
    from xlplan.template import template_path
    from xlplan.validate import validate_paths

    monkeypatch.setenv("XLPLAN_LOCK_WAIT", "0")
    merged = tmp_path / "merged.xlsx"
    shutil.copy(SKARHOLMEN, merged)
    held(plan)
    held(merged)
    before, before_merged = digest(plan), digest(merged)
    for args in (["analysis", plan], ["normalise", plan], ["normalise", SODERMALM, "-o", plan],
                 ["validate", "--mark", plan], ["merge", plan, SODERMALM, "--in-place"],
                 ["merge", SODERMALM, SODERMALM, "-o", merged], ["migrate", plan, "--to", template_path()]):
        code, out, err = cli(*args)
        assert code == 2 and BUSY in out + err, (args, out, err)
    with pytest.raises(PlanError, match=BUSY):
        merge_followups(plan, [SODERMALM], in_place=True)
    with pytest.raises(PlanError, match=BUSY):
        migrate(plan, template_path())
    assert BUSY in validate_paths([plan], mark=True)[0].error
    assert digest(plan) == before and digest(merged) == before_merged
    # Readers and dry runs do not wait for writers.
    for args in (["summary", plan], ["export", plan], ["validate", plan], ["analysis", "--check", plan],
                 ["normalise", "--check", plan], ["migrate", "--check", plan, "--to", template_path()]):
        code, out, err = cli(*args)
        assert code in (0, 1) and BUSY not in out + err, (args, err)
    assert merge_followups(plan, [SODERMALM], save=False) is not None


# --------------------------------------------------------------------------- links, owners, leftovers


def test_a_symlinked_plan_is_written_through_its_link(tmp_path, cli):
    real = tmp_path / "real" / "plan.xlsx"
    real.parent.mkdir()
    shutil.copy(SODERMALM, real)
    link = tmp_path / "links" / "link.xlsx"
    link.parent.mkdir()
    link.symlink_to(os.path.relpath(real, link.parent))
    before = digest(real)
    code, _, err = cli("analysis", link)
    assert code == 0, err
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert digest(real) != before and cli("analysis", "--check", real)[0] == 0
    assert _leftovers(real.parent) == [] and _leftovers(link.parent) == []
    for args in (["normalise", link], ["validate", "--mark", link], ["merge", link, SODERMALM, "--in-place"]):
        code, _, err = cli(*args)
        assert code in (0, 1), (args, err)
        assert link.is_symlink(), args
    assert cli("normalise", "--check", real)[0] == 0 and _marks(real) > 0


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away")
def test_a_plan_keeps_its_owner_and_group(plan, cli):
    os.chown(plan, 1234, 1234)
    plan.chmod(0o640)
    for args in (["analysis", plan], ["normalise", plan], ["validate", "--mark", plan]):
        code, _, err = cli(*args)
        assert code in (0, 1), (args, err)
        st = plan.stat()
        assert (st.st_uid, st.st_gid, st.st_mode & 0o777) == (1234, 1234, 0o640), args


def test_a_writer_that_may_not_give_the_file_away_keeps_its_group(plan, cli, monkeypatch):
    """As a non-root user: chown to the owner is refused, the group is kept, the write goes on."""
    if not hasattr(os, "chown"):
        pytest.skip("no owners here")
    calls = []
    real_chown = os.chown

    def chown(path, uid, gid, **kw):
        calls.append((uid, gid))
        if uid != -1:
            raise PermissionError(1, "Operation not permitted")
        return real_chown(path, uid, gid, **kw)

    if os.geteuid() == 0:
        real_chown(plan, os.getuid(), 4321)
    monkeypatch.setattr(os, "chown", chown)
    code, _, err = cli("analysis", plan)
    assert code == 0, err
    if os.geteuid() == 0:
        assert calls == [(os.getuid(), 4321), (-1, 4321)] and plan.stat().st_gid == 4321


def test_leftovers_of_a_killed_writer_are_removed_and_nothing_else(plan, cli):
    folder = plan.parent
    old = time.time() - 2 * 3600
    dead = folder / f".plan.xlsx.{DEAD_PID}.abc.tmp"  # its writer was killed with SIGKILL
    aged = folder / ".plan.xlsx.k3x_9ab2.tmp"  # an earlier version's name, two hours old
    live = folder / f".plan.xlsx.{os.getppid()}.zz81kq0b.tmp"  # a running writer's, for all we know
    unknown = folder / ".plan.xlsx.keep.tmp"  # not a name xlplan makes
    unknown_old = folder / ".plan.xlsx.keep-this.tmp"
    others = folder / f".andra.xlsx.{DEAD_PID}.abc.tmp"  # another plan's: its own write cleans it
    for p in (dead, aged, live, unknown, unknown_old, others):
        p.write_bytes(b"half a workbook")
    for p in (aged, unknown_old):
        os.utime(p, (old, old))
    code, _, err = cli("analysis", plan)
    assert code == 0, err
    left = {p.name for p in folder.iterdir()}
    assert dead.name not in left and aged.name not in left
    assert {live.name, unknown.name, unknown_old.name, others.name} <= left


def test_the_temporary_file_carries_the_writers_pid(plan):
    """So a later write can tell a killed writer's leftover from a running writer's file."""
    from xlplan import atomic

    seen = []
    with atomic.atomic_path(plan) as tmp:
        seen.append(tmp.name)
        tmp.write_bytes(plan.read_bytes())
    assert re.fullmatch(rf"\.plan\.xlsx\.{os.getpid()}\.[a-z0-9_]+\.tmp", seen[0]), seen
