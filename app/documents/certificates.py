"""Result documents handed to the person (§51): the certificate of disability (App 19), of the
degree of loss of general (App 20) and professional (App 21, with its tear-off excerpt)
working capacity, the conclusion on the need for additional help and care (App 22, with its
copy) and the notice that disability was not established (App 23, with its copy and the
receipt line).  Fixed texts are the seed's, Kazakh line above Russian line."""

from __future__ import annotations

from collections.abc import Callable

from ..domain.rules.terms import term_end
from . import words as w
from .layout import Form, SignatureStamp
from .paper import ActPaper, Issued

NAME_KK, NAME_RU = "Тегі, аты, әкесінің аты (болған кезде)", "Фамилия, имя, отчество (при его наличии)"
BASIS_KK = "Негіздеме: медициналық-әлеуметтік сараптаманың № {} актісі"
BASIS_RU = "Основание: акт медико-социальной экспертизы № {}"
ESTABLISHED = ("Белгіленген күні", "Дата установления")
CREDITED_KK, CREDITED_RU = "Мерзімі {} бастап есептелді", "Срок зачтен с {}"
REEXAMINATION = ("Қайта куәландыру күні", "Дата переосвидетельствования")
INSURANCE_KK = "Міндетті әлеуметтік сақтандыру жүйесіне қатысу фактісін растайтын құжат"
INSURANCE_RU = "Документ, подтверждающий факт участия в системе обязательного социального страхования"
ACCIDENT_KK = "Жазатайым оқиға туралы акті"
ACCIDENT_RU = "Акт о несчастном случае (жұмыс берушінің толық атауы/полное наименование работодателя)"
ESIGN_KK, ESIGN_RU = "Бөлім басшысының ЭЦҚ-сымен куәландырылды", "Удостоверено ЭЦП руководителя отдела"
CARE_KK, CARE_RU = "Көмектің қосымша түрлеріне және күтімге мұқтаж", "Нуждается в дополнительных видах помощи и уходе"
KIND_WORDS = {"primary": ("алғаш рет", "первично"), "repeat": ("қайтадан", "повторно")}  # App 21


# -- shared blocks ---------------------------------------------------------------------------
def person(form: Form, paper: ActPaper) -> None:
    form.field(NAME_KK, NAME_RU, paper.full_name)
    form.field("Туған күні", "Дата рождения", w.date_kk(paper.birth_date), w.date_ru(paper.birth_date))
    form.field("Мекенжайы", "Адрес", paper.address)


def until(paper: ActPaper) -> tuple[str, str]:
    """The end of the term (§30), or "without a term"."""
    end = term_end(paper.decision.get("term") or "no_term", established_on=paper.established_on,
                   birth_date=paper.birth_date)
    return (w.date_kk(end), w.date_ru(end)) if end else ("мерзімсіз", "бессрочно")


def dates(form: Form, paper: ActPaper, until_kk: str, until_ru: str, *, reexamination: bool = True) -> None:
    """Date of establishing (§24.2), term credited from, term until, date of re-examination."""
    day = paper.established_on
    form.field(*ESTABLISHED, w.date_kk(day), w.date_ru(day))
    form.sentence(CREDITED_KK, CREDITED_RU, w.date_kk(day), w.date_ru(day))
    end_kk, end_ru = until(paper)
    form.sentence(until_kk, until_ru, end_kk, end_ru)
    if reexamination:
        form.field(*REEXAMINATION, end_kk, end_ru)


def basis(form: Form, paper: ActPaper) -> None:
    form.sentence(BASIS_KK, BASIS_RU, paper.number, paper.number)
    form.proactive_mark(paper.proactive)


def head_signature(form: Form, paper: ActPaper, *, electronic: bool = False, caption: str = "қолы/подпись") -> None:
    """"Мөр орны … Бөлім басшысы" (App 19, 21; App 21's excerpt "(қолы/подпись ЭЦП)") or "Удостоверено
    ЭЦП руководителя отдела" (App 20, 22, 23)."""
    if electronic:
        form.field(ESIGN_KK, ESIGN_RU, paper.signed_by)
        form.name_caption()
        form.field("Күні", "Дата", w.date_kk(paper.signed_on), w.date_ru(paper.signed_on))
    else:
        form.signature("Бөлім басшысы", "Руководитель отдела", paper.signed_by, signed_on=paper.signed_on,
                       caption=caption)


def percent_line(form: Form, kk: str, ru: str, value: int | None) -> None:
    """"… ___ % (жазбаша/прописью)": the figure and the words, in both languages."""
    form.field(kk, ru, w.percent(value, "kk"), w.percent(value, "ru"))


def accident(form: Form, paper: ActPaper) -> None:
    report = paper.decision.get("accident") or {}
    shown = ", ".join(str(report[k]) for k in ("date", "number", "employer") if report.get(k))
    form.field(ACCIDENT_KK, ACCIDENT_RU, shown)


def insurance(form: Form, paper: ActPaper) -> None:
    form.field(INSURANCE_KK, INSURANCE_RU, paper.decision.get("insurance_document") or "")


def diagnoses(form: Form, paper: ActPaper) -> None:
    form.field("Негізгі диагноз:", "Основной диагноз:", paper.diagnosis_main, both=True)
    form.field("Ілеспелі аурулардың диагнозы:", "Диагноз сопутствующих заболеваний", paper.diagnoses_concomitant,
               both=True)


def title_number(issued: Issued) -> str:
    return f" серия <b>{issued.series}</b> № <b>{issued.number}</b>"


Footer = Callable[[Form], None]


def document(form: Form, paper: ActPaper, issued: Issued, title_kk: str, title_ru: str,
             body: Callable[[Form, ActPaper], None], footer: Footer | None = None) -> None:
    """The authority, the title with series and number, the body of one part of a form, and the
    QR code with the signature stamp's slot under the main part (``footer``)."""
    form.authority(paper.heading)
    form.title(title_kk, title_ru, title_number(issued))
    body(form, paper)
    if footer is not None:
        footer(form)


# -- the forms ---------------------------------------------------------------------------------
def disability_certificate(form: Form, paper: ActPaper, issued: Issued, footer: Footer) -> None:
    """App 19."""
    def body(f: Form, p: ActPaper) -> None:
        person(f, p)
        f.field("Мүгедектік тобы", "Группа инвалидности", w.group(p.decision.get("group"), "kk"),
                w.group(p.decision.get("group"), "ru"))
        f.field("Мүгедектік себебі", "Причина инвалидности", w.cause(p.decision.get("cause"), "kk"),
                w.cause(p.decision.get("cause"), "ru"))
        dates(f, p, "Мүгедектік {} дейінгі мерзімге белгіленген", "Инвалидность установлена на срок до {}")
        basis(f, p)
        head_signature(f, p)
    document(form, paper, issued, "Мүгедектік туралы анықтама", "Справка об инвалидности", body, footer)


def uot_lines(form: Form, paper: ActPaper) -> None:
    """App 20 (and the second half of the App 21 excerpt): УОТ in figures and words, its dates and cause."""
    insurance(form, paper)
    percent_line(form, "Пайызбен белгіленген жалпы еңбек ету қабілетінен айырылу дәрежесі:",
                 "Установлена в процентах степень утраты общей трудоспособности", paper.decision.get("uot_percent"))
    dates(form, paper, "Жалпы еңбек ету қабілетінен айырылу дәрежесі {} дейінгі мерзімге белгіленген",
          "Степень утраты общей трудоспособности установлена на срок до {}", reexamination=False)
    cause = paper.decision.get("uot_cause") or paper.decision.get("cause")
    form.field("Жалпы еңбек ету қабілетінен айырылу дәрежесінің себебі", "Причина степени утраты общей "
               "трудоспособности", w.cause(cause, "kk"), w.cause(cause, "ru"))


def uot_certificate(form: Form, paper: ActPaper, issued: Issued, footer: Footer) -> None:
    """App 20."""
    def body(f: Form, p: ActPaper) -> None:
        person(f, p)
        uot_lines(f, p)
        basis(f, p)
        head_signature(f, p, electronic=True)
    document(form, paper, issued, "Жалпы еңбек ету қабілетінен айырылу дәрежесі туралы анықтама",
             "Справка о степени утраты общей трудоспособности", body, footer)


def upt_lines(form: Form, paper: ActPaper) -> None:
    """App 21: accident report, diagnoses, УПТ first or again, in figures and words, its dates."""
    accident(form, paper)
    diagnoses(form, paper)
    first_kk, first_ru = KIND_WORDS[paper.kind]
    value = paper.decision.get("upt_percent")
    form.field(f"Кәсіптік еңбек ету қабілетінен айырылу дәрежесі {first_kk} пайызда белгіленді",
               f"Установлена {first_ru} в процентах степень утраты профессиональной трудоспособности",
               w.percent(value, "kk"), w.percent(value, "ru"))
    dates(form, paper, "Кәсіптік еңбек ету қабілетінен айырылу дәрежесі {} дейінгі мерзімге белгіленген",
          "Степень утраты профессиональной трудоспособности установлена на срок до {}")


def upt_certificate(form: Form, paper: ActPaper, issued: Issued, footer: Footer) -> None:
    """App 21, with the tear-off excerpt of the certificate and the act."""
    def body(f: Form, p: ActPaper) -> None:
        person(f, p)
        upt_lines(f, p)
        basis(f, p)
        head_signature(f, p)

    def excerpt(f: Form, p: ActPaper) -> None:
        person(f, p)
        upt_lines(f, p)
        uot_lines(f, p)
        basis(f, p)
        head_signature(f, p, caption="қолы/подпись ЭЦП")
    document(form, paper, issued, "Кәсіптік еңбек ету қабілетінен айырылу дәрежесі туралы анықтама",
             "Справка о степени утраты профессиональной трудоспособности", body, footer)
    form.cut_line()
    document(form, paper, issued, "Кәсіптік еңбек ету қабілетінен айырылу дәрежесі туралы анықтамадан және "
             "медициналық-әлеуметтік сараптама актісінен үзінді көшірме", "Выписка из справки о степени утраты "
             "профессиональной трудоспособности и акта медико-социальной экспертизы", excerpt)


def care_conclusion(form: Form, paper: ActPaper, issued: Issued, footer: Footer) -> None:
    """App 22, with its copy below the cut line."""
    def body(f: Form, p: ActPaper) -> None:
        person(f, p)
        cause = p.decision.get("upt_cause") or p.decision.get("cause")
        f.field("Кәсіптік еңбек ету қабілетінен айырылу дәрежесі", "Степень утраты профессиональной "
                "трудоспособности", f"{w.percent(p.decision.get('upt_percent'), 'kk')}, себебі {w.cause(cause, 'kk')}",
                f"{w.percent(p.decision.get('upt_percent'), 'ru')}, причина {w.cause(cause, 'ru')}")
        end_kk, end_ru = until(p)
        f.sentence("Кәсіптік еңбек ету қабілетінен айырылу дәрежесі {} дейінгі мерзімге белгіленген",
                   "Степень утраты профессиональной трудоспособности установлена на срок до {}", end_kk, end_ru)
        accident(f, p)
        f.field("Диагнозы:", "Диагноз:", p.diagnosis_main, both=True)
        f.field(CARE_KK, CARE_RU, p.decision.get("care_needs") or "", both=True)
        basis(f, p)
        head_signature(f, p, electronic=True)
    for part in range(2):
        if part:
            form.cut_line()
        document(form, paper, issued, "Зақым келген қызметкердің көмектің қосымша түрлеріне және күтімге "
                 "мұқтаждығы туралы қорытынды", "Заключение о нуждаемости пострадавшего работника в "
                 "дополнительных видах помощи и уходе", body, None if part else footer)


def non_establishment_notice(form: Form, paper: ActPaper, issued: Issued, footer: Footer) -> None:
    """App 23, with its copy below the cut line and the line the person signs on receiving it."""
    def body(f: Form, p: ActPaper) -> None:
        f.field(NAME_KK, NAME_RU, p.full_name)
        previous = p.clinical.get("previous_group") or p.decision.get("previous_group")
        f.field("Туған күні", "Дата рождения", w.date_kk(p.birth_date), w.date_ru(p.birth_date))
        f.sentence("{} топтағы мүгедектігі бар адам", "Лицо с инвалидностью {} группы",
                   w.group(previous, "kk"), w.group(previous, "ru"))
        f.field("Мекенжайы", "Адрес", p.address)
        f.lines("Медициналық-әлеуметтік сараптама бөлімінде қайта куәландырудан өтті,",
                f"Прошел (ла) переосвидетельствование в отделе <b>№ {p.heading.number}</b>",
                "Мүгедектігі бар адам деп танылған жоқ.", "Лицом с инвалидостью не признан (а).")
        basis(f, p)
        head_signature(f, p, electronic=True)
    title = ("Мүгедектік тағайындалмауы туралы хабарлама", "Извещение о не установлении инвалидности")
    document(form, paper, issued, *title, body, footer)
    form.cut_line()
    document(form, paper, issued, *title, body)
    form.space(4).lines("Мүгедектік тағайындалмауы туралы хабарламаны алдым ______________ (____________________)",
                        "Извещение о не установлении инвалидности получил (а) (қолы/подпись)")
    form.name_caption()


__all__ = ["SignatureStamp", "care_conclusion", "disability_certificate", "non_establishment_notice",
           "upt_certificate", "uot_certificate"]
