"""The MSE act (App 8) with its appendix, the conclusion of the methodology and control
department; the protocol on unreliable documents or an unjustified conclusion (App 26); the
receipt of refusal to accept documents (App 4).  Item numbers and fixed texts are the seed's."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..domain.labels import PURPOSE
from ..domain.rules.labels import KIND
from . import words as w
from .certificates import NAME_KK, NAME_RU, until
from .layout import SMALL, TITLE, Form, text
from .paper import ActPaper

SEX = {"male": ("ер", "мужской"), "female": ("әйел", "женский")}
PROGNOSIS = {"favorable": ("қолайлы", "благоприятный"), "doubtful": ("күмәнді", "сомнительный"),
             "relatively_favorable": ("салыстырмалы түрде қолайлы", "относительно благоприятный"),
             "unfavorable": ("қолайсыз", "неблагоприятный")}  # §38
POTENTIAL = {"high": ("жоғары", "высокий"), "satisfactory": ("қанағаттанарлық", "удовлетворительный"),
             "low": ("төмен", "низкий"), "none": ("жоқ", "отсутствует")}  # §39
PROACTIVE_PLACE = ("сырттай проактивті", "заочно проактивно")  # §8 item 7

# App 8 items 16.1-16.11: keys of form 031/у's function_impairments
FUNCTIONS = (
    ("16.1.", "mental", "психикалық функцияларының бұзылуы (аңғару, зейін, есте сақтау, ойлау, сөйлеу, эмоциялар, "
     "жігер, парасат, сана, мінез-құлық, психомоторлық функциялар)", "нарушение психических функций (восприятие, "
     "внимание, память, мышление, речь, эмоция, воля, интеллект, сознание, поведение, психомоторные функции)"),
    ("16.2.", "sensory", "сезіну функцияларының бұзылуы (көру, есту, иісті сезу, түйсіну және сезімталдықтың бұзылуы)",
     "нарушение сенсорных функций (зрение, слух, обоняние, осязание и нарушения чувствительности)"),
    ("16.3.", "statodynamic", "статикалық - динамикалық функциялардың (бастың, кеуденің, аяқ-қолдың қозғалу "
     "функцияларының, статиканың және қозғалыс үйлесімдігінің) бұзылуы", "нарушение статодинамических функций "
     "(двигательных функций головы, туловища, конечности, статики и координации движений)"),
    ("16.4.", "circulation", "қанайналым функцияларының бұзылуы", "нарушение функции кровообращения"),
    ("16.5.", "respiration", "тыныс алу функцияларының бұзылуы", "нарушение функции дыхания"),
    ("16.6.", "digestion", "асқорыту функцияларының бұзылуы", "нарушение функции пищеварения"),
    ("16.7.", "excretion", "сыртқа шығару функцияларының бұзылуы", "нарушение функции выделения"),
    ("16.8.", "metabolism", "зат пен энергия алмасу функцияларының бұзылуы",
     "нарушение функции обмена веществ и энергии"),
    ("16.9.", "blood", "қан түзілуі функцияларының бұзылуы", "нарушение функции кроветворения"),
    ("16.10.", "endocrine", "ішкі секреция функцияларының бұзылуы", "нарушение функции внутренней секреции"),
    ("16.11.", "immunity", "иммунитет функцияларының бұзылуы", "нарушение иммунитета"),
)
# App 8 items 17.1-17.9: keys of the decision's restrictions (docs/interfaces.md §3)
CATEGORIES = (
    ("17.1.", "self_care", "өзін өзі күту қабілеті", "способность к самообслуживанию"),
    ("17.2.", "mobility", "өз бетімен жүріп-тұру қабілеті", "способность к самостоятельному передвижению"),
    ("17.3.", "learning", "оқу қабілеті", "способность к обучению"),
    ("17.4.", "work", "еңбек қызметіне қабілеті", "способность к трудовой деятельности"),
    ("17.5.", "orientation", "бағдарлана білу қабілеті", "способность к ориентации"),
    ("17.6.", "communication", "қарым-қатынас жасау қабілеті", "способность к общению"),
    ("17.7.", "behavior", "өзінің жүріс-тұрысын бақылау қабілеті", "способность контролировать свое поведение"),
    ("17.8.", "play", "ойын және танымдық қызметке қабілеті (балаларға)",
     "способность к игровой и познавательной деятельности (для детей)"),
    ("17.9.", "motor", "белсенді қозғалу қабілеті (балаларға)", "способность к двигательной активности (для детей)"),
)
# App 8 items 32.1-32.6 (appendix 20.1-20.6): documents given, by kind
ISSUED = (
    ("disability-certificate", "мүгедектік туралы анықтама", "справка об инвалидности"),
    ("ipr-excerpt", "мүгедектігі бар адамды абилитациялау мен оңалтудың жеке бағдарламасының картасынан үзінді "
     "көшірме", "выписка из карты индивидуальной программы абилитации и реабилитации лица с инвалидностью"),
    ("uot-certificate", "жалпы еңбек ету қабілетінен айырылу дәрежесі туралы анықтама",
     "справка о степени утраты общей трудоспособности"),
    ("upt-certificate", "кәсіптік еңбек ету қабілетінен айырылу дәрежесі туралы анықтама",
     "справка о степени утраты профессиональной трудоспособности"),
    ("care-conclusion", "зақым келген қызметкердің қосымша көмекке және күтім түрлеріне мұқтаждығы туралы "
     "қорытынды", "заключение о нуждаемости пострадавшего работника в дополнительных видах помощи и уходе"),
    ("non-establishment-notice", "мүгедектік тағайындалмауы туралы хабарлама",
     "извещение о не установлении инвалидности"),
)


def item(form: Form, number: str, kk: str, ru: str, value_kk: object = None, value_ru: object = None,
         *, both: bool = False) -> None:
    form.field(f"{number} {kk}", ru, value_kk, value_ru, both=both)


def degree(value: int | None) -> tuple[str, str]:
    return ("", "") if not value else (f"{value} дәреже", f"{value} степень")


def pair(table: dict, code: str | None) -> tuple[str, str]:
    return table.get(code, ("", "")) if code else ("", "")


def translated_pair(table: dict[str, str], code: str | None) -> tuple[str, str]:
    return ("", "") if not code else (w.code_label(table, code, "kk"), w.code_label(table, code, "ru"))


def general_data(form: Form, p: ActPaper) -> None:
    """Section 1, items 1-15.1."""
    form.heading("1 бөлім. Куәландырылатын адам туралы жалпы деректер",
                 "Раздел 1. Общие данные об освидетельствуемом лице")
    item(form, "1.", "Сараптаманың басталған күні", "Дата начала экспертизы", w.date_kk(p.registered_at),
         w.date_ru(p.registered_at))
    item(form, "1.1.", "Сараптаманың аяқталған күні", "Дата окончания экспертизы", w.date_kk(p.concluded_at),
         w.date_ru(p.concluded_at))
    item(form, "2.", NAME_KK, NAME_RU, p.full_name)
    item(form, "3.", "Туған күні", "Дата рождения", *w.dates_in_both(p.birth_date))
    form.field("3.1. Жасы/Возраст", "", p.age)
    form.field("4. Жынысы/Пол", "", w.both(*pair(SEX, p.sex)))
    item(form, "5.", "Тіркелген орны", "Место регистрации", p.address, both=True)
    item(form, "5.1.", "Нақты тұратын мекенжайы", "Адрес фактического проживания")
    item(form, "6.", "Куәландырудың мақсаты", "Цель освидетельствования", *translated_pair(PURPOSE, p.purpose))
    item(form, "7.", "Куәландырудың түрі (бірінші рет / қайта)", "Вид освидетельствования (первичное / повторное)",
         *translated_pair(KIND, p.kind))
    item(form, "8.", "Куәландыруды өткізу орны", "Место проведения освидетельствования",
         *(PROACTIVE_PLACE if p.proactive else ("", "")))
    item(form, "9.", "Мүгедектік санаты/тобы", "Категория/группа инвалидности")
    item(form, "9.1.", "Мүгедектіктің себебі", "Причина инвалидности")
    item(form, "10.", "Жалпы еңбек ету қабілетінен айырылу дәрежесі (бұдан әрі - ЖЕА)",
         "Степень утраты общей трудоспособности (далее - УОТ)")
    item(form, "11.", "Кәсіптік еңбек ету қабілетінен айырылу дәрежесі (бұдан әрі - КЕА)",
         "Степень утраты профессиональной трудоспособности (далее - УПТ)")
    item(form, "11.1.", "КЕА себебі", "Причина УПТ")
    item(form, "12.", "Мүгедектіктің, еңбек ету қабілетінен айырылуының динамикасы",
         "Динамика инвалидности, утраты трудоспособности")
    item(form, "13.", "Әлеуметтік-экономикалық мәртебесі", "Социально-экономический статус",
         *(("жұмыс істейді", "работающий") if p.working else ("жұмыс істемейді", "неработающий")))
    for number, kk, ru in (("13.1.", "Білімі", "Образование"), ("13.2.", "Негізгі кәсібі", "Основная профессия"),
                           ("13.3.", "Жұмыс орны", "Место работы"), ("13.3.1.", "Қызметі", "Должность")):
        form.field(f"{number} {kk}/{ru}", "")
    item(form, "13.3.2.", "Еңбектің сипаты мен жағдайлары", "Характер и условия труда")
    form.field("14. Еңбек қалауы/ Трудовая установка", "")
    item(form, "14.1.", "Еңбек жағдайларын өзгерту", "Изменение условий труда")
    item(form, "15.", "Ұйымдастырылуы (балаларға)", "Организованность (для детей)")
    form.field("15.1. Оқуға қалау/Установка на учебу", "")


def assessment(form: Form, p: ActPaper) -> None:
    """Section 2, items 16-23."""
    form.heading("2 бөлім. Организмнің жай-күйі мен тіршілік-тынысының шектелу дәрежесін бағалау",
                 "Раздел 2. Оценка состояния организма и степени ограничения жизнедеятельности")
    form.lines("16. Организм функцияларының білінетін бұзылу дәрежесі мен түрлері:",
               "Виды и степень выраженности нарушений функций организма:")
    impairments = p.clinical.get("function_impairments") or {}
    for number, key, kk, ru in FUNCTIONS:
        item(form, number, kk, ru, *degree(impairments.get(key)))
    form.lines("17. Тіршілік-тынысының негізгі санаттарының шектелуінің біліну дәрежесі мен түрлері:",
               "Виды и степень выраженности ограничений основных категорий жизнедеятельности:")
    restrictions = p.decision.get("restrictions") or {}
    for number, key, kk, ru in CATEGORIES:
        item(form, number, kk, ru, *degree(restrictions.get(key)))
    item(form, "18.", "Анатомиялық кемістік", "Анатомический дефект")
    item(form, "19.", "Оңалту-сараптама диагностикасы", "Реабилитационно-экспертная диагностика")
    prognosis, potential = p.decision.get("rehab_prognosis"), p.decision.get("rehab_potential")
    item(form, "19.1.", "Оңалту болжамы", "Реабилитационный прогноз", *pair(PROGNOSIS, prognosis))
    item(form, "19.2.", "Оңалту әлеуеті", "Реабилитационный потенциал", *pair(POTENTIAL, potential))
    item(form, "20.", "МӘС әдіснама және бақылау бөліміне консультацияға жіберу",
         "Направление на консультацию в отдел методологии и контроля МСЭ")
    item(form, "21.", "Қосымша мәліметтер", "Дополнительные сведения", p.decision.get("comment") or "", both=True)
    item(form, "22.", "Медициналық-әлеуметтік сараптама жүргізу үшін негіз болып табылатын құжаттардың тізбесі",
         "Перечень документов, являющихся основанием для проведения медико-социальной экспертизы",
         "нысан № 031/у / форма № 031/у", "форма № 031/у")
    item(form, "23.", "Медициналық-әлеуметтік сараптамаға жолдаудың негізділігі",
         "Обоснованность направления на медико-социальную экспертизу")


def term_dates(p: ActPaper, established: bool) -> tuple[tuple[str, str], tuple[str, str]]:
    """(until, credited from) of an established group or degree; blanks otherwise."""
    if not established:
        return ("", ""), ("", "")
    return until(p), w.dates_in_both(p.established_on)


def uot_items(form: Form, p: ActPaper, n: int, decision: dict) -> None:
    """УОТ in figures and words, its cause, until, credited from (App 8 items 26-26.3)."""
    uot = decision.get("uot_percent")
    end, day = term_dates(p, uot is not None)
    cause = decision.get("uot_cause") or (decision.get("cause") if uot is not None else None)
    item(form, f"{n}.", "ЖЕА дәрежесі", "Степень УОТ (жазбаша/прописью)", *w.in_both(w.percent, uot))
    item(form, f"{n}.1.", "ЖЕА дәрежесінің себебі", "Причина степени УОТ", *w.in_both(w.cause, cause))
    form.sentence(f"{n}.2. ЖЕА дәрежесінің белгіленген мерзімі {{}} дейін", "Степень УОТ установлена на срок до {}",
                  *end)
    form.sentence(f"{n}.3. ЖЕА дәрежесінің мерзімі {{}} бастап есептелді", "Срок степени УОТ зачтен с {}", *day)


def upt_items(form: Form, p: ActPaper, n: int, decision: dict | None, words: Wording) -> None:
    """УПТ by one accident report: figures and words, cause, term, until, credited from (App 8 items
    27-29: one block per accident; blocks after the first stay blank to fill by hand)."""
    decision = decision or {}
    upt = decision.get("upt_percent")
    end, day = term_dates(p, upt is not None)
    cause = decision.get("upt_cause") or (decision.get("cause") if upt is not None else None)
    term = decision.get("term") if upt is not None else None
    item(form, f"{n}.", words.upt, "Степень УПТ по Акту о несчастном случае (жазбаша/прописью)",
         *w.in_both(w.percent, upt))
    item(form, f"{n}.1.", "КЕА себебі", "Причина УПТ", *w.in_both(w.cause, cause))
    item(form, f"{n}.2.", "КЕА дәрежесінің мерзімі", "Срок степени УПТ", *w.in_both(w.term, term))
    form.sentence(f"{n}.3. КЕА дәрежесінің белгіленген мерзімі {{}} дейін", "Степень УПТ установлена на срок до {}",
                  *end)
    form.sentence(f"{n}.4. КЕА дәрежесінің мерзімі {{}} бастап есептелді", "Срок степени УПТ зачтен с {}", *day)


@dataclass(frozen=True)
class Wording:
    """The Kazakh words that differ between the act's own conclusion (App 8 items 25-29) and a
    control department's (the appendix's items 12-17, App 26 items 5-10), each as its seed has it."""

    group: str
    until: str
    credited: str
    upt: str


ACT_WORDING = Wording("Мүгедектік санаты/тобы", "Мүгедектік белгіленген мерзімі {} дейін",
                      "Мүгедектік мерзімі {} бастап есептелді", "Жазатайым оқиға туралы акті бойынша КЕА дәрежесі")
CONTROL_WORDING = Wording("Мүгедектік категориясы/тобы", "Мүгедектіктің белгіленген мерзімі {} дейін",
                          "Мүгедектіктің мерзімі {} бастап есептелді",
                          "Жазатайым оқиға туралы актісі бойынша КЕА дәрежесі")


def conclusion_items(form: Form, p: ActPaper, first: int, decision: dict, accidents: int,
                     words: Wording = ACT_WORDING) -> int:
    """The expert conclusion: diagnosis, group, cause, term, УОТ, УПТ by ``accidents`` accident
    reports, rehabilitation, care — App 8 items 24-31 (3 reports), the appendix items 11-19 and
    App 26 items 4-12 (4 reports, ``CONTROL_WORDING``).  Returns the next item number."""
    n = first
    form.lines(f"{n}. Клиникалық-сараптама диагнозы:", "Клинико-экспертный диагноз:")
    item(form, f"{n}.1.", "Негізгі диагноз", "Основной диагноз", p.diagnosis_main, both=True)
    item(form, f"{n}.2.", "Ілеспелі аурулардың диагнозы", "Диагноз сопутствующих заболеваний",
         p.diagnoses_concomitant, both=True)
    group, cause, term = decision.get("group"), decision.get("cause"), decision.get("term")
    end, day = term_dates(p, bool(group) and group != "none")
    item(form, f"{n + 1}.", words.group, "Категория/группа инвалидности", *w.in_both(w.group, group))
    item(form, f"{n + 1}.1.", "Мүгедектіктің себебі", "Причина инвалидности", *w.in_both(w.cause, cause))
    item(form, f"{n + 1}.2.", "Мүгедектіктің мерзімі", "Срок инвалидности", *w.in_both(w.term, term))
    form.sentence(f"{n + 1}.3. {words.until}", "Инвалидность установлена на срок до {}", *end)
    form.sentence(f"{n + 1}.4. {words.credited}", "Срок инвалидности зачтен с {}", *day)
    uot_items(form, p, n + 2, decision)
    for index in range(accidents):
        upt_items(form, p, n + 3 + index, None if index else decision, words)
    n += 3 + accidents
    recommendations = decision.get("recommendations") or {}
    form.lines(f"{n}. Оңалту жөніндегі ұсынымдар:", "Рекомендации по реабилитации:")
    for sub, key, kk, ru in ((1, "medical", "медициналық оңалту", "медицинская реабилитация"),
                             (2, "social", "әлеуметтік оңалту", "социальная реабилитация"),
                             (3, "professional", "кәсіптік оңалту", "профессиональная реабилитация")):
        item(form, f"{n}.{sub}.", kk, ru, recommendations.get(key) or "", both=True)
    item(form, f"{n + 1}.", "Зақым келген қызметкердің қосымша көмекке және күтім түрлеріне мұқтаждығы",
         "Нуждаемость пострадавшего работника в дополнительных видах помощи и уходе",
         decision.get("care_needs") or "", both=True)
    return n + 2


ISSUED_HEADING_RU = {False: "Документы, выданные освидетельствованному лицу или его законному представителю по итогам "
                            "проведения медико-социальной экспертизы (нужное указать):",
                     True: "Документы, выданные освидетельствованному лицу или его законному представителю по "
                           "результатам проведения медико-социальной экспертизы (нужное указать):"}
CONTROL_CARE_KK = "зардап шеккен қызметкердің көмектің қосымша түрлері мен көмекке мұқтаждығы туралы қорытынды"  # 20.5


def issued_items(form: Form, p: ActPaper, number: int, *, control: bool = False) -> None:
    """Items 32-32.6 (appendix 20-20.6): the documents given, each "№" filled with its number and
    series (one "№", the seed's)."""
    form.lines(f"{number}. Медициналық-әлеуметтік сараптама жүргізу нәтижелері бойынша куәландырылатын адамға немесе "
               "оның заңды өкіліне берілген құжаттар (керегін көрсету):", ISSUED_HEADING_RU[control])
    for index, (kind, kk, ru) in enumerate(ISSUED, start=1):
        if control and kind == "care-conclusion":
            kk = CONTROL_CARE_KK
        issued = p.issued.get(kind)
        shown = f"<b>{text(issued.number)}</b> (серия <b>{text(issued.series)}</b>)" if issued else "____"
        form.para(f"{number}.{index}. {text(kk)} № {shown}", SMALL).para(text(ru), SMALL)


def signatures(form: Form, p: ActPaper, head_kk: str, head_ru: str, head_name: str) -> None:
    specialists = [name for role, name in p.experts if role != "head"]
    form.signature("Бас мамандар", "Главные специалисты", ", ".join(specialists) or "", seal=None)
    form.lines("(ЭЦП) __________________________", "(ЭЦП) __________________________")
    form.signature(head_kk, head_ru, head_name, seal=None)
    form.para("(ЭЦП)", SMALL)


def act(form: Form, p: ActPaper) -> None:
    """App 8: the act, and its appendix when a methodology and control department concluded on it."""
    form.ministry(p.heading, "(өңір, МӘС бөлімінің №, мекенжайы/регион, № отдела МСЭ, адрес)")
    form.title(f"Медициналық-әлеуметтік сараптаманың (МӘС) № {p.number} актісі",
               f"Акт медико-социальной экспертизы (МСЭ) № {p.number}")
    general_data(form, p)
    assessment(form, p)
    form.heading("3 бөлім. МӘС бөлімінің сараптама қорытындысы", "Раздел 3. Экспертное заключение отдела МСЭ")
    issued_items(form, p, conclusion_items(form, p, 24, p.decision, accidents=3))
    form.proactive_mark(p.proactive)
    signatures(form, p, "МӘС бөлімінің басшысы/МӘС ӘБ бөлімінің басшысы",
               "Руководитель отдела МСЭ/Руководитель отдела МК МСЭ", p.signed_by)
    if p.appeal and p.appeal.get("control") is not None:
        appendix(form, p)


def appendix(form: Form, p: ActPaper) -> None:
    """The appendix to the act: the conclusion of the methodology and control department (§56, §73),
    its documents (items 20-20.6) and the signatures of its own chief specialists and head."""
    appeal = p.appeal
    decision = {k: v for k, v in (appeal.get("decision") or {}).items() if k != "outcome"}
    control = dataclasses.replace(p, decision=decision, established=appeal.get("effective_from") or p.established,
                                  issued=appeal.get("issued") or {},
                                  experts=[("specialist", name) for name in appeal.get("specialists") or []])
    form.keep_space(400)
    form.para("Приложение к форме акта<br/>медико-социальной экспертизы", SMALL)
    form.title(f"Медициналық-әлеуметтік сараптаманың № {p.number} актісіне қосымша",
               f"Приложение к Акту медико-социальной экспертизы № {p.number}")
    form.heading("1 бөлім. МӘС әдіснама және бақылау бөлімінің қорытындысы",
                 "Раздел 1. Заключение отдела методологии и контроля МСЭ")
    form.field(NAME_KK, NAME_RU, p.full_name)
    form.field("Туған күні", "Дата рождения", *w.dates_in_both(p.birth_date))
    item(form, "1.", "Консультация, МӘС бөлімінің қорытындысына шағымдану (бақылау)",
         "Консультация, обжалование (контроль) заключения отдела МСЭ",
         *(("бақылау", "контроль") if appeal.get("kind") == "control" else ("шағымдану", "обжалование")))
    item(form, "2.", "Өтініштің келіп түскен күні (консультацияға жіберілген күні)",
         "Дата поступления заявления (дата направления на консультацию)", w.date_kk(appeal["filed_at"]),
         w.date_ru(appeal["filed_at"]))
    item(form, "3.", "Қайта куәландырылған күні", "Дата переосвидетельствования", w.date_kk(appeal["concluded_at"]),
         w.date_ru(appeal["concluded_at"]))
    for number, kk, ru in (("4.", "Шағымдары", "Жалобы"), ("5.", "Ауру анамнезі және өткізілген оңалту шаралары",
                           "Анамнез заболевания и проведенные реабилитационные мероприятия"),
                           ("6.", "Объективті қарап тексеру деректері:", "Данные объективного осмотра:"),
                           ("7.", "Қосымша зерттеулер деректері", "Данные дополнительных исследований")):
        item(form, number, kk, ru)
    item(form, "8.", "Клиникалық-сараптама диагнозы:", "Клинико-экспертный диагноз:", p.diagnosis_main, both=True)
    item(form, "9.", "Қорытынды", "Заключение", *w.in_both(w.group, decision.get("group")))
    item(form, "10.", "Қорытындыны негіздеу", "Обоснования заключения", decision.get("comment") or "", both=True)
    form.heading("2 бөлім. МӘС әдіснама және бақылау бөлімінің сараптама қорытындысы",
                 "Раздел 2. Экспертное заключение отдела методологии и контроля МСЭ")
    issued_items(form, control, conclusion_items(form, control, 11, decision, accidents=4, words=CONTROL_WORDING),
                 control=True)
    signatures(form, control, "МӘС ӘБ бөлімінің басшысы", "Руководитель отдела МК МСЭ", appeal["control"].head_name)


GROUNDS = {"unreliable_documents": ("құжаттардың анық еместігі анықталды", "выявлен факт представления недостоверных "
                                                                          "документов"),
           "unjustified_conclusion": ("сараптама қорытындысы негізсіз шығарылды",
                                      "выявлен факт необоснованного вынесения экспертного заключения")}


def protocol_grounds(protocol: dict) -> tuple[str, str]:
    """App 26 item 13: the ground (§73), the invitation and the no-show (§73-1), the suspension (§73-2)."""
    ground_kk, ground_ru = GROUNDS.get(protocol.get("ground"), ("", ""))
    invited_kk, invited_ru = w.date_kk(protocol.get("invited_at")), w.date_ru(protocol.get("invited_at"))
    return (f"{ground_kk} (73-т.); {invited_kk} шақырылды, 3 жұмыс күні ішінде келмеді (73-1-т.); "
            f"төлемдер мен жәрдемақылар тоқтатылды (73-2-т.), хаттама № {protocol.get('number')}",
            f"{ground_ru} (п. 73); приглашён {invited_ru}, в течение 3 рабочих дней не явился (п. 73-1); "
            f"выплаты и пособия приостановлены (п. 73-2), протокол № {protocol.get('number')}")


def control_protocol(form: Form, p: ActPaper) -> None:
    """App 26: protocol on unreliable documents or an unjustified conclusion (§73-2), drawn up on the
    person's no-show: the act's conclusion under control (items 4-12) and the grounds (item 13)."""
    protocol = p.control or {}
    decision, at = p.decision, protocol.get("at")
    form.appendix_note("Приложение 26")
    form.para(f"Протокол от <b>{text(w.date_ru(at))}</b> о выявлении факта представления недостоверных документов на "
              "медико-социальную экспертизу/ необоснованного вынесения экспертного заключения к Акту "
              f"медико-социальной экспертизы № <b>{text(p.number)}</b> от <b>{text(w.date_ru(p.registered_at))}</b>",
              TITLE)
    form.space(2)
    item(form, "1.", NAME_KK, NAME_RU, p.full_name)
    item(form, "2.", "Туған күні", "Дата рождения", *w.dates_in_both(p.birth_date))
    form.field("3. Дата освидетельствования", "", w.date_ru(p.registered_at))
    next_number = conclusion_items(form, p, 4, decision, accidents=4, words=CONTROL_WORDING)
    form.field(f"{next_number}. МӘС ӘББ қорытындыны негіздеу", "Обоснование заключения ОМК МСЭ",
               *protocol_grounds(protocol))
    control = protocol.get("control")
    form.signature("МӘС ӘББ бас мамандар", "Главные специалисты ОМК МСЭ", "", seal=None)
    form.lines("_________________________ (ЭЦП)", "_________________________ (ЭЦП)", "_________________________ (ЭЦП)")
    form.signature("МӘС ӘБ бөлімінің басшысы", "(ЭЦП) Руководитель отдела МК МСЭ",
                   control.head_name if control else "", seal=None)


def refusal_receipt(form: Form, p: ActPaper) -> None:
    """App 4: receipt of refusal to accept documents (§14), in two copies, one for each side."""
    reasons = list(p.clinical.get("refusal_reasons") or [])[:3]
    reasons += [""] * (3 - len(reasons))
    region = p.heading.region_ru
    form.appendix_note("Приложение 4").para("Расписка об отказе в приеме документов", TITLE).space(3)
    form.para(f"Руководствуясь пунктом 4 статьи 155 Социального Кодекса, отдел <b>№ {p.heading.number}</b> "
              "Департамента "
              f"Комитета труда и социальной защиты по <b>{text(w.region_dative(region))}</b> отказывает в приеме "
              "документов на оказание государственной услуги \"Установление инвалидности и/или степени утраты "
              "трудоспособности и/или определение необходимых мер социальной защиты\" по причине обращения в отдел "
              "медико-социальной экспертизы на очное освидетельствование не по месту постоянной регистрации, ввиду "
              "представления Вами документов с истекшим сроком действия и (или) неполного пакета документов "
              "согласно перечню, предусмотренному Требованиями к оказанию государственной услуги, а именно: "
              "наименование документов с истекшим сроком действия / отсутствующих документов:")
    for number, reason in enumerate(reasons, start=1):
        form.para(f"{number}) {text(reason) or '________________________________________'}"
                  f"{'.' if number == 3 else ';'}")
    form.para("Настоящая расписка составлена в 2 экземплярах по одному для каждой стороны.").space(4)
    form.lines(f"<b>{text(p.signed_by)}</b> ________________",
               "Фамилия, имя, отчество (при его наличии) специалиста медико-социальной экспертизы (подпись)")
    form.space(3).lines(f"Получил: <b>{text(p.full_name)}</b> ________________",
                        "фамилия, имя, отчество (при его наличии) (подпись)",
                        f"услугополучателя {text(w.date_ru(p.signed_on or p.registered_at))}")
