"""How this workstation signs (a setting of the workstation, never a password): the local hash
stand-in (the default: demonstration data and scripts keep working), a PKCS#12 key file whose
password is asked at each signing, or NCALayer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from ...errors import UserError
from ...i18n import N_
from .. import access
from ..review.signer import DEFAULT_SIGNER, Signer
from ...domain.settings import NCALAYER_URL, SIGNING_KEY_FILE, SIGNING_METHOD
from ..workstation import get_setting, set_setting
from .ncalayer import DEFAULT_URL, NcaLayer
from .signers import NcaLayerSigner, Pkcs12Signer

LOCAL, PKCS12, NCALAYER = "local", "pkcs12", "ncalayer"
METHODS = (LOCAL, PKCS12, NCALAYER)


@dataclass(frozen=True)
class SigningChoice:
    method: str = LOCAL
    key_file: str = ""
    ncalayer_url: str = DEFAULT_URL

    def as_dict(self) -> dict:
        return asdict(self)


def choice(session: Session) -> SigningChoice:
    method = get_setting(session, SIGNING_METHOD)
    return SigningChoice(method if method in METHODS else LOCAL, get_setting(session, SIGNING_KEY_FILE),
                         get_setting(session, NCALAYER_URL))


def set_choice(session: Session, method: str, key_file: str = "", ncalayer_url: str = "") -> SigningChoice:
    access.require(session, "signing.choose")
    if method not in METHODS:
        raise UserError(N_("The way to sign is one of {methods}."), methods=", ".join(METHODS))
    if method == PKCS12 and not key_file.strip():
        raise UserError(N_("Name the key file (PKCS#12, .p12) to sign with."))
    url = ncalayer_url.strip() or DEFAULT_URL
    if not url.startswith(("wss://", "ws://")):
        raise UserError(N_("NCALayer's address starts with wss://, e.g. {url}."), url=DEFAULT_URL)
    set_setting(session, SIGNING_METHOD, method)
    set_setting(session, SIGNING_KEY_FILE, key_file.strip() if method == PKCS12 else "")
    set_setting(session, NCALAYER_URL, url)
    return choice(session)


def make_signer(chosen: SigningChoice, password: Callable[[], str]) -> Signer:
    """The signer ``chosen`` names; ``password`` is asked only for a key file, and only now."""
    if chosen.method == PKCS12:
        return Pkcs12Signer(Path(chosen.key_file), password())
    if chosen.method == NCALAYER:
        return NcaLayerSigner(NcaLayer(chosen.ncalayer_url))
    return DEFAULT_SIGNER
