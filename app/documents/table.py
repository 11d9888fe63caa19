"""Long tables of lists and journals (App 9, 16, 17, 18, 24, Registry Rules App 1).

A journal of a busy month has thousands of rows, so cells are not Paragraphs: each cell's text
is wrapped here, with the font's widths (``stringWidth`` through ``simpleSplit``), into plain
lines joined by newlines, which reportlab's table draws as they are — about as fast as
unwrapped strings.  Headers (the titles and the row of column numbers, as the appendices
print them) repeat on every page.  A row never breaks across pages; a row too tall for a page
is split here into parts, each after the first marked as the continuation of the row."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import LongTable, TableStyle

from . import fonts

FONT_SIZE = 7.5
LEADING = 9
HEADER_SIZE = 6
PADDING = 2
CONTINUED = "(жалғасы / продолжение)"
MAX_ROW_LINES = 40  # a row taller than this (about half a landscape page) is split into marked parts


@dataclass(frozen=True)
class Column:
    """A column: its header (Kazakh and Russian lines, as the appendix words it) and width."""

    header: str
    width_mm: float


def _cut(word: str, width: float, font: str, size: float) -> list[str]:
    """A word wider than its cell, cut letter by letter into pieces that fit."""
    pieces, piece = [], ""
    for letter in word:
        if piece and stringWidth(piece + letter, font, size) > width:
            pieces.append(piece)
            piece = ""
        piece += letter
    return [*pieces, piece]


def wrap(value: object, width: float, font: str = fonts.REGULAR, size: float = FONT_SIZE) -> list[str]:
    """The lines ``value`` takes in a cell ``width`` points wide (explicit newlines kept; a word
    longer than the cell is cut)."""
    text = "" if value is None else str(value)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        for line in simpleSplit(paragraph, font, size, width) or [""]:
            fits = " " in line or stringWidth(line, font, size) <= width
            lines.extend([line] if fits else _cut(line, width, font, size))
    return lines


def _parts(cells: list[list[str]]) -> list[list[str]]:
    """One row's wrapped cells as one or more table rows of at most MAX_ROW_LINES lines."""
    height = max(len(lines) for lines in cells)
    if height <= MAX_ROW_LINES:
        return [["\n".join(lines) for lines in cells]]
    step = MAX_ROW_LINES - 1  # room for the continuation mark
    parts = []
    for start in range(0, height, step):
        part = ["\n".join(lines[start:start + step]) for lines in cells]
        if start:
            part[0] = CONTINUED + ("\n" + part[0] if part[0] else "")
        parts.append(part)
    return parts


def table_rows(rows: Iterable[Sequence[object]], columns: Sequence[Column]) -> list[list[str]]:
    widths = [c.width_mm * mm - 2 * PADDING for c in columns]
    result: list[list[str]] = []
    for row in rows:
        result.extend(_parts([wrap(cell, width) for cell, width in zip(row, widths)]))
    return result


def stacked(header: str) -> str:
    """"Kazakh / Russian" as two stacked parts, Kazakh above, as the appendices set their headers:
    split at the first " / " after which no Kazakh letter follows."""
    parts = header.split(" / ")
    for index in range(1, len(parts)):
        russian = " / ".join(parts[index:])
        if not any(letter in fonts.KAZAKH_LETTERS for letter in russian):
            return " / ".join(parts[:index]) + "\n" + russian
    return header


def long_table(columns: Sequence[Column], rows: Iterable[Sequence[object]], *, numbered: bool = True) -> LongTable:
    """The table with its header rows repeated on every page."""
    header = [["\n".join(wrap(stacked(c.header), c.width_mm * mm - 2 * PADDING, fonts.REGULAR, HEADER_SIZE))
               for c in columns]]
    if numbered:
        header.append([str(i) for i in range(1, len(columns) + 1)])
    body = table_rows(rows, columns)
    table = LongTable(header + body, colWidths=[c.width_mm * mm for c in columns], repeatRows=len(header))
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), fonts.REGULAR, FONT_SIZE, LEADING),
        ("FONT", (0, 0), (-1, 0), fonts.REGULAR, HEADER_SIZE, HEADER_SIZE + 0.8),
        ("ALIGN", (0, 0), (-1, len(header) - 1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING), ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table
