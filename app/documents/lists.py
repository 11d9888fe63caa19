"""Lists printed from the window's tabs: the waiting list (App 9), the list of expert decisions
(App 16), the journal of appeals against proactive conclusions (App 24) and the registry of
independent experts (Registry Rules App 1).  The seed gives App 9, 16 and 24 in Russian only;
App 9 and 16 are printed in Russian only, the App 24 journal — a document the department shows —
Kazakh above Russian like the other forms, its Kazakh lines written here after the seed's
Kazakh wording of App 8 and App 26 (МӘС ӘББ, сараптама қорытындысы; see docs/interpretations.md); the
registry has its Kazakh edition in ``000_…``."""

from __future__ import annotations

from .layout import CAPTION, TITLE, Form, text
from .table import Column, long_table

WAITING_COLUMNS = (  # App 9
    Column("Время регистрации", 28), Column("Номер проекта акта МСЭ", 32), Column("Возраст пациента", 18),
    Column("Работающий/ неработающий", 26), Column("Основной диагноз", 76), Column("Сопутствующий диагноз", 77))
DECISIONS_COLUMNS = (  # App 16
    Column("Дата и время направления акта МСЭ", 25), Column("Номер акта МСЭ", 28),
    Column("Экспертное решение 1 экстерриториального эксперта отдела МСЭ", 38),
    Column("Экспертное решение 2 экстерриториального эксперта отдела МСЭ", 38),
    Column("Экспертное решение 3 экстерриториального эксперта МСЭ", 38),
    Column("Экспертное заключение экстерриториальных экспертов", 45),
    Column("Экспертное заключение экстерриториального ОМК МСЭ", 45))
APPEALS_COLUMNS = (  # App 24: Kazakh (not in the seeds, see the module's description; the seeds' own Kazakh
    # terms where they have one: the Committee of App 17/18, "тегі, аты, әкесінің аты (болған кезде)") / Russian
    Column("МӘС актісінің № / № Акта МСЭ", 22),
    Column("Шағымның тіркелген күні / Дата регистрации обжалования", 18),
    Column("Өтініштің тіркеу № / № регистрации обращения", 17),
    Column("Аумақтық департаменттің қараған күні / Дата рассмотрения территориальным департаментом", 20),
    Column("Аумақтық департамент басшысы орынбасарының тегі, аты, әкесінің аты (болған кезде) / ФИО заместителя "
           "руководителя территориального департамента", 24),
    Column("Еңбек және әлеуметтік қорғау комитетінің қараған күні / Дата рассмотрения КТСЗМ", 18),
    Column("Еңбек және әлеуметтік қорғау комитеті маманының тегі, аты, әкесінің аты (болған кезде) / ФИО "
           "специалиста КТСЗМ", 22),
    Column("Экстерриториялық МӘС сарапшыларының сараптама қорытындысы / Экспертное заключение экстерриториальных "
           "экспертов МСЭ", 22),
    Column("Экстерриториялық МӘС ӘББ сараптама қорытындысы / Экспертное заключение экстерриториального ОМК МСЭ", 22),
    Column("Сараптама қорытындысы шығарылған күн / Дата вынесения экспертного заключения", 18),
    Column("Шығыс хаттың тіркелген күні / Дата регистрации исходящего письма", 17),
    Column("Шығыс хаттың № / № исходящего письма", 20),
    Column("Шағымды қарау мәртебесі / Статус рассмотрения жалобы", 17))
REGISTRY_COLUMNS = (  # Registry Rules App 1 (kk: order 393, App 1; ru: order 494)
    Column("№ / №", 10), Column("ЖСН / ИИН", 24),
    Column("Маманның тегі, аты, әкесінің аты (бар болса) / Фамилия, имя, отчество (при его наличии) специалиста", 40),
    Column("Тұрғылықты жері / Регион проживания", 30), Column("Мамандық профилі / Профиль специальности", 40),
    Column("Куәландыру жүргізілетін нозологиялық формалар (АХЖ10) / Нозологические формы (МКБ 10), по которым "
           "проводится освидетельствование", 40),
    Column("Тізілімге енгізілген күні / Дата включения в реестр", 22),
    Column("Тізілімнен шығару күні / Исключение из реестра: дата", 22),
    Column("Тізілімнен шығару себебі / Исключение из реестра: причина", 27))

TITLES = {
    "waiting-list": ("Приложение 9", None, "Лист ожидания"),
    "decisions-list": ("Приложение 16", None, "Лист экспертных решений"),
    "appeals-journal": ("Приложение 24", "Сырттай проактивті куәландыруда (қайта куәландыруда) шығарылған сараптама "
                                         "қорытындыларына шағымдануларды есепке алу журналы",
                        "Журнал учета обжалований экспертных заключений, вынесенных в заочном "
                                               "проактивном освидетельствовании (переосвидетельствовании)"),
    "registry": ("Приложение 1", "Медициналық-әлеуметтік сараптаманың тәуелсіз сарапшыларының тізілімі",
                 "Реестр независимых экспертов медико-социальной экспертизы"),
}
COLUMNS = {"waiting-list": WAITING_COLUMNS, "decisions-list": DECISIONS_COLUMNS,
           "appeals-journal": APPEALS_COLUMNS, "registry": REGISTRY_COLUMNS}


def listing(form: Form, kind: str, rows: list[list[str]], *, subtitle: str | None = None) -> None:
    """One of the four lists: the appendix note, the title (and under it ``subtitle``: whose list,
    as of when), the table with numbered columns."""
    appendix, title_kk, title_ru = TITLES[kind]
    form.appendix_note(appendix, to_rules=kind != "registry")
    if title_kk:
        form.title(title_kk, title_ru)
    else:
        form.lines(title_ru, style=TITLE).space(1 if subtitle else 3)
    if subtitle:
        form.para(text(subtitle), CAPTION).space(3)
    form.add(long_table(COLUMNS[kind], rows))
