"""``xlplan serve``: the Excel add-in's server, run from the installed package.

The wheel carries the project's ``addin/`` folder as ``xlplan._addin`` (a name
no other distribution installs into site-packages), so ``pip install
'xlplan[addin]'`` and one command are all a server needs; a source checkout
(or an editable install) runs its own ``addin/`` instead. uvicorn and FastAPI
are imported only here, when a server is asked for: the CLI stays light and
works without the [addin] extra.

The settings travel as environment variables (XLPLAN_ADDIN_URL,
XLPLAN_ADDIN_TOKEN_FILE, XLPLAN_ADDIN_WORKERS) because uvicorn's worker
processes inherit the environment, not this process's objects; the app reads
and checks them when it is created, so a bad value stops the start with one
sentence rather than the first request.
"""

from __future__ import annotations

import asyncio
import copy
import importlib
import importlib.util
import ipaddress
import logging
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote, urlsplit

import click

from .errors import PlanError
from .messages import message

MAX_HEADER_BYTES = 1024 * 1024
"""uvicorn's h11 reads 16 KB of request head by default; a big plan's merged areas (header Xlplan-Merges,
9 KB for 5 x 1,000 rows) can pass that, so the server reads up to 1 MiB (deploy/nginx.conf: 512k)."""

APP_MODULES = ("xlplan._addin.app", "addin.app")
"""The installed package's copy first; the source checkout's ``addin`` when the package has none (editable installs)."""


@dataclass
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    certfile: Path | None = None
    keyfile: Path | None = None
    url: str | None = None
    workers: int = 1
    token_file: Path | None = None
    manifest: Path | None = None


def app_module() -> str:
    """The name of the add-in's app module this installation can import."""
    for name in APP_MODULES:
        try:
            if importlib.util.find_spec(name) is not None:
                return name
        except ModuleNotFoundError:  # the parent package (xlplan._addin or addin) is absent
            continue
    raise PlanError("needs_addin")


def require_server_packages() -> ModuleType:
    """uvicorn (returned) and FastAPI come with the [addin] extra; without them, one sentence naming it."""
    try:
        import fastapi  # noqa: F401
        import uvicorn
    except ImportError:
        raise PlanError("needs_addin") from None
    return uvicorn


def public_url(url: str) -> str:
    """The add-in's public address as the manifest needs it: https, a host, no query, no trailing slash.

    Office loads add-ins over https only, and everything after the host is
    joined to the manifest's paths, so a query or fragment would break them.
    """
    parts = urlsplit(url.strip())
    if parts.scheme != "https" or not parts.hostname or parts.query or parts.fragment or "@" in parts.netloc:
        raise PlanError("serve_url", url=url)
    return url.strip().rstrip("/")


def existing_file(path: Path) -> Path:
    if not path.exists():
        raise PlanError("missing", path=str(path))
    if path.is_dir():
        raise PlanError("is_dir", path=str(path))
    return path.resolve()


def apply_environment(options: ServeOptions) -> None:
    """Hand the options to the app (and uvicorn's workers) through the environment."""
    if options.url is not None:
        os.environ["XLPLAN_ADDIN_URL"] = public_url(options.url)
    if options.token_file is not None:
        os.environ["XLPLAN_ADDIN_TOKEN_FILE"] = str(existing_file(options.token_file))
    if options.workers > 1 and not os.environ.get("XLPLAN_ADDIN_WORKERS", "").strip():
        # N processes share the CPUs: each gets its share of script threads, so N never multiplies memory use
        os.environ["XLPLAN_ADDIN_WORKERS"] = str(max(1, (os.cpu_count() or 1) // options.workers))


def load_app(module_name: str) -> tuple[ModuleType, Any]:
    """The app module and a fresh app built from the current environment; a bad setting is one sentence."""
    try:
        module = importlib.import_module(module_name)
        return module, module.create_app()
    except ValueError as exc:  # the app's own checks of XLPLAN_ADDIN_* (token, JWKS, limits)
        raise PlanError("serve_config", reason=str(exc)) from None


# --------------------------------------------------------------------------- the manifest


async def _get(app: Any, path: str) -> tuple[int, bytes]:
    """One GET straight through the app's ASGI interface, so the file is exactly what the route serves."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
             "scheme": "https", "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(b"host", b"localhost")], "client": ("127.0.0.1", 0), "server": ("localhost", 443)}
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message_: dict) -> None:
        sent.append(message_)

    await app(scope, receive, send)
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    return status, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def keyed_manifest(xml: str, base: str, token: str) -> str:
    """The manifest with the shared secret in the task pane's address (``?key=``), where the add-in reads it.

    Office loads that address for the ribbon's buttons and the task pane
    alike; the key is therefore no secret from the users who get the
    manifest, only from everyone else (see README, access control).
    """
    pane = f'{base}/taskpane.html"'
    if pane not in xml:
        raise RuntimeError("the manifest has no task pane address to carry the key")
    return xml.replace(pane, f'{base}/taskpane.html?key={quote(token, safe="")}"')


def write_manifest(module: ModuleType, app: Any, target: Path, lang: str) -> None:
    """The manifest as the running server would serve it, with the key when a shared secret is configured."""
    from .atomic import write_atomic

    status, body = asyncio.run(_get(app, "/manifest.xml"))
    if status != 200:
        raise RuntimeError(f"/manifest.xml answered {status}")
    base, token = module.base_url(), module.configured_token()
    xml = body.decode("utf-8")
    if token:
        xml = keyed_manifest(xml, base, token)
    write_atomic(target, lambda tmp: tmp.write_text(xml, encoding="utf-8"))
    click.echo(message("manifest_written_key" if token else "manifest_written", lang, path=target, base=base))


# --------------------------------------------------------------------------- logs


_KEY_IN_QUERY = re.compile(r"([?&]key=)[^&\s\"]*")


class HideKey(logging.Filter):
    """Access-log lines show ``?key=…`` instead of the shared secret: logs travel further than the server."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_KEY_IN_QUERY.sub(r"\1…", a) if isinstance(a, str) else a for a in record.args)
        return True


def log_config(uvicorn: ModuleType) -> dict:
    """uvicorn's own logging set-up plus HideKey on the access log (by name, so worker processes get it too)."""
    config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    config.setdefault("filters", {})["hide_key"] = {"()": "xlplan.serve.HideKey"}
    config["handlers"]["access"]["filters"] = ["hide_key"]
    return config


# --------------------------------------------------------------------------- serving


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def announce(options: ServeOptions, base: str, lang: str) -> None:
    """What is about to run, on stderr; a warning when the manifest would point at the default address."""
    if not os.environ.get("XLPLAN_ADDIN_URL", "").strip():
        click.echo(message("serve_no_url", lang, base=base), err=True)
    scheme = "https" if options.certfile else "http"
    click.echo(message("serve_starting", lang, address=f"{scheme}://{options.host}:{options.port}", base=base,
                       workers=options.workers), err=True)
    if not options.certfile and not is_loopback(options.host):
        click.echo(message("serve_plain_http", lang), err=True)


def serve(options: ServeOptions, lang: str) -> None:
    """Check everything that can be checked, then hand over to uvicorn (or only write the manifest)."""
    if (options.certfile is None) != (options.keyfile is None):
        raise PlanError("serve_tls_pair")
    certfile = existing_file(options.certfile) if options.certfile else None
    keyfile = existing_file(options.keyfile) if options.keyfile else None
    uvicorn = require_server_packages()
    apply_environment(options)
    name = app_module()
    module, app = load_app(name)
    if options.manifest is not None:
        write_manifest(module, app, options.manifest, lang)
        return
    announce(options, module.base_url(), lang)
    sys.stderr.flush()
    uvicorn.run(app if options.workers == 1 else f"{name}:create_app", factory=options.workers > 1,
                host=options.host, port=options.port, workers=options.workers,
                ssl_certfile=str(certfile) if certfile else None, ssl_keyfile=str(keyfile) if keyfile else None,
                log_config=log_config(uvicorn), server_header=False, proxy_headers=True,
                h11_max_incomplete_event_size=MAX_HEADER_BYTES)
