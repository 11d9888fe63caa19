"""Electronic signatures: an expert's decision signed as detached CMS over its
canonical JSON, a result document as PAdES with the stamp in its slot (§48, §51 part 2); made
with a PKCS#12 key and through an NCALayer stand-in; checked against the administrator's trust
roots — a changed byte, an expired, a revoked and an untrusted certificate each reported; a ГОСТ
key refused with the way to sign with it; the key's password never stored nor logged."""

from __future__ import annotations

import base64
import io
import json
from datetime import datetime
from pathlib import Path

import pypdfium2
import pytest
from reportlab.pdfgen import canvas
from sqlalchemy import select

from app import models as m
from app.cli import main
from app.errors import UserError
from app.services.review import decisions, routing
from app.services.review.signer import LocalHashSigner
from app.services.signing import NcaLayerSigner, Pkcs12Signer, verify_decision, verify_pdf
from app.services.signing.ncalayer import NcaLayer
from app.services.signing.trust import Trust
from tests.ncalayer_standin import NcaLayerStandIn
from tests.pki import KZ_GOST_OID, PASSWORD, RSA_OID, Pki, hold_the_keys
from tests.review_case import conclusion, prepare_case
from tests.unit.test_review import decide_all, kz

DECISION = {"act": "00000000000001", "assignment": "a1", "decision": conclusion()}


@pytest.fixture(scope="module")
def pki(tmp_path_factory) -> Pki:
    return Pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def trust(pki) -> Trust:
    return Trust([pki.root.cert], [pki.root.crl()])


@pytest.fixture
def password(monkeypatch):
    monkeypatch.setenv("SARAPTAMA_KEY_PASSWORD", PASSWORD)


def cli(data_dir, *args) -> int:
    return main(["--data-dir", str(data_dir), *map(str, args)])


def run(capsys, data_dir, *args):
    code = cli(data_dir, *args)
    out, err = capsys.readouterr()
    return code, (json.loads(out) if code == 0 else err)


def trust_roots(capsys, data_dir, pki) -> None:
    assert run(capsys, data_dir, "trust", "add", pki.root_pem)[0] == 0
    assert run(capsys, data_dir, "trust", "add-crl", pki.crl)[0] == 0


# -- decisions: detached CMS over the canonical JSON ---------------------------------------------------
def test_a_decision_signed_with_the_key_file_verifies_and_a_changed_byte_does_not(pki, trust):
    signer = Pkcs12Signer(pki.valid, PASSWORD)
    signature = signer.sign(DECISION)
    assert signature.startswith("cms:") and signer.verify(DECISION, signature)
    verdict = verify_decision(trust, DECISION, signature)
    assert (verdict.valid, verdict.signer, verdict.serial) == (True, "ТЕСТОВ ТЕСТ", format(pki.cert.serial_number, "x"))
    changed = {**DECISION, "decision": {**DECISION["decision"], "group": "I"}}
    assert not signer.verify(changed, signature)
    assert verify_decision(trust, changed, signature).reason == "changed"


@pytest.mark.parametrize("key, reason", [("expired", "expired"), ("revoked", "revoked"), ("untrusted", "untrusted")])
def test_expired_revoked_and_untrusted_certificates_are_named(pki, trust, key, reason):
    signature = Pkcs12Signer(getattr(pki, key), PASSWORD).sign(DECISION)
    verdict = verify_decision(trust, DECISION, signature)
    assert (verdict.valid, verdict.reason) == (False, reason)


def test_without_the_crl_the_revoked_certificate_cannot_be_told(pki):
    signature = Pkcs12Signer(pki.revoked, PASSWORD).sign(DECISION)
    assert verify_decision(Trust([pki.root.cert], []), DECISION, signature).valid


def test_the_local_hash_is_no_signature(trust):
    assert verify_decision(trust, DECISION, LocalHashSigner().sign(DECISION)).reason == "unsigned"


def test_a_stand_in_hash_or_an_emptied_signature_over_other_content_is_changed(trust):
    """A decision is never recorded unsigned: an emptied signature means it was edited."""
    assert verify_decision(trust, DECISION, "local-sha256:00").reason == "changed"
    assert verify_decision(trust, DECISION, "").reason == "changed"


def test_a_gost_signature_is_named_not_called_changed(pki, trust):
    """NCALayer signs with ГОСТ keys; no Python library checks such a signature, so it is
    reported as such (a signature whose key algorithm says ГОСТ stands in for one)."""
    signature = Pkcs12Signer(pki.valid, PASSWORD).sign(DECISION)
    der = base64.b64decode(signature[4:]).replace(RSA_OID, KZ_GOST_OID)
    verdict = verify_decision(trust, DECISION, "cms:" + base64.b64encode(der).decode())
    assert (verdict.valid, verdict.reason) == (False, "unsupported")


def test_a_gost_key_is_refused_pointing_to_ncalayer(pki):
    with pytest.raises(UserError) as refused:
        Pkcs12Signer(pki.gost, PASSWORD)
    assert "ГОСТ" in refused.value.text("en") and "NCALayer" in refused.value.text("en")
    with pytest.raises(UserError) as wrong:
        Pkcs12Signer(pki.valid, "not-the-password")
    assert "password" in wrong.value.text("en")


def test_expert_signs_a_decision_by_command_and_the_act_verifies(demo_db, demo_data_dir, pki, capsys, password):
    case = prepare_case(demo_db)
    hold_the_keys(demo_db, case["experts"][0])
    trust_roots(capsys, demo_data_dir, pki)
    decision = demo_data_dir / "decision.json"
    decision.write_text(json.dumps(conclusion()), encoding="utf-8")
    code, answer = run(capsys, demo_data_dir, "decisions", "submit", case["number"], "--expert",
                       case["experts"][0], decision, "--key", pki.valid)
    assert code == 0 and answer["decision"]["signature"].startswith("cms:")
    code, checked = run(capsys, demo_data_dir, "decisions", "verify", case["number"])
    assert code == 0 and [d["valid"] for d in checked["decisions"]] == [True]
    with demo_db.session() as session:  # one value edited directly in the database
        row = session.scalars(select(m.ExpertDecision).where(m.ExpertDecision.uid == checked["decisions"][0]
                                                             ["decision"])).one()
        row.content = {**row.content, "term": "2y"}
    code, checked = run(capsys, demo_data_dir, "decisions", "verify", case["number"])
    assert checked["decisions"][0]["reason"] == "changed"
    code, error = run(capsys, demo_data_dir, "decisions", "submit", case["number"], "--expert",
                      case["experts"][1], decision, "--key", pki.gost)
    assert code == 2 and "NCALayer" in error and "Traceback" not in error
    assert_password_nowhere(demo_data_dir)


def test_a_decision_signed_with_another_persons_key_is_refused_and_flagged(demo_db, demo_data_dir, pki, capsys,
                                                                          password):
    """§46: the expert signs their own decision with their own key; the certificate's subject
    (serialNumber "IIN…") must be the expert's.  Signing with another's key is refused; a stored
    decision whose certificate is not its expert's verifies ``not_the_signer``."""
    case = prepare_case(demo_db)
    hold_the_keys(demo_db, case["experts"][0])
    trust_roots(capsys, demo_data_dir, pki)
    decision = demo_data_dir / "decision.json"
    decision.write_text(json.dumps(conclusion()), encoding="utf-8")
    code, error = run(capsys, demo_data_dir, "decisions", "submit", case["number"], "--expert",
                      case["experts"][0], decision, "--key", pki.someone_else)
    assert code == 2 and "\n" not in error.strip() and "someone else" in error
    with demo_db.session() as session:
        assert decisions.assignment_of(decisions.act_by_number(session, case["number"]),
                                       case["experts"][0]).decision is None
    assert run(capsys, demo_data_dir, "decisions", "submit", case["number"], "--expert", case["experts"][0],
               decision, "--key", pki.valid)[0] == 0
    with demo_db.session() as session:  # the record now names another person as the expert
        session.get(m.StaffMember, case["experts"][0]).iin = "900202400027"[:11] + "9"
    code, checked = run(capsys, demo_data_dir, "decisions", "verify", case["number"])
    assert [(d["valid"], d["reason"]) for d in checked["decisions"]] == [(False, "not_the_signer")]


def assert_password_nowhere(*folders: Path) -> None:
    """Neither the database nor any log holds the key's password."""
    secret = PASSWORD.encode()
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                assert secret not in path.read_bytes(), path


def test_without_a_password_the_command_says_where_it_is_read_from(demo_db, demo_data_dir, pki, capsys,
                                                                    monkeypatch):
    monkeypatch.delenv("SARAPTAMA_KEY_PASSWORD", raising=False)
    case = prepare_case(demo_db)
    decision = demo_data_dir / "decision.json"
    decision.write_text(json.dumps(conclusion()), encoding="utf-8")
    code, error = run(capsys, demo_data_dir, "decisions", "submit", case["number"], "--expert",
                      case["experts"][0], decision, "--key", pki.valid)
    assert code == 2 and "SARAPTAMA_KEY_PASSWORD" in error


# -- result documents: PAdES with the stamp ------------------------------------------------------------
@pytest.fixture
def signed_case(demo_db):
    """An act the head has signed: its certificate of disability is due (§48, §51)."""
    case = prepare_case(demo_db)
    decide_all(demo_db, case, [conclusion(), conclusion(), conclusion()])
    with demo_db.session() as session:
        routing.sign(session, decisions.act_by_number(session, case["number"]), case["home_head"], kz(2025, 3, 19, 15))
    return case


def pdf_text(path: Path) -> str:
    document = pypdfium2.PdfDocument(str(path))
    try:
        return "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def print_certificate(capsys, data_dir, case, key: Path, out: Path):
    return run(capsys, data_dir, "print", "disability-certificate", "--act", case["number"], "--out", out,
               "--key", key)


def test_head_signs_the_certificate_and_the_printed_pdf_verifies(demo_data_dir, signed_case, pki, capsys, password):
    trust_roots(capsys, demo_data_dir, pki)
    out = demo_data_dir / "certificate.pdf"
    code, printed = print_certificate(capsys, demo_data_dir, signed_case, pki.valid, out)
    assert code == 0 and printed["signed"]
    serial = format(pki.cert.serial_number, "x")
    text = pdf_text(out)
    assert "ТЕСТОВ ТЕСТ" in text and serial in text  # the stamp in its slot
    code, verdict = run(capsys, demo_data_dir, "documents", "verify", out)
    assert code == 0 and (verdict["valid"], verdict["signer"], verdict["serial"], verdict["reason"]) == (
        True, "ТЕСТОВ ТЕСТ", serial, None)
    assert datetime.fromisoformat(verdict["signed_at"]).strftime("%d.%m.%Y") in text  # the stamp's time
    data = bytearray(out.read_bytes())
    data[len(data) // 3] ^= 0x01  # one bit of one byte inside the signed part
    changed = demo_data_dir / "changed.pdf"
    changed.write_bytes(bytes(data))
    code, verdict = run(capsys, demo_data_dir, "documents", "verify", changed)
    assert code == 0 and (verdict["valid"], verdict["reason"]) == (False, "changed")
    covered = {"modified_after_signing"}
    for appended, reasons in ((b"\n", covered), (b"\n%%EOF\n", {"changed", *covered}),
                              (_empty_incremental_update(out.read_bytes()), {"modified_after_signing"})):
        updated = demo_data_dir / "updated.pdf"
        updated.write_bytes(out.read_bytes() + appended)
        code, verdict = run(capsys, demo_data_dir, "documents", "verify", updated)
        assert code == 0 and verdict["valid"] is False and verdict["reason"] in reasons, (appended, verdict)
        updated.unlink()
    assert_password_nowhere(demo_data_dir)


def _empty_incremental_update(pdf: bytes) -> bytes:
    """A revision that changes nothing, appended the way a PDF editor saves (pyHanko's writer)."""
    import io
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    writer.update_root()  # the same catalogue written again: a revision without a change
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()[len(pdf):]


@pytest.mark.parametrize("key, reason", [("expired", "expired"), ("revoked", "revoked"), ("untrusted", "untrusted")])
def test_a_document_signed_with_a_bad_certificate_is_reported(demo_data_dir, signed_case, pki, capsys, password,
                                                               key, reason):
    trust_roots(capsys, demo_data_dir, pki)
    out = demo_data_dir / f"{key}.pdf"
    assert print_certificate(capsys, demo_data_dir, signed_case, getattr(pki, key), out)[0] == 0
    code, verdict = run(capsys, demo_data_dir, "documents", "verify", out)
    assert (verdict["valid"], verdict["reason"]) == (False, reason)


def test_without_trust_roots_nothing_is_trusted(demo_data_dir, signed_case, pki, capsys, password):
    out = demo_data_dir / "c.pdf"
    assert print_certificate(capsys, demo_data_dir, signed_case, pki.valid, out)[0] == 0
    code, verdict = run(capsys, demo_data_dir, "documents", "verify", out)
    assert (verdict["valid"], verdict["reason"]) == (False, "untrusted")


def test_an_unsigned_pdf_and_a_file_that_is_no_pdf(demo_data_dir, signed_case, capsys):
    out = demo_data_dir / "plain.pdf"
    assert run(capsys, demo_data_dir, "print", "disability-certificate", "--act", signed_case["number"],
               "--out", out)[0] == 0
    assert run(capsys, demo_data_dir, "documents", "verify", out)[1]["reason"] == "unsigned"
    other = demo_data_dir / "other.pdf"
    other.write_text("hello", encoding="utf-8")
    code, error = run(capsys, demo_data_dir, "documents", "verify", other)
    assert code == 2 and "not a PDF" in error


def test_trust_roots_are_listed_and_a_crl_needs_its_root(demo_data_dir, pki, capsys):
    code, error = run(capsys, demo_data_dir, "trust", "add-crl", pki.crl)
    assert code == 2 and "root" in error
    trust_roots(capsys, demo_data_dir, pki)
    code, listed = run(capsys, demo_data_dir, "trust", "list")
    assert [r["subject"] for r in listed["roots"]] == ["Saraptama Test Root CA"] and listed["crls"][0]["revoked"] == 1
    code, error = run(capsys, demo_data_dir, "trust", "add", pki.crl)
    assert code == 2 and "not a certificate" in error


# -- NCALayer -----------------------------------------------------------------------------------------------
def one_page_pdf() -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(100, 700, "Saraptama")
    page.save()
    return buffer.getvalue()


@pytest.fixture
def ncalayer(pki, tmp_path):
    with NcaLayerStandIn(tmp_path, pki.key, pki.cert, [pki.root.cert]) as stand_in:
        yield stand_in


def test_ncalayer_signs_a_decision_and_a_pdf(ncalayer, pki, trust):
    signer = NcaLayerSigner(NcaLayer(ncalayer.url))
    signature = signer.sign(DECISION)
    assert verify_decision(trust, DECISION, signature).valid
    request = ncalayer.requests[-1]
    assert (request["module"], request["method"]) == ("kz.gov.pki.knca.basics", "sign")
    signed = signer.sign_pdf(one_page_pdf(), "test")
    verdict = verify_pdf(trust, signed)
    assert (verdict.valid, verdict.signer, verdict.serial) == (True, "ТЕСТОВ ТЕСТ", format(pki.cert.serial_number, "x"))
    assert signer.stamp().certificate == Pkcs12Signer(pki.valid, PASSWORD).stamp().certificate
    assert [r.get("method") for r in ncalayer.requests] == ["sign", "getKeyInfo", "sign"]


def test_a_cancelled_or_absent_ncalayer_is_a_message(ncalayer):
    ncalayer.mode = "cancel"
    with pytest.raises(UserError) as cancelled:
        NcaLayerSigner(NcaLayer(ncalayer.url)).sign(DECISION)
    assert "cancelled" in cancelled.value.text("en")
    with pytest.raises(UserError) as absent:
        NcaLayerSigner(NcaLayer("wss://127.0.0.1:9")).sign(DECISION)
    assert "NCALayer does not answer" in absent.value.text("en")


def test_no_personal_data_in_verdicts_or_logs(demo_data_dir, signed_case, pki, capsys, password, caplog):
    """A verdict names the signer (an official) and no person examined; pyHanko's own log lines,
    which quote certificate subjects (a Kazakh certificate's subject holds its holder's IIN),
    are silenced."""
    caplog.set_level("DEBUG")
    out = demo_data_dir / "untrusted.pdf"
    assert print_certificate(capsys, demo_data_dir, signed_case, pki.untrusted, out)[0] == 0
    verdicts = [run(capsys, demo_data_dir, "documents", "verify", out)[1],
                run(capsys, demo_data_dir, "decisions", "verify", signed_case["number"])[1]]
    shown = json.dumps(verdicts, ensure_ascii=False) + caplog.text
    assert signed_case["iin"] not in shown and signed_case["surname"] not in shown
    assert "IIN000000000000" not in caplog.text and "STRANGER SIGNER" not in caplog.text
