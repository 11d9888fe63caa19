"""Whether a signature holds: the content unchanged, the certificate within its validity, not
revoked, and chaining to a trust root.  One verdict for decisions (detached CMS) and result
documents (PAdES): ``valid``, the signer, the certificate's serial, when it was signed, and when
not valid the reason — ``changed``, ``expired``, ``revoked``, ``untrusted``, ``unsigned``, or
``unsupported`` for a ГОСТ signature, which no Python library can check (NCALayer makes them)."""

from __future__ import annotations

import asyncio
import io
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from asn1crypto import cms as asn1_cms
from sqlalchemy.orm import Session
from cryptography import x509

from ...domain.clock import KZ_TIME, now_kz
from ...errors import UserError
from ...i18n import N_
from ..review.signer import LocalHashSigner, canonical, certificate_iin
from .keys import is_gost, read_file, serial_text, signer_name
from .cms import decode
from .trust import Trust, trust_of

CHANGED, EXPIRED, REVOKED, UNTRUSTED, UNSIGNED = "changed", "expired", "revoked", "untrusted", "unsigned"
NOT_THE_SIGNER = "not_the_signer"  # a valid signature by someone else than the one it is recorded for
UNSUPPORTED = "unsupported"  # a ГОСТ signature (made through NCALayer): no Python library checks one
NOT_COVERED = "modified_after_signing"  # bytes after the signed part: an incremental update, even an empty one


@dataclass(frozen=True)
class Verdict:
    valid: bool
    signer: str = ""
    serial: str = ""
    signed_at: str | None = None
    reason: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def _certificate(status) -> x509.Certificate | None:
    cert = getattr(status, "signing_cert", None)
    return x509.load_der_x509_certificate(cert.dump()) if cert is not None else None


def revoked(certificate: x509.Certificate, lists: list[x509.CertificateRevocationList]) -> bool:
    """Whether a revocation list of the certificate's issuer names it (the lists are the ones the
    administrator added; pyHanko consults a list only for certificates that point to one)."""
    return any(crl.issuer == certificate.issuer
               and crl.get_revoked_certificate_by_serial_number(certificate.serial_number) is not None
               for crl in lists)


def _reason(status, certificate: x509.Certificate | None, lists: list[x509.CertificateRevocationList],
            now: datetime) -> str | None:
    if not (status.intact and status.valid):
        return CHANGED
    if certificate is not None and (certificate.not_valid_after_utc < now or certificate.not_valid_before_utc > now):
        return EXPIRED
    if status.revoked or (certificate is not None and revoked(certificate, lists)):
        return REVOKED
    if not status.trusted:
        return UNTRUSTED
    return None


def verdict_of(status, trust: Trust, *, whole_file: bool = True) -> Verdict:
    certificate = _certificate(status)
    reason = _reason(status, certificate, trust.crls, now_kz()) if whole_file else CHANGED
    signed = status.signer_reported_dt
    return Verdict(reason is None, signer_name(certificate) if certificate else "",
                   serial_text(certificate) if certificate else "",
                   signed.astimezone(KZ_TIME).isoformat(timespec="seconds") if signed else None, reason)


def _signed_data(signature: str) -> asn1_cms.SignedData | None:
    info = decode(signature)
    return info["content"] if info is not None and info["content_type"].native == "signed_data" else None


async def _validate_detached(data: bytes, signed: asn1_cms.SignedData, trust: Trust):
    from pyhanko.sign.validation import async_validate_detached_cms   # pyHanko only when a signature is checked

    return await async_validate_detached_cms(data, signed, signer_validation_context=trust.context())


def _detached_status(data: bytes, signature: str, trust: Trust):
    from pyhanko.sign.validation.errors import SignatureValidationError

    signed = _signed_data(signature)
    if signed is None:
        return None
    try:
        return asyncio.run(_validate_detached(data, signed, trust))
    except (SignatureValidationError, ValueError, KeyError, TypeError):
        return None


def integrity_of(data: bytes, signature: str) -> bool:
    status = _detached_status(data, signature, Trust())
    return status is not None and status.intact and status.valid


def is_gost_signature(signed: asn1_cms.SignedData) -> bool:
    """Whether the signer's algorithms (or its certificate's key) are ГОСТ's."""
    fields = [info[name].dump() for info in signed["signer_infos"]
              for name in ("digest_algorithm", "signature_algorithm")]
    fields += [c.chosen["tbs_certificate"]["subject_public_key_info"]["algorithm"].dump()
               for c in signed["certificates"] or [] if c.name == "certificate"]
    return any(is_gost(field) for field in fields)


def _without_signature(document: Any, signature: str) -> Verdict:
    """A decision is never stored unsigned: an empty or unknown signature means it was edited;
    the local stand-in's hash tells whether the content still is what was recorded."""
    if signature.startswith(LocalHashSigner.PREFIX) and LocalHashSigner().verify(document, signature):
        return Verdict(False, reason=UNSIGNED)
    return Verdict(False, reason=CHANGED)


def verify_decision(trust: Trust, document: Any, signature: str, signer_iin: str | None = None) -> Verdict:
    """The verdict on a decision's (or conclusion's) ``cms:`` signature over ``document``; with
    ``signer_iin`` the certificate must be that person's (§46: the expert signs their own)."""
    if not signature.startswith("cms:"):
        return _without_signature(document, signature)
    signed = _signed_data(signature)
    if signed is not None and is_gost_signature(signed):
        return Verdict(False, reason=UNSUPPORTED)
    status = _detached_status(canonical(document), signature, trust)
    if status is None:
        return Verdict(False, reason=CHANGED)
    verdict = verdict_of(status, trust)
    certificate = _certificate(status)
    if verdict.valid and signer_iin and (certificate is None or certificate_iin(certificate) != signer_iin):
        return replace(verdict, valid=False, reason=NOT_THE_SIGNER)
    return verdict


class _GostSignature(Exception):
    pass


class _NotCovered(Exception):
    pass


def _covers_the_file(signature, size: int) -> bool:
    """Whether the signature's byte range reaches the end of the file: anything appended after it
    (an incremental update, empty or not) is not signed."""
    start, first, second, length = (int(n) for n in signature.sig_object["/ByteRange"])
    return start == 0 and second + length == size


async def _validate_pdf(data: bytes, trust: Trust):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import async_validate_pdf_signature

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    signatures = reader.embedded_signatures
    if not signatures:
        return None
    if is_gost_signature(signatures[-1].signed_data):
        raise _GostSignature
    if not _covers_the_file(signatures[-1], len(data)):
        raise _NotCovered
    return await async_validate_pdf_signature(signatures[-1], signer_validation_context=trust.context())


def verify_pdf(trust: Trust, data: bytes) -> Verdict:
    """The verdict on the last signature of a PDF; a byte changed anywhere is ``changed``."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if not data.startswith(b"%PDF"):
        raise UserError(N_("The file is not a PDF document."))
    try:
        status = asyncio.run(_validate_pdf(data, trust))
    except _GostSignature:
        return Verdict(False, reason=UNSUPPORTED)
    except _NotCovered:
        return Verdict(False, reason=NOT_COVERED)
    except (PdfError, SignatureValidationError, ValueError, KeyError, TypeError, IndexError):
        return Verdict(False, reason=CHANGED)
    if status is None:
        return Verdict(False, reason=UNSIGNED)
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return Verdict(False, reason=NOT_COVERED)
    return verdict_of(status, trust)


MAX_PDF = 100_000_000


def read_pdf(path: Path) -> bytes:
    return read_file(path, MAX_PDF, N_("{file} is larger than {limit} MB."))


def verify_pdf_file(session: Session, path: Path) -> dict:
    """``saraptama documents verify FILE.pdf`` and the window's check: the verdict as JSON."""
    return verify_pdf(trust_of(session), read_pdf(path)).as_dict()
