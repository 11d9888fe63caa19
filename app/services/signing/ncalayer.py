"""A client of NCALayer, the signing service of НУЦ РК that runs on the official's computer
(WebSocket on ``wss://127.0.0.1:13579``).  The protocol as public clients speak it: on opening,
NCALayer greets with ``{"result": {"version": …}}`` and may send ``--heartbeat--`` lines; module
``kz.gov.pki.knca.commonUtils`` takes positional ``args`` and answers ``{code, message,
responseObject}`` (``getKeyInfo`` gives the chosen key's certificate); module
``kz.gov.pki.knca.basics`` takes named ``args`` and answers ``{status, body: {result}}`` — its
``sign`` with ``format: "cms"``, ``encapsulate: false`` gives a detached CMS signature, and a
``status: true`` answer with an empty body means the user cancelled."""

from __future__ import annotations

import base64
import binascii
import json
import ssl
from typing import Any

from cryptography import x509
from websockets.exceptions import WebSocketException
from websockets.sync.client import connect

from ...domain.settings import NCALAYER_URL
from ...errors import UserError
from ...i18n import N_

DEFAULT_URL = NCALAYER_URL.default
BASICS = "kz.gov.pki.knca.basics"
COMMON_UTILS = "kz.gov.pki.knca.commonUtils"
HEARTBEAT = "--heartbeat--"
STORAGES = ["PKCS12", "AKKaztokenStore", "AKKZIDCardStore", "AKEToken72KStore", "AKJaCartaStore"]
SIGNING_KEY_USAGE = "1.3.6.1.5.5.7.3.4"  # the extended key usage НУЦ РК gives signing (not logon) keys


def loopback_tls() -> ssl.SSLContext:
    """NCALayer answers on this computer only, with a certificate of its own making; what is sent
    is only what is to be signed, so the connection is not refused for that certificate."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


NOT_RUNNING = N_("NCALayer does not answer at {url}; start NCALayer and sign again.")


class NcaLayer:
    def __init__(self, url: str = DEFAULT_URL, *, timeout: float = 300, tls: ssl.SSLContext | None = None):
        self.url, self.timeout = url, timeout
        self.tls = tls or (loopback_tls() if url.startswith("wss:") else None)

    def call(self, request: dict) -> dict:
        """Sends one request and returns NCALayer's answer (heartbeats and the greeting skipped)."""
        try:
            with connect(self.url, ssl=self.tls, open_timeout=10, max_size=2**24) as socket:
                self._greeting(socket)
                socket.send(json.dumps(request))
                return self._answer(socket)
        except (OSError, WebSocketException, TimeoutError):
            raise UserError(NOT_RUNNING, url=self.url) from None

    def _greeting(self, socket) -> None:
        answer = self._answer(socket)
        if "version" not in (answer.get("result") or {}):
            raise UserError(N_("The service at {url} is not NCALayer."), url=self.url)

    def _answer(self, socket) -> dict:
        while True:
            message = socket.recv(timeout=self.timeout)
            if message == HEARTBEAT:
                continue
            try:
                answer = json.loads(message)
            except (TypeError, ValueError):
                raise UserError(N_("The service at {url} is not NCALayer."), url=self.url) from None
            if isinstance(answer, dict) and answer:
                return answer

    def certificate(self) -> x509.Certificate:
        """The certificate of the key the user chooses in NCALayer (``commonUtils.getKeyInfo``)."""
        answer = self.call({"module": COMMON_UTILS, "method": "getKeyInfo", "args": ["PKCS12"]})
        if answer.get("code") != "200":
            raise refusal(answer.get("message"))
        try:
            return x509.load_pem_x509_certificate(str((answer.get("responseObject") or {})["pem"]).encode("ascii"))
        except (KeyError, ValueError, UnicodeEncodeError):
            raise UserError(N_("NCALayer gave no certificate of the chosen key.")) from None

    def sign_cms(self, data: bytes) -> bytes:
        """A detached CMS signature over ``data`` (``basics.sign``)."""
        answer = self.call(sign_request(data))
        if not answer.get("status"):
            raise refusal(answer.get("message") or answer.get("code"))
        return _first_signature(answer.get("body") or {})


def sign_request(data: bytes) -> dict[str, Any]:
    return {"module": BASICS, "method": "sign",
            "args": {"allowedStorages": STORAGES, "format": "cms", "data": base64.b64encode(data).decode("ascii"),
                     "signingParams": {"decode": True, "encapsulate": False, "digested": False},
                     "signerParams": {"extKeyUsageOids": [SIGNING_KEY_USAGE]}, "locale": "ru"}}


def refusal(message: object) -> UserError:
    if message in ("action.canceled", "USER_CANCELED"):
        return UserError(N_("Signing was cancelled in NCALayer."))
    return UserError(N_("NCALayer did not sign: {reason}"), reason=str(message or "")[:200])


def _first_signature(body: dict) -> bytes:
    result = body.get("result")
    if not result:
        raise UserError(N_("Signing was cancelled in NCALayer."))
    text = result[0] if isinstance(result, list) else result
    if not isinstance(text, str):
        raise UserError(N_("NCALayer gave no signature."))
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except (ValueError, binascii.Error):
        raise UserError(N_("NCALayer gave no signature.")) from None
