"""Real servers started by tests and benchmarks: stopped the same way everywhere."""

from __future__ import annotations

import socket
import subprocess


def stop_server(proc: subprocess.Popen, sock: socket.socket) -> None:
    """Terminate a server process (killed if it does not stop within 10 s) and close its listening socket."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    sock.close()
