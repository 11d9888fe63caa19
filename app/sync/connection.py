"""Which hub this workstation syncs with: its address and token, kept in ``hub.json`` in the data
folder (readable by the user only), not in the database, whose audit log would keep the token."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError
from ..i18n import N_
from .client import hub_address

FILE = "hub.json"


@dataclass(frozen=True)
class HubConnection:
    url: str
    token: str


def load(data_dir: Path) -> HubConnection | None:
    try:
        stored = json.loads((Path(data_dir) / FILE).read_text(encoding="utf-8"))
        return HubConnection(hub_address(stored["url"]), str(stored["token"]))
    except (OSError, ValueError, KeyError, TypeError, UserError):
        return None


def save(data_dir: Path, url: str, token: str) -> HubConnection:
    """Checks and keeps the connection; an empty address forgets it."""
    path = Path(data_dir) / FILE
    if not url.strip():
        path.unlink(missing_ok=True)
        return None
    connection = HubConnection(hub_address(url), token.strip())
    if not connection.token or not connection.token.isascii() or len(connection.token) > 100:
        raise UserError(N_("The hub token is missing or malformed."))
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump({"url": connection.url, "token": connection.token}, file)
    return connection
