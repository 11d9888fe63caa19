"""The panel of three extraterritorial experts of a draft act (§25.4, §17; Registry Rules
p. 14): who may sit on it, why someone may not, and how the least-loaded are drawn.  Pure
data and functions, so selection, reassignment and the act's card give the same answers.

Readings of the seeds (also in docs/interpretations.md):

* Places (§25.4 "один руководитель и два главных специалиста"): the head's place is taken by
  a head of an MSE department (role ``head``, department staff); the two specialists' places
  by chief specialists (role ``specialist``) or by independent experts included in the
  registry (role ``independent``; §17 part 2 "привлекаются независимые эксперты МСЭ").
  Deputy heads and Committee specialists sit on no panel; an excluded independent expert
  neither (Registry Rules p. 13-14).
* Extraterritorial: the expert's region (the department's region for staff, the region of
  residence in the registry for an independent expert, Registry Rules App 1) is not the
  region of the person's permanent registration.  An independent expert living in the
  person's region is therefore not chosen.  A human is one IIN: a staff member who is also
  in the registry counts with the regions and the department of both rows, so a chief
  specialist of the person's region is not chosen as an independent expert either, and never
  takes two places.
* Departments: no two experts of one department, and none from the department of the
  person's registration (§48), which examines the person in person if needed (§45).
* Profile (§25.4 "с учетом профиля специалиста"): the ICD-10 ranges of the expert's profile
  (Registry Rules App 1) cover the act's main diagnosis by the rule of App 15
  (``app15.range_covers``); no profile recorded covers nothing.
* Availability (§25.4 field sessions, annual or unpaid leave, temporary incapacity): no
  absence overlaps the review window, which runs from the day the act is sent to the expert
  to the day of that expert's due date (§20.3; Registry Rules p. 14), both days included.
* Balance: of the eligible, the one with the fewest open assignments (not withdrawn, no
  decision yet); equal loads are drawn with a random generator whose seed the act's history
  keeps, so every draw can be replayed.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from babel.dates import format_date

from ..i18n import N_, current_language, gettext
from .app15 import range_covers
from .states import AssignmentRole

HEAD, SPECIALIST = AssignmentRole.HEAD, AssignmentRole.SPECIALIST
INDEPENDENT = "independent"  # the StaffRole of an independent expert of the registry (§17 part 2)
PANEL = (HEAD, SPECIALIST, SPECIALIST)  # §25.4: one head and two chief specialists
PLACE_OF_ROLE = {"head": HEAD, "specialist": SPECIALIST, "independent": SPECIALIST}  # §25.4, §17 part 2
SEATED_STATUSES = {"head": "active", "specialist": "active", "independent": "included"}
PLACE_LABELS = {HEAD: N_("department head"), SPECIALIST: N_("chief specialist")}

# Kinds of events in an act's history.
RECEIVED, ASSIGNED, REASSIGNED, WITHDRAWN, NOT_ASSIGNED = (
    "received", "assigned", "reassigned", "withdrawn", "not_assigned")
# review (§44-48): a decision submitted or corrected, the act routed, the head-expert's decision,
# the in-person steps (§45) and the head's signature (§48)
REVIEW_EVENTS = ("decided", "corrected", "routed", "head_decided", "sms_repeated", "arrived", "refused",
                 "no_show", "in_person_done", "signed")
EVENT_KINDS = (RECEIVED, ASSIGNED, REASSIGNED, WITHDRAWN, NOT_ASSIGNED) + REVIEW_EVENTS

ABSENCE_MESSAGES = {  # §25.4
    "annual_leave": N_("On annual leave {start} to {end}"),
    "unpaid_leave": N_("On unpaid leave {start} to {end}"),
    "sick_leave": N_("On sick leave {start} to {end}"),
    "field_session": N_("At a field session {start} to {end}"),
}
DATE_PARAMS = {"start", "end", "since"}


@dataclass(frozen=True)
class Reason:
    """A translatable sentence: an English message id and its named values.  A value may be
    a date (shown in the reader's language), a place or another reason (translated too)."""

    message: str
    params: Mapping = field(default_factory=dict)

    def text(self, lang: str | None = None) -> str:
        lang = lang or current_language()
        return gettext(self.message, lang).format(**{k: _shown(k, v, lang) for k, v in self.params.items()})

    def as_dict(self) -> dict:
        return {"message": self.message, "params": {k: _stored(v) for k, v in self.params.items()}}

    @classmethod
    def from_dict(cls, stored: Mapping) -> Reason:
        return cls(stored["message"], {k: _loaded(k, v) for k, v in stored.get("params", {}).items()})


def _shown(key: str, value, lang: str):
    if isinstance(value, Reason):
        return value.text(lang)
    if isinstance(value, date):
        return format_date(value, "d MMMM y", locale=lang)
    return gettext(PLACE_LABELS[value], lang) if key == "place" else value


def _stored(value):
    if isinstance(value, Reason):
        return value.as_dict()
    return value.isoformat() if isinstance(value, date) else value


def _loaded(key: str, value):
    if isinstance(value, dict):
        return Reason.from_dict(value)
    return date.fromisoformat(value) if key in DATE_PARAMS else value


@dataclass(frozen=True)
class Expert:
    """What the rules need to know of an expert."""

    id: int
    name: str
    role: str  # StaffRole value
    status: str  # RegistryStatus value
    region_code: str
    department_id: int | None
    department_code: str
    iin: str
    nosologies: tuple[str, ...]
    absences: tuple[tuple[str, date, date], ...] = ()  # (kind, first day, last day)
    excluded_on: date | None = None
    # Regions and departments of every row of the same human (same IIN): a chief specialist who
    # is also in the registry works where the staff row says, whatever the registry row says.
    regions: frozenset[str] = frozenset()
    departments: frozenset[int] = frozenset()
    place: AssignmentRole | None = field(init=False, compare=False)  # the panel place the role takes, if any

    def __post_init__(self):
        object.__setattr__(self, "regions", self.regions | {self.region_code})
        own = {self.department_id} if self.department_id is not None else set()
        object.__setattr__(self, "departments", self.departments | own)
        object.__setattr__(self, "place", PLACE_OF_ROLE.get(self.role))  # asked ~30 times a panel place

    @property
    def seat(self) -> AssignmentRole:
        """The place of an expert who sits on panels (§25.4): the experts drawn are all such."""
        if self.place is None:
            raise ValueError(f"a {self.role} takes no place on a panel")
        return self.place


@dataclass(frozen=True)
class Case:
    """What the rules need to know of a draft act: no personal data beyond the region."""

    region_code: str  # of the person's permanent registration
    department_id: int | None  # of the person's registration (§48); None while no department is known
    diagnosis: str  # main diagnosis, ICD-10


Window = tuple[date, date]  # the review window: sent to the expert .. due, both days included


@lru_cache(maxsize=65536)
def profile_covers(nosologies: tuple[str, ...], code: str) -> bool:
    return any(range_covers(code, ranges) for ranges in nosologies)


def standing_reasons(expert: Expert) -> Iterator[Reason]:
    """§25.4, §17 part 2, Registry Rules p. 13: who sits on panels at all."""
    if expert.place is None:
        yield Reason(N_("Does not sit on expert panels (§25.4)"))
    elif expert.status == "excluded":
        yield Reason(N_("Excluded from the registry since {since}"), {"since": expert.excluded_on}
                     ) if expert.excluded_on else Reason(N_("Excluded from the registry"))
    elif expert.status != SEATED_STATUSES[expert.role]:
        yield Reason(N_("Not in the registry"))


def case_reasons(expert: Expert, case: Case) -> Iterator[Reason]:
    """§25.4: extraterritorial, not the person's department, a profile covering the diagnosis."""
    if case.region_code in expert.regions:
        yield Reason(N_("Same region as the person"))
    if case.department_id in expert.departments:
        yield Reason(N_("Works in the department of the person's registration"))
    if not expert.nosologies:
        yield Reason(N_("No profile recorded"))
    elif not profile_covers(expert.nosologies, case.diagnosis):
        yield Reason(N_("Profile does not cover {code}"), {"code": case.diagnosis})


def absence_reasons(expert: Expert, window: Window) -> Iterator[Reason]:
    """§25.4: leave, sick leave or a field session overlapping the review window."""
    first, last = window
    for kind, start, end in expert.absences:
        if start <= last and end >= first:
            yield Reason(ABSENCE_MESSAGES[kind], {"start": start, "end": end})


def panel_reasons(expert: Expert, members: Sequence[Expert]) -> Iterator[Reason]:
    """The other experts on the panel: never the same person, never two of one department."""
    for member in members:
        if member.id == expert.id or member.iin == expert.iin:
            yield Reason(N_("Already on this act's panel"))
        elif expert.departments & member.departments:
            yield Reason(N_("Same department ({department}) as {name}, already on the panel"),
                         {"department": member.department_code, "name": member.name})


def reasons_against(expert: Expert, case: Case, window: Window, members: Sequence[Expert] = ()) -> list[Reason]:
    """Every reason the expert cannot take a place on this act's panel; empty when eligible.
    Someone who sits on no panel at all is told just that."""
    standing = list(standing_reasons(expert))
    if expert.place is None:
        return standing
    return [*standing, *case_reasons(expert, case), *absence_reasons(expert, window), *panel_reasons(expert, members)]


def eligible(expert: Expert, case: Case, window: Window, members: Sequence[Expert]) -> bool:
    """``reasons_against`` is empty: the same rules, asked as fast as selection needs them."""
    first, last = window
    return (expert.place is not None and expert.status == SEATED_STATUSES[expert.role]
            and case.region_code not in expert.regions and case.department_id not in expert.departments
            and bool(expert.nosologies) and profile_covers(expert.nosologies, case.diagnosis)
            and not any(start <= last and end >= first for _kind, start, end in expert.absences)
            and not any(member.id == expert.id or member.iin == expert.iin or expert.departments & member.departments
                        for member in members))


def _most_common_cause(candidates: Sequence[Expert], case: Case, window: Window,
                       members: Sequence[Expert]) -> Reason | None:
    """What stopped most of the candidates in good standing (that the excluded are excluded is no news)."""
    causes: Counter[str] = Counter()
    examples: dict[str, Reason] = {}
    for expert in [e for e in candidates if next(standing_reasons(e), None) is None] or candidates:
        for reason in reasons_against(expert, case, window, members):
            causes[reason.message] += 1
            examples.setdefault(reason.message, reason)
    return examples[causes.most_common(1)[0][0]] if causes else None


def no_one_reason(place: str, case: Case, window: Window, candidates: Sequence[Expert],
                  members: Sequence[Expert]) -> Reason:
    """Why a place stays empty: how many were considered and what stopped most of them."""
    most = _most_common_cause(candidates, case, window, members)
    if most is None:
        return Reason(N_("No {place} is in the registry of experts"), {"place": place})
    return Reason(N_("No eligible {place}: {count} considered, most often: {cause}"),
                  {"place": place, "count": len(candidates), "cause": most})


def registry(experts: Iterable[Expert]) -> list[Expert]:
    """The independent experts of the registry among ``experts`` (§17 part 2)."""
    return [e for e in experts if e.role == INDEPENDENT]


def staff_reason(case: Case, window: Window, registry_experts: Sequence[Expert],
                 members: Sequence[Expert]) -> Reason:
    """Registry Rules p. 14 gives an excluded or sick independent expert's acts to independent
    experts of the registry: why this one goes to department staff instead."""
    most = _most_common_cause(registry_experts, case, window, members)
    return Reason(N_("No independent expert of the registry can take the act (Registry Rules p. 14): "
                     "{count} considered, most often: {cause}"),
                  {"count": len(registry_experts), "cause": most or Reason(N_("No one in the registry"))})


def _random_order(items: list, rng: random.Random) -> Iterator:
    """``items`` in a uniformly random order, drawn only as far as they are asked for (a
    Fisher–Yates shuffle run lazily: the first fitting expert is usually among the first few)."""
    draw = rng.random
    for end in range(len(items) - 1, -1, -1):
        pick = int(draw() * (end + 1))  # randrange's equal chances, without its checks (called ~30 times a place)
        items[pick], items[end] = items[end], items[pick]
        yield items[end]


def _departments_in_order(departments: dict[int | None, dict[int, Expert]], rng: random.Random) -> Iterator[dict]:
    """Departments with more experts first, equals in random order (drawn only as far as asked);
    independent experts (no department, so never in another member's way) last: they can fill
    any place the others leave."""
    by_size = defaultdict(list)
    for department, experts in departments.items():
        by_size[department is None, -len(experts)].append(experts)
    for key in sorted(by_size):
        yield from _random_order(by_size[key], rng)


class Balance:
    """The experts of one place grouped by their open assignments, so that the least loaded
    are asked first and the others only when none of them fits (§25.4 balance).

    Within a level the departments with the most experts left at that level are asked first,
    independent experts last: two members of a panel never come from one department, so a level
    whose last experts all sat in one department would leave their panel places to more loaded
    experts, and the spread of open work would grow past one."""

    def __init__(self, experts: Iterable[Expert], loads: Mapping[int, int]):
        self.loads: dict[int, int] = {}
        # level -> department -> expert id -> expert
        self._levels: dict[int, dict[int | None, dict[int, Expert]]] = defaultdict(lambda: defaultdict(dict))
        for expert in experts:
            self.loads[expert.id] = loads.get(expert.id, 0)
            self._levels[self.loads[expert.id]][expert.department_id][expert.id] = expert

    def change(self, expert: Expert, by: int) -> None:
        """The expert got (``by`` = 1) or gave back (-1) an open assignment."""
        level = self.loads[expert.id]
        departments = self._levels[level]
        del departments[expert.department_id][expert.id]
        if not departments[expert.department_id]:
            del departments[expert.department_id]
        if not departments:
            del self._levels[level]
        self.loads[expert.id] = level + by
        self._levels[level + by][expert.department_id][expert.id] = expert

    def below(self, load: int) -> list[Expert]:
        """The experts with fewer than ``load`` open assignments, least loaded first."""
        return [expert for level in sorted(self._levels) if level < load
                for experts in self._levels[level].values() for expert in experts.values()]

    def choose(self, case: Case, window: Window, members: Sequence[Expert], rng: random.Random) -> Expert | None:
        """An eligible expert with the fewest open assignments, of the department with the most
        experts left at that level, drawn by ``rng`` among equals."""
        for level in sorted(self._levels):
            for experts in _departments_in_order(self._levels[level], rng):
                found = next((e for e in _random_order(list(experts.values()), rng)
                              if eligible(e, case, window, members)), None)
                if found:
                    return found
        return None

    def choose_from_registry(self, case: Case, window: Window, members: Sequence[Expert],
                             rng: random.Random) -> Expert | None:
        """Registry Rules p. 14: an eligible independent expert of the registry (no department), the
        least loaded first, drawn by ``rng`` among equals."""
        for level in sorted(self._levels):
            experts = registry(self._levels[level].get(None, {}).values())
            found = next((e for e in _random_order(experts, rng) if eligible(e, case, window, members)), None)
            if found:
                return found
        return None
