"""The Registry tab: the registry of independent experts (App 1), applicants, department staff,
and the cards of applicants and experts (Registry Rules ch. 2-4).

The cards (and the registry's services and models they need) are imported at their first use: a
quick start shows the tab before the models are loaded (``ui.first_rows``)."""

from .tab import RegistryTab

__all__ = ["RegistryCard", "RegistryTab"]


def __getattr__(name: str):
    if name == "RegistryCard":
        from .card import RegistryCard

        return RegistryCard
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
