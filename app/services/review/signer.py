"""Signing a decision (ЭЦП, §46, §48) behind one interface; the local stand-in hashes the
canonical JSON of what is signed.  The real digital signature (НУЦ РК) is its own issue."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any, Protocol

from ...errors import UserError
from ...i18n import N_


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


_IIN_SERIAL = re.compile(r"^IIN(\d{12})$")


def certificate_iin(certificate) -> str | None:
    """The holder's IIN in a certificate of НУЦ РК: its subject's serialNumber "IIN…"."""
    from cryptography.x509.oid import NameOID  # only where certificates are read

    for attribute in certificate.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER):
        found = _IIN_SERIAL.match(str(attribute.value))
        if found:
            return found.group(1)
    return None


def require_own_key(signer: Signer, iin: str) -> None:
    """A key signs only in its holder's name (§46, §48): the certificate's IIN must be the IIN of
    the expert or head the signature is recorded for.  The local stand-in holds no certificate."""
    certificate = getattr(signer, "certificate", None)
    if certificate is None:
        return
    if certificate_iin(certificate()) != iin:
        raise UserError(N_("This key's certificate belongs to someone else: a decision is signed with the key of "
                           "the expert it is recorded for."))
