"""Start one measured command and report its wall time, exit code and peak RSS.

    python bench/launch.py OUT ERR -- CMD ...   # prints "SECONDS EXITCODE MAXRSS_KB"

Why a launcher: on Linux a child started with vfork/fork (subprocess,
posix_spawn) carries into its ``ru_maxrss`` the resident memory of the process
it was started from, as it was at the exec. bench/run.py imports a little and
holds results; this process imports only ``os``, ``sys`` and ``time``, so what
it passes on is no more than a bare interpreter's, which nothing measured
can be below anyway. The time is taken here, around the command alone,
without this launcher's own start-up.
"""

import os
import sys
import time

out, err, sep, *cmd = sys.argv[1:]
assert sep == "--" and cmd, __doc__
flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
fo, fe = os.open(out, flags, 0o644), os.open(err, flags, 0o644)
actions = [(os.POSIX_SPAWN_DUP2, fo, 1), (os.POSIX_SPAWN_DUP2, fe, 2)]
t0 = time.perf_counter()
pid = os.posix_spawnp(cmd[0], cmd, os.environ, file_actions=actions)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - t0
maxrss_kb = usage.ru_maxrss // (1024 if sys.platform == "darwin" else 1)  # bytes on macOS, KiB on Linux
sys.stdout.write(f"{seconds!r} {os.waitstatus_to_exitcode(status)} {maxrss_kb}\n")
