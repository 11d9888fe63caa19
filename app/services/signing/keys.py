"""A signing key from a PKCS#12 file (the form НУЦ РК issues keys in) and what is shown of its
certificate: the signer's name and the certificate's serial number."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from ...errors import UserError
from ...i18n import N_

# Object identifiers of ГОСТ algorithms as they appear in a key file: the Kazakh arc
# 1.2.398.3.10 (ГОСТ 34.310, 34.311 of НУЦ РК) and the Russian 1.2.643.2.2 / 1.2.643.7.1.
GOST_MARKS = (bytes.fromhex("2a830e030a"), bytes.fromhex("2a85030202"), bytes.fromhex("2a85030701"))
MAX_KEY_FILE = 1_000_000

GOST_REFUSED = N_("The key in {file} is a ГОСТ key, which this program cannot sign with by itself; "
                  "choose NCALayer as the way to sign (NCALayer signs with ГОСТ keys and tokens).")


@dataclass(frozen=True)
class SigningKey:
    """A private key with its certificate and the certificates of its issuers."""

    private_key: rsa.RSAPrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]


def signer_name(certificate: x509.Certificate) -> str:
    """The certificate holder's name (its common name), as the stamp shows it."""
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else certificate.subject.rfc4514_string()


def serial_text(certificate: x509.Certificate) -> str:
    """The serial number as НУЦ РК prints it: hexadecimal."""
    return format(certificate.serial_number, "x")


def read_file(path: Path, limit: int, too_large: str) -> bytes:
    """A key, certificate, list or PDF named by the user; ``too_large`` (a message id with
    ``{file}``) when it is larger than ``limit`` bytes."""
    try:
        if path.stat().st_size > limit:
            raise UserError(too_large, file=str(path), limit=limit // 1_000_000)
        return path.read_bytes()
    except OSError as error:
        raise UserError(N_("Cannot read {file}: {problem}"), file=str(path),
                        problem=error.strerror or str(error)) from None


def is_gost(data: bytes) -> bool:
    """Whether a key file names a ГОСТ algorithm (in its key, its certificate or its protection)."""
    return any(mark in data for mark in GOST_MARKS)


def load_pkcs12(path: Path, password: str) -> SigningKey:
    """The RSA key in ``path``; a ГОСТ key is refused with the way to sign with it instead."""
    data = read_file(path, MAX_KEY_FILE, N_("{file} is not a key file: it is too large."))
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(data, password.encode("utf-8"))
    except (ValueError, TypeError):
        if is_gost(data):
            raise UserError(GOST_REFUSED, file=str(path)) from None
        raise UserError(N_("Cannot open the key {file}: the password is wrong or the file is no PKCS#12 key."),
                        file=str(path)) from None
    if is_gost(data) and not isinstance(key, rsa.RSAPrivateKey):
        raise UserError(GOST_REFUSED, file=str(path))
    if key is None or certificate is None:
        raise UserError(N_("{file} holds no signing key with its certificate."), file=str(path))
    if not isinstance(key, rsa.RSAPrivateKey):
        raise UserError(N_("The key in {file} is neither RSA nor ГОСТ; НУЦ РК issues only these."), file=str(path))
    return SigningKey(key, certificate, tuple(chain))
