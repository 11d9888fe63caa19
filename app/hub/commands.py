"""Commands pushed to the hub, each applied exactly once.

Each command runs in its own transaction, together with the row that remembers its id
(``HubCommand``): either both are committed or neither, so a command whose answer was lost on
the way is recognised when it comes again.  The same id with the same content is answered
``duplicate`` (with the first answer's status), with other content ``conflict``.  A command the
services refuse is recorded ``refused`` with the reason and does not stop the commands after it.
"""

from __future__ import annotations

import contextlib
import logging
import threading

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .. import models as m
from ..errors import UserError
from ..i18n import N_
from ..services.review import decisions, exchange
from ..storage import Database
from ..sync import protocol
from . import users
from .users import ROLE_COMMANDS

log = logging.getLogger(__name__)


def reason_of(error: UserError) -> dict:
    """A refusal as the client shows it in its reader's language: the message id and its values,
    and the English text (with the rules' findings) for a client that cannot translate it."""
    params = {key: str(value) for key, value in error.params.items()}
    return {"message": error.message, "params": params, "text": error.text("en")}


def apply_decision(session: Session, user: m.HubUser, content: dict) -> None:
    """An expert's decision (docs/interfaces.md §3) as the file route records it (``exchange``): only
    on the expert's own place of the panel, the place it was made on (§25.4-25.5)."""
    number, uid, decision, confirm, correction, at = exchange.read_entry(content)
    if exchange.is_recorded(session, uid):  # came by file before, or by another route
        return
    act = decisions.act_by_number(session, number)
    decisions.check_carried_moment(act, at)
    place = decisions.assignment_of(act, user.expert_id)
    if content.get("assignment") not in (None, place.uid):
        raise UserError(N_("Draft act {number} was given to another expert; this decision was not recorded."),
                        number=number)
    decisions.submit(session, act, user.expert_id, decision, at, confirm_warnings=confirm, correction=correction,
                     uid=uid)


APPLY = {protocol.DECISION: apply_decision}


def _answer(command_id: str, status: str, reason: dict | None = None, first: str | None = None) -> dict:
    answer = {"id": command_id, "status": status, "reason": reason}
    if first:
        answer["first"] = first
    return answer


def _seen(session: Session, command_id: str, digest: str, user: m.HubUser) -> dict | None:
    known = session.get(m.HubCommand, command_id)
    if known is None:
        return None
    if known.content_hash != digest or known.user_id != user.id:
        return _answer(command_id, protocol.CONFLICT, {
            "message": N_("The hub holds another change under this command id."), "params": {},
            "text": "The hub holds another change under this command id."})
    return _answer(command_id, protocol.DUPLICATE, known.reason, first=known.status)


def _apply_one(session: Session, user: m.HubUser, command: dict) -> dict:
    command_id, kind, content = command["id"], command["kind"], command["content"]
    digest = protocol.content_hash(kind, content)
    seen = _seen(session, command_id, digest, user)
    if seen is not None:
        return seen
    status, reason = protocol.APPLIED, None
    if kind not in ROLE_COMMANDS.get(user.role, ()):
        status, reason = protocol.REFUSED, reason_of(UserError(N_("A {role} may not send {kind} changes."),
                                                               role=user.role, kind=kind))
    else:
        session.info["actor"] = users.actor(user)  # the services check the permission table too
        try:
            with session.begin_nested():
                APPLY[kind](session, user, content)
        except UserError as error:
            status, reason = protocol.REFUSED, reason_of(error)
    session.add(m.HubCommand(id=command_id, user_id=user.id, kind=kind, content_hash=digest, status=status,
                             reason=reason))
    return _answer(command_id, status, reason)


def apply_commands(database: Database, user_id: int, commands: list[dict]) -> list[dict]:
    """The answers to ``commands``, in order; each command committed on its own."""
    return [_apply_in_own_transaction(database, user_id, command) for command in commands]


_SQLITE_WRITER = threading.Lock()


def _one_writer(database: Database):
    """SQLite (a trial hub, one process) takes one writing transaction at a time: two that read
    first and write later would otherwise refuse each other at once instead of waiting."""
    return _SQLITE_WRITER if database.is_sqlite else contextlib.nullcontext()


def _apply_in_own_transaction(database: Database, user_id: int, command: dict) -> dict:
    for _attempt in range(3):
        try:
            with _one_writer(database), database.session() as session:
                return _apply_one(session, session.get(m.HubUser, user_id), command)
        except IntegrityError:  # the same id arrived at once by another connection: read its answer
            log.info("command sent twice at once; answering from the first")
    raise UserError(N_("The hub is busy; try again."))
