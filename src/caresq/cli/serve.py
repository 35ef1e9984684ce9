"""``caresq serve``: the HTTP service and the web interview (needs ``caresq[server]``)."""

from __future__ import annotations

import argparse
import logging
import socket
from typing import TYPE_CHECKING, Any

from caresq.cli._common import EXIT_OK, UsageError, add_max_bytes_argument, say

if TYPE_CHECKING:
    from caresq.engine import Engine


def _port(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0-65535)")
    return int(text)


def _applications(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def add_parser(commands: Any) -> None:
    """Declare ``serve`` and its arguments."""
    serve = commands.add_parser(
        "serve", help="run the HTTP service and the web interview",
        description="Serve the JSON API under /v1, the web interview at / and the API "
                    "description at /openapi.json; Ctrl-C stops it. Example: caresq serve "
                    "--port 8000 (needs the server extra: pip install 'caresq[server]')")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on, e.g. 127.0.0.1 (default) or 0.0.0.0")
    serve.add_argument("--port", type=_port, default=8000,
                       help="TCP port, 0-65535 (default 8000; 0 picks a free one)")
    add_max_bytes_argument(serve)  # the largest request body: a profile, as elsewhere
    # The default lives with the service (caresq.server.MAX_APPLICATIONS), which this parser
    # does not import: the server extra may not be installed.
    serve.add_argument("--max-applications", type=_applications, metavar="N",
                       help="most applications one profile of a request may hold; more is "
                            "answered 422 (default 64)")
    serve.set_defaults(run=run)


def run(args: argparse.Namespace, engine: Engine) -> int:
    """Build the application over ``engine`` (built once, already) and serve until stopped."""
    try:
        import uvicorn

        from caresq.server import create_app
    except ImportError as error:
        raise UsageError(f"caresq serve needs the server extra: pip install 'caresq[server]' "
                         f"({error.name} is missing)") from None
    limits = {} if args.max_applications is None else {"max_applications": args.max_applications}
    app = create_app(engine, max_body_bytes=args.max_bytes, **limits)
    try:
        listener = socket.create_server((args.host, args.port))
    except OSError as error:
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {error.strerror}") from None
    host, port = listener.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    say(f"caresq serve: listening on http://{shown}:{port}/")
    # uvicorn's access log is off: it writes the query string; caresq.server logs each
    # request's method, path, status, size and time, and never a body or a query. Ctrl-C and
    # SIGTERM: uvicorn finishes the requests under way, then the command line says so.
    config = uvicorn.Config(app, access_log=False, log_level="info", server_header=False,
                            log_config=None)
    uvicorn.Server(config).run(sockets=[listener])
    return EXIT_OK
