"""Deploying the add-in: `xlplan serve` from a built wheel, who may call, icons, the container and the proxy."""

from __future__ import annotations

import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
import zipfile
from fnmatch import fnmatch
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from PIL import Image

from addin import app as appmod  # imported before any test sets XLPLAN_ADDIN_*: its module-level app stays open
from tests.xlwings_payload import payload_for
from xlplan import serve as servemod
from xlplan.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CALL = "/xlwings/custom-scripts-call/validera"
TOKEN = "Sk7vQ2-pX9_wLm4Rt8ZyB1nC6dE0fG3h"
ENV = ("XLPLAN_ADDIN_URL", "XLPLAN_ADDIN_TOKEN", "XLPLAN_ADDIN_TOKEN_FILE", "XLPLAN_ADDIN_JWKS",
       "XLPLAN_ADDIN_JWT_ISSUER", "XLPLAN_ADDIN_JWT_AUDIENCE", "XLPLAN_ADDIN_WORKERS", "XLPLAN_ADDIN_MAX_BYTES")
NS = {"o": "http://schemas.microsoft.com/office/appforoffice/1.1",
      "bt": "http://schemas.microsoft.com/office/officeappbasictypes/1.0"}


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    """No add-in setting leaks in from the machine, and none `xlplan serve` sets leaks out of a test."""
    for name in ENV:
        monkeypatch.setenv(name, "")  # recorded, so whatever is set later is undone after the test
        monkeypatch.delenv(name)


def run_cli(*args: str):
    from click.testing import CliRunner

    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def example_call(client: TestClient, headers: dict | None = None):
    payload, merges = payload_for(EXAMPLES / "sodermalm-2025.xlsx")
    return client.post(CALL, json=payload, headers={"Xlplan-Merges": json.dumps(merges), **(headers or {})})


# --------------------------------------------------------------------------- the wheel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel as `pip install xlplan` would get it, built by hatchling (the project's backend)."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(out)],
                   check=True, timeout=300, capture_output=True)
    (path,) = out.glob("xlplan-*.whl")
    return path


def addin_sources() -> dict[str, Path]:
    """Every file of addin/ the wheel must carry, by its path in the wheel."""
    return {f"xlplan/_addin/{p.relative_to(ROOT / 'addin').as_posix()}": p
            for p in sorted((ROOT / "addin").rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


def test_the_wheel_carries_the_addin_inside_the_package(wheel):
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        wanted = addin_sources()
        assert {"xlplan/_addin/app.py", "xlplan/_addin/custom_scripts.py", "xlplan/_addin/templates/manifest.xml",
                "xlplan/_addin/templates/taskpane.html", "xlplan/_addin/static/js/xlplan-addin.js",
                "xlplan/_addin/static/taskpane.css"} <= set(wanted)
        assert {f"xlplan/_addin/static/icons/icon-{n}.png" for n in (16, 32, 64, 80)} <= set(wanted)
        missing = set(wanted) - names
        assert not missing, missing
        assert all(zf.read(name) == path.read_bytes() for name, path in wanted.items())
        assert not [n for n in names if n.startswith("addin/")]  # no generic top-level package in site-packages
        assert not [n for n in names if n.endswith(".pyc") or "__pycache__" in n]
        metadata = zf.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "Provides-Extra: addin" in metadata and "Provides-Extra: entra" in metadata


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, headers: dict | None = None, data: bytes | None = None) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, r.headers.get("content-type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("content-type", ""), e.read()


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A venv with the wheel installed (its dependencies come from this interpreter's site-packages)."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)],
                   check=True, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--no-deps", "-q", str(wheel)], check=True, timeout=300,
                   capture_output=True)
    return venv


def venv_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XLPLAN_", "PYTHONPATH"))}
    return env | {"XLPLAN_LANG": "en"}


def test_xlplan_serve_runs_from_an_installed_copy(installed, tmp_path):
    """Away from the checkout the installed package runs its own add-in: help, app, manifest, icons, headers."""
    xlplan, python = installed / "bin" / "xlplan", installed / "bin" / "python"
    done = subprocess.run([xlplan, "serve", "--help"], capture_output=True, text=True, cwd=tmp_path,
                          env=venv_env(), timeout=60)
    assert done.returncode == 0 and "--token-file" in done.stdout and "--url" in done.stdout
    where = subprocess.run([python, "-c", "from xlplan.serve import app_module; import importlib; "
                            "print(app_module(), importlib.import_module(app_module()).__file__)"],
                           capture_output=True, text=True, cwd=tmp_path, env=venv_env(), timeout=120)
    name, path = where.stdout.split()
    assert name == "xlplan._addin.app" and Path(path).is_relative_to(installed), where

    port = free_port()
    server = subprocess.Popen([xlplan, "serve", "--port", str(port), "--url", "https://xlplan.example.se"],
                              cwd=tmp_path, env=venv_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(240):
            try:
                if get(base + "/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("the server did not answer")
        status, kind, body = get(base + "/manifest.xml")
        assert status == 200 and b"https://xlplan.example.se/static/icons/icon-32.png" in body
        for size in (16, 32, 64, 80):
            status, kind, png = get(f"{base}/static/icons/icon-{size}.png")
            assert status == 200 and kind == "image/png" and Image.open(BytesIO(png)).size == (size, size)
        # A 200 KB merges header reaches the app (uvicorn's h11 stops at 16 KB unless told otherwise):
        big = json.dumps({"Blad": [f"A{r}:B{r}" for r in range(1, 20_000)]})
        status, kind, body = get(base + CALL, {"Content-Type": "application/json", "Xlplan-Merges": big}, b"{}")
        assert status == 422 and "client" in body.decode(), body
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    assert b"https://xlplan.example.se/manifest.xml" in err, err


# --------------------------------------------------------------------------- the command


@pytest.fixture
def uvicorn_run(monkeypatch):
    """uvicorn.run replaced by a recorder: what `xlplan serve` would start, without a socket."""
    import uvicorn

    calls: list[tuple[tuple, dict]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: calls.append((a, kw)))
    return calls


def test_serve_hands_uvicorn_the_app_and_the_settings(uvicorn_run, tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.write_text("c")
    key.write_text("k")
    code, _, err = run_cli("serve", "--url", "https://xlplan.example.se/", "--certfile", cert, "--keyfile", key)
    assert code == 0, err
    (args, kw), = uvicorn_run
    assert kw["host"] == "127.0.0.1" and kw["port"] == 8000 and kw["workers"] == 1 and not kw["factory"]
    assert kw["ssl_certfile"] == str(cert.resolve()) and kw["ssl_keyfile"] == str(key.resolve())
    assert kw["h11_max_incomplete_event_size"] >= 512 * 1024 and kw["server_header"] is False
    assert "hide_key" in kw["log_config"]["handlers"]["access"]["filters"]
    assert os.environ["XLPLAN_ADDIN_URL"] == "https://xlplan.example.se"
    client = TestClient(args[0])
    assert client.get("/").json() == {"status": "ok"}
    assert "https://xlplan.example.se/taskpane.html" in client.get("/manifest.xml").text
    assert "https://xlplan.example.se/manifest.xml" in err and "XLPLAN_ADDIN_URL" not in err  # no warning


def test_serve_with_several_processes_gives_uvicorn_a_factory_and_shares_the_cpus(uvicorn_run, monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    code, _, err = run_cli("serve", "--host", "0.0.0.0", "--workers", "4")
    assert code == 0, err
    (args, kw), = uvicorn_run
    assert args[0] in ("xlplan._addin.app:create_app", "addin.app:create_app") and kw["factory"]
    assert kw["workers"] == 4 and os.environ["XLPLAN_ADDIN_WORKERS"] == "2"
    assert "XLPLAN_ADDIN_URL" in err and "https" in err  # the two warnings: no public address, plain http


@pytest.mark.parametrize("args, words", [
    (("--url", "http://xlplan.example.se"), "https"),
    (("--url", "https://xlplan.example.se/?a=1"), "https"),
    (("--certfile", "cert.pem"), "--keyfile"),
    (("--certfile", "nowhere.pem", "--keyfile", "nowhere.key"), "nowhere.pem"),
    (("--token-file", "nowhere.txt"), "nowhere.txt"),
])
def test_serve_refuses_a_bad_setting_with_one_sentence(uvicorn_run, args, words):
    code, out, err = run_cli("--lang", "en", "serve", *args)
    assert code == 2 and words in err and len(err.strip().splitlines()) == 1 and not uvicorn_run, err


def test_a_short_or_empty_token_stops_the_start(uvicorn_run, tmp_path):
    for content in ("", "secret\n"):
        (tmp_path / "token").write_text(content)
        code, _, err = run_cli("--lang", "en", "serve", "--token-file", tmp_path / "token")
        assert code == 2 and err.startswith("The add-in's server cannot start:") and not uvicorn_run, err


def test_without_fastapi_or_uvicorn_serve_names_the_extra(monkeypatch, uvicorn_run):
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # `import uvicorn` now raises ImportError
    code, _, err = run_cli("serve")
    assert code == 2 and "pip install 'xlplan[addin]'" in err and len(err.strip().splitlines()) == 1


def test_the_access_log_hides_the_key():
    import logging

    record = logging.LogRecord("uvicorn.access", logging.INFO, "", 0, '%s - "%s %s HTTP/%s" %d',
                               ("1.2.3.4:5", "GET", f"/taskpane.html?key={TOKEN}&_host_Info=Excel", "1.1", 200),
                               None)
    assert servemod.HideKey().filter(record)
    assert TOKEN not in record.getMessage() and "/taskpane.html?key=…&_host_Info=Excel" in record.getMessage()


# --------------------------------------------------------------------------- who may call


@pytest.fixture
def guarded(monkeypatch) -> TestClient:
    monkeypatch.setenv("XLPLAN_ADDIN_TOKEN", TOKEN)
    return TestClient(appmod.create_app(), raise_server_exceptions=False)


def test_without_a_key_configured_anyone_may_call():
    assert example_call(TestClient(appmod.create_app())).status_code == 200


def test_a_script_call_needs_the_key(guarded):
    for headers in ({}, {"Authorization": "Bearer wrong-but-long-enough-token"},
                    {"Authorization": f"Basic {TOKEN}"}, {"Authorization": "Bearer "},
                    {"Authorization": f"Bearer {TOKEN}x"}, {"Authorization": f"Bearer {TOKEN[:-1]}"}):
        r = example_call(guarded, headers)
        assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer"), headers
        assert r.text.startswith("Servern tar bara emot anrop") and len(r.text.splitlines()) == 1
        assert r.headers["x-content-type-options"] == "nosniff"  # the security headers wrap the refusal too
    r = example_call(guarded, {"Authorization": "Bearer nope", "Xlplan-Language": "en"})
    assert r.status_code == 401 and r.text.startswith("The server only accepts calls")
    assert example_call(guarded, {"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    assert example_call(guarded, {"Authorization": f"bearer   {TOKEN} "}).status_code == 200


def test_a_stranger_is_refused_before_the_body_is_read(monkeypatch):
    """401, not 413: the size of a body nobody may send is none of the caller's business."""
    monkeypatch.setenv("XLPLAN_ADDIN_TOKEN", TOKEN)
    guarded = TestClient(appmod.create_app(max_bytes=64 * 1024))
    r = guarded.post(CALL, content=b"x" * 200_000, headers={"Content-Type": "application/json"})
    assert r.status_code == 401
    r = guarded.post(CALL, content=b"x" * 200_000,
                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 413


def test_the_key_is_compared_in_constant_time(guarded, monkeypatch):
    original, seen = appmod.hmac.compare_digest, []
    monkeypatch.setattr(appmod.hmac, "compare_digest", lambda a, b: seen.append((a, b)) or original(a, b))
    example_call(guarded, {"Authorization": "Bearer x"})
    assert seen and all(len(a) == len(b) == 32 for a, b in seen)  # digests: even the length stays hidden


def test_what_office_and_the_admin_center_fetch_stays_public(guarded):
    for path in ("/", "/manifest.xml", "/taskpane.html", "/static/js/xlplan-addin.js", "/static/taskpane.css",
                 "/static/icons/icon-32.png", "/xlwings/custom-scripts-meta", "/xlwings/alert?prompt=x"):
        assert guarded.get(path).status_code == 200, path
    assert TOKEN not in guarded.get("/manifest.xml").text and TOKEN not in guarded.get("/taskpane.html").text


def test_the_key_can_come_from_a_file(monkeypatch, tmp_path):
    (tmp_path / "token").write_text(TOKEN + "\n")
    monkeypatch.setenv("XLPLAN_ADDIN_TOKEN_FILE", str(tmp_path / "token"))
    client = TestClient(appmod.create_app())
    assert example_call(client).status_code == 401
    assert example_call(client, {"Authorization": f"Bearer {TOKEN}"}).status_code == 200


@pytest.mark.parametrize("env", [
    {"XLPLAN_ADDIN_TOKEN": "short"},
    {"XLPLAN_ADDIN_TOKEN": "has spaces in it, which no header can carry"},
    {"XLPLAN_ADDIN_TOKEN": TOKEN, "XLPLAN_ADDIN_TOKEN_FILE": "/dev/null"},
    {"XLPLAN_ADDIN_TOKEN_FILE": "/nowhere/token"},
    {"XLPLAN_ADDIN_JWKS": "/nowhere/jwks.json", "XLPLAN_ADDIN_JWT_ISSUER": "i", "XLPLAN_ADDIN_JWT_AUDIENCE": "a"},
])
def test_a_bad_access_setting_stops_the_server_at_start(monkeypatch, env):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValueError):
        appmod.create_app()


def test_the_written_manifest_carries_the_key_only_in_the_task_pane_address(monkeypatch, tmp_path, uvicorn_run):
    (tmp_path / "token").write_text(TOKEN)
    target = tmp_path / "manifest.xml"
    code, out, err = run_cli("serve", "--url", "https://xlplan.example.se", "--token-file", tmp_path / "token",
                             "--manifest", target)
    assert code == 0 and not uvicorn_run, err
    xml = target.read_text(encoding="utf-8")
    tree = etree.fromstring(xml.encode())
    keyed = [v for v in tree.xpath("//@DefaultValue") if TOKEN in v]
    assert keyed == [f"https://xlplan.example.se/taskpane.html?key={TOKEN}"] * 2 and xml.count(TOKEN) == 2
    assert str(target) in out
    public = TestClient(appmod.create_app()).get("/manifest.xml").text
    assert TOKEN not in public and xml.replace(f"?key={TOKEN}", "") == public
    monkeypatch.delenv("XLPLAN_ADDIN_TOKEN_FILE")
    code, _, err = run_cli("serve", "--manifest", target)
    assert code == 0 and TOKEN not in target.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- Entra ID tokens


@pytest.fixture(scope="module")
def keys():
    from cryptography.hazmat.primitives.asymmetric import rsa

    return [rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(3)]


ISSUER = "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0"
AUDIENCE = "66666666-7777-8888-9999-000000000000"


def write_jwks(path: Path, private_keys: dict) -> None:
    import jwt

    entries = []
    for kid, key in private_keys.items():
        entry = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
        entries.append(entry | {"kid": kid, "use": "sig", "alg": "RS256"})
    path.write_text(json.dumps({"keys": entries}))


def entra_token(key, kid: str = "k1", **claims) -> str:
    import jwt

    now = int(time.time())
    body = {"iss": ISSUER, "aud": AUDIENCE, "iat": now, "nbf": now, "exp": now + 3600, "scp": "access_as_user",
            "name": "Test Person"} | claims
    return jwt.encode({k: v for k, v in body.items() if v is not None}, key, algorithm="RS256",
                      headers={"kid": kid})


@pytest.fixture
def entra(monkeypatch, tmp_path, keys):
    jwks = tmp_path / "jwks.json"
    write_jwks(jwks, {"k1": keys[0]})
    monkeypatch.setenv("XLPLAN_ADDIN_JWKS", str(jwks))
    monkeypatch.setenv("XLPLAN_ADDIN_JWT_ISSUER", ISSUER)
    monkeypatch.setenv("XLPLAN_ADDIN_JWT_AUDIENCE", f"api://xlplan.example.se/{AUDIENCE}, {AUDIENCE}")
    return TestClient(appmod.create_app(), raise_server_exceptions=False), jwks


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_an_entra_token_signed_by_the_tenant_is_accepted(entra, keys):
    client, _ = entra
    assert example_call(client, bearer(entra_token(keys[0]))).status_code == 200
    assert example_call(client).status_code == 401


def test_a_forged_expired_or_foreign_entra_token_is_refused(entra, keys):
    import jwt

    client, _ = entra
    now = int(time.time())
    refused = {
        "another key": entra_token(keys[1]),
        "unknown key id": entra_token(keys[0], kid="k9"),
        "expired": entra_token(keys[0], exp=now - 600),
        "not yet valid": entra_token(keys[0], nbf=now + 600),
        "no expiry": entra_token(keys[0], exp=None),
        "other tenant": entra_token(keys[0], iss=ISSUER.replace("1111", "9999")),
        "other app": entra_token(keys[0], aud="api://other"),
        "unsigned": jwt.encode({"iss": ISSUER, "aud": AUDIENCE, "exp": now + 60}, None, algorithm="none",
                               headers={"kid": "k1"}),
        "kid not a string": "eyJhbGciOiJSUzI1NiIsImtpZCI6WyJrMSJdfQ." + entra_token(keys[0]).split(".", 1)[1],
        "garbage": "a.b.c",
    }
    for what, token in refused.items():
        assert example_call(client, bearer(token)).status_code == 401, what


def test_a_refreshed_key_file_is_read_without_a_restart(entra, keys):
    client, jwks = entra
    token = entra_token(keys[2], kid="k2")
    assert example_call(client, bearer(token)).status_code == 401
    write_jwks(jwks, {"k1": keys[0], "k2": keys[2]})
    stat = jwks.stat()
    os.utime(jwks, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert example_call(client, bearer(token)).status_code == 200
    jwks.write_text("not json")  # a half-written refresh keeps the keys read before
    os.utime(jwks, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    assert example_call(client, bearer(token)).status_code == 200


def test_the_shared_key_and_entra_tokens_can_both_be_allowed(entra, keys, monkeypatch):
    monkeypatch.setenv("XLPLAN_ADDIN_TOKEN", TOKEN)
    client = TestClient(appmod.create_app())
    assert example_call(client, bearer(TOKEN)).status_code == 200
    assert example_call(client, bearer(entra_token(keys[0]))).status_code == 200


def test_entra_needs_issuer_audience_and_pyjwt(entra, monkeypatch):
    monkeypatch.delenv("XLPLAN_ADDIN_JWT_AUDIENCE")
    with pytest.raises(ValueError, match="AUDIENCE"):
        appmod.create_app()
    monkeypatch.setenv("XLPLAN_ADDIN_JWT_AUDIENCE", AUDIENCE)
    monkeypatch.setitem(sys.modules, "jwt", None)
    with pytest.raises(ValueError, match=re.escape("xlplan[entra]")):
        appmod.create_app()


# --------------------------------------------------------------------------- the manifest's URLs


def manifest_urls(xml: bytes) -> dict[str, str]:
    """Every address in the manifest, by where it stands (element, id or size)."""
    tree = etree.fromstring(xml)
    urls = {}
    for element in tree.iter():
        value = element.get("DefaultValue") or ""
        if value.startswith(("http://", "https://")):
            urls[f"{etree.QName(element).localname}:{element.get('id') or ''}"] = value
    urls["AppDomain"] = tree.find("o:AppDomains/o:AppDomain", NS).text
    return urls


ICON_SIZES = {"IconUrl:": 32, "HighResolutionIconUrl:": 64, "Image:Icon.16": 16, "Image:Icon.32": 32,
              "Image:Icon.80": 80}


@pytest.mark.parametrize("base", ["https://xlplan.example.se", "https://intra.example.se/verktyg/xlplan"])
def test_every_manifest_url_is_https_under_the_base_and_served(monkeypatch, base):
    """What the Microsoft 365 admin center fetches (icons above all) exists where the manifest says.

    Behind a proxy that serves the app under a path, the proxy strips that
    path; the app is asked for what remains.
    """
    monkeypatch.setenv("XLPLAN_ADDIN_URL", base + "/")
    monkeypatch.setenv("XLPLAN_ADDIN_TOKEN", TOKEN)  # the icons stay public with a key configured
    client = TestClient(appmod.create_app())
    urls = manifest_urls(client.get("/manifest.xml").content)
    assert set(ICON_SIZES) <= set(urls)
    prefix = urlsplit(base).path
    for where, url in urls.items():
        assert url == base or url.startswith(base + "/"), (where, url)
        assert urlsplit(url).scheme == "https"
        path = urlsplit(url).path.removeprefix(prefix) or "/"
        r = client.get(path)
        assert r.status_code == 200, (where, url)
        if where in ICON_SIZES:
            assert r.headers["content-type"] == "image/png", where
            assert Image.open(BytesIO(r.content)).size == (ICON_SIZES[where],) * 2, where


# --------------------------------------------------------------------------- the container recipe


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text(encoding="utf-8"))
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def dockerignored(path: str) -> bool:
    patterns = [p.strip() for p in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
                if p.strip() and not p.startswith("#")]
    parts = Path(path).parts
    prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    return any(fnmatch(prefix, pattern) or (pattern.startswith("**/") and fnmatch(Path(prefix).name, pattern[3:]))
               for pattern in patterns for prefix in prefixes)


def test_the_dockerfile_is_consistent_with_the_project():
    """It cannot be built here (no Docker engine): its commands are checked against the project instead."""
    steps = dockerfile()
    assert steps[0] == ("FROM", "python:3.11-slim")
    copied = []
    for word, args in steps:
        if word == "COPY":
            *sources, _ = shlex.split(args)
            for source in sources:
                assert (ROOT / source).exists(), source
                assert not dockerignored(source), f"{source} is in .dockerignore"
                copied.append(source.rstrip("/"))
    # everything hatchling needs for the wheel: the packages, the readme, the force-included files
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    needed = {"pyproject.toml", project["project"]["readme"], *project["tool"]["hatch"]["build"]["targets"]["wheel"]
              ["packages"], *project["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]}
    for path in needed:
        assert any(path == c or path.startswith(c + "/") for c in copied), f"{path} is not copied"
        for file in [ROOT / path] if (ROOT / path).is_file() else (ROOT / path).rglob("*.*"):
            if "__pycache__" not in file.parts:
                assert not dockerignored(file.relative_to(ROOT).as_posix()), file
    runs = [args for word, args in steps if word == "RUN"]
    assert any(re.search(r"pip install \"?\.\[addin\]\"?", r) and " -e " not in r for r in runs)
    user = [args for word, args in steps if word == "USER"]
    assert user and user[-1].split(":")[0] not in ("root", "0")
    (cmd,) = [json.loads(args) for word, args in steps if word == "CMD"]
    assert cmd[:2] == ["xlplan", "serve"] and cmd[cmd.index("--host") + 1] == "0.0.0.0"
    main.commands["serve"].make_context("serve", cmd[2:])  # the options exist and parse
    port = cmd[cmd.index("--port") + 1] if "--port" in cmd else "8000"
    assert ("EXPOSE", port) in steps
    (health,) = [args for word, args in steps if word == "HEALTHCHECK"]
    assert f"http://127.0.0.1:{port}/'" in health
    env = " ".join(args for word, args in steps if word == "ENV")
    assert "XLPLAN_ADDIN_URL=" in env and "XLPLAN_ADDIN_TOKEN_FILE=" in env


# --------------------------------------------------------------------------- the reverse proxy


NGINX = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def nginx_values(directive: str) -> list[list[str]]:
    code = re.sub(r"#.*", "", NGINX)
    return [m.group(1).split() for m in re.finditer(rf"(?m)^\s*{directive}\s+([^;{{]+);", code)]


def nginx_size(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([kKmMgG]?)", value).groups()
    return int(number) * UNITS[unit.lower()]


def test_nginx_takes_every_body_the_server_takes_and_says_the_servers_sentence():
    server_limit = appmod.create_app().state.max_bytes
    assert server_limit == appmod.DEFAULT_MAX_BYTES
    limits = [nginx_size(v[0]) for v in nginx_values("client_max_body_size")]
    assert limits and all(limit >= server_limit for limit in limits)
    # ...and no more: the app's 413 closes the connection, which nginx would turn into a 502
    assert all(limit == server_limit for limit in limits)
    mb = f"{round(server_limit / 2**20, 1):g}"
    for lang in ("sv", "en"):
        assert f'"{appmod.sentence("too_large", lang, mb=mb)}"' in NGINX
    assert ["413", "@xlplan_too_large"] in nginx_values("error_page")


def test_nginx_lets_a_large_plan_through(tmp_path):
    """Headers, timeouts, buffering, forwarding and TLS as a 5 x 1,000-row plan needs them."""
    from bench.common import big_seed
    from tests.fixtures import write_plan

    _, merges = payload_for(write_plan(tmp_path / "big.xlsx", big_seed(5000)))
    header = len("Xlplan-Merges: " + json.dumps(merges))
    (count, size), = nginx_values("large_client_header_buffers")
    assert nginx_size(size) >= 10 * header and nginx_size(size) <= servemod.MAX_HEADER_BYTES
    assert int(nginx_values("proxy_read_timeout")[0][0].rstrip("s")) >= 120
    assert ["on"] in nginx_values("proxy_buffering") and ["on"] in nginx_values("proxy_request_buffering")
    forwarded = {v[0] for v in nginx_values("proxy_set_header")}
    assert {"Host", "X-Forwarded-For", "X-Forwarded-Proto", "X-Real-IP"} <= forwarded
    assert nginx_values("ssl_certificate") and nginx_values("ssl_certificate_key")
    assert any("443" in v and "ssl" in v for v in nginx_values("listen"))
    assert [["127.0.0.1:8000"]] == [v[:1] for v in nginx_values("server")]
    assert "$uri" in NGINX and "$request_uri" not in NGINX.split("log_format", 1)[1].split(";", 1)[0]
    assert NGINX.count("{") == NGINX.count("}")
