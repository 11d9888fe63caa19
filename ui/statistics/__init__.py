"""The Statistics tab (quality of expertise at a glance)."""

from .tab import StatisticsTab

__all__ = ["StatisticsTab"]
