"""A stand-in for NCALayer: a WebSocket server over TLS on 127.0.0.1 that greets, sends a
heartbeat and answers ``commonUtils.getKeyInfo`` and ``basics.sign`` (detached CMS) the way
NCALayer does, signing with a test key.  ``mode`` "cancel" answers as when the user closes the
key dialog."""

from __future__ import annotations

import base64
import ipaddress
import json
import ssl
import threading
from datetime import timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID
from websockets.sync.server import serve

from tests.pki import NOW


def _tls_context(folder: Path) -> ssl.SSLContext:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(NOW - timedelta(days=1))
            .not_valid_after(NOW + timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    (folder / "tls.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM) + key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "tls.pem")
    return context


class NcaLayerStandIn:
    def __init__(self, folder: Path, key, cert, chain):
        self.key, self.cert, self.chain = key, cert, chain
        self.mode = "sign"
        self.requests: list[dict] = []
        self.server = serve(self._session, "127.0.0.1", 0, ssl=_tls_context(folder))
        self.url = f"wss://127.0.0.1:{self.server.socket.getsockname()[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.thread.join(5)

    def _session(self, socket) -> None:
        socket.send(json.dumps({"result": {"version": "1.4"}}))
        socket.send("--heartbeat--")
        for message in socket:
            request = json.loads(message)
            self.requests.append(request)
            socket.send(json.dumps(self._answer(request)))

    def _answer(self, request: dict) -> dict:
        if request.get("module") == "kz.gov.pki.knca.commonUtils" and request.get("method") == "getKeyInfo":
            if self.mode == "cancel":
                return {"code": "500", "message": "action.canceled"}
            pem = self.cert.public_bytes(serialization.Encoding.PEM).decode("ascii")
            return {"code": "200", "message": "", "responseObject": {
                "pem": pem, "serialNumber": format(self.cert.serial_number, "x"), "algorithm": "RSA"}}
        if request.get("module") == "kz.gov.pki.knca.basics" and request.get("method") == "sign":
            if self.mode == "cancel":
                return {"status": True, "body": {}}
            return {"status": True, "body": {"result": [self._cms(request["args"])]}}
        return {"success": False, "errorCode": "MODULE_NOT_FOUND"}

    def _cms(self, args: dict) -> str:
        params = args["signingParams"]
        assert args["format"] == "cms" and params["decode"] and not params["encapsulate"]
        builder = pkcs7.PKCS7SignatureBuilder().set_data(base64.b64decode(args["data"])).add_signer(
            self.cert, self.key, hashes.SHA256())
        for certificate in self.chain:
            builder = builder.add_certificate(certificate)
        der = builder.sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature,
                                                        pkcs7.PKCS7Options.Binary])
        return base64.b64encode(der).decode("ascii")
