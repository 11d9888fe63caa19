"""The trust roots and revocation lists a signature is checked against: the administrator adds
the root certificates of НУЦ РК (or of a test authority) and its CRLs; they are kept in the
database's settings, so every workstation of a department checks alike."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, get_args

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPublicKeyTypes
from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import models as m
from ...domain.clock import now_kz
from ...domain.settings import TRUST_CRL, TRUST_ROOT
from ...errors import UserError
from ...i18n import N_
from .. import access
from .keys import read_file, serial_text, signer_name

ROOT = TRUST_ROOT.key(fingerprint="")  # the families of settings (app.domain.settings) by their prefix
CRL = TRUST_CRL.key(issuer="")

if TYPE_CHECKING:   # pyHanko's validator is imported when a signature is checked (a quick start)
    from pyhanko_certvalidator import ValidationContext

MAX_FILE = 5_000_000


def _read(path: Path) -> bytes:
    return read_file(path, MAX_FILE, N_("{file} is too large to be a certificate or a revocation list."))


def _loaded(path: Path, pem, der, refusal: str):
    """The file's certificate or list, PEM or DER; ``refusal`` when it is neither."""
    data = _read(path)
    try:
        return pem(data) if b"-----BEGIN" in data else der(data)
    except ValueError:
        raise UserError(refusal, file=str(path)) from None


def _certificate(path: Path) -> x509.Certificate:
    return _loaded(path, x509.load_pem_x509_certificate, x509.load_der_x509_certificate,
                   N_("{file} is not a certificate (PEM or DER)."))


def _crl(path: Path) -> x509.CertificateRevocationList:
    return _loaded(path, x509.load_pem_x509_crl, x509.load_der_x509_crl,
                   N_("{file} is not a certificate revocation list (PEM or DER)."))


def fingerprint(certificate: x509.Certificate) -> str:
    return hashlib.sha1(certificate.public_bytes(serialization.Encoding.DER)).hexdigest()


def describe(certificate: x509.Certificate) -> dict:
    return {"fingerprint": fingerprint(certificate), "subject": signer_name(certificate),
            "serial": serial_text(certificate), "valid_until": certificate.not_valid_after_utc.date().isoformat()}


def add_root(session: Session, path: Path) -> dict:
    """``saraptama trust add CERT``: a root (or intermediate) certificate signatures may chain to."""
    access.require(session, "settings.edit")  # the administrator configures the trust roots
    certificate = _certificate(path)
    session.merge(m.Setting(key=ROOT + fingerprint(certificate),
                            value=certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")))
    return {"added": describe(certificate)}


def remove_root(session: Session, print_: str) -> dict:
    access.require(session, "settings.edit")
    setting = session.get(m.Setting, ROOT + print_.strip().lower())
    if setting is None:
        raise UserError(N_("No trust root has the fingerprint {fingerprint}."), fingerprint=print_[:64])
    session.delete(setting)
    return {"removed": print_.strip().lower()}


def _signed_by(crl: x509.CertificateRevocationList, root: x509.Certificate) -> bool:
    """Whether ``root``'s key signed ``crl`` (a key that cannot sign, as X25519, signed nothing)."""
    key = root.public_key()
    # cryptography names the keys that sign as a typing.Union, which mypy cannot narrow by isinstance
    return isinstance(key, get_args(CertificateIssuerPublicKeyTypes)) and crl.is_signature_valid(key)  # type: ignore[arg-type]


def add_crl(session: Session, path: Path) -> dict:
    """``saraptama trust add-crl FILE``: a revocation list signed by one of the trust roots; a
    newer list of the same issuer replaces the older one."""
    access.require(session, "settings.edit")
    crl = _crl(path)
    issuer = next((root for root in roots(session) if root.subject == crl.issuer and _signed_by(crl, root)), None)
    if issuer is None:
        raise UserError(N_("The revocation list {file} is not signed by any trust root; add its root first."),
                        file=str(path))
    key = CRL + hashlib.sha1(crl.issuer.public_bytes()).hexdigest()
    session.merge(m.Setting(key=key, value=crl.public_bytes(serialization.Encoding.PEM).decode("ascii")))
    return {"added_crl": {"issuer": signer_name(issuer), "revoked": len(crl),
                          "next_update": crl.next_update_utc.isoformat() if crl.next_update_utc else None}}


def _values(session: Session, prefix: str) -> list[str]:
    return list(session.scalars(select(m.Setting.value).where(m.Setting.key.startswith(prefix))
                                .order_by(m.Setting.key)))


def roots(session: Session) -> list[x509.Certificate]:
    return [x509.load_pem_x509_certificate(value.encode("ascii")) for value in _values(session, ROOT)]


def crls(session: Session) -> list[x509.CertificateRevocationList]:
    return [x509.load_pem_x509_crl(value.encode("ascii")) for value in _values(session, CRL)]


def listing(session: Session) -> dict:
    return {"roots": [describe(root) for root in roots(session)],
            "crls": [{"issuer": crl.issuer.rfc4514_string(), "revoked": len(crl),
                      "next_update": crl.next_update_utc.isoformat() if crl.next_update_utc else None}
                     for crl in crls(session)]}


@dataclass(frozen=True)
class Trust:
    """What a signer's certificate is checked against: these roots and these CRLs, nothing
    fetched from the network (a department's workstation may be offline)."""

    roots: list[x509.Certificate] = field(default_factory=list)
    crls: list[x509.CertificateRevocationList] = field(default_factory=list)

    def context(self) -> ValidationContext:
        from pyhanko_certvalidator import ValidationContext

        return ValidationContext(
            trust_roots=[asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in self.roots],
            crls=[crl.public_bytes(serialization.Encoding.DER) for crl in self.crls],
            allow_fetching=False, revocation_mode="soft-fail", moment=now_kz())   # the program's clock


def trust_of(session: Session) -> Trust:
    return Trust(roots(session), crls(session))
