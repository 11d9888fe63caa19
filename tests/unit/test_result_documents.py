"""Result documents follow the control department (seed ``002_…``, order 260).

§56: "Экстерриториальный ОМК МСЭ выносит экспертное заключение ... и вносит экспертное
заключение в Приложение к акту МСЭ"; §73-3: after a control re-examination disability "устанавливается
... 2) с даты приостановления отделом методологии и контроля МСЭ, если лицо с инвалидностью
переведено в менее тяжелую группу".  App 8's appendix: "1 бөлім. МӘС әдіснама және бақылау
бөлімінің қорытындысы", items 20.1-20.6 the documents given, signed "Бас мамандар / Главные
специалисты" and "МӘС ӘБ бөлімінің басшысы / Руководитель отдела МК МСЭ".

Read here: the new conclusion's documents are new documents (the control department's series and
a new number) and the old ones are no longer in force ("replaced"); a conclusion that confirms
the old result leaves the old document in force."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from app import models as m
from app.domain.clock import KZ_TIME
from app.errors import UserError
from app.services import documents, printing
from app.services.appeals import workflow
from tests.appeal_case import prepare_signed_acts
from tests.documents_data import pdf_text
from tests.review_case import conclusion
from tests.unit.test_document_checks import read_qr

pytestmark = pytest.mark.usefixtures("english")

FILED = datetime(2025, 3, 5, 10, 0, tzinfo=KZ_TIME)
REGISTERED = datetime(2025, 3, 6, 10, 0, tzinfo=KZ_TIME)
FORWARDED = datetime(2025, 3, 7, 10, 0, tzinfo=KZ_TIME)
CONCLUDED = datetime(2025, 3, 12, 15, 0, tzinfo=KZ_TIME)


@pytest.fixture
def case(demo_db) -> dict:
    return prepare_signed_acts(demo_db, 1)[0]


def _verify(db, text: str) -> dict:
    with db.session() as session:
        return documents.verify(session, text)


def _print(db, kind: str, number: str, out) -> dict:
    return printing.print_act_document(db, kind, number, out, user="t")


def appeal_56(db, number: str, decision: dict) -> int:
    """§56 the whole way: filed, registered, forwarded, concluded by the control department."""
    with db.session() as session:
        appeal = workflow.file_appeal(session, number, FILED)["id"]
        workflow.register(session, appeal, REGISTERED)
        workflow.forward(session, appeal, FORWARDED)
        workflow.conclude(session, appeal, decision, CONCLUDED, confirm_warnings=True)
        return int(appeal)


def _control(db, appeal_id: int) -> tuple[m.Department, list[str]]:
    """The control department that concluded, given two chief specialists, and their names."""
    with db.session() as session:
        department = session.get(m.Appeal, appeal_id).control_department
        names = []
        for index, last_name in enumerate(("Бақылаушы", "Тексеруші")):
            member = m.StaffMember(role=m.StaffRole.SPECIALIST, iin=f"80010130{index:04d}", last_name=last_name,
                                   first_name="Бас", middle_name="Маман", sort_name=last_name.lower(),
                                   region_code=department.region_code, department_id=department.id)
            session.add(member)
            names.append(member.full_name)
        session.expunge(department)
        return department, names


def test_a_changed_56_conclusion_issues_a_new_certificate_and_replaces_the_old(demo_db, case, tmp_path):
    old = _print(demo_db, "disability-certificate", case["number"], tmp_path / "old.pdf")
    old_paper = read_qr(tmp_path / "old.pdf")
    assert "Группа инвалидности II группа" in pdf_text(tmp_path / "old.pdf")
    appeal_id = appeal_56(demo_db, case["number"], conclusion(group="III"))
    control, specialists = _control(demo_db, appeal_id)

    new = _print(demo_db, "disability-certificate", case["number"], tmp_path / "new.pdf")
    text = pdf_text(tmp_path / "new.pdf")
    assert new["series"] == f"{control.code}/25" and (new["series"], new["number"]) != (old["series"], old["number"])
    assert "Группа инвалидности III группа" in text and "II группа" not in text.replace("III группа", "")
    assert f"отдел МК МСЭ № {control.number}" in text  # issued by the control department
    assert _verify(demo_db, read_qr(tmp_path / "new.pdf"))["result"] == "valid"
    replaced = _verify(demo_db, old_paper)
    assert (replaced["result"], replaced["replaced_by"]) == ("replaced", f"{new['series']} № {new['number']}")

    _print(demo_db, "act", case["number"], tmp_path / "act.pdf")
    act = pdf_text(tmp_path / "act.pdf")
    section_3, appendix = act.split("Приложение к Акту медико-социальной экспертизы")
    assert f"32.1. мүгедектік туралы анықтама № {old['number']} (серия {old['series']})" in section_3
    assert f"20.1. мүгедектік туралы анықтама № {new['number']} (серия {new['series']})" in appendix
    assert "12. Мүгедектік категориясы/тобы" in appendix and "Категория/группа инвалидности III группа" in appendix
    assert specialists and all(name in appendix for name in specialists)  # its own chief specialists sign
    with demo_db.session() as session:
        panel = [a.expert.full_name for a in session.scalar(select(m.DraftAct).where(
            m.DraftAct.number == case["number"])).assignments]
    assert not any(name in appendix for name in panel)

    journal = tmp_path / "app18.pdf"
    printing.print_journal(demo_db, control.code, journal, day=CONCLUDED.date())
    assert f"{new['series']} № {new['number']}" in pdf_text(journal)  # App 18 column 9 names the new one


def test_a_confirming_56_conclusion_leaves_the_certificate_in_force(demo_db, case, tmp_path):
    old = _print(demo_db, "disability-certificate", case["number"], tmp_path / "old.pdf")
    appeal_56(demo_db, case["number"], conclusion(group="II"))
    again = _print(demo_db, "disability-certificate", case["number"], tmp_path / "again.pdf")
    assert (again["series"], again["number"]) == (old["series"], old["number"])
    assert _verify(demo_db, read_qr(tmp_path / "old.pdf"))["result"] == "valid"


def test_a_lighter_73_3_conclusion_applies_from_the_suspension(demo_db, case, tmp_path):
    old = _print(demo_db, "disability-certificate", case["number"], tmp_path / "old.pdf")
    suspended = datetime(2025, 3, 31, 9, 0, tzinfo=KZ_TIME)
    with demo_db.session() as session:
        appeal = workflow.open_control(session, case["number"], "unjustified_conclusion",
                                       datetime(2025, 3, 20, 12, 0, tzinfo=KZ_TIME))["id"]
        workflow.no_show(session, appeal, suspended)
        workflow.conclude(session, appeal, conclusion(group="III"), datetime(2025, 4, 3, 10, 0, tzinfo=KZ_TIME),
                          confirm_warnings=True)
    new = _print(demo_db, "disability-certificate", case["number"], tmp_path / "new.pdf")
    text = pdf_text(tmp_path / "new.pdf")
    assert (new["series"], new["number"]) != (old["series"], old["number"])
    assert "Дата установления «31» марта 2025 года" in text  # §73-3 (2)
    assert "Группа инвалидности III группа" in text
    assert _verify(demo_db, read_qr(tmp_path / "old.pdf"))["result"] == "replaced"


def test_a_conclusion_without_disability_leaves_no_certificate_in_force(demo_db, case, tmp_path):
    _print(demo_db, "disability-certificate", case["number"], tmp_path / "old.pdf")
    appeal_56(demo_db, case["number"], {"outcome": "conclusion", "group": "none", "restrictions": {}})
    replaced = _verify(demo_db, read_qr(tmp_path / "old.pdf"))
    assert (replaced["result"], replaced["replaced_by"]) == ("replaced", None)
    with pytest.raises(UserError, match="cannot be printed"):
        _print(demo_db, "disability-certificate", case["number"], tmp_path / "none.pdf")
