"""The windowed program (PySide6) on top of ``app/``: ``ui.main.main`` starts it.

Modules: ``main`` (command line, logging, crash handling, screenshot mode), ``main_window``
(tabs, menus, status bar), ``welcome`` (first start), ``listing_page`` and ``table_model``
(the lists), ``tasks`` (background work), ``language`` (live language switching and
formatting), ``errors`` (error dialogs), ``settings`` (window preferences).
"""
