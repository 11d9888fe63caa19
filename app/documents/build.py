"""The second half of printing: a PDF built from a description of the document alone.

``app.services.printing`` reads the database, issues a document's series and number and fixes
what it says (§51), and hands over one of the descriptions below: frozen, plain data (the act's
paper, the rows of a list, a journal's protocols), no session and no object of the database,
so it can be copied, pickled, and built on any thread — the window builds it on its
input-output pool, never on the database's worker (docs/architecture.md, "Where a PDF is
made").  This package imports nothing of the database (the ``documents-build`` contract of
``.importlinter``).

``build(description)`` lays the form out with reportlab; ``sign(rendered, description, signer)``
stamps and signs it as PAdES when a key is given (§51 part 2)."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from typing import ClassVar, Protocol

from . import act as act_forms
from . import certificates, journals, lists
from .layout import DepartmentHeading, Form, SignatureStamp, write_pdf
from .paper import ActPaper, Issued

ACT_FORMS: dict[str, Callable[..., None]] = {  # what each kind of an act's document is laid out by
    "act": act_forms.act,  # App 8
    "disability-certificate": certificates.disability_certificate,  # App 19
    "uot-certificate": certificates.uot_certificate,  # App 20
    "upt-certificate": certificates.upt_certificate,  # App 21
    "care-conclusion": certificates.care_conclusion,  # App 22
    "non-establishment-notice": certificates.non_establishment_notice,  # App 23
    "refusal-receipt": act_forms.refusal_receipt,  # App 4
    "control-protocol": act_forms.control_protocol,  # App 26
}


@dataclass(frozen=True, kw_only=True)
class Description:
    """What a PDF shows, read from the database and then only read; ``issued``/``digest``: the
    identity of an issued document, to record its paper copies by (§51 part 2)."""

    title: str
    issued: Issued | None = None
    digest: str = ""
    wide: ClassVar[bool] = False
    numbered: ClassVar[bool] = False

    def compose(self, form: Form) -> None:
        raise NotImplementedError


@dataclass(frozen=True, kw_only=True)
class ActDocument(Description):
    """A form of one act: for an issued document (``issued``), the paper fixed when it was first
    issued and the text of its QR code; ``stamp``: the signature's slot, when it is signed."""

    kind: str
    paper: ActPaper
    qr: str = ""
    stamp: SignatureStamp | None = None

    def compose(self, form: Form) -> None:
        builder = ACT_FORMS[self.kind]
        if self.issued is None:
            builder(form, self.paper)
            if self.stamp is not None:  # a signed act shows its stamp at the end
                form.checkable_footer(None, self.stamp)
            return
        builder(form, self.paper, self.issued, lambda f: f.checkable_footer(self.qr, self.stamp))


@dataclass(frozen=True, kw_only=True)
class RejectionNotice(Description):
    """The information message on a rejected form 031/у (§15 part 2, §16 part 3): Kazakh, then
    Russian, and when it was recorded."""

    texts: tuple[str, ...]
    created: str

    def compose(self, form: Form) -> None:
        form.title("Ақпараттық хабарлама", "Информационное сообщение")
        for body in self.texts:
            form.lines(*(escape(line) for line in body.splitlines())).space(4)
        form.para(self.created)


@dataclass(frozen=True, kw_only=True)
class Listing(Description):
    """App 9, 16, 24 or Registry Rules App 1: the rows already worded for the columns."""

    kind: str
    rows: tuple[tuple[str, ...], ...]
    subtitle: str | None = None
    wide: ClassVar[bool] = True
    numbered: ClassVar[bool] = True

    def compose(self, form: Form) -> None:
        lists.listing(form, self.kind, [list(row) for row in self.rows], subtitle=self.subtitle)


@dataclass(frozen=True, kw_only=True)
class Journal(Description):
    """A department's daily protocol (``day``) or its journal from ``first`` to ``last`` (App 17/18)."""

    heading: DepartmentHeading
    protocols: tuple[journals.Protocol, ...]
    first: date
    last: date
    day: bool
    wide: ClassVar[bool] = True
    numbered: ClassVar[bool] = True

    def compose(self, form: Form) -> None:
        if self.day:
            journals.daily_protocol(form, self.heading, self.protocols[0] if self.protocols
                                    else journals.Protocol(self.first, 0))
        else:
            journals.monthly_journal(form, self.heading, list(self.protocols), self.first, self.last)


@dataclass(frozen=True)
class Rendered:
    """A form built as PDF bytes; for an issued document, its identity to record copies by."""

    pdf: bytes
    pages: int
    issued: Issued | None = None
    digest: str = ""
    signed: bool = False


def build(description: Description) -> Rendered:
    """The PDF of ``description`` (reportlab; no database)."""
    form = Form()
    description.compose(form)
    buffer = io.BytesIO()
    pages = write_pdf(buffer, form.story, title=description.title, wide=description.wide,
                      numbered=description.numbered)
    return Rendered(buffer.getvalue(), pages, description.issued, description.digest)


class PdfSigner(Protocol):
    """A key that signs a PDF (``app.services.signing.signers``)."""

    def stamp(self, at: datetime | None = None) -> SignatureStamp: ...

    def sign_pdf(self, pdf: bytes, reason: str) -> bytes: ...


def build_signed(description: ActDocument, signer: PdfSigner, reason: str) -> Rendered:
    """The PDF of ``description`` with the signature's stamp in its slot, signed as PAdES (§51
    part 2: the paper copy is a printout of the signed electronic document).  The stamp asks the
    key for its certificate (NCALayer: a round trip to it), so this too runs off the database's worker."""
    rendered = build(dataclasses.replace(description, stamp=signer.stamp()))
    return dataclasses.replace(rendered, pdf=signer.sign_pdf(rendered.pdf, reason), signed=True)

