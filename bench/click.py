"""What one click of the add-in costs: syncs with Excel, bytes each way, the server's time.

    python bench/click.py [--before REV] [--repeat 3]

Runs the add-in's own client (addin/static/js/xlplan-addin.js, unchanged) in
node against the strict Excel stand-in of tests/js and a real uvicorn server
on 127.0.0.1, for the Södermalm example and a 5 × 1,000-row plan: a first and
a second Validera and an Uppdatera analys. Per click it reports

- syncs: ``context.sync()`` calls (each a round trip to Excel; on Excel on the
  web a network round trip), and Excel.run calls;
- the request to and the answer from the server, in bytes;
- the server's time for the request (``addin.app.answer`` in-process on the
  very body the client sent, median of ``--repeat``) and the round trip as
  the client saw it;
- the bytes of the batches exchanged with Excel.

``--before REV`` measures the client and server of an earlier commit the same
way (``git archive``, read only), for a before/after table. That client wrote
the findings table into the one-cell range its action named, which Excel
refuses; the stand-in lets it pass for this measurement only. Results go to
bench/results/click.json.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import big_seed  # noqa: E402
from tests.fixtures import write_plan  # noqa: E402
from tests.seeds import sodermalm  # noqa: E402
from tests.xlwings_payload import workbook_model  # noqa: E402

RUNNER = ROOT / "tests" / "js" / "run-scenarios.js"
CLICKS = [("validate", "Validera, first"), ("validate", "Validera, second"), ("analysis", "Uppdatera analys")]


def plans(folder: Path) -> dict[str, Path]:
    big = big_seed(5000)
    big["ANALYSIS_AS_FILED"] = sodermalm.ANALYSIS_AS_FILED
    return {"example (Södermalm)": ROOT / "examples" / "sodermalm-2025.xlsx",
            "5 × 1,000 rows": write_plan(folder / "big.xlsx", big)}


def serve(source: Path) -> tuple[subprocess.Popen, socket.socket, str]:
    """uvicorn serving ``source``/addin/app.py on a free port; the caller stops it."""
    import httpx

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    env = {**os.environ, "PYTHONPATH": str(source)}
    for key in ("XLPLAN_ADDIN_TOKEN", "XLPLAN_ADDIN_TOKEN_FILE", "XLPLAN_ADDIN_JWKS"):
        env.pop(key, None)
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "addin.app:app", "--fd", str(sock.fileno()),
                             "--log-level", "warning"], cwd=source, env=env, pass_fds=[sock.fileno()],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = "http://127.0.0.1:%d" % sock.getsockname()[1]
    try:  # the socket listens already: the request waits until uvicorn accepts it
        httpx.get(base + "/", timeout=60).raise_for_status()
    except httpx.HTTPError:
        proc.kill()
        raise SystemExit(proc.communicate()[1].decode(errors="replace")) from None
    return proc, sock, base


def stop(proc: subprocess.Popen, sock: socket.socket) -> None:
    from tests.servers import stop_server

    stop_server(proc, sock)


_TIMER = """
import json, statistics, sys, time
from addin.app import answer
job = json.loads(sys.stdin.buffer.read())
body = json.dumps(job["body"]).encode()
times = []
for _ in range(job["repeat"]):
    started = time.perf_counter()
    answer(job["script"], body, job["merges"], None)
    times.append(time.perf_counter() - started)
print(statistics.median(times) * 1000)
"""


def server_ms(body: dict, merges_header: str | None, script: str, repeat: int, source: Path) -> float:
    """The server's own time for one request: parse, check, run, serialise (in a child running ``source``)."""
    job = {"body": body, "merges": merges_header, "script": script, "repeat": repeat}
    done = subprocess.run([sys.executable, "-c", _TIMER], input=json.dumps(job).encode(), capture_output=True,
                          cwd=source, env={**os.environ, "PYTHONPATH": str(source)}, check=True)
    return float(done.stdout.decode().strip().splitlines()[-1])


def measure(source: Path, client: Path, files: dict[str, Path], repeat: int, lenient: bool) -> list[dict]:
    scenarios = [{"name": label, "workbook": workbook_model(path), "sets": {"ExcelApi": "1.18"}, "capture": True,
                  "compact": True, "values": [], "lenient": ["value-size"] if lenient else [],
                  "steps": [{"click": click} for click, _ in CLICKS]} for label, path in files.items()]
    proc, sock, base = serve(source)
    try:
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as spec:
            json.dump(scenarios, spec, ensure_ascii=False)
        done = subprocess.run(["node", str(RUNNER), spec.name, base, str(client)], capture_output=True)
        os.unlink(spec.name)
        if done.returncode:
            raise SystemExit(done.stderr.decode(errors="replace"))
        runs = json.loads(done.stdout)
    finally:
        stop(proc, sock)
    rows = []
    for label in files:
        for (click, name), result in zip(CLICKS, runs[label]["steps"]):
            if "crashed" in result:
                raise SystemExit(f"{label}, {name}: {result['crashed']}")
            request = result["requests"][0]
            script = "validera" if click == "validate" else "uppdatera_analys"
            headers = {k.lower(): v for k, v in request["headers"].items()}
            rows.append({"plan": label, "click": name, "syncs": result["syncs"], "runs": result["runs"],
                         "request_bytes": request["request_bytes"] + len(headers.get("xlplan-merges", "")),
                         "response_bytes": request["response_bytes"],
                         "server_ms": round(server_ms_for(request, headers, script, repeat, source), 1),
                         "round_trip_ms": round(request["ms"], 1),
                         "excel_out_bytes": result["excel_request_bytes"],
                         "excel_in_bytes": result["excel_response_bytes"],
                         "error": (result.get("last_result") or {}).get("error")})
    return rows


def server_ms_for(request: dict, headers: dict, script: str, repeat: int, source: Path) -> float:
    return server_ms(request["body"], headers.get("xlplan-merges"), script, repeat, source)


def checkout(rev: str, folder: Path) -> Path:
    """The add-in and library of ``rev``, unpacked with ``git archive`` (which changes nothing in the repository)."""
    data = subprocess.run(["git", "archive", "--format=tar", rev, "addin", "xlplan", "template"], cwd=ROOT,
                          capture_output=True, check=True).stdout
    target = folder / f"rev-{rev}"
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(target, filter="data")
    return target


def kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB" if n < 10 * 2**20 else f"{n / 2**20:,.1f} MB"


def table(rows: list[dict], title: str) -> None:
    print(title)
    print(f"{'plan':<20} {'click':<18} {'syncs':>6} {'to server':>10} {'from server':>12} {'server':>9} "
          f"{'round trip':>11} {'Excel out/in':>19}")
    for r in rows:
        print(f"{r['plan']:<20} {r['click']:<18} {r['syncs']:>6,} {kb(r['request_bytes']):>10} "
              f"{kb(r['response_bytes']):>12} {r['server_ms']:>7.0f}ms {r['round_trip_ms']:>9.0f}ms "
              f"{kb(r['excel_out_bytes']) + ' / ' + kb(r['excel_in_bytes']):>19}"
              + (f"  ({r['error'][:60]})" if r["error"] else ""))
    print()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", metavar="REV", help="also measure the client and server of this commit")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if shutil.which("node") is None:
        raise SystemExit("bench/click.py runs the add-in's JavaScript: install node")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        files = plans(Path(tmp))
        if args.before:
            old = checkout(args.before, Path(tmp))
            results["before"] = measure(old, old / "addin" / "static" / "js" / "xlplan-addin.js", files,
                                        args.repeat, lenient=True)
            table(results["before"], f"before ({args.before}):")
        results["now"] = measure(ROOT, ROOT / "addin" / "static" / "js" / "xlplan-addin.js", files, args.repeat,
                                 lenient=False)
        table(results["now"], "now:")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "click.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
