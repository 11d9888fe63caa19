"""Electronic signatures (ЭЦП, §46, §48, §51 part 2): an expert's decision is signed as a detached
CMS signature over its canonical JSON, a result document as PAdES; either with a PKCS#12 key file
(RSA) or through NCALayer, the National Certification Authority's local signing service, which
also signs with ГОСТ keys and tokens.  Verification checks the signature against the trust roots
and revocation lists the administrator keeps in the database.  A key's password is only ever
held in memory for one signing; it is never stored nor logged."""

import logging

from .keys import SigningKey, load_pkcs12
from .signers import CmsSigner, NcaLayerSigner, Pkcs12Signer, verify_integrity
from .verification import Verdict, verify_decision, verify_pdf

__all__ = ["SigningKey", "load_pkcs12", "CmsSigner", "NcaLayerSigner", "Pkcs12Signer", "verify_integrity",
           "Verdict", "verify_decision", "verify_pdf"]

# pyHanko and its certificate validator log certificate subjects (a Kazakh certificate's subject
# holds the holder's IIN and name) with every failed check; the verdict says what matters.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).setLevel(logging.CRITICAL + 1)
