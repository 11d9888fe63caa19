"""The font every printed form uses: Liberation Serif (SIL Open Font License, shipped in
``resources/fonts`` with its licence), metric-compatible with Times New Roman, in which the
official forms are set (docs/domain.md §4), and covering every Kazakh letter."""

from __future__ import annotations

from functools import cache
from importlib import resources

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "Serif"
BOLD = "Serif-Bold"
FILES = {REGULAR: "LiberationSerif-Regular.ttf", BOLD: "LiberationSerif-Bold.ttf"}

# The nine letters of the Kazakh alphabet beyond Russian, both cases.
KAZAKH_LETTERS = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"


def font_path(name: str):
    return resources.files("resources") / "fonts" / FILES[name]


@cache
def register() -> None:
    """Registers the regular and bold faces (once per process) as one family, so ``<b>`` works."""
    for name in FILES:
        pdfmetrics.registerFont(TTFont(name, str(font_path(name))))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)


def missing_glyphs(name: str, text: str = KAZAKH_LETTERS) -> list[str]:
    """Letters of ``text`` the font ``name`` has no glyph for."""
    register()
    char_map = pdfmetrics.getFont(name).face.charToGlyph
    return [ch for ch in text if ord(ch) not in char_map]
