"""Signatures in the window: the key's password asked at signing time and never
kept, the review screen signing with the workstation's key, the way to sign chosen in Settings,
and File → Verify a signed document showing the verdict."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app import models as m
from app.services.review import decisions
from app.services.signing import Pkcs12Signer, choice, trust
from app.services.signing.verification import verify_decision, verify_pdf_file
from tests.pki import PASSWORD, Pki, hold_the_keys
from tests.review_case import conclusion, prepare_case
from ui.signing import PasswordDialog, SigningSettingsDialog

from .helpers import TIMEOUT_MS, submit_confirmed, wait_idle
from .test_review_screens import fill, open_review


@pytest.fixture(scope="module")
def pki(tmp_path_factory) -> Pki:
    return Pki(tmp_path_factory.mktemp("pki"))


def password_dialog() -> PasswordDialog | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, PasswordDialog) and w.isVisible()), None)


def test_the_review_screen_asks_the_key_s_password_and_signs_with_the_key(qtbot, demo_db, demo_data_dir, pki):
    case = prepare_case(demo_db)
    hold_the_keys(demo_db, case["experts"][1])
    with demo_db.session() as session:
        choice.set_choice(session, choice.PKCS12, str(pki.valid))
        trust.add_root(session, pki.root_pem)
    dialog = open_review(qtbot, demo_db, case, 1)
    fill(dialog.form, group="II", degree=2)
    submit_confirmed(dialog)
    qtbot.waitUntil(lambda: password_dialog() is not None, timeout=TIMEOUT_MS)
    asking = password_dialog()
    asking.grab().save(str(demo_data_dir.parent / "password-dialog.png"))
    qtbot.keyClicks(asking.field, PASSWORD)
    with qtbot.waitSignal(dialog.submitted, timeout=TIMEOUT_MS):
        asking.accept()
    with demo_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        assignment = decisions.assignment_of(act, case["experts"][1])
        decision = assignment.decision
        document = decisions.signed_document_of(decision)
        assert decision.signature.startswith("cms:")
        assert verify_decision(trust.trust_of(session), document, decision.signature).valid
        assert all(PASSWORD not in value for value in session.scalars(select(m.Setting.value)))
    wait_idle(qtbot)
    for path in demo_data_dir.rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path


def test_a_cancelled_password_leaves_the_decision_unsubmitted(qtbot, demo_db, pki):
    case = prepare_case(demo_db)
    with demo_db.session() as session:
        choice.set_choice(session, choice.PKCS12, str(pki.valid))
    dialog = open_review(qtbot, demo_db, case, 1)
    fill(dialog.form, group="II", degree=2)
    submit_confirmed(dialog)
    qtbot.waitUntil(lambda: password_dialog() is not None, timeout=TIMEOUT_MS)
    password_dialog().reject()
    qtbot.waitUntil(dialog.submit_button.isEnabled, timeout=TIMEOUT_MS)
    with demo_db.session() as session:
        act = decisions.act_by_number(session, case["number"])
        assert decisions.assignment_of(act, case["experts"][1]).decision is None


def test_the_way_to_sign_is_chosen_in_settings(qtbot, demo_db):
    dialog = SigningSettingsDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.methods.checkedId() == 0, timeout=TIMEOUT_MS)  # local by default
    dialog.findChild(type(dialog.methods.button(0)), "method_ncalayer").setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT_MS):
        dialog.save()
    with demo_db.session() as session:
        assert choice.choice(session).method == choice.NCALAYER


def test_verify_dialog_shows_the_verdict(qtbot, open_window, demo_db, demo_data_dir, pki):
    with demo_db.session() as session:
        trust.add_root(session, pki.root_pem)
    from tests.unit.test_signatures import one_page_pdf
    good = demo_data_dir / "signed.pdf"
    good.write_bytes(Pkcs12Signer(pki.valid, PASSWORD).sign_pdf(one_page_pdf(), "test"))
    revoked = demo_data_dir / "revoked.pdf"
    revoked.write_bytes(Pkcs12Signer(pki.revoked, PASSWORD).sign_pdf(one_page_pdf(), "test"))
    with demo_db.session() as session:
        trust.add_crl(session, pki.crl)
    window = open_window(demo_db)
    assert window.signing_menu.verify_action.text() in [a.text() for a in window.file_menu.actions()]
    dialog = window.signing_menu.verify(good)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=TIMEOUT_MS)
    assert dialog.verdict.text() == "The signature is valid." and dialog.signer.text() == "ТЕСТОВ ТЕСТ"
    assert dialog.serial.text() == format(pki.cert.serial_number, "x")
    dialog.grab().save(str(demo_data_dir.parent / "verify-dialog.png"))
    dialog = window.signing_menu.verify(revoked)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=TIMEOUT_MS)
    assert "revoked" in dialog.verdict.text()
    dialog.grab().save(str(demo_data_dir.parent / "verify-dialog-revoked.png"))


def test_the_head_signs_and_saves_a_certificate_from_the_act_s_documents(qtbot, demo_db, demo_data_dir, pki,
                                                                         monkeypatch):
    """…described and issued on the database's worker, signed on the input-output pool
    (docs/architecture.md, "Where a PDF is made")."""
    from PySide6.QtCore import QThread

    from app.services import printing
    from app.services.review import routing
    from app.services.signing import signers
    from tests.unit.test_review import decide_all, kz
    from tests.unit.test_signatures import pdf_text
    from ui.printing.dialogs import ActDocumentsDialog

    threads = {}
    describe, sign_pdf = printing.describe_act_documents, signers.Pkcs12Signer.sign_pdf

    def on_thread(name, fn):
        def run(*args, **kwargs):
            threads[name] = QThread.currentThread()
            return fn(*args, **kwargs)
        return run
    monkeypatch.setattr(printing, "describe_act_documents", on_thread("describe", describe))
    monkeypatch.setattr(signers.Pkcs12Signer, "sign_pdf", on_thread("sign", sign_pdf))

    case = prepare_case(demo_db)
    decide_all(demo_db, case, [conclusion(), conclusion(), conclusion()])
    with demo_db.session() as session:
        routing.sign(session, decisions.act_by_number(session, case["number"]), case["home_head"], kz(2025, 3, 19, 15))
        choice.set_choice(session, choice.PKCS12, str(pki.valid))
        trust.add_root(session, pki.root_pem)
    dialog = ActDocumentsDialog(demo_db, case["id"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.boxes), timeout=TIMEOUT_MS)
    for kind, box in dialog.boxes.items():
        box.setChecked(kind == "disability-certificate")
    folder = demo_data_dir / "signed"
    folder.mkdir()
    dialog.sign_and_save(folder)
    qtbot.waitUntil(lambda: password_dialog() is not None, timeout=TIMEOUT_MS)
    qtbot.keyClicks(password_dialog().field, PASSWORD)
    with qtbot.waitSignal(dialog.signed_saved, timeout=TIMEOUT_MS) as saved:
        password_dialog().accept()
    written = Path(saved.args[0][0]["file"])
    assert written.name == f"{case['number']}-disability-certificate.pdf"
    with demo_db.session() as session:
        assert verify_pdf_file(session, written)["valid"]
    assert "ТЕСТОВ ТЕСТ" in pdf_text(written)
    assert threads["sign"] is not threads["describe"] and threads["sign"] is not QThread.currentThread()


def test_an_encrypted_laptop_database_asks_for_its_key_at_start(tmp_path, monkeypatch):
    """The window started on an encrypted database without SARAPTAMA_DB_KEY asks for the key
    (and keeps it in this process only); a plain database is opened without a question."""
    import argparse

    from app.storage import DB_FILE
    from ui import main as gui

    monkeypatch.setenv("SARAPTAMA_DB_KEY", "")  # no key given (and the variable restored afterwards)
    asked = []
    monkeypatch.setattr(gui.QInputDialog, "getText", lambda *a, **k: asked.append(a) or ("typed key", True))
    args = argparse.Namespace(data_dir=tmp_path, db_url=None, screenshot=None)
    (tmp_path / DB_FILE).write_bytes(bytes(range(116)))  # random-looking: damaged, or encrypted?
    gui.ask_database_key(args)
    assert asked == [] and not gui.os.environ["SARAPTAMA_DB_KEY"]  # no mark: damaged (recovery's case)
    (tmp_path / (DB_FILE + ".encrypted")).touch()  # what opening an encrypted database leaves beside it
    gui.ask_database_key(args)
    assert len(asked) == 1 and gui.os.environ["SARAPTAMA_DB_KEY"] == "typed key"
