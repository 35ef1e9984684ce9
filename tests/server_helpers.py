"""A real server for the tests: uvicorn on an ephemeral port of 127.0.0.1, and a plain client."""

from __future__ import annotations

import http.client
import socket
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import uvicorn
from attrs import frozen

#: How long the tests wait for a server to start or stop, or for one answer.
WAIT_SECONDS = 30


@frozen
class Reply:
    """What the server answered."""

    status: int
    headers: Mapping[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 at a port the system picks; yield its base URL.

    uvicorn runs in a thread of the test process, so the tests see its log records; it is
    stopped, and the thread joined, when the block ends.
    """
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    config = uvicorn.Config(app, access_log=False, log_config=None, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]},
                              name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(WAIT_SECONDS)
        listener.close()


def fetch(base: str, method: str, path: str, body: bytes | None = None,
          headers: Mapping[str, str] | None = None, *, chunked: bool = False) -> Reply:
    """One request on a fresh connection; any status comes back as a Reply."""
    parts = urlsplit(base)
    assert parts.hostname is not None
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=WAIT_SECONDS)
    try:
        if chunked:
            assert body is not None
            connection.request(method, path, body=iter([body[i:i + 4096]
                                                        for i in range(0, len(body), 4096)]),
                               headers=dict(headers or {}), encode_chunked=True)
        else:
            connection.request(method, path, body=body, headers=dict(headers or {}))
        response = connection.getresponse()
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()},
                     response.read())
    finally:
        connection.close()
