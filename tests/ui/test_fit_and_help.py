"""What fits an office screen of 1024×768 (the tests' offscreen screen) in Kazakh and Russian:
the status bar's counts whole, a temporary message beside them and never over them, the
welcome screen for one expert on the screen with its fields at their height; the user guide
(F1 at the page of the tab shown, in the language) and Qt's file dialog in Russian."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtGui import QImage, QPixmap, QTextDocument
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from app import i18n
from ui import help as user_guide
from ui import language
from ui.help import HelpDialog

from .helpers import wait_idle

ENGLISH_FILE_DIALOG = ("Look in", "File name", "Files of type")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_status_bar_counts_are_whole_and_a_message_stays_beside_them(qtbot, open_window, demo_db, lang):
    window = open_window(demo_db, tab="waiting")
    language.set_language(lang)
    wait_idle(qtbot)
    QApplication.processEvents()
    assert window.width() <= 1024
    counts = [window.status.label(key) for key in ("waiting", "under_review", "appeals", "overdue")]
    for label in counts:
        assert label.isVisible() and label.shown_text() == label.text(), label.text()
    window.status.show_message("x " * 400, 5_000)
    QApplication.processEvents()
    message = window.status.message
    assert message.isVisible() and not window.status.label("department").isVisible()
    assert message.geometry().right() < min(label.geometry().left() for label in counts)
    assert message.shown_text().endswith("…")
    window.status.clear_message()
    assert window.status.label("department").isVisible() and not message.isVisible()


def test_the_welcome_screen_for_one_expert_stays_on_the_screen(qtbot, open_window, db):
    window = open_window(db)
    welcome = window.welcome
    language.set_language("ru")
    for mode in (welcome.for_department, welcome.for_expert):
        mode.setChecked(True)
        qtbot.wait(100)  # the layout settles
        screen = window.screen().availableGeometry()
        assert window.frameGeometry().height() <= screen.height()
        fields = (welcome.address, welcome.head_name) if mode is welcome.for_department else (welcome.expert_name,)
        for field in fields:
            assert field.height() >= field.sizeHint().height()  # never squashed


@pytest.mark.parametrize(("lang", "title"), [("kk", "Күту парағы"), ("ru", "Лист ожидания"), ("en", "Waiting list")])
def test_f1_opens_the_guide_at_the_page_of_the_tab_shown(qtbot, open_window, demo_db, lang, title):
    window = open_window(demo_db, tab="waiting")
    language.set_language(lang)
    qtbot.keyClick(window.pages["waiting"], Qt.Key.Key_F1)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, HelpDialog) and w.isVisible()]
    assert len(dialogs) == 1
    guide = dialogs[0]
    assert guide.shown_text().startswith(title) and title in guide.windowTitle()
    guide.show_topic("index")
    assert "F1" in guide.shown_text()
    picture = guide.browser.loadResource(QTextDocument.ResourceType.ImageResource.value,
                                         QUrl(f"../images/tabs-{lang}.png"))
    assert isinstance(picture, QImage | QPixmap | QByteArray) and not picture.isNull()  # the screenshot shows
    guide.close()


def test_every_page_of_the_guide_exists_in_three_languages_with_its_pictures():
    for lang in i18n.LANGUAGES:
        for topic in user_guide.TOPICS:
            path = user_guide.page(topic, lang)
            assert path.parent.name == lang and path.stem == topic
            for picture in re.findall(r"!\[[^]]*\]\(([^)]+)\)", path.read_text(encoding="utf-8")):
                assert (path.parent / picture).resolve().is_file(), (path, picture)
                assert picture.endswith(f"-{lang}.png")  # each language shows its own screen


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_qt_file_dialog_speaks_the_language(qapp, lang):
    language.set_language(lang)
    dialog = QFileDialog(None, "x")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    texts = [label.text().replace("&", "") for label in dialog.findChildren(QLabel)]
    assert texts and not any(english in text for text in texts for english in ENGLISH_FILE_DIALOG), texts
    dialog.deleteLater()
    language.set_language("en")
