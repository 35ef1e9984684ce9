"""What every endpoint shares: the engine behind a lock, bounded bodies, JSON documents, problems.

Errors are answered as problem documents (``application/problem+json``, RFC 9457) whose
``errors`` list holds the same lines the command line prints for the same input.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any, Final, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from caresq.advice import advice_to_json
from caresq.engine import Engine
from caresq.errors import ProfileError
from caresq.facts import parse_date
from caresq.profile import MAX_BYTES, parse_json, utf8_text
from caresq.text import escape_control

#: The largest request body read: the largest profile the command line reads (16 MiB).
MAX_BODY_BYTES: Final = MAX_BYTES
#: The most applications one profile may hold in a request. A profile applies for each
#: contract once or so (a policy has a handful); without a bound a 90 KB body of 2,000
#: applications held the engine, which serves one request at a time, for seconds.
MAX_APPLICATIONS: Final = 64
JSON: Final = "application/json"
PROBLEM_JSON: Final = "application/problem+json"

T = TypeVar("T")


class HttpProblem(Exception):
    """A request that cannot be answered as asked; becomes a problem document."""

    def __init__(self, status: int, title: str, errors: Iterable[str] = (),
                 problems: Iterable[dict[str, str]] | None = None,
                 headers: Mapping[str, str] | None = None) -> None:
        super().__init__(title)
        self.status = status
        self.title = title
        #: The lines a person reads, the same as the command line's: a control character or
        #: bidi override of the input shown as its escape (``\x1b``, ``\u202e``).
        self.errors = tuple(map(escape_control, errors))
        #: For invalid profiles: each problem with its path, for programs (as the input has it).
        self.problems = None if problems is None else tuple(problems)
        #: Headers the answer carries (``Allow`` for 405).
        self.headers = dict(headers or {})

    @classmethod
    def from_profile_error(cls, status: int, title: str, error: ProfileError) -> HttpProblem:
        """The problem for a profile the reader refused, every problem with its path."""
        return cls(status, title, error.errors,
                   [{"path": p.path, "message": p.message} for p in error.problems])

    def response(self) -> Response:
        """The problem document."""
        body: dict[str, Any] = {"status": self.status, "title": self.title,
                                "errors": list(self.errors)}
        if self.problems is not None:
            body["problems"] = list(self.problems)
        headers = {**self.headers, **({"Connection": "close"} if self.status == 413 else {})}
        return Response(json_document(body), self.status, headers, PROBLEM_JSON)


def json_document(data: object) -> bytes:
    """``data`` as the command line prints JSON: indented, not ASCII-escaped, a final newline.

    A lone surrogate (which UTF-8 cannot carry) is written as its JSON escape.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return text.encode("utf-8", "backslashreplace")


def json_response(data: object, status: int = 200) -> Response:
    """``data`` as a JSON document."""
    return Response(json_document(data), status, media_type=JSON)


class Service:
    """The engine the server was started with, and the rules for calling it.

    The engine is built once, at start-up. Its calls run in a worker thread, so the event loop
    keeps reading and writing other requests meanwhile; a lock runs them one at a time, because
    the engine remembers findings in plain dictionaries and (with the GIL) threads would give
    no more speed, only races.
    """

    def __init__(self, engine: Engine, max_body_bytes: int = MAX_BODY_BYTES,
                 max_applications: int = MAX_APPLICATIONS) -> None:
        self.engine = engine
        self.max_body_bytes = max_body_bytes
        self.max_applications = max_applications
        self._lock = threading.Lock()

    def check_applications(self, data: object) -> None:
        """422 for a profile with more applications than the service takes in one request."""
        applications = data.get("applications") if isinstance(data, Mapping) else None
        if isinstance(applications, list) and len(applications) > self.max_applications:
            message = (f"{len(applications)} applications: the service takes at most "
                       f"{self.max_applications} in one profile (caresq serve "
                       "--max-applications)")
            raise HttpProblem(422, "invalid profile", [f"applications: {message}"],
                              [{"path": "applications", "message": message}])

    async def call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``function(*args, **kwargs)`` in a worker thread, one engine call at a time."""
        return await run_in_threadpool(self._locked, function, *args, **kwargs)

    def _locked(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with self._lock:
            return function(*args, **kwargs)

    async def read_body(self, request: Request) -> bytes:
        """The request body, refused with 413 once it passes the limit (before reading on)."""
        limit = self.max_body_bytes
        length = request.headers.get("content-length")
        if length is not None:
            if not length.isascii() or not length.isdigit():
                raise HttpProblem(400, "bad request",
                                  [f"Content-Length {length!r} is not a number"])
            if int(length) > limit:
                raise _too_large(limit)
        chunks: list[bytes] = []
        size = 0
        try:
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise _too_large(limit)
                chunks.append(chunk)
        except ClientDisconnect:  # nobody is left to answer: logged as a 400, not a failure
            raise HttpProblem(400, "bad request",
                              ["the client closed the connection before the body ended"]
                              ) from None
        return b"".join(chunks)

    async def read_json(self, request: Request) -> object:
        """The body parsed as JSON, strictly, as the profile reader parses it.

        Text that is not JSON is 400; JSON that gives a key twice is a profile the reader
        refuses (its problems name where), so 422.
        """
        body = await self.read_body(request)
        try:  # UTF-8, as the command line reads a file: json.loads would guess UTF-16
            return parse_json(utf8_text(body), self.max_body_bytes)
        except ProfileError as error:
            if any(problem.path for problem in error.problems):
                raise HttpProblem.from_profile_error(422, "invalid profile", error) from None
            raise HttpProblem.from_profile_error(400, "not JSON", error) from None


def _too_large(limit: int) -> HttpProblem:
    return HttpProblem(413, "request body too large",
                       [f"the body is over the limit of {limit} bytes"])


def advice_json(engine: Engine, data: object, **options: Any) -> dict[str, Any]:
    """The engine's advice on ``data`` as its JSON (what ``caresq advise --format json`` prints)."""
    return advice_to_json(engine.advise(data, **options))  # type: ignore[arg-type]


# -- query parameters ---------------------------------------------------------------------------


def query_date(request: Request, name: str) -> date | None:
    """An optional ``YYYY-MM-DD`` query parameter; 400 naming it when it is not a date."""
    text = request.query_params.get(name)
    if text is None or text == "":
        return None
    try:
        return parse_date(text)
    except ValueError as error:
        raise HttpProblem(400, "bad query parameter", [f"{name}: {error}"]) from None


def query_int(request: Request, name: str, minimum: int = 0) -> int | None:
    """An optional whole-number query parameter of at least ``minimum``; 400 naming it if not."""
    text = request.query_params.get(name)
    if text is None or text == "":
        return None
    if not (text.isascii() and text.isdigit()) or int(text) < minimum:
        raise HttpProblem(400, "bad query parameter",
                          [f"{name}: {text!r} is not a whole number of at least {minimum}"])
    return int(text)


def query_choice(request: Request, name: str, choices: tuple[str, ...]) -> str:
    """A query parameter with a fixed set of values, the first by default; 400 if another."""
    text = request.query_params.get(name) or choices[0]
    if text not in choices:
        raise HttpProblem(400, "bad query parameter",
                          [f"{name}: {text!r} is not one of {', '.join(choices)}"])
    return text
