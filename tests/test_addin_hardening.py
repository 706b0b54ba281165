"""The add-in's server against hostile and damaged requests (issue 13).

Every malformed payload is a 4xx with one sentence, bodies over the limit are
refused unread, the manifest never trusts the Host header, every answer has
security headers, a forged whole-sheet merge answers at once, and a slow plan
never holds up other requests. The last two run a real uvicorn server on
127.0.0.1 (a subprocess with a memory cap, and a thread), started and stopped
here.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import xlwings as xw
from fastapi.testclient import TestClient
from xlwings.server import script

from addin import custom_scripts
from tests.servers import stop_server
from tests.xlwings_payload import payload_for

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "sodermalm-2025.xlsx"
CALL = "/xlwings/custom-scripts-call/validera"
OFFICE_HOSTS = ("https://*.officeapps.live.com", "https://*.sharepoint.com")


@pytest.fixture(scope="module")
def app():
    from addin.app import app

    return app


@pytest.fixture(scope="module")
def client(app):
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def example():
    return payload_for(EXAMPLE)


def minimal(**changes) -> dict:
    """The smallest payload xlwings' Office.js client sends: one sheet with two rows."""
    payload = {"client": "Office.js", "version": xw.__version__,
               "book": {"name": "plan.xlsx", "active_sheet_index": 0, "selection": "A1"},
               "names": [],
               "sheets": [{"name": "Blad1", "values": [["a", 1], ["b", 2.5]], "pictures": [], "tables": [],
                           "notes": []}]}
    payload.update(changes)
    return payload


def with_sheet(**changes) -> dict:
    payload = minimal()
    payload["sheets"][0].update(changes)
    return payload


def without(key: str) -> dict:
    payload = minimal()
    del payload[key]
    return payload


def post(client, body, headers=None, script="validera"):
    """POST raw bytes, or a dict/list as JSON; Content-Type application/json unless headers say otherwise."""
    headers = {"Content-Type": "application/json", **(headers or {})}
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return client.post(f"/xlwings/custom-scripts-call/{script}", content=content, headers=headers)


def assert_one_sentence(r, status=None):
    text = r.text
    if status is None:
        assert 400 <= r.status_code < 500, (r.status_code, text)
    else:
        assert r.status_code == status, (r.status_code, text)
    assert r.headers["content-type"].startswith("text/plain"), r.headers["content-type"]
    assert "Traceback" not in text and 'File "' not in text
    assert text.strip() and "\n" not in text.strip() and len(text) < 400, text
    assert text.rstrip().endswith((".", "?")), text
    return text


# --------------------------------------------------------------------------- malformed payloads

MERGES = "Xlplan-Merges"
MALFORMED = {
    "not json": (b"{'book': 1", {}),
    "invalid utf-8": (b'{"client": "\xff\xfe"}', {}),
    "nan": (b'{"client": NaN}', {}),
    "huge integer": (b'{"client": ' + b"9" * 5000 + b"}", {}),
    "deep nesting": (b"[" * 100_000 + b"]" * 100_000, {}),
    "a list": ([1, 2, 3], {}),
    "a string": ("workbook", {}),
    "null": (None, {}),
    "no book": (without("book"), {}),
    "no sheets": (without("sheets"), {}),
    "no names": (without("names"), {}),
    "no client": (without("client"), {}),
    "no version": (without("version"), {}),
    "zero sheets": (minimal(sheets=[]), {}),
    "book not an object": (minimal(book=[1]), {}),
    "book without name": (minimal(book={"active_sheet_index": 0, "selection": "A1"}), {}),
    "active sheet out of range": (minimal(book={"name": "p", "active_sheet_index": 7, "selection": "A1"}), {}),
    "active sheet a bool": (minimal(book={"name": "p", "active_sheet_index": True, "selection": "A1"}), {}),
    "names not a list": (minimal(names={"a": 1}), {}),
    "a name not an object": (minimal(names=["x"]), {}),
    "sheets not a list": (minimal(sheets={"name": "Blad1"}), {}),
    "a sheet not an object": (minimal(sheets=["Blad1"]), {}),
    "sheet name not a string": (with_sheet(name=5), {}),
    "sheet name too long": (with_sheet(name="x" * 32), {}),
    "sheet name with a bracket": (with_sheet(name="a[1]"), {}),
    "duplicate sheet": (minimal(sheets=[with_sheet()["sheets"][0], with_sheet(name="BLAD1")["sheets"][0]]), {}),
    "values missing": (minimal(sheets=[{"name": "Blad1", "pictures": [], "tables": []}]), {}),
    "values not a list": (with_sheet(values="a,b"), {}),
    "values 1-D": (with_sheet(values=[1, 2, 3]), {}),
    "values ragged": (with_sheet(values=[["a", "b"], ["c"]]), {}),
    "a cell holding an object": (with_sheet(values=[[{"formula": "=1"}]]), {}),
    "a cell holding a list": (with_sheet(values=[[[1, 2]]]), {}),
    "wider than Excel": (with_sheet(values=[[""] * 16_385]), {}),
    "pictures not a list": (with_sheet(pictures=None), {}),
    "tables missing": (minimal(sheets=[{"name": "Blad1", "values": [[1]], "pictures": []}]), {}),
    "a note without address": (with_sheet(notes=[{"text": "x"}]), {}),
    "other client, other version": (minimal(client="Office Scripts", version="0.1"), {}),
    "merges not json": (minimal(), {MERGES: "{Blad1: [A1:B2]"}),
    "merges a list": (minimal(), {MERGES: '["A1:B2"]'}),
    "merges areas not a list": (minimal(), {MERGES: '{"Blad1": "A1:B2"}'}),
    "merges area not a string": (minimal(), {MERGES: '{"Blad1": [[0, 0, 1, 1]]}'}),
    "merge not a range": (minimal(), {MERGES: '{"Blad1": ["hello"]}'}),
    "merge beyond column XFD": (minimal(), {MERGES: '{"Blad1": ["A1:XFE2"]}'}),
    "merge beyond row 1048576": (minimal(), {MERGES: '{"Blad1": ["A1:B1048577"]}'}),
    "merge at row 0": (minimal(), {MERGES: '{"Blad1": ["A0:B2"]}'}),
    "empty body": (b"", {}),
    "whitespace body": (b"  \n ", {}),
    "wrong content type": (minimal(), {"Content-Type": "text/plain"}),
    "form content type": (minimal(), {"Content-Type": "application/x-www-form-urlencoded"}),
    "content length not a number": (minimal(), {"Content-Length": "twelve"}),
    "content length a superscript": (minimal(), {"Content-Length": "\u00b2".encode("latin-1")}),
    "content length of 5000 digits": (minimal(), {"Content-Length": "9" * 5000}),
}


HANGS = {  # on an unguarded server these hang or exhaust memory: tried on the capped real server below
    "used range beyond the values": (with_sheet(used_range_address="A1:XFD1048576"), {}),
    "overlapping merges": (minimal(), {MERGES: json.dumps({"Blad1": ["A1:XFD1048576"] * 3})}),
}


@pytest.mark.parametrize("kind", MALFORMED)
def test_a_malformed_request_is_a_4xx_with_one_sentence(client, kind):
    body, headers = MALFORMED[kind]
    assert_one_sentence(post(client, body, headers))


def test_an_unknown_script_is_a_404_with_one_sentence(client):
    assert_one_sentence(post(client, minimal(), script="format_c"), 404)
    text = assert_one_sentence(post(client, minimal(), script="x%0Ay" + "y" * 500), 404)
    assert "y" * 50 not in text  # the name is shown short, its line break as "?"


def test_request_text_in_a_sentence_stays_on_one_short_line(client):
    header = json.dumps({"Blad1": ["A1:\n" + "B" * 500]})
    text = assert_one_sentence(post(client, minimal(), {MERGES: header}), 400)
    assert "A1:?B" in text and "B" * 50 not in text


def test_the_sentence_is_swedish_by_default_and_english_on_request(client):
    sv = assert_one_sentence(post(client, without("sheets")), 422)
    en = assert_one_sentence(post(client, without("sheets"), {"Xlplan-Language": "en"}), 422)
    assert "saknar fältet sheets" in sv and "lacks the field sheets" in en


def test_the_smallest_well_formed_payload_is_answered(client):
    r = post(client, minimal(), {MERGES: json.dumps({"Blad1": ["A1:B1"], "Not a sheet": ["A1:C3"]})})
    assert r.status_code == 200, r.text
    assert any(a["func"] == "alert" for a in r.json()["actions"])


def test_a_plan_error_is_a_422_with_its_sentence(client, monkeypatch):
    from xlplan.errors import PlanError

    @script
    def validera(book: xw.Book):
        raise PlanError("missing", path="plan.xlsx")

    monkeypatch.setattr(custom_scripts, "validera", validera)
    sv = assert_one_sentence(post(client, minimal()), 422)
    en = assert_one_sentence(post(client, minimal(), {"Xlplan-Language": "en"}), 422)
    assert "Filen plan.xlsx finns inte" in sv and "The file plan.xlsx does not exist" in en


def test_a_bug_is_a_500_with_a_generic_sentence_and_a_log_entry(client, monkeypatch, caplog):
    @script
    def validera(book: xw.Book):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(custom_scripts, "validera", validera)
    with caplog.at_level(logging.ERROR, logger="xlplan.addin"):
        r = post(client, minimal())
    text = assert_one_sentence(r, 500)
    assert "oväntat fel" in text and "secret internals" not in text
    assert "RuntimeError: secret internals" in caplog.text


# --------------------------------------------------------------------------- the size limit


def test_a_declared_body_over_the_limit_is_refused_unread(client, app):
    limit = app.state.max_bytes
    r = client.post(CALL, content=b"{}", headers={"Content-Type": "application/json",
                                                  "Content-Length": str(limit + 1)})
    text = assert_one_sentence(r, 413)
    assert f"{limit / 2**20:g} MB" in text


def test_a_body_over_the_limit_is_refused():
    from addin.app import create_app

    small = TestClient(create_app(max_bytes=1000), raise_server_exceptions=False)
    body = json.dumps(minimal(names=[{"name": "x" * 100}] * 20)).encode()
    assert len(body) > 1000
    assert_one_sentence(post(small, body), 413)
    assert post(small, minimal()).status_code == 200  # under the limit: answered


def test_a_streamed_body_is_cut_off_at_the_limit():
    """A chunked body (no Content-Length) is counted while it streams and never read past the limit."""
    import anyio

    from addin.app import BodyLimit

    reached = []

    async def app(scope, receive, send):  # reads everything, as request.body() does
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"read it all"})

    chunks = {"n": 0}

    async def receive():
        chunks["n"] += 1
        assert chunks["n"] < 10_000, "the middleware kept reading"
        return {"type": "http.request", "body": b"x" * 1024, "more_body": True}

    async def send(message):
        reached.append(message)

    scope = {"type": "http", "method": "POST", "path": CALL, "headers": [(b"transfer-encoding", b"chunked")]}
    anyio.run(BodyLimit(app, max_bytes=64 * 1024), scope, receive, send)
    assert reached[0]["status"] == 413 and chunks["n"] == 65
    assert b"read it all" not in b"".join(m.get("body", b"") for m in reached)


def test_the_default_limit_leaves_room_for_a_big_plan(tmp_path):
    """A 5 sheets x 1,000 rows plan's payload is far below the default limit."""
    from addin.app import DEFAULT_MAX_BYTES
    from bench.common import big_seed
    from tests.fixtures import write_plan

    payload, merges = payload_for(write_plan(tmp_path / "big.xlsx", big_seed(5000)))
    size = len(json.dumps(payload, ensure_ascii=False).encode())
    assert 1_000_000 < size < DEFAULT_MAX_BYTES / 4, size


# --------------------------------------------------------------------------- base URL and headers


def test_the_manifest_never_takes_its_urls_from_the_host_header(client, monkeypatch):
    monkeypatch.delenv("XLPLAN_ADDIN_URL", raising=False)
    for path in ("/manifest.xml", "/taskpane.html"):
        r = client.get(path, headers={"Host": "evil.example"})
        assert r.status_code == 200 and "evil.example" not in r.text
        assert "https://localhost:8000/" in r.text
    monkeypatch.setenv("XLPLAN_ADDIN_URL", "https://xlplan.example.se/")
    r = client.get("/manifest.xml", headers={"Host": "evil.example"})
    assert "https://xlplan.example.se/taskpane.html" in r.text and "evil.example" not in r.text
    assert "https://xlplan.example.se" in r.headers["content-security-policy"]


def alert_script_hash() -> str:
    html = (ROOT / "addin" / "templates" / "alert.html").read_text(encoding="utf-8")
    body = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def directives(csp: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in csp.split(";")) if d}


@pytest.mark.parametrize("path", ["/", "/manifest.xml", "/taskpane.html", "/xlwings/alert?prompt=x",
                                  "/static/js/xlplan-addin.js", "/no-such-page", "call", "call-refused",
                                  "call-too-large"])
def test_every_answer_carries_security_headers(client, path, monkeypatch):
    monkeypatch.delenv("XLPLAN_ADDIN_FRAME_ANCESTORS", raising=False)
    if path == "call":
        r = post(client, minimal())
    elif path == "call-refused":
        r = post(client, b"not json")
    elif path == "call-too-large":
        r = client.post(CALL, content=b"{}", headers={"Content-Length": str(10**12)})
    else:
        r = client.get(path)
    h = r.headers
    assert h["x-content-type-options"] == "nosniff"
    assert h["referrer-policy"] == "no-referrer"
    assert h["strict-transport-security"].startswith("max-age=")
    assert "x-frame-options" not in h  # Office shows the task pane in an iframe
    csp = directives(h["content-security-policy"])
    assert "'none'" not in csp["frame-ancestors"] and all(o in csp["frame-ancestors"] for o in OFFICE_HOSTS)
    assert "https://appsforoffice.microsoft.com" in csp["script-src"]
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert alert_script_hash() in csp["script-src"]
    assert csp["object-src"] == ["'none'"] and csp["default-src"] == ["'self'"]
    if path.startswith("call"):
        assert h["cache-control"] == "no-store"


def test_frame_ancestors_can_be_set_for_an_office_online_server(client, monkeypatch):
    monkeypatch.setenv("XLPLAN_ADDIN_FRAME_ANCESTORS", "'self' https://oos.stad.example")
    csp = directives(client.get("/").headers["content-security-policy"])
    assert csp["frame-ancestors"] == ["'self'", "https://oos.stad.example"]


# --------------------------------------------------------------------------- merged areas


def test_merges_are_clipped_to_the_values():
    from addin.app import parse_merges

    payload = with_sheet(values=[["a", "b", "c"]] * 60)
    header = json.dumps({"Blad1": ["A1:XFD1048576", "$B$70:$C$80"], "Gone": ["A1:B2"]})
    with pytest.raises(Exception):  # the whole sheet and a second area overlap...
        parse_merges(json.dumps({"Blad1": ["A1:XFD1048576", "B2:C3"]}), payload)
    assert parse_merges(header, payload) == {"Blad1": ["A1:C60"]}  # ...a range past the values is no merge
    assert parse_merges(json.dumps({"Blad1": ["'Blad1'!C3:A2", "B5"]}), payload) == {"Blad1": ["A2:C3"]}
    assert parse_merges(None, payload) is None and parse_merges("{}", payload) == {}


# --------------------------------------------------------------------------- off the event loop


def test_scripts_run_in_a_worker_thread_with_their_own_context(client, monkeypatch):
    seen = []

    @script
    def validera(book: xw.Book):
        seen.append((threading.current_thread().name, custom_scripts.merges.get(), custom_scripts.language.get()))

    monkeypatch.setattr(custom_scripts, "validera", validera)
    assert post(client, minimal(), {MERGES: '{"Blad1": ["A1:B2"]}', "Xlplan-Language": "en"}).status_code == 200
    assert post(client, minimal()).status_code == 200
    (thread, merges, lang), (_, merges2, lang2) = seen
    assert thread.startswith("xlplan-script") and merges == {"Blad1": ["A1:B2"]} and lang == "en"
    assert merges2 is None and lang2 is None  # nothing leaks into the next request


def test_merges_of_a_sheet_with_a_swedish_name_arrive_as_latin_1_or_utf_8(client, monkeypatch):
    seen = []

    @script
    def validera(book: xw.Book):
        seen.append(custom_scripts.merges.get())

    monkeypatch.setattr(custom_scripts, "validera", validera)
    payload = with_sheet(name="Särskilt", values=[["a", "b"]] * 3, used_range_address="A1:B3")
    header = json.dumps({"Särskilt": ["A1:B2"]}, ensure_ascii=False)
    for encoding in ("latin-1", "utf-8"):  # a browser sends Latin-1 bytes, other clients may send UTF-8
        assert post(client, payload, {MERGES: header.encode(encoding)}).status_code == 200
    assert seen == [{"Särskilt": ["A1:B2"]}] * 2


def test_a_full_queue_answers_busy_without_reading_the_body():
    from addin.app import ScriptPool, create_app

    app = create_app(workers=1)
    app.state.pool = ScriptPool(1, 0)
    assert app.state.pool.reserve()  # the one slot is taken
    busy = TestClient(app, raise_server_exceptions=False)
    r = post(busy, minimal())
    assert_one_sentence(r, 503)
    assert r.headers["retry-after"]
    app.state.pool.release()
    assert post(busy, minimal()).status_code == 200


# --------------------------------------------------------------------------- a real server


def _uvicorn():
    try:
        import uvicorn
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("uvicorn is needed on CI to test the add-in's server for real")
        pytest.skip("uvicorn not installed")
    return uvicorn


def _listening_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    return sock


def _wait_until_up(base: str, proc: subprocess.Popen | None = None, seconds: float = 60) -> None:
    import httpx

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the server exited: {proc.stderr.read().decode(errors='replace')}")
        try:
            if httpx.get(base + "/", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)  # polling a port that is not listening yet: no event to wait on
    raise AssertionError("the server did not come up")


def _cap_memory() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (6 * 2**30, 6 * 2**30))


@pytest.fixture(scope="module")
def server_process():
    """uvicorn serving addin.app:app in a subprocess, capped at 6 GB so a regression cannot take the machine."""
    _uvicorn()
    sock = _listening_socket()
    env = {**os.environ, "XLWINGS_LICENSE_KEY": "noncommercial", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "addin.app:app", "--fd", str(sock.fileno()),
                             "--log-level", "warning"], cwd=ROOT, env=env, pass_fds=[sock.fileno()],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            preexec_fn=_cap_memory if sys.platform == "linux" else None)
    base = "http://127.0.0.1:%d" % sock.getsockname()[1]
    try:
        _wait_until_up(base, proc)
        yield base
    finally:
        stop_server(proc, sock)


def test_a_whole_sheet_merge_answers_quickly_from_a_real_server(server_process, example, record_property):
    import httpx

    payload, merges = example
    sheet = payload["sheets"][1]["name"]
    headers = {MERGES: json.dumps({**merges, sheet: ["A1:XFD1048576"]}), "Content-Type": "application/json"}
    started = time.monotonic()
    r = httpx.post(server_process + CALL, content=json.dumps(payload).encode(), headers=headers, timeout=120)
    elapsed = time.monotonic() - started
    record_property("whole_sheet_merge_seconds", round(elapsed, 3))
    print(f"whole-sheet merge answered in {elapsed:.3f} s")
    assert r.status_code == 200 and r.json()["actions"]
    assert httpx.get(server_process + "/", timeout=10).json() == {"status": "ok"}  # and the server lives on


def test_a_real_server_refuses_a_1_gb_body_without_waiting_for_it(server_process):
    """Only the head and two bytes are sent: the 413 comes back at once, the gigabyte is never awaited."""
    host, port = server_process.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as conn:
        conn.sendall(b"POST " + CALL.encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 1000000000\r\n\r\n{}")
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = conn.recv(4096)
            assert chunk, "the server closed without answering"
            head += chunk
    assert head.startswith(b"HTTP/1.1 413"), head[:200]
    assert b"content-security-policy" in head.lower()


@pytest.mark.parametrize("kind", HANGS)
def test_a_request_that_would_hang_is_a_4xx_from_a_real_server(server_process, kind):
    import httpx

    body, headers = HANGS[kind]
    r = httpx.post(server_process + CALL, json=body, headers=headers, timeout=60)
    assert_one_sentence(r)


def test_a_slow_plan_does_not_delay_other_requests(monkeypatch):
    """One script call blocks on an event; the health check answers meanwhile; then the call is released."""
    import concurrent.futures

    import httpx

    uvicorn = _uvicorn()
    from addin.app import app

    entered, release = threading.Event(), threading.Event()

    @script
    def validera(book: xw.Book):
        entered.set()
        assert release.wait(60), "never released"

    monkeypatch.setattr(custom_scripts, "validera", validera)
    sock = _listening_socket()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    base = "http://127.0.0.1:%d" % sock.getsockname()[1]
    pool = concurrent.futures.ThreadPoolExecutor(1)
    try:
        _wait_until_up(base)
        slow = pool.submit(httpx.post, base + CALL, json=minimal(), timeout=60)
        assert entered.wait(30), "the slow call never started"
        health = httpx.get(base + "/", timeout=10)
        assert health.json() == {"status": "ok"} and not slow.done()
        release.set()
        assert slow.result(timeout=60).status_code == 200
    finally:
        release.set()
        server.should_exit = True
        thread.join(30)
        pool.shutdown(wait=True)
        sock.close()


def test_large_answers_are_compressed_for_clients_that_accept_it(client):
    """Office's browsers accept gzip: a large plan's answer travels as a fraction of its size."""
    payload, merges = payload_for(ROOT / "examples" / "sodermalm-2025.xlsx")
    body = {**payload, "xlplan": {"merges": merges, "lang": "sv", "notes_supported": True}}
    answer = client.post("/xlwings/custom-scripts-call/validera", json=body, headers={"Accept-Encoding": "gzip"})
    assert answer.status_code == 200 and answer.headers.get("content-encoding") == "gzip"
    assert answer.headers.get("x-content-type-options") == "nosniff"  # still carries the security headers
    assert int(answer.headers["content-length"]) < len(answer.content) / 3
    plain = client.post("/xlwings/custom-scripts-call/validera", json=body, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.json() == answer.json()
