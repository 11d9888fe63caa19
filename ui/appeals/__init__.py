"""The Appeals tab (App 24 journal with §54-55 complaints and §73 control re-examinations), an
appeal's card with the steps the workstation's acting role may take, and the control
department's decision screen (the expert review's form and rules checks on the depersonalised act)."""

from .card import AppealCard, open_appeal_card
from .decision import AppealDecisionDialog
from .tab import AppealsTab

__all__ = ["AppealCard", "open_appeal_card", "AppealDecisionDialog", "AppealsTab"]
