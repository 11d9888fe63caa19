"""Running the hub: uvicorn on a socket bound before it starts (so ``--port 0`` can say which
port it got), TLS through uvicorn's certificate options, until stopped (Ctrl+C, SIGTERM)."""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable

import uvicorn

from ..errors import UserError
from ..i18n import N_
from ..storage import Database
from ..sync import protocol
from .api import create_app


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except (OSError, OverflowError) as error:
        sock.close()
        raise UserError(N_("The hub cannot listen on {host} port {port}: {problem}"), host=host, port=port,
                        problem=getattr(error, "strerror", None) or str(error)) from None
    sock.listen(256)
    sock.set_inheritable(True)
    return sock


def address(sock: socket.socket, tls: bool) -> dict:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return {"url": f"{'https' if tls else 'http'}://{shown}:{port}", "host": host, "port": port,
            "protocol": protocol.PROTOCOL_VERSION}


def serve(database: Database, host: str, port: int, *, certfile: str | None = None, keyfile: str | None = None,
          settle: float = 2.0, announce: Callable[[dict], None] = print) -> None:
    """Serves until stopped; ``announce`` gets the address once the socket is bound."""
    sock = bind(host, port)
    config = uvicorn.Config(create_app(database, settle=settle), log_level=logging.WARNING, access_log=False,
                            ssl_certfile=certfile, ssl_keyfile=keyfile, timeout_keep_alive=30,
                            limit_concurrency=1000)
    server = uvicorn.Server(config)
    announce(address(sock, bool(certfile)))
    server.run(sockets=[sock])
