"""Draft acts in the window: importing referral packages, the act's card, the expert's card
with absences."""

from .card import ActCard
from .expert_card import ExpertCard, open_expert_card
from .importing import ImportDialog
from .window import ActsPart, open_act_card

__all__ = ["ActCard", "ExpertCard", "open_expert_card", "ImportDialog", "ActsPart", "open_act_card"]
