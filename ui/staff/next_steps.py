"""The bar above the lists of a new department: what to do next, until its first act has its
three experts (§25.4)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QToolBar

from app.i18n import N_
from app.i18n import gettext as _
from app.services import staff

from .. import language
from ..tasks import in_session, run_task

STEP_TEXTS = {
    staff.NEXT_STAFF: N_("add the department's heads and chief specialists (Settings → Department staff…)"),
    staff.NEXT_ACTS: N_("import referral packages (File → Import referral packages…)"),
    staff.NEXT_ASSIGN: N_("assign three experts to the waiting acts (the Waiting tab)"),
}


class NextStepsBar(QToolBar):
    """Hidden once there is nothing left to do; ``refresh()`` reads the steps again."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.setObjectName("nextSteps")
        self.setMovable(False)
        self.setFloatable(False)
        self.label = QLabel(self, objectName="nextStepsText", wordWrap=True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setMinimumWidth(900)  # wraps at the window's width (1024 px), not at a few words
        self.addWidget(self.label)
        self.window_ = window
        self.steps: list[str] = []
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self)
        self.hide()
        language.notifier().changed.connect(self.retranslate)

    def refresh(self) -> None:
        run_task(in_session, self.window_.db, staff.next_steps, on_done=self._shown, on_error=lambda _e: None,
                 parent=self)

    def _shown(self, steps: list[str]) -> None:
        self.steps = steps
        self.retranslate()
        self.setVisible(bool(steps))

    def retranslate(self) -> None:
        numbered = "   ".join(f"{n}. {_(STEP_TEXTS[step])}" for n, step in enumerate(self.steps, start=1))
        self.label.setText(_("Next: {steps}").format(steps=numbered) if self.steps else "")
