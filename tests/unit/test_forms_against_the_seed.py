"""Printed forms word for word against the seeds (``002_…``: the MSE Rules with their appendices,
Kazakh line above Russian line), and printouts that show what the window shows.

Each expected text below is copied from the seed before the code ran:

- App 26 item 5 "Мүгедектік категориясы/тобы", items 7-10 "Жазатайым оқиға туралы актісі бойынша КЕА
  дәрежесі"; the appendix to App 8 item 12 "Мүгедектік категориясы/тобы", items 14-17 "актісі бойынша",
  while the act's own items 25 and 27-29 keep "Мүгедектік санаты/тобы" and "акті бойынша";
- App 17/18 binding page "Пронумеровано и прошнуровано ___ бет/листа(-ов)";
- App 17 three further chief-specialist lines "________ (________)", App 18 two;
- App 21's excerpt "Руководитель отдела (қолы/подпись ЭЦП)";
- App 17/18 "Еңбек және әлеуметтік қорғау комитетінің департаменті" for "Департамент Комитета труда и
  социальной защиты": the Committee (КТСЗМ) in Kazakh is "Еңбек және әлеуметтік қорғау комитеті";
- App 17 column 9 "Клиникалық-сараптамалық диагнозы" as App 18 column 8 spells it (the seed's "Клиника-лық-
  сараптама-лық" is its table's line breaks), App 18 column 5 "(шағымдану, бақылау)"."""

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess

from sqlalchemy import select

from app import models as m
from app.cli import main
from app.documents import fonts, journals, lists
from app.domain.clock import today_kz
from app.documents.table import Wrapper
from app.domain.app15 import APP15_ITEMS
from app.services import documents, listings, printing
from tests.appeal_case import prepare_signed_acts
from tests.documents_data import pdf_pages, pdf_text, protocol_act, with_capacity
from tests.review_case import conclusion
from tests.unit.test_result_documents import appeal_56

BLANK_SIGNATURE = "________________________ (_______________________)"
ACCIDENT = {"date": "12.02.2024", "number": "17", "employer": "ТОО «Каражыра»"}


def _text(db, kind: str, number: str, tmp_path) -> str:
    out = tmp_path / f"{kind}.pdf"
    printing.print_act_document(db, kind, number, out, user="t")
    return " ".join(pdf_text(out).split())


# -- 21.6 wording ------------------------------------------------------------------------------------
def test_app_26_words_the_group_and_the_accident_report_as_its_seed(demo_db, tmp_path):
    text = _text(demo_db, "control-protocol", protocol_act(demo_db), tmp_path)
    assert "5. Мүгедектік категориясы/тобы" in text and "санаты/тобы" not in text
    assert "5.3. Мүгедектіктің белгіленген мерзімі" in text and "5.4. Мүгедектіктің мерзімі" in text
    for item in (7, 8, 9, 10):
        assert f"{item}. Жазатайым оқиға туралы актісі бойынша КЕА дәрежесі" in text, item
    assert "акті бойынша" not in text


def test_the_act_keeps_its_words_and_its_appendix_has_the_control_departments(demo_db, tmp_path):
    number = prepare_signed_acts(demo_db, 1)[0]["number"]
    appeal_56(demo_db, number, conclusion(group="III"))
    text = _text(demo_db, "act", number, tmp_path)
    act, appendix = text.split("Приложение к Акту медико-социальной экспертизы")
    assert "25. Мүгедектік санаты/тобы" in act and "25.3. Мүгедектік белгіленген мерзімі" in act
    assert "16.1. психикалық функцияларының бұзылуы (аңғару, зейін, есте сақтау" in act
    assert "нарушение статодинамических функций (двигательных функций головы, туловища" in act
    assert [int(n) for n in re.findall(r"(\d+)\. Жазатайым оқиға туралы акті бойынша", act)] == [27, 28, 29]
    assert "12. Мүгедектік категориясы/тобы" in appendix and "санаты/тобы" not in appendix
    assert [int(n) for n in re.findall(r"(\d+)\. Жазатайым оқиға туралы актісі бойынша", appendix)] == [14, 15, 16, 17]
    assert "20.5. зардап шеккен қызметкердің көмектің қосымша түрлері мен көмекке мұқтаждығы" in appendix
    assert "по результатам проведения медико-социальной экспертизы" in appendix


def test_the_binding_page_counts_in_bet(demo_db, tmp_path):
    with demo_db.session() as session:
        code = session.scalar(select(m.Department.code).where(m.Department.code == "75-01"))
    out = tmp_path / "journal.pdf"
    month = today_kz()
    printing.print_journal(demo_db, code, out, month=f"{month:%Y-%m}")
    last = " ".join(pdf_text(out, pdf_pages(out)).split())
    assert re.search(r"Пронумеровано и прошнуровано \d+ \([а-я ]+\)", last)
    assert " бет)" in last and "парақ" not in last


def test_app_17_has_three_further_specialist_lines_and_app_18_two(demo_db, tmp_path):
    with demo_db.session() as session:
        appeal = session.scalar(select(m.Appeal).where(m.Appeal.concluded_at.is_not(None), m.Appeal.decision.is_not(
            None)).order_by(m.Appeal.id))
        control, day = appeal.control_department.code, documents.local_date(appeal.concluded_at)
        signed = session.scalar(select(m.Conclusion).where(m.Conclusion.signed_at.is_not(None)))
        home, signed_on = signed.act.department.code, documents.local_date(signed.signed_at)
    for code, when, lines in ((home, signed_on, 3), (control, day, 2)):
        out = tmp_path / f"{code}.pdf"
        printing.print_journal(demo_db, code, out, day=when)
        assert pdf_text(out).count(BLANK_SIGNATURE) == lines, code
        assert ("Мөрдің орны/Место печати" in pdf_text(out)) == (lines == 2)  # App 18 "Мөрдің орны"


def test_app_21_excerpt_is_signed_with_the_electronic_signature(demo_db, tmp_path):
    number = with_capacity(demo_db, upt_percent=30, uot_percent=60, accident=ACCIDENT)
    text = _text(demo_db, "upt-certificate", number, tmp_path)
    certificate, excerpt = text.split("үзінді көшірме")
    assert "Руководитель отдела (қолы/подпись)" in certificate and "ЭЦП)" not in certificate.split("Бөлім басшысы")[-1]
    assert "Руководитель отдела (қолы/подпись ЭЦП)" in excerpt


def test_headers_use_the_seeds_kazakh_terms():
    app24 = " ".join(column.header for column in lists.APPEALS_COLUMNS)
    assert "ЕӘҚКК" not in app24 and app24.count("Еңбек және әлеуметтік қорғау комитет") == 2
    assert "ТАӘ" not in app24 and app24.count("тегі, аты, әкесінің аты (болған кезде)") == 2
    app17 = [column.header for column in journals.MSE_COLUMNS]
    assert app17[8].startswith("Клиникалық-сараптамалық диагнозы /")
    assert app17[10].startswith("Мүгедектіктің, КЕҚА себебі /") and app17[11].startswith("Мүгедектіктің, ЖЕҚА")
    assert "қорытындысы бойынша оңалту іс-шаралары" in app17[12]
    assert "(шағымдану, бақылау)" in journals.CONTROL_COLUMNS[4].header
    assert not any(re.search(r"[а-яәғқңөұүһі]-[а-яәғқңөұүһі]{1,3}\b", header) for header in app17 if "іс-шара" not in
                   header)  # no line-break hyphen left inside a word


# -- 21.7 printouts that show what the screen shows ------------------------------------------------------
def test_the_printed_waiting_list_holds_the_rows_of_the_tab(demo_db, tmp_path):
    with demo_db.session() as session:  # the tab: waiting and under review, this workstation's department
        own = listings.own_department_id(session)
        tab = listings.WAITING.ids(session, department_id=own)
        numbers = list(session.scalars(select(m.DraftAct.number).where(m.DraftAct.id.in_(tab))))
        under_review = session.scalar(select(m.DraftAct.number).where(
            m.DraftAct.id.in_(tab), m.DraftAct.status == m.ActStatus.UNDER_REVIEW))
        department = session.get(m.Department, own)
    assert len(numbers) > 0 and under_review
    out = tmp_path / "waiting.pdf"
    printing.print_list(demo_db, "waiting-list", out)
    text = pdf_text(out)
    assert sorted(re.findall(r"\b\d{14}\b", text)) == sorted(numbers)
    assert f"отдел МСЭ № {department.number}" in text and "По состоянию на" in text


def test_the_registry_numbers_its_rows_by_the_registry_number(demo_db, tmp_path):
    with demo_db.session() as session:
        experts = [(e.registry_number, e.iin) for e in session.scalars(select(m.StaffMember).where(
            m.StaffMember.role == m.StaffRole.INDEPENDENT, m.StaffMember.registry_number.is_not(None)))]
    assert experts
    out = tmp_path / "registry.pdf"
    printing.print_list(demo_db, "registry", out)
    laid_out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(out), "-"], check=True,
                              capture_output=True, text=True).stdout  # the columns of a row on one line
    rows = {line.split()[1]: line.split()[0] for line in laid_out.splitlines() if re.match(r"\s*\d+\s+\d{12}\b", line)}
    assert rows == {iin: str(number) for number, iin in experts}


def test_a_word_too_wide_for_its_cell_breaks_between_syllables_with_a_hyphen():
    fonts.register()
    wrapper = Wrapper()
    lines = wrapper.lines("Инвалидность", wrapper.width("Инвалид-") + 1)
    assert lines == ["Инвалид-", "ность"]  # Ин-ва-лид-ность
    narrow = wrapper.lines("освидетельствование", wrapper.width("освиде-") + 1)
    assert all(line.endswith("-") for line in narrow[:-1]) and "".join(line.rstrip("-") for line in narrow) == \
        "освидетельствование"
    assert wrapper.lines("20250303000123", wrapper.width("20250303") + 1) == ["20250303", "000123"]  # no hyphen
    assert wrapper.lines("Клиникалық-сараптамалық", wrapper.width("сараптамалық") + 1) == ["Клиникалық-",
                                                                                           "сараптамалық"]


def test_an_address_names_a_city_of_republican_significance_once():
    address = {"region": "город Алматы", "district": None, "locality": "город Алматы", "street": "ул. Абая",
               "house": "10", "apartment": "5"}
    assert documents.address_text(address) == "город Алматы, ул. Абая, д. 10, кв. 5"


def test_the_protocol_journal_shows_no_empty_recommendations_nor_a_repeated_city(demo_db, tmp_path):
    with demo_db.session() as session:
        signed = session.scalar(select(m.Conclusion).where(m.Conclusion.signed_at.is_not(None)).order_by(
            m.Conclusion.id))
        signed.decision = {**signed.decision, "recommendations": {"medical": "ЛФК", "social": "", "professional": ""}}
        signed.act.person.registration_address = {"region": "город Алматы", "locality": "город Алматы",
                                                  "street": "ул. Абая", "house": "10"}
        code, day, number = signed.act.department.code, documents.local_date(signed.signed_at), signed.act.number
    with demo_db.session() as session:  # the row as App 17 prints it: column 5 the address, 13 the rehabilitation
        _heading, protocols = printing.journal_protocols(session, code, day, day)
    row = next(row for row in protocols[0].rows if row[1] == number)
    assert (row[4], row[12]) == ("город Алматы, ул. Абая, д. 10", "ЛФК")
    out = tmp_path / "day.pdf"
    printing.print_journal(demo_db, code, out, day=day)
    text = " ".join(pdf_text(out).split())
    assert "ЛФК" in text and ";;" not in text and "; ;" not in text


def test_waiting_list_of_another_department_on_the_command_line(demo_data_dir, tmp_path):
    out = tmp_path / "w.pdf"
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        code = main(["--data-dir", str(demo_data_dir), "print", "waiting-list", "--department", "71-01",
                     "--out", str(out)])
    assert code == 0 and json.loads(stdout.getvalue())["file"] == str(out)
    assert "отдел МСЭ № 1" in pdf_text(out)  # the department named in the header


def test_a_long_specialty_profile_ends_at_a_word():
    item = next(item for item in APP15_ITEMS if len(item.name_ru) > 200)
    profile = item.profile()
    assert len(profile) <= 200 and profile.endswith("…")
    assert item.name_ru.startswith(profile[:-1]) and item.name_ru[len(profile) - 1] in " ,;"  # a whole word
