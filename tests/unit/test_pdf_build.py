"""A PDF is made in two steps (docs/architecture.md, "Where a PDF is made"): the database step
issues the document and describes it; the build step needs nothing but that description — it
is pickled to a fresh process that has never loaded the database's code, and the certificate
it builds there is the one the database issued (§51: series, number and the QR code's hash)."""

from __future__ import annotations

import dataclasses
import json
import pickle
import subprocess
import sys

import pytest
from sqlalchemy import select

from app import models as m
from app.services import documents, printing
from tests.documents_data import act_number, pdf_text
from tests.unit.test_document_checks import read_qr

BUILD_ALONE = """
import json, pickle, sys
description = pickle.load(sys.stdin.buffer)
from app.documents.build import build
rendered = build(description)
open(sys.argv[1], "wb").write(rendered.pdf)
database = sorted(name for name in sys.modules if name.split(".")[0] == "sqlalchemy"
                  or name.startswith(("app.storage", "app.models", "app.services")))
print(json.dumps({"pages": rendered.pages, "database_code": database}))
"""


def _certified(db) -> str:
    return act_number(db, m.DraftAct.id.in_(select(m.IssuedDocument.act_id).where(
        m.IssuedDocument.kind == "disability-certificate")))


def test_a_described_certificate_is_built_in_a_process_without_the_database(demo_db, tmp_path):
    number = _certified(demo_db)
    description = printing.describe_act_document(demo_db, "disability-certificate", number)
    demo_db.close()  # the engine disposed: the build step may not read anything more
    out = tmp_path / "certificate.pdf"
    child = subprocess.run([sys.executable, "-c", BUILD_ALONE, str(out)], input=pickle.dumps(description),
                           capture_output=True, timeout=300)
    assert child.returncode == 0, child.stderr.decode()
    assert json.loads(child.stdout) == {"pages": 1, "database_code": []}
    issued = description.issued
    # App 19: "Справка об инвалидности серия ___ № ___", on the act "№ ___" it was given on
    assert f"Справка об инвалидности серия {issued.series} № {issued.number}" in pdf_text(out)
    assert f"№ {number}" in pdf_text(out)
    qr = read_qr(out)
    assert qr == description.qr
    with demo_db.session() as session:
        assert documents.verify(session, qr)["result"] == "valid"


def test_a_description_is_read_only(demo_db):
    description = printing.describe_act_document(demo_db, "act", _certified(demo_db))
    with pytest.raises(dataclasses.FrozenInstanceError):
        description.paper.full_name = "Другое Имя"
    with pytest.raises(dataclasses.FrozenInstanceError):
        description.title = "x"
