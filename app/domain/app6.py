"""App 6 §4: the degrees of restriction of each category of life activity, as the review form
shows them beside each choice (the legal description of degree 1, 2 and 3).  Abridged from
the seed for the screen: the first sentence of each degree (8 and 9 for children are longer in
the seed; their defining words are kept)."""

from __future__ import annotations

from ..i18n import N_

DEGREES: dict[str, tuple[str, str, str]] = {
    "self_care": (  # App 6 §4.1
        N_("able to care for oneself using aids"),
        N_("able to care for oneself using aids and/or with the help of others"),
        N_("unable to care for oneself, fully dependent on others")),
    "mobility": (  # App 6 §4.2
        N_("moves independently, taking longer and shorter distances, with aids where needed"),
        N_("moves independently using aids and/or with the help of others"),
        N_("unable to move independently, fully dependent on others")),
    "learning": (  # App 6 §4.3
        N_("learns in ordinary schools under a special regime and/or with aids"),
        N_("learns only in special schools or by special programmes at home, with aids and/or help"),
        N_("unable to learn by educational programmes")),
    "work": (  # App 6 §4.4
        N_("can work with lower qualification or less work, not in own profession"),
        N_("can work in specially created conditions, with aids, a special workplace and/or help"),
        N_("unable to work")),
    "orientation": (  # App 6 §4.5
        N_("oriented using aids"),
        N_("oriented with the help of others, with aids where needed"),
        N_("unable to orient oneself (disoriented)")),
    "communication": (  # App 6 §4.6
        N_("communicates more slowly and less, with aids or a sign language specialist where needed"),
        N_("communicates using aids and/or with the help of others"),
        N_("unable to communicate")),
    "behavior": (  # App 6 §4.7
        N_("partly less able to control one's behaviour"),
        N_("controls one's behaviour only with the help of others"),
        N_("unable to control one's behaviour")),
    "play": (  # App 6 §4.8
        N_("less active in play; compensation and correction needed"),
        N_("cannot succeed in cognitive and play activity; compensation does not help"),
        N_("no or sharply reduced ability to play, fully dependent on others")),
    "motor": (  # App 6 §4.9
        N_("walks less and worse with simple aids, keeps general ability to move"),
        N_("walking not compensated by aids; systematic help of adults needed"),
        N_("sharply limited or no ability to move; constant care or a wheelchair needed")),
}
