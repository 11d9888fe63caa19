"""A certification authority made at run time for the signature tests: a root, a signing
certificate that is valid, one that has expired, one that is revoked (with the root's CRL), and
a root nobody trusts — each key as a PKCS#12 file with its password."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from app.domain.clock import now_kz

PASSWORD = "Test-key-password-9731"
HOLDER_IIN = "880101300016"  # the IIN of the valid key's holder (serialNumber "IIN…", as НУЦ РК writes it)
NOW = now_kz().astimezone(UTC)   # the tests' clock (tests/conftest.py), not the machine's


def _name(common_name: str, serial: str = "") -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"), x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if serial:
        parts.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial))
    return x509.Name(parts)


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class Authority:
    name: str
    key: rsa.RSAPrivateKey = field(default_factory=_key)
    cert: x509.Certificate | None = None
    revoked: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        subject = _name(self.name)
        self.cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
                     .public_key(self.key.public_key()).serial_number(x509.random_serial_number())
                     .not_valid_before(NOW - timedelta(days=3650)).not_valid_after(NOW + timedelta(days=3650))
                     .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                     .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                                    critical=True)
                     .add_extension(x509.SubjectKeyIdentifier.from_public_key(self.key.public_key()), critical=False)
                     .sign(self.key, hashes.SHA256()))

    def issue(self, common_name: str, *, days_left: int = 365, key: rsa.RSAPrivateKey | None = None,
              iin: str = HOLDER_IIN):
        """A signing certificate for ``common_name``; ``days_left`` below 0 has expired that long ago."""
        key = key or _key()
        not_after = NOW + timedelta(days=days_left)
        cert = (x509.CertificateBuilder().subject_name(_name(common_name, f"IIN{iin}"))
                .issuer_name(self.cert.subject).public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(not_after - timedelta(days=730)).not_valid_after(not_after)
                .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False),
                               critical=True)
                .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()),
                               critical=False)
                .sign(self.key, hashes.SHA256()))
        return key, cert

    def crl(self) -> x509.CertificateRevocationList:
        builder = (x509.CertificateRevocationListBuilder().issuer_name(self.cert.subject)
                   .last_update(NOW - timedelta(days=1)).next_update(NOW + timedelta(days=30))
                   .add_extension(x509.CRLNumber(1), critical=False)
                   .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()),
                                  critical=False))
        for serial in self.revoked:
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(NOW - timedelta(days=2))
                .build())
        return builder.sign(self.key, hashes.SHA256())


def write_p12(path: Path, key, cert, ca: Authority, password: str = PASSWORD) -> Path:
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"signer", key, cert, [ca.cert], serialization.BestAvailableEncryption(password.encode())))
    return path


def write_pem(path: Path, cert: x509.Certificate) -> Path:
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


# rsaEncryption 1.2.840.113549.1.1.1 and the Kazakh ГОСТ 34.310 key 1.2.398.3.10.1.1.1.1 are both
# nine bytes long, so one can stand for the other in a DER file without moving anything.
RSA_OID = bytes.fromhex("2a864886f70d010101")
KZ_GOST_OID = bytes.fromhex("2a830e030a01010101")


def write_gost_like_p12(path: Path, key, cert, ca: Authority) -> Path:
    """A PKCS#12 file whose key says it is a ГОСТ key (no Python library makes one): an
    unencrypted file with the key algorithm's identifier swapped."""
    data = pkcs12.serialize_key_and_certificates(b"gost", key, cert, [ca.cert], serialization.NoEncryption())
    path.write_bytes(data.replace(RSA_OID, KZ_GOST_OID))
    return path


@dataclass
class Pki:
    """Everything a signature test needs, in ``folder``."""

    folder: Path
    root: Authority = field(default_factory=lambda: Authority("Saraptama Test Root CA"))
    stranger: Authority = field(default_factory=lambda: Authority("Unknown Root CA"))

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        key, cert = self.root.issue("ТЕСТОВ ТЕСТ")
        self.key, self.cert = key, cert
        self.valid = write_p12(self.folder / "valid.p12", key, cert, self.root)
        key, cert = self.root.issue("EXPIRED SIGNER", days_left=-30)
        self.expired = write_p12(self.folder / "expired.p12", key, cert, self.root)
        key, cert = self.root.issue("REVOKED SIGNER")
        self.root.revoked.append(cert.serial_number)
        self.revoked = write_p12(self.folder / "revoked.p12", key, cert, self.root)
        key, cert = self.stranger.issue("STRANGER SIGNER")
        self.untrusted = write_p12(self.folder / "untrusted.p12", key, cert, self.stranger)
        key, cert = self.root.issue("GOST SIGNER")
        self.gost = write_gost_like_p12(self.folder / "gost.p12", key, cert, self.root)
        key, cert = self.root.issue("ДРУГОЙ ЧЕЛОВЕК", iin="900202400027")
        self.someone_else = write_p12(self.folder / "someone-else.p12", key, cert, self.root)
        self.root_pem = write_pem(self.folder / "root.pem", self.root.cert)
        self.crl = self.folder / "root.crl"
        self.crl.write_bytes(self.root.crl().public_bytes(serialization.Encoding.DER))


def hold_the_keys(db, *expert_ids: int) -> None:
    """The test keys are these experts' own: their records carry the keys' holder's IIN."""
    from app import models as m

    with db.session() as session:
        for expert_id in expert_ids:
            session.get(m.StaffMember, expert_id).iin = HOLDER_IIN
