"""The control department's conclusion on an appeal (§56, §54) or a control re-examination
(§73-3): the expert review screen — the depersonalised act, the decision form of docs/interfaces.md
§3 checked live by the MSE Rules — reading and recording through ``app.services.appeals.screen``."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.domain.clock import now_kz
from app.i18n import gettext as _
from app.services.appeals import screen as appeal_screen
from app.services.review import messages

from ..review.review_dialog import ReviewDialog
from ..tasks import in_session, run_task


class AppealDecisionDialog(ReviewDialog):
    """``submitted(status)`` once the conclusion is recorded."""

    def __init__(self, db, appeal_id: int, role: str, parent: QWidget | None = None):
        self.appeal_id, self.role = appeal_id, role  # before the review screen starts loading
        super().__init__(db, 0, expert_id=None, mode="appeal", parent=parent)
        self.setObjectName("appealDecisionDialog")

    def _start_loading(self) -> None:
        self.load(appeal_screen.decision_screen, self.appeal_id)

    def _loaded(self, data: dict) -> None:
        super()._loaded({**data, "places": []})

    def may_decide(self) -> bool:
        return True  # the card offers the step only when the role may take it; the service checks again

    def _send(self, decision: dict, confirm: bool) -> None:
        run_task(in_session, self.db, appeal_screen.take_step, self.appeal_id, "conclude", now_kz(), self.role,
                 decision=decision, confirm=confirm, on_done=lambda record: self._submitted(record["status"]),
                 on_error=self._failed, parent=self)

    def retranslate(self) -> None:
        super().retranslate()
        number = self.data["number"] if self.data else "…"
        self.setWindowTitle(_("Conclusion of the control department on act {number}").format(number=number))
        self.submit_button.setText(_("Sign and conclude"))
        if self.data:
            experts = self.data.get("experts_conclusion")
            self.others.setText(_("Conclusion of the extraterritorial experts: {decision}").format(
                decision=messages.summary(experts, None) or "—"))
