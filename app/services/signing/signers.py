"""The two real signers behind :class:`app.services.review.signer.Signer`: a PKCS#12 key file
and NCALayer.  ``sign`` gives a detached CMS signature over the canonical JSON of a decision
(``cms:`` and its base64); ``sign_pdf`` signs a result document as PAdES with pyHanko — with the
key itself, or through NCALayer by pyHanko's interrupted signing: pyHanko reserves the place of
the signature, NCALayer signs the document's bytes and the CMS it returns is put in that place."""

from __future__ import annotations

import asyncio
import io
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asn1crypto import cms as asn1_cms
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs7

from ...domain.clock import KZ_TIME, now_kz
from ...errors import UserError
from ...i18n import N_
from ..review.signer import canonical
from .cms import encode
from .keys import SigningKey, load_pkcs12, serial_text, signer_name
from .ncalayer import NcaLayer
from .verification import integrity_of

if TYPE_CHECKING:   # pyHanko and reportlab are imported where a PDF is signed or stamped (a quick start)
    from pyhanko.sign import signers

    from ...documents.layout import SignatureStamp

FIELD = "Signature1"
NCALAYER_ROOM = 32_768  # bytes kept for NCALayer's CMS: signature, certificate chain, attributes


def asn1_certificate(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


class CmsSigner:
    """A signer that makes CMS signatures; subclasses say how the bytes get signed."""

    def certificate(self) -> x509.Certificate:
        raise NotImplementedError

    def sign_bytes(self, data: bytes) -> bytes:
        """A detached CMS signature (DER) over ``data``."""
        raise NotImplementedError

    def sign(self, document: Any) -> str:
        return encode(self.sign_bytes(canonical(document)))

    def verify(self, document: Any, signature: str) -> bool:
        return verify_integrity(document, signature)

    def stamp(self, at: datetime | None = None) -> SignatureStamp:
        """What the printed copy shows of the signature (the slot of ``Form.checkable_footer``)."""
        from ...documents.layout import SignatureStamp

        certificate = self.certificate()
        moment = (at or now_kz()).astimezone(KZ_TIME)
        return SignatureStamp(signer_name(certificate), serial_text(certificate), f"{moment:%d.%m.%Y %H:%M:%S}")

    def sign_pdf(self, pdf: bytes, reason: str) -> bytes:
        raise NotImplementedError


def _metadata(reason: str) -> signers.PdfSignatureMetadata:
    from pyhanko.sign import fields, signers

    return signers.PdfSignatureMetadata(field_name=FIELD, reason=reason, md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES)


def _pdf_signer(reason: str, signer) -> signers.PdfSigner:
    """pyHanko's PDF signer whose signing time is the program's clock, like the stamp's."""
    from pyhanko.sign import signers

    class ClockedPdfSigner(signers.PdfSigner):
        def init_signing_session(self, *args, **kwargs):
            session = super().init_signing_session(*args, **kwargs)
            session.system_time = now_kz()
            return session

    return ClockedPdfSigner(_metadata(reason), signer=signer)


class Pkcs12Signer(CmsSigner):
    """A PKCS#12 key file (RSA).  The password opens the file once, here; it is not kept."""

    def __init__(self, path: Path, password: str):
        self.key: SigningKey = load_pkcs12(path, password)

    def certificate(self) -> x509.Certificate:
        return self.key.certificate

    def sign_bytes(self, data: bytes) -> bytes:
        builder = pkcs7.PKCS7SignatureBuilder().set_data(data).add_signer(
            self.key.certificate, self.key.private_key, hashes.SHA256())
        for certificate in self.key.chain:
            builder = builder.add_certificate(certificate)
        return builder.sign(serialization.Encoding.DER,
                            [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary])

    def _pyhanko_signer(self) -> signers.SimpleSigner:
        from pyhanko.sign import signers
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        der = self.key.private_key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                                 serialization.NoEncryption())
        return signers.SimpleSigner(
            signing_cert=asn1_certificate(self.key.certificate),
            signing_key=asn1_keys.PrivateKeyInfo.load(der),
            cert_registry=SimpleCertificateStore.from_certs([asn1_certificate(c) for c in self.key.chain]))

    def sign_pdf(self, pdf: bytes, reason: str) -> bytes:
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

        out = io.BytesIO()
        _pdf_signer(reason, self._pyhanko_signer()).sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), output=out)
        return out.getvalue()


class NcaLayerSigner(CmsSigner):
    """NCALayer signs (RSA or ГОСТ, file or token); the key never leaves it.  The certificate
    is asked for once (NCALayer asks the user to choose the key), then each signing asks again."""

    def __init__(self, client: NcaLayer | None = None):
        self.client = client or NcaLayer()
        self._certificate: x509.Certificate | None = None

    def certificate(self) -> x509.Certificate:
        if self._certificate is None:
            self._certificate = self.client.certificate()
        return self._certificate

    def sign_bytes(self, data: bytes) -> bytes:
        der = self.client.sign_cms(data)
        self._check_same_key(der)
        return der

    def _check_same_key(self, der: bytes) -> None:
        """The key chosen for signing must be the one the stamp names."""
        if self._certificate is None:
            return
        signed = asn1_cms.ContentInfo.load(der)["content"]
        serials = {info["sid"].chosen["serial_number"].native for info in signed["signer_infos"]
                   if info["sid"].name == "issuer_and_serial_number"}
        if serials and self._certificate.serial_number not in serials:
            raise UserError(N_("NCALayer signed with another key than the one chosen first; sign again with one key."))

    def sign_pdf(self, pdf: bytes, reason: str) -> bytes:
        return asyncio.run(self._sign_pdf(pdf, reason))

    async def _sign_pdf(self, pdf: bytes, reason: str) -> bytes:
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import signers
        from pyhanko.sign.signers.pdf_signer import PdfTBSDocument
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        placeholder = signers.ExternalSigner(asn1_certificate(self.certificate()), SimpleCertificateStore(),
                                             signature_value=256)
        pdf_signer = _pdf_signer(reason, placeholder)
        buffer = io.BytesIO()  # the document with its room for the signature, then signed
        prepared, _tbs, output = await pdf_signer.async_digest_doc_for_signing(
            IncrementalPdfFileWriter(io.BytesIO(pdf)), bytes_reserved=NCALAYER_ROOM, output=buffer)
        written = buffer.getvalue()
        signed_bytes = written[:prepared.reserved_region_start] + written[prepared.reserved_region_end:]
        cms_der = self.sign_bytes(signed_bytes)
        if len(cms_der) * 2 > NCALAYER_ROOM:
            raise UserError(N_("NCALayer's signature is larger than the room kept for it in the document."))
        await PdfTBSDocument.async_finish_signing(output, prepared, asn1_cms.ContentInfo.load(cms_der))
        return buffer.getvalue()


def verify_integrity(document: Any, signature: str) -> bool:
    """Whether ``signature`` (a ``cms:`` signature) was made over ``document`` by the key of the
    certificate it carries — the content, not the trust in the signer (see ``verify_decision``)."""
    return integrity_of(canonical(document), signature)
