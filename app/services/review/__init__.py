"""The experts decide and the department concludes (§20.3, §42-48, §51): decisions with the
rules check, signature and blind review; consolidation and routing; the head-expert; the
in-person steps; the head's signature; notices and SMS through the outbox; offline exchange."""

from .decisions import (DEPARTMENT, RulesRefused, Viewer, act_by_number, check_for_act, rules_context, submit,
                        visible_decisions)
from .routing import conclude_in_person, close_in_person, head_decide, record_arrival, sign
from .signer import LocalHashSigner, Signer

__all__ = ["DEPARTMENT", "RulesRefused", "Viewer", "act_by_number", "check_for_act", "rules_context", "submit",
           "visible_decisions", "conclude_in_person", "close_in_person", "head_decide", "record_arrival", "sign",
           "LocalHashSigner", "Signer"]
