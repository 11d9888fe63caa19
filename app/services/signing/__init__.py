"""Electronic signatures (ЭЦП, §46, §48, §51 part 2): an expert's decision is signed as a detached
CMS signature over its canonical JSON, a result document as PAdES; either with a PKCS#12 key file
(RSA) or through NCALayer, the National Certification Authority's local signing service, which
also signs with ГОСТ keys and tokens.  Verification checks the signature against the trust roots
and revocation lists the administrator keeps in the database.  A key's password is only ever
held in memory for one signing; it is never stored nor logged."""

import importlib
import logging

# asn1crypto learns the CMS attribute names pyHanko signs with (signing_certificate_v2) when its tsp
# module is imported, and only before it first reads or writes a CMS attribute: so here, first.
from asn1crypto import tsp  # noqa: F401

# What the package offers, from the module that holds it; a module is imported when one of its
# names is first used, so a command or window that signs nothing never loads pyHanko.
_HOMES = {"SigningKey": "keys", "load_pkcs12": "keys", "CmsSigner": "signers", "NcaLayerSigner": "signers",
          "Pkcs12Signer": "signers", "verify_integrity": "signers", "Verdict": "verification",
          "verify_decision": "verification", "verify_pdf": "verification"}
__all__ = list(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)


# pyHanko and its certificate validator log certificate subjects (a Kazakh certificate's subject
# holds the holder's IIN and name) with every failed check; the verdict says what matters.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).setLevel(logging.CRITICAL + 1)
