"""The registry of independent experts (Registry Rules, order No. 393 as amended by No. 494):
admission with its deadlines and SMS, exclusion and redistribution, the cards of the window.
The states and allowed steps are data in ``app.domain.registry``."""

from .admission import apply, application_by_id, check, contract, include, record_test, result, sign, tick
from .exclusion import exclude

__all__ = ["apply", "application_by_id", "check", "contract", "include", "record_test", "result", "sign", "tick",
           "exclude"]
