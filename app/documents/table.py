"""Long tables of lists and journals (App 9, 16, 17, 18, 24, Registry Rules App 1).

A journal of a busy month has thousands of rows, so this is no Paragraph-per-cell table:

- each cell's text is wrapped here into plain lines at word boundaries, word widths from the
  font's metrics (kept in a cache: journals repeat the same words all the time); a word wider
  than its cell is hyphenated (``pyphen``'s Russian patterns, which also break Kazakh words
  between syllables; after a hyphen or slash it has, with no hyphen added), and a number is
  cut between digits without a hyphen, which could be read as part of it;
- :class:`JournalTable` lays the rows out itself: row heights are known from the line counts,
  so splitting at a page end costs only the rows of that page;
- the headers (the titles, Kazakh above Russian, and the row of column numbers, as the
  appendices print them) are drawn once into a PDF form object and placed on every page;
- a row never breaks across pages; a row too tall for a page is split here into parts, each
  after the first marked as the continuation of the row."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyphen
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from . import fonts

FONT_SIZE = 7.5
LEADING = 9
HEADER_SIZE = 6
HEADER_LEADING = 6.8
PADDING = 2
CONTINUED = "(жалғасы / продолжение)"
MAX_ROW_LINES = 40  # a row taller than this (about half a landscape page) is split into marked parts
_form_names = itertools.count(1)


@dataclass(frozen=True)
class Column:
    """A column: its header (Kazakh and Russian, as the appendix words it) and width."""

    header: str
    width_mm: float


class Wrapper:
    """Greedy line filling with cached word widths for one font and size."""

    def __init__(self, font: str = fonts.REGULAR, size: float = FONT_SIZE):
        self.font, self.size = font, size
        self.space = stringWidth(" ", font, size)
        self.widths: dict[str, float] = {}

    def width(self, word: str) -> float:
        width = self.widths.get(word)
        if width is None:
            width = self.widths[word] = stringWidth(word, self.font, self.size)
        return width

    def cut(self, word: str, width: float) -> list[str]:
        """A word wider than its cell, broken into pieces that fit: at syllables with a hyphen, or
        after a hyphen or slash of its own; letter by letter (hyphenated) only where no syllable
        break fits, and a number between digits."""
        pieces = []
        while self.width(word) > width and len(word) > 1:
            head, word = self._head(word, width)
            pieces.append(head)
        return [*pieces, word]

    def _head(self, word: str, width: float) -> tuple[str, str]:
        """The longest first piece of ``word`` that fits ``width`` with its hyphen, and the rest."""
        for start, rest in _syllable_breaks(word):
            shown = start if start.endswith(("-", "/")) else start + "-"
            if self.width(shown) <= width:
                return shown, rest
        mark = "-" if any(letter.isalpha() for letter in word) else ""
        size = 1
        while size + 1 < len(word) and self.width(word[:size + 1] + mark) <= width:
            size += 1
        return word[:size] + mark, word[size:]

    def lines(self, value: object, width: float) -> list[str]:
        """The lines ``value`` takes in a cell ``width`` points wide (explicit newlines kept)."""
        text = "" if value is None else str(value)
        result: list[str] = []
        for paragraph in text.split("\n"):
            line, used = [], 0.0
            for word in paragraph.split():
                size = self.width(word)
                if line and used + self.space + size > width:
                    result.append(" ".join(line))
                    line, used = [], 0.0
                if size > width:
                    *whole, word = self.cut(word, width)
                    result.extend(whole)
                    size = self.width(word)
                used += (self.space if line else 0) + size
                line.append(word)
            result.append(" ".join(line))
        return result


HYPHENATOR = pyphen.Pyphen(lang="ru_RU")


def _syllable_breaks(word: str) -> list[tuple[str, str]]:
    """Where ``word`` may break, the longest first piece first: after its own hyphens and slashes,
    and between syllables."""
    own = [(word[:i + 1], word[i + 1:]) for i, letter in enumerate(word[:-1]) if letter in "-/"]
    return sorted({*own, *HYPHENATOR.iterate(word)}, key=lambda pair: len(pair[0]), reverse=True)


def wrap(value: object, width: float, font: str = fonts.REGULAR, size: float = FONT_SIZE) -> list[str]:
    return Wrapper(font, size).lines(value, width)


def stacked(header: str) -> str:
    """"Kazakh / Russian" as two stacked parts, Kazakh above, as the appendices set their headers:
    split at the first " / " after which no Kazakh letter follows."""
    parts = header.split(" / ")
    for index in range(1, len(parts)):
        russian = " / ".join(parts[index:])
        if not any(letter in fonts.KAZAKH_LETTERS for letter in russian):
            return " / ".join(parts[:index]) + "\n" + russian
    return header


def _parts(cells: list[list[str]]) -> list[list[list[str]]]:
    """One row's wrapped cells as one or more rows of at most MAX_ROW_LINES lines."""
    height = max(len(lines) for lines in cells)
    if height <= MAX_ROW_LINES:
        return [cells]
    step = MAX_ROW_LINES - 1  # room for the continuation mark
    parts = []
    for start in range(0, height, step):
        part = [lines[start:start + step] for lines in cells]
        if start:
            part[0] = [CONTINUED, *part[0]]
        parts.append(part)
    return parts


class JournalTable(Flowable):
    """A table of wrapped rows under a header repeated on every page (see the module's description)."""

    def __init__(self, columns: Sequence[Column], rows: list[list[list[str]]], header: list[list[str]],
                 form_name: str | None = None, heights: list[float] | None = None):
        super().__init__()
        self.columns, self.rows, self.header = columns, rows, header
        self.widths = [c.width_mm * mm for c in columns]
        self.header_height = (max(len(lines) for lines in header) * HEADER_LEADING + 2 * PADDING
                              + LEADING + 2 * PADDING)  # titles, then the column numbers
        self.heights = heights if heights is not None else [
            max(len(lines) for lines in row) * LEADING + 2 * PADDING for row in rows]
        self.form_name = form_name or f"JournalHeader{next(_form_names)}"
        self.width = sum(self.widths)
        self.height = self.header_height + sum(self.heights)

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def split(self, available_width, available_height):
        room, fitting = available_height - self.header_height, 0
        for height in self.heights:
            if room < height:
                break
            room -= height
            fitting += 1
        if fitting == 0:
            return []  # not even one row: the whole table goes to the next page
        return [JournalTable(self.columns, self.rows[:fitting], self.header, self.form_name, self.heights[:fitting]),
                JournalTable(self.columns, self.rows[fitting:], self.header, self.form_name, self.heights[fitting:])]

    def _draw_header(self, canvas) -> None:
        top, x = self.header_height, 0.0
        numbers_height = LEADING + 2 * PADDING
        canvas.setFont(fonts.REGULAR, HEADER_SIZE)
        for number, (width, lines) in enumerate(zip(self.widths, self.header), start=1):
            y = top - PADDING - HEADER_SIZE
            for line in lines:
                canvas.drawCentredString(x + width / 2, y, line)
                y -= HEADER_LEADING
            canvas.drawCentredString(x + width / 2, PADDING + 1, str(number))
            x += width
        self._grid(canvas, [top, numbers_height, 0])

    def _grid(self, canvas, ys: list[float]) -> None:
        canvas.setLineWidth(0.4)
        xs = list(itertools.accumulate([0.0, *self.widths]))
        lines = [(0, y, self.width, y) for y in ys] + [(x, ys[-1], x, ys[0]) for x in xs]
        canvas.lines(lines)

    def draw(self):
        canvas = self.canv
        body = self.height - self.header_height
        if self.form_name not in getattr(canvas, "_saraptama_forms", set()):
            canvas.beginForm(self.form_name, 0, 0, self.width, self.header_height)
            self._draw_header(canvas)
            canvas.endForm()
            canvas._saraptama_forms = getattr(canvas, "_saraptama_forms", set()) | {self.form_name}
        canvas.saveState()
        canvas.translate(0, body)
        canvas.doForm(self.form_name)
        canvas.restoreState()
        text = canvas.beginText()
        text.setFont(fonts.REGULAR, FONT_SIZE, LEADING)
        ys, top = [body], body
        for row, height in zip(self.rows, self.heights):
            x = 0.0
            for width, lines in zip(self.widths, row):
                if lines and lines != [""]:
                    text.setTextOrigin(x + PADDING, top - PADDING - FONT_SIZE)
                    for line in lines:
                        text.textLine(line)
                x += width
            top -= height
            ys.append(top)
        canvas.drawText(text)
        self._grid(canvas, ys)


def long_table(columns: Sequence[Column], rows: Iterable[Sequence[object]]) -> JournalTable:
    """The table of ``rows`` (one value per column) with its header repeated on every page."""
    body, header = Wrapper(), Wrapper(fonts.REGULAR, HEADER_SIZE)
    widths = [c.width_mm * mm - 2 * PADDING for c in columns]
    wrapped: list[list[list[str]]] = []
    for row in rows:
        wrapped.extend(_parts([body.lines(cell, width) for cell, width in zip(row, widths)]))
    return JournalTable(columns, wrapped, [header.lines(stacked(c.header), w) for c, w in zip(columns, widths)])
