"""The Registry tab: the registry of independent experts (App 1), applicants, department staff,
and the cards of applicants and experts (Registry Rules ch. 2-4)."""

from .card import RegistryCard
from .tab import RegistryTab

__all__ = ["RegistryCard", "RegistryTab"]
