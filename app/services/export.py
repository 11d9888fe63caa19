"""Any list of the window (``listings.ALL_LISTINGS``) written to an XLSX workbook (openpyxl) or
a CSV file, as the list shows it: the same filter and order, titles and labels in the chosen
language, dates as dates."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from ..domain.regions import region_by_code
from ..errors import UserError
from ..output_files import output_file
from ..i18n import current_language, gettext
from .listings import ALL_LISTINGS, Due, Listing
from . import access

BLOCK = 1000  # rows read per query
FORMATS = ("xlsx", "csv")
DATE_FORMATS = {"date": "DD.MM.YYYY", "datetime": "DD.MM.YYYY HH:MM", "due": "DD.MM.YYYY HH:MM"}
MAX_CELL_WIDTH = 60


def listing_named(name: str) -> Listing:
    if name not in ALL_LISTINGS:
        raise UserError("Unknown list {name}: use {known}.", name=name[:40], known=", ".join(ALL_LISTINGS))
    return ALL_LISTINGS[name]


def format_of(path: Path) -> str:
    kind = path.suffix.lower().lstrip(".")
    if kind not in FORMATS:
        raise UserError("Export writes .xlsx or .csv files, not {file}.", file=path.name[:80])
    return kind


def _cell(value, kind: str, lang: str):
    """A value as a cell: dates stay dates (Kazakhstan time, no zone), labels and regions words."""
    if isinstance(value, Due):
        value = value.at
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if kind == "region":
        try:
            return region_by_code(value).name(lang)
        except KeyError:
            return value
    if kind == "bool":
        return gettext("Yes", lang) if value else gettext("No", lang)
    if kind == "label" and isinstance(value, str):
        return gettext(value, lang)
    return value


def rows(session: Session, listing: Listing, ids: list[int], lang: str) -> Iterator[list]:
    kinds = [column.kind for column in listing.columns]
    for start in range(0, len(ids), BLOCK):
        block = ids[start:start + BLOCK]
        found = listing.rows(session, block)
        for row_id in block:
            if row_id in found:
                yield [_cell(value, kind, lang) for value, kind in zip(found[row_id], kinds, strict=True)]


def _text(value, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def _write_csv(path: Path, titles: list[str], kinds: list[str], body: Iterator[list]) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as out:  # the mark makes Excel read UTF-8
        writer = csv.writer(out, delimiter=";")  # Excel in Kazakh and Russian settings splits on ";"
        writer.writerow(titles)
        for row in body:
            writer.writerow([_text(value, kind) for value, kind in zip(row, kinds, strict=True)])
            count += 1
    return count


def _write_xlsx(path: Path, title: str, titles: list[str], kinds: list[str], body: Iterator[list]) -> int:
    """The workbook is made in memory and written in one piece: a full disk cannot leave openpyxl
    a half-written archive to finish later."""
    from openpyxl import Workbook   # openpyxl only when a workbook is written (a quick start)
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])  # Excel's limit on a sheet name
    widths = [len(t) + 2 for t in titles]
    sheet.append(titles)
    count = 0
    for row in body:
        sheet.append(row)
        widths = [max(w, min(len(_text(v, k)) + 2, MAX_CELL_WIDTH)) for w, v, k in zip(widths, row, kinds, strict=True)]
        count += 1
    for index in range(1, len(kinds) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = widths[index - 1]
    made = io.BytesIO()
    book.save(made)
    path.write_bytes(_date_formats(made, kinds))
    return count


def _date_formats(made: io.BytesIO, kinds: list[str]) -> bytes:
    """Dates in the Kazakh and Russian way (write-only sheets cannot style cells cheaply)."""
    from openpyxl import load_workbook
    book = load_workbook(made)
    sheet = book.active
    for index, kind in enumerate(kinds, start=1):
        if kind in DATE_FORMATS:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = DATE_FORMATS[kind]
    sheet.freeze_panes = "A2"
    styled = io.BytesIO()
    book.save(styled)
    return styled.getvalue()


def export(session: Session, name: str, path: Path, *, lang: str | None = None,
           options: dict | None = None, progress: Callable[[int, int], None] | None = None) -> dict:
    """Writes list ``name`` with the window's ``options`` (filter text, sort, overdue,
    department, filters) to ``path``; its extension chooses XLSX or CSV."""
    access.require(session, "lists.export")
    listing, kind = listing_named(name), format_of(path)
    lang = lang or current_language()
    ids = listing.ids(session, **{"lang": lang, **(options or {})})
    titles = [gettext(column.title, lang) for column in listing.columns]
    kinds = [column.kind for column in listing.columns]
    body = rows(session, listing, ids, lang)
    with output_file(path) as partial:
        if kind == "csv":
            count = _write_csv(partial, titles, kinds, body)
        else:
            count = _write_xlsx(partial, gettext(listing.title, lang), titles, kinds, body)
    return {"list": name, "file": str(path), "format": kind, "rows": count}
