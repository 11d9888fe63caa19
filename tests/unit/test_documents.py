"""Every printed form built from demo data: the seed's fixed texts in Kazakh and Russian, the
person's data, numbers in words, the marks; numbering, the QR code, the binding page."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from app import models as m
from app.documents import fonts, table
from app.documents.words import local_date
from app.domain.words import sheets_in_words
from app.errors import UserError
from app.services import printing, workstation
from tests.documents_data import act_number, appealed_act, pdf_pages, pdf_text, protocol_act, with_capacity

PROACTIVE_RU = "Экспертное заключение вынесено заочно проактивно"  # §51 part 3


def test_the_font_has_every_kazakh_letter():
    for face in (fonts.REGULAR, fonts.BOLD):
        assert fonts.missing_glyphs(face) == []
    assert fonts.missing_glyphs(fonts.REGULAR, "Ә\U0001f600ғ") == ["\U0001f600"]  # the check can fail


def _person(db, number: str) -> m.Person:
    with db.session() as session:
        person = session.scalar(select(m.Person).join(m.DraftAct).where(m.DraftAct.number == number))
        session.expunge(person)
        return person


def _print(db, kind: str, number: str, tmp_path) -> str:
    out = tmp_path / f"{kind}.pdf"
    result = printing.print_act_document(db, kind, number, out, user="Тестер")
    assert result["file"] == str(out) and result["pages"] == pdf_pages(out)
    return pdf_text(out)


def test_disability_certificate(demo_db, tmp_path):
    number = act_number(demo_db, m.DraftAct.id.in_(select(m.IssuedDocument.act_id).where(
        m.IssuedDocument.kind == "disability-certificate")))
    text = _print(demo_db, "disability-certificate", number, tmp_path)
    person = _person(demo_db, number)
    for fixed in ("Мүгедектік туралы анықтама", "Справка об инвалидности серия", "Мүгедектік тобы",
                  "Группа инвалидности", "Причина инвалидности", "Дата установления", "Срок зачтен с",
                  "Инвалидность установлена на срок до", "Қайта куәландыру күні", "Дата переосвидетельствования",
                  "Основание: акт медико-социальной экспертизы", "Мөр орны", "Место печати", "Бөлім басшысы",
                  "Руководитель отдела", "(уәкілетті орган / уполномоченный орган)",
                  "(өңір, бөлім, мекенжайы / регион, отдел, адрес)", PROACTIVE_RU, "ЭЦҚ / ЭЦП",
                  f"№ {number}", person.full_name):
        assert fixed in text, fixed
    birth = person.birth_date
    months_ru = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
                 "ноября", "декабря"]
    assert f"«{birth.day}» {months_ru[birth.month - 1]} {birth.year} года" in text
    assert f"{birth.year} жылғы «{birth.day}»" in text


def test_series_are_per_department_and_year(demo_db):
    with demo_db.session() as session:
        rows = session.execute(select(m.IssuedDocument.series, m.Department.code, m.IssuedDocument.issued_at)
                               .join(m.Department, m.IssuedDocument.department_id == m.Department.id)).all()
    assert rows
    for series, code, issued_at in rows:
        assert series == f"{code}/{issued_at.year % 100:02d}" or series.startswith(code)


def test_uot_certificate_gives_the_percentage_in_words(demo_db, tmp_path):
    number = with_capacity(demo_db, uot_percent=45)
    text = _print(demo_db, "uot-certificate", number, tmp_path)
    for fixed in ("Жалпы еңбек ету қабілетінен айырылу дәрежесі туралы анықтама",
                  "Справка о степени утраты общей трудоспособности серия",
                  "Установлена в процентах степень утраты общей трудоспособности",
                  "45 % (қырық бес пайыз)", "45 % (сорок пять процентов)",
                  "Удостоверено ЭЦП руководителя отдела", "Бөлім басшысының ЭЦҚ-сымен куәландырылды",
                  "Документ, подтверждающий факт участия в системе обязательного социального страхования"):
        assert fixed in text, fixed


def test_upt_certificate_has_its_tear_off_excerpt(demo_db, tmp_path):
    number = with_capacity(demo_db, upt_percent=30, uot_percent=60,
                           accident={"date": "12.02.2024", "number": "17", "employer": "ТОО «Каражыра»"})
    text = _print(demo_db, "upt-certificate", number, tmp_path)
    for fixed in ("Кәсіптік еңбек ету қабілетінен айырылу дәрежесі туралы анықтама",
                  "Справка о степени утраты профессиональной трудоспособности серия", "линия отреза",
                  "Выписка из справки о степени утраты профессиональной трудоспособности и акта "
                  "медико-социальной экспертизы", "үзінді көшірме", "30 % (отыз пайыз)", "30 % (тридцать процентов)",
                  "60 % (шестьдесят процентов)", "ТОО «Каражыра»", "Акт о несчастном случае", "Основной диагноз"):
        assert fixed in text, fixed


def test_care_conclusion_and_its_copy(demo_db, tmp_path):
    number = with_capacity(demo_db, upt_percent=70, care_needs="постоянный посторонний уход")
    text = _print(demo_db, "care-conclusion", number, tmp_path)
    title = "Заключение о нуждаемости пострадавшего работника в дополнительных видах помощи и уходе"
    assert text.count(title) == 2 and text.count("постоянный посторонний уход") == 4  # kk and ru lines, twice
    assert "Көмектің қосымша түрлеріне және күтімге мұқтаж" in text
    assert "70 % (семьдесят процентов)" in text


def test_non_establishment_notice_has_copy_and_receipt_line(demo_db, tmp_path):
    number = act_number(demo_db, m.DraftAct.id.in_(select(m.IssuedDocument.act_id).where(
        m.IssuedDocument.kind == "non-establishment-notice")))
    text = _print(demo_db, "non-establishment-notice", number, tmp_path)
    assert text.count("Извещение о не установлении инвалидности") >= 3
    for fixed in ("Мүгедектік тағайындалмауы туралы хабарлама", "Мүгедектігі бар адам деп танылған жоқ.",
                  "Лицом с инвалидостью не признан (а).", "Прошел (ла) переосвидетельствование в отделе",
                  "Мүгедектік тағайындалмауы туралы хабарламаны алдым",
                  "Извещение о не установлении инвалидности получил (а) (қолы/подпись)", PROACTIVE_RU):
        assert fixed in text, fixed


def test_act_lists_the_issued_documents_and_its_appendix(demo_db, tmp_path):
    number = appealed_act(demo_db)
    text = _print(demo_db, "act", number, tmp_path)
    with demo_db.session() as session:
        issued = session.scalars(select(m.IssuedDocument).join(m.DraftAct).where(m.DraftAct.number == number)).all()
    for fixed in (f"Медициналық-әлеуметтік сараптаманың (МӘС) № {number} актісі",
                  f"Акт медико-социальной экспертизы (МСЭ) № {number}",
                  "Раздел 1. Общие данные об освидетельствуемом лице", "Раздел 3. Экспертное заключение отдела МСЭ",
                  "32.1. мүгедектік туралы анықтама", "справка об инвалидности",
                  f"Приложение к Акту медико-социальной экспертизы № {number}",
                  "Раздел 2. Экспертное заключение отдела методологии и контроля МСЭ", "Жалоба не подтверждена"):
        assert fixed in text, fixed
    for document in issued:  # App 8 item 32.1 "мүгедектік туралы анықтама № ____": one "№", then number and series
        assert f"№ {document.number} (серия {document.series})" in text
        assert f"{document.series} №" not in text


def test_refusal_receipt_and_control_protocol(demo_db, tmp_path):
    receipt = _print(demo_db, "refusal-receipt", act_number(demo_db, m.DraftAct.status == m.ActStatus.IN_PERSON),
                     tmp_path)
    assert "Расписка об отказе в приеме документов" in receipt
    assert "Настоящая расписка составлена в 2 экземплярах по одному для каждой стороны." in receipt
    number = protocol_act(demo_db)
    protocol = _print(demo_db, "control-protocol", number, tmp_path)
    for fixed in ("о выявлении факта представления недостоверных документов", "Обоснование заключения ОМК МСЭ",
                  "Главные специалисты ОМК МСЭ", "Руководитель отдела МК МСЭ", "выплаты и пособия приостановлены",
                  "(п. 73-2), протокол №", f"Акту медико-социальной экспертизы № {number}"):
        assert fixed in " ".join(protocol.split()), fixed
    with pytest.raises(UserError):  # an appeal without a no-show protocol has no App 26
        printing.print_act_document(demo_db, "control-protocol", appealed_act(demo_db), tmp_path / "n.pdf", user="t")


def test_a_form_that_does_not_fit_the_act_is_refused(demo_db, tmp_path):
    number = act_number(demo_db, m.DraftAct.status == m.ActStatus.WAITING)
    with pytest.raises(UserError) as refused:
        printing.print_act_document(demo_db, "uot-certificate", number, tmp_path / "x.pdf", user="t")
    assert "App 20" in refused.value.text("en") and "(Приложение 20)" in refused.value.text("ru")
    assert not (tmp_path / "x.pdf").exists()


def test_printing_on_request_is_recorded_and_numbers_stay(demo_db, tmp_path):
    number = with_capacity(demo_db, uot_percent=50)
    first = printing.print_act_document(demo_db, "uot-certificate", number, tmp_path / "a.pdf", user="Айгүл")
    second = printing.print_act_document(demo_db, "uot-certificate", number, tmp_path / "b.pdf", user="Нұрлан")
    assert (first["copy"], second["copy"]) == (1, 2)
    assert (first["series"], first["number"]) == (second["series"], second["number"])
    with demo_db.session() as session:
        prints = session.execute(select(m.DocumentPrint.user, m.DocumentPrint.copy).order_by(m.DocumentPrint.id)).all()
    assert [tuple(p) for p in prints] == [("Айгүл", 1), ("Нұрлан", 2)]


def test_lists_and_the_registry(demo_db, tmp_path):
    expected = {"waiting-list": ("Лист ожидания", "Номер проекта акта МСЭ", "Сопутствующий диагноз"),
                "decisions-list": ("Лист экспертных решений", "Экспертное решение 1 экстерриториального эксперта"),
                "appeals-journal": ("Журнал учета обжалований экспертных заключений", "Статус рассмотрения жалобы"),
                "registry": ("Медициналық-әлеуметтік сараптаманың тәуелсіз сарапшыларының тізілімі",
                             "Реестр независимых экспертов медико-социальной экспертизы", "Тізілімге енгізілген күні")}
    for kind, texts in expected.items():
        out = tmp_path / f"{kind}.pdf"
        assert printing.print_list(demo_db, kind, out)["pages"] == pdf_pages(out)
        text = pdf_text(out)
        for fixed in texts:
            assert fixed in text, (kind, fixed)
    with demo_db.session() as session:  # the workstation's own department, as its tab shows by default
        own = workstation.settings(session).department_code
        waiting = session.scalar(select(m.DraftAct.number).join(m.Department).where(
            m.DraftAct.status == m.ActStatus.WAITING, m.Department.code == own))
    assert waiting in pdf_text(tmp_path / "waiting-list.pdf")


def _busiest_department(db) -> tuple[str, date]:
    """The department that signed most acts, and the last day it signed one."""
    with db.session() as session:
        code, moment = session.execute(
            select(m.Department.code, func.max(m.Conclusion.signed_at)).select_from(m.DraftAct).join(m.Department)
            .join(m.Conclusion).where(m.Conclusion.signed_at.is_not(None)).group_by(m.Department.code)
            .order_by(func.count().desc())).first()
    return code, local_date(moment)


def test_monthly_journal_binding_page_counts_its_real_pages(demo_db, tmp_path):
    code, moment = _busiest_department(demo_db)
    out = tmp_path / "journal.pdf"
    result = printing.print_journal(demo_db, code, out, month=f"{moment:%Y-%m}")
    pages = pdf_pages(out)
    assert result["pages"] == pages > 2
    text = pdf_text(out)
    assert f"Пронумеровано и прошнуровано {pages} ({sheets_in_words(pages, 'ru')})" in text
    assert f"Нөмірленген және баулықтап тігілген {pages} ({sheets_in_words(pages, 'kk')})" in text
    assert f"Бет / Лист {pages}" in text
    assert "Журнал протоколов проведения медико-социальной экспертизы отдела" in text
    assert text.count("Протокол №") >= 2  # every day from a new sheet


def test_daily_protocol_headers_repeat_and_long_rows_continue(demo_db, tmp_path, monkeypatch):
    code, moment = _busiest_department(demo_db)
    monkeypatch.setattr(table, "MAX_ROW_LINES", 6)  # rows of this demo are short; make some too tall
    out = tmp_path / "day.pdf"
    printing.print_journal(demo_db, code, out, month=f"{moment:%Y-%m}")
    text = pdf_text(out)
    assert "(жалғасы / продолжение)" in text
    with_rows = [page for page in range(1, pdf_pages(out) + 1) if re.search(r"\b\d{14}\b", pdf_text(out, page))]
    assert len(with_rows) >= 2
    for page in with_rows:
        assert "№ акта" in pdf_text(out, page), page  # the header on every page of rows


def test_appeals_journal_has_every_column_of_app_24_filled_for_a_concluded_appeal(demo_db, tmp_path):
    """App 24: 13 columns; a concluded §56 appeal fills them all (act, registration, deputy head,
    Committee, both conclusions, dates, outgoing letter, status); §54-55 and §73 cases are not in it."""
    with demo_db.session() as session:
        appeal = session.scalar(select(m.Appeal).where(
            m.Appeal.kind == "proactive", m.Appeal.status == m.AppealStatus.CONCLUDED).order_by(m.Appeal.id))
        row = [appeal.act.number, appeal.registration_number, appeal.deputy_head.last_name,
               appeal.committee_specialist.last_name, appeal.letter_number, appeal.letter_date.strftime("%d.%m.%Y")]
        letters = set(session.scalars(select(m.Appeal.letter_number).where(m.Appeal.kind == "proactive")))
        others = [number for number in session.scalars(select(m.Appeal.registration_number).where(
            m.Appeal.kind != "proactive")) if number not in letters]  # a control department numbers both alike
    out = tmp_path / "app24.pdf"
    printing.print_list(demo_db, "appeals-journal", out)
    text = " ".join(pdf_text(out).split())
    for value in row:
        assert value in text, value
    for heading in ("МӘС актісінің № / № Акта МСЭ", "ФИО специалиста КТСЗМ", "№ исходящего письма",
                    "Журнал учета обжалований экспертных заключений, вынесенных в заочном проактивном"):
        assert all(word in text for word in heading.split()), heading  # headings wrap in their cells
    words = set(text.split())
    assert "Concluded" not in text and all(number not in words for number in others)


def test_an_act_without_a_department_is_refused_in_one_line_and_nothing_is_issued(demo_db, english):
    """§48: the department of the person's registration issues an act's forms; an act whose
    region has no department yet has none to print them."""
    number = act_number(demo_db, m.DraftAct.id.in_(select(m.IssuedDocument.act_id).where(
        m.IssuedDocument.kind == "disability-certificate")))
    with demo_db.session() as session:
        session.scalar(select(m.DraftAct).where(m.DraftAct.number == number)).department_id = None
        issued = session.scalar(select(func.count()).select_from(m.IssuedDocument))
    for kind in ("act", "disability-certificate"):
        with pytest.raises(UserError, match=f"Draft act {number} has no department yet"):
            printing.describe_act_document(demo_db, kind, number)
    with demo_db.session() as session:
        assert session.scalar(select(func.count()).select_from(m.IssuedDocument)) == issued
