"""Protocol journals: the daily protocol and the monthly journal of an MSE department (App 17)
and of a methodology and control department (App 18).

A daily protocol is numbered and lists the day's examinations with the appendix's columns; the
monthly journal gathers the month's daily protocols in order, each from a new sheet, numbers
every page and ends with the binding page, whose sheet count is the real page count of the
PDF (it is written when that page is drawn, so it cannot disagree with the file)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak

from ..domain.words import sheets_in_words
from . import fonts
from . import words as w
from .layout import CAPTION, MINISTRY_KK, MINISTRY_RU, SMALL, TITLE, DepartmentHeading, Form, text, value
from .table import Column, long_table

# App 17, columns 1-14 (headers in Kazakh / Russian as the appendix words them)
MSE_COLUMNS = (
    Column("Тіркеу нөмірі / Регистрационный номер", 10),
    Column("Акт № / № акта", 25),  # 14 digits (§25.1) on one line
    Column("Тегі, аты, әкесінің аты (болған кезде) / Фамилия, имя, отчество (при его наличии)", 22),
    Column("Туған күні, жасы / Дата рождения, возраст", 15),
    Column("Тіркелген орны / Место регистрации", 18),
    Column("Жұмыс орны, лауазымы, Оқу орны / Место работы, должность, Место учебы", 14),
    Column("Алғашқы немесе қайта куәландыру / куәландыру мақсаты / Первичное или повторное освидетельствование / "
           "цель освидетельствования", 17),
    Column("Мүгедектік тобы және себебі, ЖЕҚА дәрежесі, КЕҚА дәрежесі және себебі, еңбекке уақытша "
           "жарамсыздық парағының (анықтамасының) ұзақтығы / Группа и причина инвалидности, степень УОТ, "
           "степень и причина УПТ, продолжительность листа (справки) временной нетрудоспособности", 17),
    Column("Клиникалық-сараптамалық диагнозы / Клинико-экспертный диагноз", 29),
    Column("Қорытынды (мүгедектік тобы, ЖЕҚА дәрежесі, КЕҚА дәрежесі) / Заключение (группа инвалидности, "
           "степень УОТ, степень УПТ)", 17),
    Column("Мүгедектіктің, КЕҚА себебі / Причина инвалидности, УПТ", 15),
    Column("Мүгедектіктің, ЖЕҚА, КЕҚА, ОЖБ мерзімі / Срок инвалидности, УОТ, УПТ, ИПР", 15),
    Column("ОЖБ және/немесе зардап шеккен қызметкердің көмектің қосымша түрлеріне және күтімге мұқтаждығы "
           "туралы қорытындысы бойынша оңалту іс-шаралары / Реабилитационные мероприятия по ИПР и/или "
           "заключению о нуждаемости пострадавшего работника в дополнительных видах помощи и уходе", 20),
    Column("Мүгедектік, ЖЕҚА дәрежесі, КЕҚА дәрежесі туралы анықтаманың, ОЖБ зардап шеккен қызметкердің "
           "көмектің қосымша түрлеріне және күтімге мұқтаждығы туралы қорытындының нөмірі / Номер справки об "
           "инвалидности, степени УОТ, степени УПТ, ИПР, заключения о нуждаемости пострадавшего работника в "
           "дополнительных видах помощи и уходе", 21),
)
# App 18, columns 1-9
CONTROL_COLUMNS = (
    Column("№ / №", 10),
    Column("Тегі, аты, әкесінің аты (болған кезде), туған күні / Фамилия, имя, отчество (при его наличии), "
           "дата рождения", 34),
    Column("Тіркелген орны / Место регистрации", 26),
    Column("Жұмыс орны, лауазымы Оқу орны / Место работы, должность Место учебы", 20),
    Column("Куәландыру мақсаты (шағымдану, бақылау) / Цель освидетельствования (обжалование, контроль)", 22),
    Column("МӘС бөлімінің № __ және куәландырылған күні / №__ отдела МСЭ и дата освидетельствования", 24),
    Column("Мүгедектік тобы, себебі, мерзімі, ЖЕҚА дәрежесі мен мерзімі, КЕҚА дәрежесі, себебі, мерзімі. "
           "Еңбекке уақытша жарамсыздық парағының (анықтамасының) ұзақтығы / Группа, причина, срок "
           "инвалидности, степень и срок УОТ, степень, причина, срок УПТ. Продолжительность листа (справки) "
           "временной нетрудоспособности", 30),
    Column("Клиникалық-сараптамалық диагнозы / Клинико-экспертный диагноз", 45),
    Column("Қорытындысы мен ұсынымдары / Заключение и рекомендации", 46),
)

SEAL = {False: "Мөр орны/Место печати", True: "Мөрдің орны/Место печати"}  # App 17, App 18 as each words it
SPECIALIST_LINES = {False: 3, True: 2}  # the chief specialists' further lines: App 17 three, App 18 two
JOURNAL_TITLE = {
    False: ("Медициналық-әлеуметтік сараптама бөлімінің медициналық-әлеуметтік сараптама жүргізу хаттамалар журналы",
            "Журнал протоколов проведения медико-социальной экспертизы отдела медико-социальной экспертизы"),
    True: ("Медициналық-әлеуметтік сараптама әдіснама және бақылау бөлімінің медициналық-әлеуметтік сараптама "
           "жүргізу хаттамалар журналы", "Журнал протоколов проведения медико-социальной экспертизы отдела "
           "методологии и контроля медико-социальной экспертизы"),
}
ELECTRONIC_NOTE = ("(Хаттамалар \"Мүгедектігі бар адамдардың орталықтандырылған деректер банкі\" ақпараттық жүйесіне "
                   "электрондық нысанда қалыптастырылады)", "(Протокола формируются в электронном формате в "
                   "информационной системе \"Централизованный банк данных лиц, имеющих инвалидность\")")
HEAD_TITLE = {False: ("Медициналық-әлеуметтік сараптама бөлімінің басшысы",
                      "Руководитель отдела медико-социальной экспертизы"),
              True: ("МӘС ӘБ бөлімінің басшысы", "Руководитель отдела МК МСЭ")}
CORRECTIONS = {False: "Все исправления, дополнения, изменения, внесенные в протокол, должны быть оговорены, скреплены "
                      "подписью руководителя отдела медико-социальной экспертизы и штампом.",
               True: "Все исправления, дополнения, изменения, внесенные в протокол, должны быть оговорены, скреплены "
                     "подписью руководителя отдела методологии и контроля МСЭ и штампом."}


@dataclass(frozen=True)
class Protocol:
    """One day's protocol: its number in the year and its rows (already worded for the columns)."""

    day: date
    number: int
    rows: list[Sequence[str]] = field(default_factory=list)
    specialists: list[str] = field(default_factory=list)


def columns(methodology: bool) -> tuple[Column, ...]:
    return CONTROL_COLUMNS if methodology else MSE_COLUMNS


def daily_protocol(form: Form, heading: DepartmentHeading, protocol: Protocol) -> None:
    """App 17/18: the header, "№ N хаттама / Протокол № N от …", the table and the signatures."""
    caption = "(өңір/регион)" if heading.methodology else "(өңір, бөлім/регион, отдел)"
    form.ministry(heading, caption)
    form.lines(f"{text(w.date_kk(protocol.day))} № {protocol.number} хаттама",
               f"Протокол № {protocol.number} от {text(w.date_ru(protocol.day))}", style=TITLE).space(2)
    form.add(long_table(columns(heading.methodology), protocol.rows))
    form.signature("Бөлім басшысы", "Руководитель отдела", heading.head_name, seal=SEAL[heading.methodology])
    form.signature("Бас мамандар", "Главные специалисты", ", ".join(protocol.specialists), seal=None)
    form.blank_signatures(SPECIALIST_LINES[heading.methodology])


class BindingNote(Flowable):
    """The binding page (App 17/18 "Образец"): the sheet count is this page's own number."""

    def __init__(self, heading: DepartmentHeading, head_name: str, closed_on: date):
        super().__init__()
        self.heading, self.head_name, self.closed_on = heading, head_name, closed_on
        self.width = self.height = 0

    def wrap(self, available_width, available_height):
        self.width, self.height = available_width, 90 * mm
        return self.width, self.height

    def lines(self, sheets: int) -> list[str]:
        head_kk, head_ru = HEAD_TITLE[self.heading.methodology]
        return [
            f"Нөмірленген және баулықтап тігілген {sheets} ({sheets_in_words(sheets, 'kk')})",
            f"Пронумеровано и прошнуровано {sheets} ({sheets_in_words(sheets, 'ru')})",
            "(сөзбен жазу/прописью)", "", head_kk, head_ru,
            f"{self.head_name} ______________________",
            "(тегі, аты, әкесінің аты (болған кезде), қолы/ фамилия, имя, отчество (при его наличии), подпись)",
            f"{w.date_kk(self.closed_on)} / {w.date_ru(self.closed_on)}", SEAL[self.heading.methodology], "",
        ]

    def draw(self):
        canvas = self.canv
        y = self.height
        for line in self.lines(canvas.getPageNumber()):
            canvas.setFont(fonts.REGULAR, 12 if line.startswith(("Нөмір", "Прону")) else 10)
            canvas.drawString(0, y, line)
            y -= 7 * mm


def monthly_journal(form: Form, heading: DepartmentHeading, protocols: list[Protocol], first: date,
                    last: date) -> None:
    """App 17/18: title page, every daily protocol of the month from a new sheet, binding page."""
    methodology = heading.methodology
    number = "" if methodology else f" № {heading.number}"
    region_ru = text(w.region_dative(heading.region_ru))
    form.lines(MINISTRY_KK, MINISTRY_RU,
               f"{text(heading.region_kk)} бойынша Еңбек және әлеуметтік қорғау комитетінің департаменті",
               f"Департамент Комитета труда и социальной защиты по {region_ru}{number}", style=CAPTION)
    form.space(20)
    kk, ru = JOURNAL_TITLE[methodology]
    form.lines(text(kk), text(ELECTRONIC_NOTE[0]), style=TITLE).space(4)
    form.lines(text(ru) + ("" if methodology else f" № {heading.number}"), text(ELECTRONIC_NOTE[1]), style=TITLE)
    form.space(6)
    form.para(f"{value(w.date_kk(first))} басталды (начат)").para(f"{value(w.date_kk(last))} аяқталды (закончен)")
    form.space(6).para(text(CORRECTIONS[methodology]), SMALL)
    for protocol in protocols:
        form.add(PageBreak())
        daily_protocol(form, heading, protocol)
    if not protocols:
        form.space(6).para("Осы айда хаттамалар жоқ / Протоколов за этот месяц нет", CAPTION)
    form.add(PageBreak(), BindingNote(heading, heading.head_name, last))
