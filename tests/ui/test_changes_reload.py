"""A page reads its rows again only when a unit of work wrote a table it shows; View → Refresh
still reads everything."""

from sqlalchemy import update

from app import models as m

from .helpers import TIMEOUT_MS, wait_idle, wait_loaded


def reloads(page) -> list[int]:
    counted: list[int] = []
    page.model.loading.connect(lambda: counted.append(1))
    return counted


def test_only_the_lists_showing_what_changed_are_read_again(qtbot, open_window, demo_db):
    window = open_window(demo_db, tab="registry")
    window.select_tab("waiting")
    wait_loaded(qtbot, window.pages["waiting"])
    wait_idle(qtbot)
    registry, waiting = reloads(window.pages["registry"].pages["registry"]), reloads(window.pages["waiting"])
    with demo_db.session() as session:  # an expert's phone: the registry shows experts, the waiting list acts
        session.execute(update(m.StaffMember).where(m.StaffMember.id == 1).values(phone="+77010000001"))
    qtbot.waitUntil(lambda: bool(registry), timeout=TIMEOUT_MS)
    qtbot.wait(300)  # longer than the window waits for writes to settle
    wait_idle(qtbot)
    assert waiting == []
    window.refresh_action.trigger()  # View → Refresh: everything
    qtbot.waitUntil(lambda: bool(waiting), timeout=TIMEOUT_MS)
