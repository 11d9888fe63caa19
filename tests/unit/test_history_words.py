"""Every step the act's history records is shown in words in each language (an act's card
once said "routed" and "signed" in every language)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.domain import panel
from app.services.cards import event_text

SERVICES = Path(__file__).resolve().parents[2] / "app" / "services"


def recorded_kinds() -> set[str]:
    """The kinds the services hand to ``history.record``, read from their source."""
    kinds = {panel.ASSIGNED, panel.REASSIGNED, panel.NOT_ASSIGNED, panel.WITHDRAWN}
    for path in SERVICES.rglob("*.py"):
        for call in re.findall(r"history\.record\([^,]+,[^,]+,\s*([^,]+),", path.read_text(encoding="utf-8")):
            kinds |= set(re.findall(r'"([a-z_]+)"', call))
    return kinds


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_recorded_step_has_words(lang):
    kinds = recorded_kinds()
    assert {"routed", "signed", "decided"} <= kinds
    untranslated = [kind for kind in kinds if event_text({"kind": kind}, lang) == kind]
    assert untranslated == []
    if lang != "en":
        same_as_english = [k for k in kinds if event_text({"kind": k}, lang) == event_text({"kind": k}, "en")]
        assert same_as_english == []
