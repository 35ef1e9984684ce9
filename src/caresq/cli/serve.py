"""``caresq serve``: the HTTP service and the web interview (needs ``caresq[server]``)."""

from __future__ import annotations

import argparse
import logging
import socket
import sys
from typing import Any, Final

from caresq.cli._common import EXIT_OK, UsageError
from caresq.engine import Engine

#: Ctrl-C, as for every command: 128 + SIGINT.
EXIT_INTERRUPTED: Final = 130


def _port(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0-65535)")
    return int(text)


def _size(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of bytes (at least 1)")
    return int(text)


def add_parser(commands: Any) -> None:
    """Declare ``serve`` and its arguments."""
    serve = commands.add_parser(
        "serve", help="run the HTTP service and the web interview",
        description="Serve the JSON API under /v1, the web interview at / and the API "
                    "description at /openapi.json. Example: caresq serve --port 8000")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on, e.g. 127.0.0.1 (default) or 0.0.0.0")
    serve.add_argument("--port", type=_port, default=8000,
                       help="TCP port, 0-65535 (default 8000; 0 picks a free one)")
    serve.add_argument("--max-body", type=_size, default=None, metavar="BYTES",
                       help="largest request body in bytes (default 16777216, 16 MiB)")
    serve.set_defaults(run=run)


def run(args: argparse.Namespace, engine: Engine) -> int:
    """Build the application over ``engine`` (built once, already) and serve until stopped."""
    try:
        import uvicorn

        from caresq.server import MAX_BODY_BYTES, create_app
    except ImportError as error:
        raise UsageError(f"caresq serve needs the server extra: pip install 'caresq[server]' "
                         f"({error.name} is missing)") from None
    app = create_app(engine, max_body_bytes=args.max_body or MAX_BODY_BYTES)
    try:
        listener = socket.create_server((args.host, args.port))
    except OSError as error:
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {error.strerror}") from None
    host, port = listener.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    print(f"caresq serve: listening on http://{shown}:{port}/", file=sys.stderr, flush=True)
    # uvicorn's access log is off: it writes the query string; caresq.server logs each
    # request's method, path, status, size and time, and never a body or a query.
    config = uvicorn.Config(app, access_log=False, log_level="info", server_header=False,
                            log_config=None)
    try:
        uvicorn.Server(config).run(sockets=[listener])
    except KeyboardInterrupt:  # uvicorn shut down cleanly, then passed Ctrl-C on
        print("caresq serve: stopped", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_OK
