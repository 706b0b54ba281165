"""The add-in's server: xlwings Server's endpoints for xlplan's two scripts.

    XLWINGS_LICENSE_KEY=noncommercial uvicorn addin.app:app --host 127.0.0.1 --port 8000 \
        --ssl-keyfile certs/key.pem --ssl-certfile certs/cert.pem

It speaks xlwings Server's protocol (POST /xlwings/custom-scripts-call/{name}
with the workbook's values, answered with xlwings actions) and serves the
Office add-in: the manifest, the task pane, the ribbon's function file and
the JavaScript client that builds the payload and carries out the actions.
Nothing is loaded from elsewhere but Microsoft's office.js, which every
Office add-in uses.

Hostile or damaged requests are the server's own business, because one
request can otherwise stall every user of a shared server:

- bodies over ``XLPLAN_ADDIN_MAX_BYTES`` (default 20 MiB; a 5 × 1,000-row plan
  is about 4 MB) are refused with 413 before they are read into memory;
- the payload's shape is checked before xlwings sees it, and the merged
  areas (``xlplan.merges`` in the body; the header ``Xlplan-Merges`` of
  earlier clients is still read) are checked and clipped to the values sent,
  so every refusal is a 4xx with one sentence (Swedish, or English when
  ``Xlplan-Language`` says so) and a 500 only ever means a bug;
- the scripts run in a few worker threads (``XLPLAN_ADDIN_WORKERS``, default
  the CPU count), never on the event loop, and a full queue answers 503;
- the manifest and task pane take their address from ``XLPLAN_ADDIN_URL``
  (default ``https://localhost:8000``), never from the request's Host header;
- every answer carries security headers (CSP, HSTS, nosniff, no referrer);
- with ``XLPLAN_ADDIN_TOKEN`` (or ``XLPLAN_ADDIN_TOKEN_FILE``) or ``XLPLAN_ADDIN_JWKS`` set, a script
  call must carry ``Authorization: Bearer`` with the shared secret or an Entra ID token (401 otherwise);
  the manifest, icons, task pane and health check stay public.
"""

from __future__ import annotations

import asyncio
import base64
import contextvars
import hashlib
import hmac
import json
import logging
import math
import os
import re
import threading
from collections.abc import Awaitable, Callable, Coroutine, Iterable, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from html import escape
from pathlib import Path
from string import Template
from typing import Any, TypeVar

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # PolyForm Noncommercial: covers public authorities

import xlwings as xw  # noqa: E402
import xlwings.server  # noqa: E402
from starlette.middleware.gzip import GZipMiddleware  # noqa: E402
from fastapi import FastAPI, Request  # noqa: E402
from fastapi.responses import HTMLResponse, PlainTextResponse, Response  # noqa: E402
from fastapi.staticfiles import StaticFiles  # noqa: E402
from starlette.datastructures import Headers, MutableHeaders  # noqa: E402

from . import custom_scripts  # noqa: E402  (relative: the wheel carries this folder as xlplan._addin)
from xlplan.errors import PlanError  # noqa: E402
from xlplan.messages import language  # noqa: E402
from xlplan.text import cell_address  # noqa: E402

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
log = logging.getLogger("xlplan.addin")

DEFAULT_BASE_URL = "https://localhost:8000"
"""The documented local sideloading address; a deployment sets XLPLAN_ADDIN_URL."""

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""A 5 sheets × 1,000 rows plan's payload is about 4 MB: five times that leaves room for long texts."""

SCRIPT_CALL = "/xlwings/custom-scripts-call/"
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384  # Excel's grid: nothing a real workbook sends lies outside it
QUEUE_PER_WORKER = 8
OFFICE_JS = "https://appsforoffice.microsoft.com"
OFFICE_FRAME_ANCESTORS = ("'self' https://*.officeapps.live.com https://*.office.com https://*.office365.com "
                          "https://*.microsoft.com https://*.cloud.microsoft https://*.sharepoint.com "
                          "https://onedrive.live.com")
"""Where Excel on the web hosts a task pane's iframe; desktop Excel shows it top-level, where this does not apply."""

SENTENCES: dict[str, tuple[str, str]] = {
    "too_large": (
        "Arbetsboken är för stor för servern (högst {mb} MB); dela upp planen eller be administratören höja "
        "XLPLAN_ADDIN_MAX_BYTES.",
        "The workbook is too large for the server (at most {mb} MB); split the plan or ask the administrator to "
        "raise XLPLAN_ADDIN_MAX_BYTES.",
    ),
    "bad_length": (
        "Förfrågans Content-Length är inget heltal, så servern läser den inte.",
        "The request's Content-Length is not a whole number, so the server does not read it.",
    ),
    "busy": (
        "Servern är upptagen med andra planer just nu; försök igen om en stund.",
        "The server is busy with other plans right now; try again in a moment.",
    ),
    "unknown_script": (
        "Skriptet {name} finns inte på servern; uppdatera tillägget.",
        "The script {name} does not exist on the server; update the add-in.",
    ),
    "content_type": (
        "Förfrågan ska skickas som JSON (Content-Type: application/json).",
        "The request must be sent as JSON (Content-Type: application/json).",
    ),
    "empty": (
        "Förfrågan saknar innehåll; tillägget ska skicka arbetsbokens värden.",
        "The request has no body; the add-in must send the workbook's values.",
    ),
    "not_json": (
        "Förfrågan är inte giltig JSON och kan inte läsas.",
        "The request is not valid JSON and cannot be read.",
    ),
    "not_object": (
        "Förfrågan ska vara ett JSON-objekt med arbetsbokens innehåll.",
        "The request must be a JSON object holding the workbook.",
    ),
    "missing": (
        "Förfrågan saknar fältet {field} som xlwings behöver.",
        "The request lacks the field {field} that xlwings needs.",
    ),
    "wrong_type": (
        "Fältet {field} ska vara {kind}.",
        "The field {field} must be {kind}.",
    ),
    "version": (
        "Klientens xlwings-version ({client}) skiljer sig från serverns ({server}); uppdatera tillägget.",
        "The client's xlwings version ({client}) differs from the server's ({server}); update the add-in.",
    ),
    "no_sheets": (
        "Förfrågan innehåller inga flikar.",
        "The request holds no sheets.",
    ),
    "active_sheet": (
        "Fältet book.active_sheet_index pekar inte på någon av de {n} flikarna.",
        "The field book.active_sheet_index points at none of the {n} sheets.",
    ),
    "sheet_name": (
        "Fliknamnet i {field} är inget giltigt Excel-fliknamn (1–31 tecken, inte []:*?/\\).",
        "The sheet name in {field} is not a valid Excel sheet name (1–31 characters, none of []:*?/\\).",
    ),
    "duplicate_sheet": (
        "Fliken {name} förekommer två gånger i förfrågan.",
        "The sheet {name} occurs twice in the request.",
    ),
    "ragged": (
        "Raderna i {field} är olika långa (rad {row} har {got} celler, rad 1 har {want}).",
        "The rows of {field} differ in length (row {row} has {got} cells, row 1 has {want}).",
    ),
    "grid": (
        "Värdena i {field} är större än ett Excel-blad ({rows} rader, {cols} kolumner).",
        "The values in {field} are larger than an Excel sheet ({rows} rows, {cols} columns).",
    ),
    "cell": (
        "Cellen {cell} i {field} innehåller något annat än text, tal eller sanningsvärde.",
        "The cell {cell} in {field} holds something other than text, a number or a truth value.",
    ),
    "used_range": (
        "Fältet {field} är inget område inom de värden som skickades.",
        "The field {field} is not a range within the values sent.",
    ),
    "merges_json": (
        "Huvudet Xlplan-Merges är inte giltig JSON.",
        "The header Xlplan-Merges is not valid JSON.",
    ),
    "merges_shape": (
        "Huvudet Xlplan-Merges ska vara ett objekt med en lista av områden (som \"A1:C2\") per flik.",
        "The header Xlplan-Merges must be an object with a list of ranges (like \"A1:C2\") per sheet.",
    ),
    "merge_range": (
        "Det sammanfogade området {area} på fliken {sheet} är inget område inom ett Excel-blad.",
        "The merged range {area} on the sheet {sheet} is not a range within an Excel sheet.",
    ),
    "merges_body_shape": (
        "Fältet xlplan.merges ska vara ett objekt med en lista av områden (som \"A1:C2\") per flik.",
        "The field xlplan.merges must be an object with a list of ranges (like \"A1:C2\") per sheet.",
    ),
    "merges_overlap": (
        "De sammanfogade områdena på fliken {sheet} överlappar varandra, vilket Excel aldrig skickar.",
        "The merged ranges on the sheet {sheet} overlap, which Excel never sends.",
    ),
    "unauthorized": (
        "Servern tar bara emot anrop med organisationens nyckel eller inloggning; installera tillägget från "
        "organisationens distribution eller kontakta administratören.",
        "The server only accepts calls with the organisation's key or sign-in; install the add-in from the "
        "organisation's deployment or contact the administrator.",
    ),
    "unexpected": (
        "Ett oväntat fel uppstod på servern; det har loggats, försök igen eller kontakta administratören.",
        "An unexpected error occurred on the server; it has been logged, try again or contact the administrator.",
    ),
}

KINDS: dict[type, tuple[str, str]] = {
    str: ("en text", "a string"),
    int: ("ett heltal", "an integer"),
    list: ("en lista", "a list"),
    dict: ("ett objekt", "an object"),
    bool: ("ett sanningsvärde", "true or false"),
}

T = TypeVar("T")
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


# --------------------------------------------------------------------------- sentences


class Refusal(Exception):
    """A request the server will not work on: the status and the sentence that tells the user why."""

    def __init__(self, status: int, key: str, **kwargs: object) -> None:
        super().__init__(key)
        self.status, self.key, self.kwargs = status, key, kwargs

    def sentence(self, lang: str) -> str:
        return sentence(self.key, lang, **self.kwargs)


def sentence(key: str, lang: str, **kwargs: object) -> str:
    """One of SENTENCES in ``lang`` ("sv" or "en"); a type in ``kind`` is named in the same language."""
    sv, en = SENTENCES[key]
    english = lang == "en"
    if isinstance(kwargs.get("kind"), type):
        kwargs["kind"] = KINDS[kwargs["kind"]][english]
    return (en if english else sv).format(**kwargs)


def shown(value: str, limit: int = 40) -> str:
    """A value from the request as it may appear in a sentence: one short line, control characters as "?"."""
    value = "".join(ch if ch.isprintable() else "?" for ch in value[:limit + 1])
    return value if len(value) <= limit else value[:limit - 1] + "…"


def request_language(headers: Headers) -> str:
    """The user's language: the add-in sends Office's in Xlplan-Language; Swedish otherwise."""
    return language(headers.get("xlplan-language"))


# --------------------------------------------------------------------------- addresses and templates


def base_url() -> str:
    """The public https address of this server, never taken from the request (its Host header is the sender's).

    XLPLAN_ADDIN_URL wins (a deployment must set it); without it the documented
    local sideloading address, so a forged Host header cannot point the
    manifest's or task pane's URLs at another server.
    """
    return (os.environ.get("XLPLAN_ADDIN_URL") or DEFAULT_BASE_URL).rstrip("/")


def render(name: str, **values: str) -> str:
    return Template((TEMPLATES / name).read_text(encoding="utf-8")).substitute(**values)


def env_int(name: str, default: int) -> int:
    """A positive whole number from the environment; a typo stops the server at start, not at the first request."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise ValueError(f"{name}={raw!r}: give a positive whole number")
    return value


# --------------------------------------------------------------------------- security headers


def inline_script_hashes() -> list[str]:
    """CSP hashes of the templates' inline scripts (the alert dialog's one line), so no 'unsafe-inline' is needed."""
    out = []
    for path in sorted(TEMPLATES.glob("*.html")):
        for body in re.findall(r"<script>(.*?)</script>", path.read_text(encoding="utf-8"), re.S):
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            out.append(f"'sha256-{digest}'")
    return out


@lru_cache(maxsize=8)
def content_security_policy(base: str, frame_ancestors: str) -> str:
    """What the task pane may load: itself, office.js and what office.js pulls in, nothing else.

    Styles allow 'unsafe-inline' because office.js (excel-web-16.00.js) sets
    inline styles and the alert dialog has a <style> block; scripts do not.
    frame-ancestors names Office's hosts instead of 'none': Excel on the web
    shows the task pane in an iframe.
    """
    origin = re.match(r"^[a-z]+://[^/]+", base)
    own = "'self'" + (f" {origin.group(0)}" if origin else "")
    directives = [
        "default-src 'self'",
        f"script-src {own} {OFFICE_JS} https://ajax.aspnetcdn.com {' '.join(inline_script_hashes())}",
        f"style-src {own} 'unsafe-inline'",
        f"img-src {own} data:",
        f"connect-src {own} {OFFICE_JS} https://browser.pipe.aria.microsoft.com",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        f"frame-ancestors {frame_ancestors}",
    ]
    return "; ".join(d.strip() for d in directives)


def security_headers(path: str) -> dict[str, str]:
    """Headers every answer carries; script-call answers (a plan's contents) are never stored by a cache."""
    headers = {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Strict-Transport-Security": "max-age=31536000",
        "Content-Security-Policy": content_security_policy(
            base_url(), os.environ.get("XLPLAN_ADDIN_FRAME_ANCESTORS") or OFFICE_FRAME_ANCESTORS),
    }
    if path.startswith(SCRIPT_CALL):
        headers["Cache-Control"] = "no-store"
    return headers


class SecurityHeaders:
    """Pure ASGI middleware: adds security_headers() to every response, whoever wrote it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = security_headers(scope.get("path", ""))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in extra.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


# --------------------------------------------------------------------------- the size limit


class _TooLarge(Exception):
    """Raised from receive() once a streamed body passes the limit; BodyLimit answers 413."""


async def send_sentence(send: Send, status: int, text: str, headers: Iterable[tuple[str, str]] = ()) -> None:
    """A whole plain-text answer straight over ASGI (for refusals made before the app runs)."""
    body = text.encode("utf-8")
    raw = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


_DIGITS = re.compile(r"[0-9]+")


def declared_size(value: str) -> int | None:
    """A Content-Length as a number, None if it is none; a 19-digit or longer one counts as "too large" unparsed."""
    value = value.strip()
    if not _DIGITS.fullmatch(value):
        return None
    return int(value) if len(value) <= 18 else 10**18


class BodyLimit:
    """Pure ASGI middleware: a body over ``max_bytes`` is answered 413 and never read whole.

    A declared Content-Length is judged before a byte is read; a chunked body is
    counted as it streams in and cut off at the limit, and whatever the app
    tried to answer to the cut body is replaced by the 413.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    def _refuse(self, send: Send, headers: Headers) -> Awaitable[None]:
        mb = round(self.max_bytes / (1024 * 1024), 1)
        text = sentence("too_large", request_language(headers), mb=f"{mb:g}")
        return send_sentence(send, 413, text, [("connection", "close")])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        declared = headers.get("content-length")
        if declared is not None:
            size = declared_size(declared)
            if size is None:
                await send_sentence(send, 400, sentence("bad_length", request_language(headers)))
                return
            if size > self.max_bytes:
                await self._refuse(send, headers)
                return
        state = {"read": 0, "over": False, "started": False}

        async def counted_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                state["read"] += len(message.get("body", b""))
                if state["read"] > self.max_bytes:
                    state["over"] = True
                    raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            if state["over"]:
                return
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except Exception:
            if not state["over"]:
                raise
        if state["over"] and not state["started"]:
            await self._refuse(send, headers)


# --------------------------------------------------------------------------- who may call


TOKEN_ALPHABET = re.compile(r"[A-Za-z0-9._~+/-]{16,}=*")
"""RFC 6750's b64token, at least 16 characters: what fits an Authorization header (and, quoted, a URL)."""

JWT_LEEWAY_SECONDS = 60


def configured_token() -> str | None:
    """The shared secret, from XLPLAN_ADDIN_TOKEN or the file XLPLAN_ADDIN_TOKEN_FILE names; None: no secret.

    A file keeps the secret out of the environment (which ``docker inspect``
    and /proc show); either way a bad value stops the server at start.
    """
    token = os.environ.get("XLPLAN_ADDIN_TOKEN", "").strip()
    path = os.environ.get("XLPLAN_ADDIN_TOKEN_FILE", "").strip()
    if token and path:
        raise ValueError("set XLPLAN_ADDIN_TOKEN or XLPLAN_ADDIN_TOKEN_FILE, not both")
    if path:
        try:
            token = Path(path).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"XLPLAN_ADDIN_TOKEN_FILE={path!r} cannot be read ({exc})") from None
    if not token:
        if path:
            raise ValueError(f"XLPLAN_ADDIN_TOKEN_FILE={path!r} is empty")
        return None
    if not TOKEN_ALPHABET.fullmatch(token):
        raise ValueError("the add-in token must be at least 16 characters of A-Z a-z 0-9 - . _ ~ + / "
                         "(make one with: python -c \"import secrets; print(secrets.token_urlsafe(32))\")")
    return token


def _csv_env(name: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, "").split(",") if part.strip()]


class EntraTokens:
    """Microsoft Entra ID access tokens (Office SSO) checked against a JWKS file, offline.

    The keys come from a file, not from Microsoft at run time, so the server
    needs no network; the file is read again whenever it changes, so a job
    that refreshes it (Entra rotates its keys every few weeks) needs no
    restart. Only RS256, and issuer, audience and expiry must all match.
    """

    def __init__(self, path: Path, issuers: list[str], audiences: list[str]) -> None:
        try:
            import jwt  # PyJWT, the [entra] extra
        except ImportError:
            raise ValueError("XLPLAN_ADDIN_JWKS needs PyJWT: pip install 'xlplan[entra]'") from None
        if not issuers or not audiences:
            raise ValueError("XLPLAN_ADDIN_JWKS needs XLPLAN_ADDIN_JWT_ISSUER and XLPLAN_ADDIN_JWT_AUDIENCE too")
        self.jwt, self.path, self.issuers, self.audiences = jwt, path, issuers, audiences
        self._stamp: tuple[int, int] | None = None
        self._keys: dict[str, Any] = {}
        self.keys()  # a missing or broken file stops the server at start

    def keys(self) -> dict[str, Any]:
        """Signing keys by key id, read again when the file's size or time changed."""
        try:
            stat = self.path.stat()
            if (stat.st_mtime_ns, stat.st_size) != self._stamp:
                keyset = self.jwt.PyJWKSet.from_dict(json.loads(self.path.read_text(encoding="utf-8")))
                self._keys = {key.key_id: key for key in keyset.keys if key.key_id}
                self._stamp = (stat.st_mtime_ns, stat.st_size)
        except (OSError, ValueError, self.jwt.PyJWTError) as exc:
            if self._stamp is None:
                raise ValueError(f"XLPLAN_ADDIN_JWKS={str(self.path)!r} holds no usable keys ({exc})") from None
            log.warning("JWKS file %s unreadable, keeping the keys read before: %s", self.path, exc)
        return self._keys

    def accepts(self, token: str) -> bool:
        jwt = self.jwt
        try:
            kid = jwt.get_unverified_header(token).get("kid")
            key = self.keys().get(kid) if isinstance(kid, str) else None
            if key is None:
                return False
            jwt.decode(token, key.key, algorithms=["RS256"], audience=self.audiences, issuer=self.issuers,
                       leeway=JWT_LEEWAY_SECONDS, options={"require": ["exp", "iss", "aud"]})
            return True
        except jwt.PyJWTError as exc:
            log.info("Entra token refused: %s", exc)
            return False

    @classmethod
    def from_environment(cls) -> EntraTokens | None:
        path = os.environ.get("XLPLAN_ADDIN_JWKS", "").strip()
        if not path:
            return None
        return cls(Path(path), _csv_env("XLPLAN_ADDIN_JWT_ISSUER"), _csv_env("XLPLAN_ADDIN_JWT_AUDIENCE"))


def _digest(value: str) -> bytes:
    return hashlib.sha256(value.encode("utf-8")).digest()


class CallerCheck:
    """Pure ASGI middleware: script calls must carry ``Authorization: Bearer`` with the secret or an Entra token.

    Only ``/xlwings/custom-scripts-call/*`` is guarded: the manifest, icons,
    task pane and health check stay public, because the Microsoft 365 admin
    center and Office fetch them without credentials. A refused call is
    answered 401 before its body is read. The secret is compared as SHA-256
    digests with hmac.compare_digest, so neither its content nor its length
    shows in the time an answer takes. With nothing configured every call passes.
    """

    def __init__(self, app: ASGIApp, token: str | None, entra: EntraTokens | None) -> None:
        self.app, self.entra = app, entra
        self.token_digest = _digest(token) if token else None

    def allows(self, headers: Headers) -> bool:
        scheme, _, credential = headers.get("authorization", "").strip().partition(" ")
        credential = credential.strip()
        if scheme.lower() != "bearer" or not credential:
            return False
        if self.token_digest is not None and hmac.compare_digest(_digest(credential), self.token_digest):
            return True
        return self.entra is not None and credential.count(".") == 2 and self.entra.accepts(credential)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        guarded = self.token_digest is not None or self.entra is not None
        if guarded and scope["type"] == "http" and scope.get("path", "").startswith(SCRIPT_CALL):
            headers = Headers(scope=scope)
            if not self.allows(headers):
                text = sentence("unauthorized", request_language(headers))
                await send_sentence(send, 401, text, [("www-authenticate", 'Bearer realm="xlplan"')])
                return
        await self.app(scope, receive, send)


# --------------------------------------------------------------------------- the payload


def parse_payload(body: bytes) -> Any:
    """The request body as JSON; NaN and Infinity are refused (the answer must be JSON a browser can read)."""
    if not body.strip():
        raise Refusal(400, "empty")
    try:
        return json.loads(body.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Refusal(400, "not_json") from None


def _no_constant(name: str) -> Any:
    raise ValueError(name)


def _require(container: dict, key: str, kind: type, field: str) -> Any:
    if key not in container:
        raise Refusal(422, "missing", field=field)
    value = container[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise Refusal(422, "wrong_type", field=field, kind=kind)
    return value


def _optional(container: dict, key: str, kind: type, field: str) -> Any:
    return _require(container, key, kind, field) if container.get(key) is not None else None


def check_payload(payload: Any) -> None:
    """Refuse what xlwings' remote engine would choke on, before xw.Book(json=...) sees it.

    The shape is the one xlwings' Office.js (and Office Scripts) clients send;
    extra keys are left alone so a newer client still works.
    """
    if not isinstance(payload, dict):
        raise Refusal(422, "not_object")
    _require(payload, "client", str, "client")
    version = _require(payload, "version", str, "version")
    if payload["client"] != "Office.js" and version != xw.__version__:
        raise Refusal(422, "version", client=shown(version, 20), server=xw.__version__)
    book = _require(payload, "book", dict, "book")
    names = _require(payload, "names", list, "names")
    sheets = _require(payload, "sheets", list, "sheets")
    if not sheets:
        raise Refusal(422, "no_sheets")
    _require(book, "name", str, "book.name")
    _require(book, "selection", str, "book.selection")
    active = _require(book, "active_sheet_index", int, "book.active_sheet_index")
    if not 0 <= active < len(sheets):
        raise Refusal(422, "active_sheet", n=len(sheets))
    for i, name in enumerate(names):
        _check_named_list_item(name, f"names[{i}]", "name")
    seen: set[str] = set()
    for i, sheet in enumerate(sheets):
        name = _check_sheet(sheet, f"sheets[{i}]")
        if name.casefold() in seen:
            raise Refusal(422, "duplicate_sheet", name=shown(name))
        seen.add(name.casefold())
    _check_xlplan(payload)


def _check_xlplan(payload: dict) -> None:
    """xlplan's own key beside xlwings' payload: what the add-in's client knows and xlwings' payload cannot say.

    ``{"merges": {sheet: ["A1:C2", …]}, "lang": "sv", "notes_supported": true,
    "password_protected": [sheet, …]}``, every part optional; unknown keys
    are left alone so a newer client still works with this server.
    """
    extra = _optional(payload, "xlplan", dict, "xlplan")
    if extra is None:
        return
    _optional(extra, "lang", str, "xlplan.lang")
    _optional(extra, "notes_supported", bool, "xlplan.notes_supported")
    locked = _optional(extra, "password_protected", list, "xlplan.password_protected") or []
    for i, name in enumerate(locked):
        if not isinstance(name, str):
            raise Refusal(422, "wrong_type", field=f"xlplan.password_protected[{i}]", kind=str)
    merges = extra.get("merges")
    if merges is not None and (not isinstance(merges, dict) or not all(
            isinstance(areas, list) and all(isinstance(a, str) for a in areas) for areas in merges.values())):
        raise Refusal(422, "merges_body_shape")


def _check_named_list_item(item: Any, field: str, key: str) -> None:
    if not isinstance(item, dict):
        raise Refusal(422, "wrong_type", field=field, kind=dict)
    _require(item, key, str, f"{field}.{key}")


_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _check_sheet(sheet: Any, field: str) -> str:
    """One sheet's entry; returns its name."""
    if not isinstance(sheet, dict):
        raise Refusal(422, "wrong_type", field=field, kind=dict)
    name = _require(sheet, "name", str, f"{field}.name")
    if not 1 <= len(name) <= 31 or _BAD_SHEET_CHARS.search(name):
        raise Refusal(422, "sheet_name", field=f"{field}.name")
    rows, width = _check_values(_require(sheet, "values", list, f"{field}.values"), f"{field}.values")
    for key in ("pictures", "tables"):
        for i, item in enumerate(_require(sheet, key, list, f"{field}.{key}")):
            _check_named_list_item(item, f"{field}.{key}[{i}]", "name")
    for i, note in enumerate(_optional(sheet, "notes", list, f"{field}.notes") or []):
        _check_named_list_item(note, f"{field}.notes[{i}]", "address")
    _optional(sheet, "notes_supported", bool, f"{field}.notes_supported")
    for i, chart in enumerate(_optional(sheet, "charts", list, f"{field}.charts") or []):
        _check_named_list_item(chart, f"{field}.charts[{i}]", "name")
    used = _optional(sheet, "used_range_address", str, f"{field}.used_range_address")
    if used:  # "" or null: xlwings takes the extent from the values
        area = parse_area(used)
        if area is None or area[2] >= max(rows, 1) or area[3] >= max(width, 1):
            raise Refusal(422, "used_range", field=f"{field}.used_range_address")
    return name


def _check_values(values: list, field: str) -> tuple[int, int]:
    """A rectangle of scalars no larger than Excel's grid; returns (rows, columns)."""
    width = -1
    for r, row in enumerate(values):
        if not isinstance(row, list):
            raise Refusal(422, "wrong_type", field=f"{field}[{r}]", kind=list)
        if width < 0:
            width = len(row)
        elif len(row) != width:
            raise Refusal(422, "ragged", field=field, row=r + 1, got=len(row), want=width)
        for c, value in enumerate(row):
            if not _is_cell(value):
                raise Refusal(422, "cell", field=field, cell=cell_address(r, c))
    width = max(width, 0)
    if len(values) > MAX_ROWS or width > MAX_COLUMNS:
        raise Refusal(422, "grid", field=field, rows=f"{MAX_ROWS:,}", cols=f"{MAX_COLUMNS:,}")
    return len(values), width


def _is_cell(value: Any) -> bool:
    if value is None or isinstance(value, (str, bool, int)):
        return True
    return isinstance(value, float) and math.isfinite(value)


# --------------------------------------------------------------------------- merged areas


_CELL = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]{1,7})")


def parse_cell(ref: str) -> tuple[int, int] | None:
    """"B3" (or "$B$3") -> (2, 1), 0-based; None for anything outside A1:XFD1048576."""
    m = _CELL.fullmatch(ref.strip().upper())
    if not m:
        return None
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    row = int(m.group(2))
    if not (1 <= row <= MAX_ROWS and 1 <= col <= MAX_COLUMNS):
        return None
    return row - 1, col - 1


def parse_area(text: str) -> tuple[int, int, int, int] | None:
    """"Sheet!A1:C2" -> (r0, c0, r1, c1), 0-based with r0 <= r1 and c0 <= c1; None if it is no range."""
    first, _, last = text.rsplit("!", 1)[-1].partition(":")
    a, b = parse_cell(first), parse_cell(last or first)
    if a is None or b is None:
        return None
    return min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])


def parse_merges(header: str | None, payload: dict) -> dict[str, list[str]] | None:
    """The Xlplan-Merges header, checked and clipped to each sheet's values.

    A merge is an interval: cells beyond the values the client sent are empty,
    so clipping changes nothing the reader sees, yet a whole-sheet merge
    (A1:XFD1048576, 17 billion cells) shrinks to the plan's size. Excel's
    merges never overlap, so their clipped cells add up to at most the sheet's;
    more means a forged header that would multiply the reader's work.
    """
    if header is None or not header.strip():
        return None
    try:
        raw = json.loads(_utf8_header(header), parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise Refusal(400, "merges_json") from None
    if raw is None:
        return None
    if not isinstance(raw, dict) or not all(
            isinstance(areas, list) and all(isinstance(a, str) for a in areas) for areas in raw.values()):
        raise Refusal(400, "merges_shape")
    return clip_merges(raw, payload)


def clip_merges(raw: dict[str, list[str]], payload: dict) -> dict[str, list[str]]:
    """Merged areas of a checked shape (body or header), each clipped to its sheet's values."""
    sizes = {s["name"]: (len(s["values"]), len(s["values"][0]) if s["values"] else 0) for s in payload["sheets"]}
    out: dict[str, list[str]] = {}
    for name, areas in raw.items():
        if name in sizes:  # a sheet the payload does not carry has nothing to merge
            out[name] = _clip_areas(name, areas, *sizes[name])
    return out


def client_options(payload: dict, merges_header: str | None, lang_header: str | None) -> dict[str, Any]:
    """Take xlplan's key out of a checked payload (xlwings' Book must not see it): merges, language, locked sheets.

    The body's merges win over the header of earlier clients; the body's
    language over the Xlplan-Language header. ``notes_supported`` is copied
    onto each sheet that does not say, where xlwings' remote engine reads it
    (a sheet with ``notes_supported: false`` gets no notes).
    """
    extra = payload.pop("xlplan", None) or {}
    merges = clip_merges(extra["merges"], payload) if extra.get("merges") is not None else \
        parse_merges(merges_header, payload)
    if extra.get("notes_supported") is not None:
        for sheet in payload["sheets"]:
            sheet.setdefault("notes_supported", extra["notes_supported"])
    names = {s["name"] for s in payload["sheets"]}
    locked = tuple(n for n in extra.get("password_protected") or [] if n in names)
    return {"merges": merges, "lang": extra.get("lang") or lang_header, "locked": locked}


def _utf8_header(value: str) -> str:
    """A header as its sender meant it: ASGI decodes headers as Latin-1, a non-browser client may send UTF-8.

    A browser can only send code points up to U+00FF in a header, one byte
    each, which is what Latin-1 gives back; UTF-8 bytes (other clients) are
    decoded as such, so sheet names like "Särskilt" match either way.
    """
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def _clip_areas(sheet: str, areas: list[str], rows: int, cols: int) -> list[str]:
    clipped, covered = [], 0
    for text in areas:
        area = parse_area(text)
        if area is None:
            raise Refusal(400, "merge_range", area=shown(text), sheet=shown(sheet))
        r0, c0, r1, c1 = area
        r1, c1 = min(r1, rows - 1), min(c1, cols - 1)
        if r0 > r1 or c0 > c1 or (r0, c0) == (r1, c1):
            continue  # outside the values, or a single cell once clipped: nothing to merge
        covered += (r1 - r0 + 1) * (c1 - c0 + 1)
        if covered > rows * cols:
            raise Refusal(422, "merges_overlap", sheet=shown(sheet))
        clipped.append(f"{cell_address(r0, c0)}:{cell_address(r1, c1)}")
    return clipped


# --------------------------------------------------------------------------- running a script


def run_coroutine_to_end(coro: Coroutine[Any, Any, T]) -> T:
    """Drive a coroutine that never suspends, without an event loop.

    xlwings.server.custom_scripts_call is async only in form: for a synchronous
    script (xlplan's two) it completes on its first step. Driving it here keeps
    xlwings' argument injection while the work stays in the worker thread.
    """
    try:
        coro.send(None)
    except StopIteration as done:
        return done.value
    coro.close()
    raise RuntimeError("a script awaited something; xlplan's scripts must be synchronous")


def run_script(script_name: str, payload: dict, merges: dict[str, list[str]] | None,
               lang_header: str | None, locked: tuple[str, ...] = ()) -> bytes:
    """One click: build the book, run the script, the actions as JSON (as starlette's JSONResponse writes them)."""
    custom_scripts.merges.set(merges)
    custom_scripts.language.set(lang_header)
    custom_scripts.locked.set(locked)
    book = xw.Book(json=payload)
    try:
        done = run_coroutine_to_end(xlwings.server.custom_scripts_call(
            custom_scripts, script_name, typehint_to_value={xw.Book: book}))
        return json.dumps(done.json(), ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")
    finally:
        book.close()


def answer(script_name: str, body: bytes, merges_header: str | None, lang_header: str | None) -> Response:
    """Everything a script call costs, meant for a worker thread: parse, check, run, serialise.

    A Refusal or a PlanError (the user's data) is a 4xx with its sentence;
    anything else is a bug: logged with its traceback, answered with one
    generic sentence and no detail.
    """
    lang = language(lang_header)
    try:
        payload = parse_payload(body)
        check_payload(payload)
        options = client_options(payload, merges_header, lang_header)
        lang = language(options["lang"])
        return Response(run_script(script_name, payload, options["merges"], options["lang"], options["locked"]),
                        media_type="application/json")
    except Refusal as refusal:
        return PlainTextResponse(refusal.sentence(lang), status_code=refusal.status)
    except PlanError as exc:
        return PlainTextResponse(exc.message(lang), status_code=422)
    except Exception:  # noqa: BLE001 - the last line: no traceback leaves the server
        log.exception("script %s failed", script_name)
        return PlainTextResponse(sentence("unexpected", lang), status_code=500)


class ScriptPool:
    """A few worker threads for the scripts, so a slow plan never holds up the event loop.

    At most ``workers`` plans are worked on at once (each can take hundreds of
    MB while parsed); up to ``queue`` more wait their turn without a thread;
    past that the server says it is busy instead of piling up bodies in memory.
    Each job runs in a fresh contextvars.Context, so one request's merges or
    language never leak into the next job of the same thread.
    """

    def __init__(self, workers: int, queue: int) -> None:
        self.workers, self.capacity = workers, workers + queue
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="xlplan-script")
        self._pending = 0
        self._lock = threading.Lock()

    def reserve(self) -> bool:
        with self._lock:
            if self._pending >= self.capacity:
                return False
            self._pending += 1
            return True

    def release(self) -> None:
        with self._lock:
            self._pending -= 1

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        context = contextvars.Context()
        return await asyncio.get_running_loop().run_in_executor(self._executor, context.run, fn, *args)


def is_json(content_type: str | None) -> bool:
    return (content_type or "").split(";", 1)[0].strip().lower() == "application/json"


# --------------------------------------------------------------------------- the app


def create_app(max_bytes: int | None = None, workers: int | None = None) -> FastAPI:
    """The app with its limits; arguments override the environment (tests use small ones)."""
    max_bytes = max_bytes or env_int("XLPLAN_ADDIN_MAX_BYTES", DEFAULT_MAX_BYTES)
    workers = workers or env_int("XLPLAN_ADDIN_WORKERS", os.cpu_count() or 1)
    app = FastAPI(title="xlplan add-in", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.max_bytes, app.state.pool = max_bytes, ScriptPool(workers, QUEUE_PER_WORKER * workers)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(BodyLimit, max_bytes=max_bytes)
    app.add_middleware(CallerCheck, token=configured_token(), entra=EntraTokens.from_environment())  # body unread
    # Answers are compressed for clients that accept it (browsers do): a 5 × 1,000-row plan's answer goes
    # from 3.7 MB to about 140 KB. Requests stay uncompressed, so the body limit means what it says.
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.add_middleware(SecurityHeaders)  # added last, so outermost: the 413 carries the headers too

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        """Starlette answers this outside the middleware, so the headers are set here too."""
        log.error("unexpected error on %s", request.url.path, exc_info=exc)
        return PlainTextResponse(sentence("unexpected", request_language(request.headers)), status_code=500,
                                 headers=security_headers(request.url.path))

    @app.get("/")
    async def root():
        return {"status": "ok"}

    @app.get("/manifest.xml")
    async def manifest():
        return Response(render("manifest.xml", base=base_url()), media_type="application/xml")

    @app.get("/taskpane.html", response_class=HTMLResponse)
    async def taskpane():
        return render("taskpane.html", base=base_url(), version=xw.__version__)

    @app.get("/xlwings/alert", response_class=HTMLResponse)
    async def alert(prompt: str = "", title: str = "xlplan", buttons: str = "ok", mode: str = "", callback: str = ""):
        return render("alert.html", prompt=escape(prompt).replace("\n", "<br>"), title=escape(title))

    @app.get("/xlwings/custom-scripts-meta")
    async def scripts_meta():
        return xlwings.server.custom_scripts_meta(custom_scripts)

    @app.post(SCRIPT_CALL + "{script_name}")
    async def scripts_call(script_name: str, request: Request) -> Response:
        lang = request_language(request.headers)
        if script_name not in {m["function_name"] for m in xlwings.server.custom_scripts_meta(custom_scripts)}:
            return PlainTextResponse(sentence("unknown_script", lang, name=shown(script_name)), status_code=404)
        if not is_json(request.headers.get("content-type")):
            return PlainTextResponse(sentence("content_type", lang), status_code=415)
        pool: ScriptPool = request.app.state.pool
        if not pool.reserve():  # before the body is read: a full queue costs no memory
            return PlainTextResponse(sentence("busy", lang), status_code=503, headers={"Retry-After": "5"})
        try:
            body = await request.body()
            return await pool.run(answer, script_name, body, request.headers.get("xlplan-merges"),
                                  request.headers.get("xlplan-language"))
        finally:
            pool.release()

    return app


app = create_app()
