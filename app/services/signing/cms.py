"""A CMS signature as the database keeps it: ``cms:`` and the base64 of its DER."""

from __future__ import annotations

import base64
import binascii

from asn1crypto import cms as asn1_cms

PREFIX = "cms:"


def encode(der: bytes) -> str:
    return PREFIX + base64.b64encode(der).decode("ascii")


def decode(signature: str) -> asn1_cms.ContentInfo | None:
    """The CMS of a ``cms:`` signature, or None when it is no such signature."""
    if not signature.startswith(PREFIX):
        return None
    try:
        info = asn1_cms.ContentInfo.load(base64.b64decode(signature[len(PREFIX):], validate=True))
        info["content"].native  # noqa: B018 — parses it all now, so damage shows here
        return info
    except (ValueError, TypeError, binascii.Error):
        return None
