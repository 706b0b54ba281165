"""One writer per plan, and no write over changes xlplan has not seen.

Two guards, because two kinds of programs change a plan:

- Another xlplan. :func:`write_lock` marks the plan as being written with a
  lock file beside it, ``.~xlplan.NAME#`` (hidden, like LibreOffice's
  ``.~lock.NAME#``), created with O_CREAT|O_EXCL so only one process can make
  it, holding the process id and host name, and held with ``flock`` where the
  system has it. A second xlplan polls for it (with growing pauses, never a
  busy loop) up to ``XLPLAN_LOCK_WAIT`` seconds (default 10) and then refuses
  with one sentence. A lock whose writer is gone is taken over: on this host
  when its process is dead or nobody holds its ``flock``; from another host
  (a shared drive) only when it is older than an hour, as no write takes that
  long. The lock is taken before the command first reads the plan and given up
  after the new file replaced it, so the second writer reads the first one's
  result. Readers (summary, export, validate without --mark) never lock.
- Any other program (Excel saving, a sync client, a colleague's copy). A
  :class:`Fingerprint` of the file is taken before it is first read and
  compared right before the new file replaces it (:func:`ensure_unchanged`);
  a file that changed in between is not overwritten.

The fingerprint is the size and a SHA-256 of the bytes, not (size, mtime,
inode): mtimes are coarse on FAT and SMB shares (a save within the same
second and of the same size would pass), inode numbers are synthetic on
network drives, and a touch or a sync that writes the same bytes back is not
a change that could be lost. Plans are kilobytes to a few megabytes, which
hash in milliseconds.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import PlanError

try:  # POSIX; on Windows the lock is the O_EXCL file alone
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_WAIT_ENV = "XLPLAN_LOCK_WAIT"
DEFAULT_WAIT = 10.0
"""Seconds a second writer waits for the first before it refuses."""

STALE_AGE = 3600.0
"""A lock or temporary file older than this (seconds) has no live writer: no write takes an hour."""

EMPTY_GRACE = 30.0
"""A lock file still without its pid is being created; after this long its creator died in between."""

_MAX_PAUSE = 0.25


# --------------------------------------------------------------------------- fingerprints

@dataclass(frozen=True)
class Fingerprint:
    """What a file held when xlplan read it: its size and a hash of its bytes."""

    size: int
    sha256: str


def fingerprint(path: str | Path) -> Fingerprint | None:
    """The file's fingerprint; None when it cannot be read (the reader then says why in its own sentence)."""
    digest = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
                size += len(block)
    except OSError:
        return None
    return Fingerprint(size, digest.hexdigest())


def ensure_unchanged(path: str | Path, expected: Fingerprint | None) -> None:
    """Refuse (PlanError) when ``path`` no longer holds what it held when it was read."""
    if fingerprint(path) != expected:
        raise PlanError("changed_on_disk", path=str(path))


# --------------------------------------------------------------------------- processes

def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this host (where that cannot be asked: assume it does)."""
    if pid <= 0:
        return False
    if os.name != "posix":  # pragma: no cover - os.kill(pid, 0) would terminate it on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists, owned by someone else (or cannot tell: keep it)
    except OverflowError:
        return False
    return True


# --------------------------------------------------------------------------- the lock

def lock_path(path: str | Path) -> Path:
    """Where the lock of ``path`` lives: beside the file it guards, after symlinks (two links share one lock)."""
    real = Path(os.path.realpath(path))
    return real.with_name(f".~xlplan.{real.name}#")


def wait_seconds(wait: float | None = None) -> float:
    """How long to wait for another writer: ``wait``, else XLPLAN_LOCK_WAIT, else DEFAULT_WAIT."""
    if wait is None:
        try:
            wait = float(os.environ.get(LOCK_WAIT_ENV, DEFAULT_WAIT))
        except ValueError:
            wait = DEFAULT_WAIT
    return max(0.0, wait)


_held = threading.local()  # lock path -> depth, per thread: the CLI and the API it calls lock once


@contextlib.contextmanager
def write_lock(path: str | Path | None, *, wait: float | None = None) -> Iterator[None]:
    """Hold the write lock of ``path`` (None: no lock, for dry runs) for the ``with`` block.

    Re-entrant within a thread. Where no lock file can be made (a missing or
    read-only folder) the block runs unlocked: the write itself fails there
    with its own sentence, and a missing file is still reported as missing.
    """
    if path is None:
        yield
        return
    lock = lock_path(path)
    depths: dict[str, int] = _held.__dict__.setdefault("depths", {})
    key = str(lock)
    if depths.get(key):
        depths[key] += 1
        try:
            yield
        finally:
            depths[key] -= 1
        return
    fd = _acquire(lock, Path(path), wait_seconds(wait))
    depths[key] = 1
    try:
        yield
    finally:
        del depths[key]
        if fd is not None:
            _release(fd, lock)


@dataclass
class _Holder:
    pid: int | None
    host: str
    age: float


def _pause(seconds: float) -> None:
    """Wait between polls (a function of its own so tests can see that a writer waits)."""
    time.sleep(seconds)


def _acquire(lock: Path, shown: Path, wait: float) -> int | None:
    """The lock's descriptor, once this process made the lock file; None when none can be made here."""
    deadline = time.monotonic() + wait
    pause = 0.01
    retries = 100  # bounds the loop even if the lock file keeps vanishing and coming back
    while True:
        try:
            fd = _create(lock)
        except OSError:
            return None
        if fd is not None:
            return fd
        holder = _take_over_if_stale(lock)
        if holder is None and retries > 0:
            retries -= 1
            continue  # gone or taken over: try to make it again at once
        holder = holder or _Holder(None, "", 0.0)
        left = deadline - time.monotonic()
        if left <= 0:
            raise PlanError("busy", path=str(shown), pid=holder.pid if holder.pid else "?",
                            host=holder.host or "?", lock=str(lock))
        _pause(min(pause, left))
        pause = min(pause * 2, _MAX_PAUSE)


def _create(lock: Path) -> int | None:
    """Make the lock file (None: it exists); flock it, then write who holds it."""
    try:
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o666)
    except FileExistsError:
        return None
    try:
        if fcntl is not None:
            with contextlib.suppress(OSError):  # a file system without flock: the O_EXCL file is the lock
                fcntl.flock(fd, fcntl.LOCK_EX)  # blocks only while a waiter looks at the fresh file
        if not _same_file(fd, lock):  # taken for stale in between (cannot happen within EMPTY_GRACE)
            os.close(fd)
            return None
        os.write(fd, json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                 "program": "xlplan"}).encode("utf-8"))
    except BaseException:
        _release(fd, lock)
        raise
    return fd


def _take_over_if_stale(lock: Path) -> _Holder | None:
    """Remove a lock whose writer is gone (None: try again), else say who holds it."""
    try:
        fd = os.open(lock, os.O_RDONLY)
    except FileNotFoundError:
        return None
    except OSError:
        return _Holder(None, "", 0.0)
    try:
        free = _try_flock(fd)
        if free is None:
            return _read_holder(fd)  # a live writer holds it
        if not _same_file(fd, lock):
            return None  # released and made anew meanwhile
        holder = _read_holder(fd)
        if not _is_stale(holder, flock_free=free):
            return holder
        try:
            os.unlink(lock)  # safe: nobody else can hold this file's flock, and its path still names it
        except FileNotFoundError:
            pass
        except OSError:
            return holder  # cannot remove it (a folder, no right to): wait, then say so
        return None
    finally:
        os.close(fd)


def _try_flock(fd: int) -> bool | None:
    """True: flock taken (nobody holds it); None: a live process holds it; False: no flock here."""
    if fcntl is None:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return None
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES):
            return None
        return False  # ENOLCK, EOPNOTSUPP…: the file system does not lock; judge by the content
    return True


def _is_stale(holder: _Holder, *, flock_free: bool) -> bool:
    """Whether the lock's writer is gone (see the module docstring)."""
    if holder.pid is None:
        return holder.age > EMPTY_GRACE  # a creator dies between making and filling it: rare, so wait a while
    if holder.host == socket.gethostname():
        # A live xlplan on this host holds the flock from before it wrote its pid, so a free flock means it
        # is gone even if its pid was reused since.
        return flock_free or not pid_alive(holder.pid) or holder.age > STALE_AGE
    return holder.age > STALE_AGE


def _read_holder(fd: int) -> _Holder:
    age = max(0.0, time.time() - os.fstat(fd).st_mtime)
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = json.loads(os.read(fd, 4096).decode("utf-8"))
        pid = int(data["pid"])
        host = str(data["host"])
    except (OSError, ValueError, KeyError, TypeError):
        return _Holder(None, "", age)
    return _Holder(pid, host, age)


def _same_file(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _release(fd: int, lock: Path) -> None:
    """Remove the lock file (only if it is still ours), then let go of the flock."""
    if os.name == "posix":
        if _same_file(fd, lock):
            with contextlib.suppress(OSError):
                os.unlink(lock)
        os.close(fd)
    else:  # pragma: no cover - Windows cannot remove an open file
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(lock)
