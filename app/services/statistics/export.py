"""A view's tables to an XLSX workbook (openpyxl): one sheet per table, titles in the reader's
language, shares as percentages."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from ...errors import UserError
from ...i18n import gettext
from .. import access
from .labels import COLUMNS, TABLES, VIEW_TITLES, columns, is_share, shown_value

SHEET_NAME = 31  # Excel's limit on a sheet's name
WIDTH = 22


def write_table(book: Workbook, title: str, rows: list[dict], lang: str, *, first: bool = False) -> None:
    """One table as one sheet: a header of column titles, then the rows."""
    sheet = book.active if first else book.create_sheet()
    sheet.title = title[:SHEET_NAME].replace("/", "-").replace(":", "")
    keys = columns(rows)
    sheet.append([gettext(COLUMNS.get(key, key), lang) for key in keys])
    for row in rows:
        sheet.append([shown_value(key, row.get(key), lang) for key in keys])
    for index, key in enumerate(keys, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTH
        if is_share(key):
            for (value_cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                value_cell.number_format = "0.0%"
    sheet.freeze_panes = "A2"


def write_report(session: Session, result: dict, path: Path, lang: str, tables: list[str] | None = None) -> dict:
    """Writes ``result`` (one view) to ``path``; ``tables`` limits it to some of its tables."""
    access.require(session, "lists.export")
    if path.suffix.lower() != ".xlsx":
        raise UserError("Statistics are written to .xlsx files, not {file}.", file=path.name[:80])
    view = result["view"]
    book = Workbook()
    names = [name for name in TABLES[view] if tables is None or name in tables]
    for index, name in enumerate(names):
        write_table(book, gettext(TABLES[view][name], lang), result[name], lang, first=index == 0)
    save(book, path)
    return {"file": str(path), "view": view, "title": gettext(VIEW_TITLES[view], lang), "sheets": len(names)}


def write_rows(session: Session, tables: list[tuple[str, list[dict]]], path: Path, lang: str) -> dict:
    """Tables shown in the window ((title, rows) each: a chart's numbers) as a workbook, a sheet each."""
    access.require(session, "lists.export")
    if path.suffix.lower() != ".xlsx":
        raise UserError("Statistics are written to .xlsx files, not {file}.", file=path.name[:80])
    book = Workbook()
    for index, (title, rows) in enumerate(tables):
        write_table(book, title, rows, lang, first=index == 0)
    save(book, path)
    return {"file": str(path), "rows": sum(len(rows) for _title, rows in tables)}


def save(book: Workbook, path: Path) -> None:
    try:
        book.save(path)
    except OSError as error:
        raise UserError("Cannot write {file}: {problem}", file=str(path)[:200], problem=error.strerror or "") from error
