"""caresq as an HTTP service and a web interview (the optional extra ``caresq[server]``).

:func:`create_app` turns one :class:`~caresq.Engine` into an ASGI application::

    import uvicorn
    import caresq
    from caresq.server import create_app

    uvicorn.run(create_app(caresq.Engine.default()), host="127.0.0.1", port=8000)

which is what ``caresq serve`` does. The JSON endpoints under ``/v1`` answer with exactly the
bytes the command line prints; ``GET /`` is the interview; ``/openapi.json`` describes it all.
The server only parses, calls the engine and renders: every decision is the library's.
"""

from caresq.server.app import MAX_APPLICATIONS, MAX_BODY_BYTES, create_app

__all__ = ["MAX_APPLICATIONS", "MAX_BODY_BYTES", "create_app"]
