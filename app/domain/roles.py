"""The one vocabulary of roles: who signs in on a workstation, who acts on an appeal, and what
a hub token stands for.  The permission table (``permissions``), the appeals' steps
(``appeals``) and the hub (``app.hub.users``) all speak of these.

The roles follow the MSE Rules: the head signs conclusions (§48) and is one of the three experts
(§25.4); chief specialists examine in person and act as experts (§25.4); independent experts
review depersonalised acts only (§17 part 2, §25.2); the deputy head registers appeals (§56); the
Committee specialist runs the registry (Registry Rules ch. 2-4) and forwards appeals (§56); the
control department concludes appeals (§56, §73); the registrar receives referrals (§12-16); the
administrator looks after accounts, the calendar, backups and the audit trail.
"""

from __future__ import annotations

import enum

from ..i18n import N_


class Role(enum.StrEnum):
    HEAD = "head"                              # head of an MSE department (§48, §25.4; §55 answers)
    DEPUTY_HEAD = "deputy_head"                # deputy head of the territorial department (§56)
    CHIEF_SPECIALIST = "chief_specialist"      # chief specialist (§17, §25.4)
    REGISTRAR = "registrar"                    # receives referrals, keeps the lists (§12-16, App 9)
    COMMITTEE = "committee"                    # Committee specialist (Registry Rules; §56)
    CONTROL_EXPERT = "control_expert"          # expert of the methodology and control department (§56, §73)
    INDEPENDENT_EXPERT = "independent_expert"  # independent expert under contract (§17 part 2)
    ADMIN = "admin"                            # accounts, calendar, backups, audit trail


ROLE_NAMES = {
    Role.HEAD: N_("department head"),
    Role.DEPUTY_HEAD: N_("deputy head"),
    Role.CHIEF_SPECIALIST: N_("chief specialist"),
    Role.REGISTRAR: N_("registrar"),
    Role.COMMITTEE: N_("Committee specialist"),
    Role.CONTROL_EXPERT: N_("control-department expert"),
    Role.INDEPENDENT_EXPERT: N_("independent expert"),
    Role.ADMIN: N_("administrator"),
}

# Roles whose every act of judgment is a person's (decisions, §47 and §45 conclusions, the §48
# signature, control conclusions): an account of one of them is linked to that person's expert
# record, and acts only in that expert's name.
EXPERT_ROLES = frozenset({Role.HEAD, Role.CHIEF_SPECIALIST, Role.INDEPENDENT_EXPERT, Role.CONTROL_EXPERT})
