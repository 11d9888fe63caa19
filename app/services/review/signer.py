"""Signing a decision (ЭЦП, §46, §48) behind one interface; the local stand-in hashes the
canonical JSON of what is signed.  The real digital signature (НУЦ РК) is its own issue."""

from __future__ import annotations

import hashlib
import json
from typing import Any, Protocol


def canonical(document: Any) -> bytes:
    """One byte string per document: keys sorted, no spaces, UTF-8."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


class Signer(Protocol):
    def sign(self, document: Any) -> str:
        """The signature of ``document`` as text."""

    def verify(self, document: Any, signature: str) -> bool:
        """Whether ``signature`` was made of ``document``."""


class LocalHashSigner:
    """Not a signature in law: the SHA-256 of the canonical JSON, so any later change shows."""

    PREFIX = "local-sha256:"

    def sign(self, document: Any) -> str:
        return self.PREFIX + hashlib.sha256(canonical(document)).hexdigest()

    def verify(self, document: Any, signature: str) -> bool:
        return signature == self.sign(document)


DEFAULT_SIGNER: Signer = LocalHashSigner()
