"""Appeals and control re-examinations (§54-56, §73-73-3): each step checks that
``app.domain.appeals`` allows it in the case's state and for the acting role, records itself
with its due date, and queues its SMS through the outbox.  A step that is not allowed changes
nothing and says what may come next."""

from .control import choose_control_department
from .records import appeal_by_id, list_appeals, result, show
from .workflow import answer, conclude, file_appeal, forward, letter_received, no_show, open_control, register

__all__ = ["choose_control_department", "appeal_by_id", "list_appeals", "result", "show", "answer", "conclude",
           "file_appeal", "forward", "letter_received", "no_show", "open_control", "register"]
