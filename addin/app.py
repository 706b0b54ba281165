"""The add-in's server: xlwings Server's endpoints for xlplan's two scripts.

    XLWINGS_LICENSE_KEY=noncommercial uvicorn addin.app:app --host 127.0.0.1 --port 8000 \
        --ssl-keyfile certs/key.pem --ssl-certfile certs/cert.pem

It speaks xlwings Server's protocol (POST /xlwings/custom-scripts-call/{name}
with the workbook's values, answered with xlwings actions) and serves the
Office add-in: the manifest, the task pane, the ribbon's function file and
the JavaScript client that builds the payload and carries out the actions.
Nothing is loaded from elsewhere but Microsoft's office.js, which every
Office add-in uses.
"""

from __future__ import annotations

import json
import os
from html import escape
from pathlib import Path
from string import Template

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # PolyForm Noncommercial: covers public authorities

import xlwings as xw  # noqa: E402
import xlwings.server  # noqa: E402
from fastapi import Body, FastAPI, Header, Request  # noqa: E402
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response  # noqa: E402
from fastapi.staticfiles import StaticFiles  # noqa: E402

from addin import custom_scripts  # noqa: E402

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"


def base_url(request: Request) -> str:
    """The public https address of this server (XLPLAN_ADDIN_URL wins, e.g. behind a proxy)."""
    configured = os.environ.get("XLPLAN_ADDIN_URL")
    if configured:
        return configured.rstrip("/")
    url = str(request.base_url).rstrip("/")
    return "https://" + url.split("://", 1)[1]  # Office only loads add-ins over https


def render(name: str, **values: str) -> str:
    return Template((TEMPLATES / name).read_text(encoding="utf-8")).substitute(**values)


def create_app() -> FastAPI:
    app = FastAPI(title="xlplan add-in", docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/")
    async def root():
        return {"status": "ok"}

    @app.get("/manifest.xml")
    async def manifest(request: Request):
        return Response(render("manifest.xml", base=base_url(request)), media_type="application/xml")

    @app.get("/taskpane.html", response_class=HTMLResponse)
    async def taskpane(request: Request):
        return render("taskpane.html", base=base_url(request), version=xw.__version__)

    @app.get("/xlwings/alert", response_class=HTMLResponse)
    async def alert(prompt: str = "", title: str = "xlplan", buttons: str = "ok", mode: str = "", callback: str = ""):
        return render("alert.html", prompt=escape(prompt).replace("\n", "<br>"), title=escape(title))

    @app.get("/xlwings/custom-scripts-meta")
    async def scripts_meta():
        return xlwings.server.custom_scripts_meta(custom_scripts)

    @app.post("/xlwings/custom-scripts-call/{script_name}")
    async def scripts_call(script_name: str, data: dict = Body(...),
                           xlplan_merges: str | None = Header(default=None),
                           xlplan_language: str | None = Header(default=None)):
        if script_name not in {m["function_name"] for m in xlwings.server.custom_scripts_meta(custom_scripts)}:
            return PlainTextResponse(f"Unknown script: {script_name}", status_code=404)
        custom_scripts.merges.set(json.loads(xlplan_merges) if xlplan_merges else None)
        custom_scripts.language.set(xlplan_language)
        book = xw.Book(json=data)
        try:
            book = await xlwings.server.custom_scripts_call(custom_scripts, script_name,
                                                            typehint_to_value={xw.Book: book})
            return JSONResponse(book.json())
        finally:
            book.close()

    return app


app = create_app()
