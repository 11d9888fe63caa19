"""The user guide inside the program (Help → User guide, F1): the Markdown pages of
``docs/user-guide/<language>/`` in a browser window; F1 opens the page of the tab shown."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtCore import QSize, QTimer, QUrl
from PySide6.QtGui import QImageReader, QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from app import i18n
from app.i18n import gettext as _

TOPICS = ("index", "registry", "incoming", "waiting", "appeals", "review", "printing")
TOPIC_OF_TAB = {"my_acts": "review", "from_hub": "incoming"}  # a tab without a page of its own
HELP_SIZE = QSize(860, 640)
PICTURE_WIDTH = 640


def guide_folder() -> Path:
    """``docs/user-guide``: shipped as the data package ``docs``; in a checkout whose editable
    install predates it, found beside ``ui``."""
    try:
        return Path(str(resources.files("docs"))) / "user-guide"
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[1] / "docs" / "user-guide"


def page(topic: str, lang: str) -> Path:
    """The page of ``topic`` in ``lang``, else in English; an unknown topic is the contents."""
    topic = TOPIC_OF_TAB.get(topic, topic)
    topic = topic if topic in TOPICS else "index"
    for language in (lang, "en"):
        path = guide_folder() / language / f"{topic}.md"
        if path.exists():
            return path
    return guide_folder() / "en" / "index.md"


class HelpDialog(QDialog):
    def __init__(self, topic: str = "index", parent: QWidget | None = None):
        super().__init__(parent)
        self.browser = QTextBrowser(self, openExternalLinks=True)
        self.browser.sourceChanged.connect(self._show_title)
        back = QPushButton(_("Back"), self, clicked=self.browser.backward)
        contents = QPushButton(_("Contents"), self, clicked=lambda: self.show_topic("index"))
        self.browser.backwardAvailable.connect(back.setEnabled)
        back.setEnabled(False)
        bar = QHBoxLayout()
        bar.addWidget(back)
        bar.addWidget(contents)
        bar.addStretch()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self, rejected=self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.topic = topic
        self.show_topic(topic)

    def show_topic(self, topic: str) -> None:
        self.topic = topic
        path = page(topic, i18n.current_language())
        self.browser.setSearchPaths([str(path.parent), str(guide_folder())])
        self.browser.setSource(QUrl.fromLocalFile(str(path)), QTextDocument.ResourceType.MarkdownResource)
        self.fit_pictures()
        self._show_title()

    def fit_pictures(self) -> None:
        """Screenshots drawn at most as wide as the page (they are 1024 px wide), framed by their
        own grey title bar and status bar."""
        width = max(self.browser.viewport().width() - 40, 200) if self.isVisible() else PICTURE_WIDTH
        cursor = QTextCursor(self.browser.document())
        block = self.browser.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                picture = fragment.charFormat().toImageFormat()
                shown = min(width, PICTURE_WIDTH)
                if picture.isValid() and picture.width() != shown:
                    size = QImageReader(self.browser.source().resolved(QUrl(picture.name())).toLocalFile()).size()
                    picture.setWidth(shown)
                    picture.setHeight(shown * size.height() / max(size.width(), 1))
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                    cursor.setCharFormat(picture)
                iterator += 1
            block = block.next()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self.fit_pictures)  # once the browser has its new width

    def _show_title(self) -> None:
        page_title = self.browser.documentTitle() or self.shown_text().split("\n", 1)[0]
        self.setWindowTitle(_("User guide: {page}").format(page=page_title))

    def shown_text(self) -> str:
        return self.browser.toPlainText()
