"""First start: the welcome page sets up the department or opens the demonstration database."""

from functools import cmp_to_key

from PySide6.QtCore import QCollator, QLocale, Qt
from PySide6.QtTest import QTest

from app.domain.collation import sort_key
from app.i18n import gettext
from app.services import workstation
from app.storage import DB_FILE
from ui import language
from ui.welcome import DEMO_ACTS, sorted_regions

from .helpers import TIMEOUT_MS, message_boxes, wait_idle, wait_loaded


def fill_form(welcome, *, head_name="Сәрсенбаева Әлия Қайратқызы", user_name="Иванов Пётр"):
    welcome.region.setCurrentIndex(welcome.region.findData("75"))
    welcome.number.setValue(3)
    welcome.address.setText("Алматы, Абая 10")
    welcome.head_name.setText(head_name)
    welcome.user_name.setText(user_name)


def test_an_empty_database_shows_the_welcome_page(open_window, db):
    window = open_window(db)
    assert window.welcome is not None and window.tabs is None
    assert window.stack.currentWidget() is window.welcome
    with db.session() as session:
        assert window.welcome.region.count() == len(workstation.regions(session)) > 0
    assert window.welcome.create_button.text() == "Create department"


def test_a_bad_entry_is_shown_under_the_form_and_nothing_changes(qtbot, open_window, db):
    window = open_window(db)
    welcome = window.welcome
    fill_form(welcome, head_name="  ")
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert not welcome.error_label.isHidden()
    assert welcome.error_label.text() == gettext("Enter the name of the head of the department.")
    assert message_boxes() == []
    assert window.welcome is welcome and window.tabs is None
    with db.session() as session:
        assert workstation.needs_setup(session)
    language.set_language("ru")  # the message follows the language too
    assert welcome.error_label.text() == gettext("Enter the name of the head of the department.", "ru")


def test_creating_the_department_shows_the_tabs(qtbot, open_window, db):
    window = open_window(db)
    fill_form(window.welcome)
    window.welcome.user_name.setFocus()
    QTest.keyClick(window.welcome.user_name, Qt.Key.Key_Return)  # Enter submits the form
    qtbot.waitUntil(lambda: window.tabs is not None, timeout=TIMEOUT_MS)
    wait_loaded(qtbot, window.current_page())
    wait_idle(qtbot)
    assert window.welcome is None
    assert window.stack.currentWidget() is window.tabs
    assert window.status.text("department") == "Department: 75-03 · Иванов Пётр"
    with db.session() as session:
        assert not workstation.needs_setup(session)


def test_the_demonstration_database_opens_beside_the_real_one(qtbot, open_window, db, tmp_path):
    window = open_window(db)
    window.welcome.open_demo()
    assert window.welcome.progress.isVisible()
    assert window.welcome.progress.windowTitle() == "Demonstration database"
    qtbot.waitUntil(lambda: window.tabs is not None, timeout=60_000)
    assert window.db is not db
    assert window.db.file == tmp_path / "user-data" / "demo" / DB_FILE
    assert window.windowTitle() == "Saraptama — demonstration database"
    page = window.pages["incoming"]
    window.select_tab("incoming")
    wait_loaded(qtbot, page)
    assert 0 < page.model.rowCount() < DEMO_ACTS  # the demonstration department's own acts
    window.show_all_departments(True)
    qtbot.waitUntil(lambda: page.model.rowCount() == DEMO_ACTS, timeout=20_000)
    wait_idle(qtbot)
    window.db.close()
    with db.session() as session:  # the workstation's own database stays empty
        assert workstation.needs_setup(session)


def test_regions_are_listed_in_the_alphabet_of_the_language():
    regions = [("1", "Ұлытау облысы", "Улытауская область", "Ulytau Region"),
               ("2", "Ақмола облысы", "Акмолинская область", "Akmola Region"),
               ("3", "Абай облысы", "область Абай", "Abai Region"),
               ("4", "Алматы облысы", "Алматинская область", "Almaty Region")]
    assert [name for _code, name in sorted_regions(regions, "kk")] == [
        "Абай облысы", "Ақмола облысы", "Алматы облысы", "Ұлытау облысы"]
    assert [name for _code, name in sorted_regions(regions, "ru")] == [
        "Акмолинская область", "Алматинская область", "область Абай", "Улытауская область"]


def test_qt_kazakh_order_agrees_with_the_database_sort_key():
    """``app.domain.collation.sort_key`` orders as ``QCollator("kk")`` does (its docstring's promise)."""
    names = ["Әлиев", "Абаев", "Яковлев", "Ғалымов", "Гусев", "Қасымов", "Кузнецов", "Ңұрлан", "Нұрланов",
             "Өмірзақов", "Орлов", "Ұзақов", "Үсенов", "Уәлиев", "Һадиев", "Харитонов", "Іскаков", "Иванов",
             "Ыбыраев", "Шыңғысов", "Ёлкин", "Ежов"]
    collator = QCollator(QLocale("kk_KZ"))
    assert sorted(names, key=cmp_to_key(collator.compare)) == sorted(names, key=sort_key)
    assert language.qlocale("kk").name() == "kk_KZ"
