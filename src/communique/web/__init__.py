"""`communique serve`: the REST API under /api and the dashboard, one FastAPI app over one store."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from starlette.exceptions import HTTPException

from .. import __version__
from ..errors import CommuniqueError
from ..settings import Config, read_config
from ..store.sql import Store


def create_app(db: str, *, config: str | Path | Config | None = None) -> FastAPI:
    """The app over the store at `db` (a path or URL, which must exist), with `[serve]` settings from `config`."""
    from . import api, pages

    app = FastAPI(
        title="communique",
        version=__version__,
        summary="Evidence-linked records of international relations, extracted from news.",
        docs_url=None,  # served by pages.docs from the installed Swagger UI, not from a CDN
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.add_middleware(
        GZipMiddleware, minimum_size=2048
    )  # at 5M events: map data 1,094 -> 148 KiB, outlines 647 -> 227
    app.state.store = Store(db, create=False)
    app.state.settings = read_config(config)["serve"]
    app.include_router(api.router)
    app.include_router(pages.router)
    pages.mount_static(app)
    app.add_exception_handler(CommuniqueError, _on_error)
    app.add_exception_handler(HTTPException, _on_error)
    app.add_exception_handler(RequestValidationError, _on_error)
    return app


def _on_error(request: Request, error: Exception) -> Response:
    """Every error as a 4xx the user can act on (a store that cannot be read: 503), never a 500: JSON under
    /api, a page elsewhere."""
    from . import api, pages

    if isinstance(error, CommuniqueError):
        status, code, message = (503 if error.code in ("E011", "E016") else 400), error.code, str(error)
        if error.code == "E019":  # named as a parameter of this API, not as the CLI's --option
            values = error.values
            message = f"[E019] {str(values['option']).replace('-', '_')}={values['value']!r}: {values['expected']}."
    elif isinstance(error, RequestValidationError):
        parts = [
            f"{'.'.join(str(p) for p in d['loc'] if p not in ('query', 'body', 'path'))}: {d['msg']}"
            for d in error.errors()
        ]
        status, code, message = 422, "HTTP 422", "; ".join(parts) or "invalid request"
    else:
        assert isinstance(error, HTTPException)
        status, code, message = error.status_code, f"HTTP {error.status_code}", str(error.detail)
    if request.url.path.startswith("/api"):
        return api.problem(status, code, message)
    return pages.error_page(request, status, message)
