"""The application factory: one engine in, one ASGI application out."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Final

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from caresq.engine import Engine
from caresq.errors import CaresqError
from caresq.server import api, interview
from caresq.server.http import (
    MAX_APPLICATIONS,
    MAX_BODY_BYTES,
    HttpProblem,
    Service,
    json_response,
)
from caresq.server.openapi import openapi_document

#: The pages load nothing from elsewhere and run no script; the browser is told to hold them
#: to that, and not to be framed by another site.
PAGE_POLICY: Final = (b"default-src 'none'; style-src 'self'; img-src 'self'; "
                      b"form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
#: Where request lines and internal failures are logged.
LOG: Final = logging.getLogger("caresq.server")
STATIC: Final = Path(__file__).with_name("static")

__all__ = ["MAX_APPLICATIONS", "MAX_BODY_BYTES", "create_app"]


def create_app(engine: Engine | None = None, *, max_body_bytes: int = MAX_BODY_BYTES,
               max_applications: int = MAX_APPLICATIONS) -> Starlette:
    """The service over ``engine`` (default: every installed plugin), built once, here.

    :param max_body_bytes: the largest request body read; a larger one is answered 413.
    :param max_applications: the most applications in one profile; more is answered 422.
    """
    service = Service(engine if engine is not None else Engine.default(), max_body_bytes,
                      max_applications)
    document = openapi_document(service.engine, max_body_bytes, max_applications)

    async def openapi(request: Request) -> Response:
        return json_response(document)

    routes: list[BaseRoute] = [
        *api.routes(service),
        Route("/openapi.json", openapi, methods=["GET"], name="openapi"),
        *interview.routes(service),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes,
        # Failures innermost, so that a 500 is logged with its size and carries the headers
        # of every answer (Starlette's own handler of last resort sits outside them all).
        middleware=[Middleware(RequestLog), Middleware(PageHeaders), Middleware(Failures)],
        exception_handlers={HttpProblem: _problem, CaresqError: _caresq_error,
                            HTTPException: _http_exception})
    app.state.service = service
    return app


async def _problem(request: Request, error: Exception) -> Response:
    assert isinstance(error, HttpProblem)
    if interview.wants_page(request):
        return interview.error_page(request, error)
    return error.response()


async def _caresq_error(request: Request, error: Exception) -> Response:
    """A refusal the endpoint did not expect (a plugin's rule that raised, say): 500, named."""
    LOG.error("caresq error on %s: %s", _path(request.scope), error)
    return await _problem(request, HttpProblem(500, "internal error", [str(error)]))


async def _http_exception(request: Request, error: Exception) -> Response:
    """Starlette's own refusals (no such route: 404; a method it does not take: 405, with
    ``Allow``) as problem documents, or pages, like every other refusal."""
    assert isinstance(error, HTTPException)
    return await _problem(request, HttpProblem(error.status_code, error.detail.lower(),
                                               headers=error.headers))


def _path(scope: Scope) -> str:
    """The path as the client sent it, percent-encoded, without the query string.

    The query is left out so that what a form or client put there never reaches the log.
    """
    raw = scope.get("raw_path")
    if isinstance(raw, bytes):
        return raw.partition(b"?")[0].decode("ascii", "backslashreplace")
    path: str = scope.get("path", "")
    return path.encode("ascii", "backslashreplace").decode("ascii")


class _HttpMiddleware:
    """An ASGI middleware that acts on HTTP requests only; others pass straight through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.http(scope, receive, send)

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one HTTP request."""
        raise NotImplementedError


class Failures(_HttpMiddleware):
    """A bug (an exception no handler took): a 500 problem or page, its traceback logged."""

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except Exception:
            LOG.exception("internal failure on %s %s", scope["method"], _path(scope))
            if started:  # half an answer is out: nothing more can be said to this client
                raise
            problem = HttpProblem(500, "internal error",
                                  ["caresq failed; the server log says where"])
            response = await _problem(Request(scope), problem)
            await response(scope, receive, send)


class RequestLog(_HttpMiddleware):
    """Logs one line per request: method, path, status, body size, time. Never a body."""

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        start = time.perf_counter()
        status, size = 500, 0

        async def sending(message: Message) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            LOG.info("%s %s %d %dB %.1fms", scope["method"], _path(scope), status, size,
                     (time.perf_counter() - start) * 1000)


class PageHeaders(_HttpMiddleware):
    """Adds ``nosniff`` to every answer, and to pages the policy of :data:`PAGE_POLICY`."""

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                if any(name == b"content-type" and value.startswith(b"text/html")
                       for name, value in headers):
                    headers.append((b"content-security-policy", PAGE_POLICY))
                    headers.append((b"referrer-policy", b"no-referrer"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, sending)
