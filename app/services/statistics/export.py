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
from .labels import COLUMNS, TABLES, VALUES, VIEW_TITLES, columns

SHARE_KEYS = ("share", "rate", "agreement", "of_reviewed")
SHEET_NAME = 31  # Excel's limit on a sheet's name
WIDTH = 22


def cell(key: str, value, lang: str):
    """A value as the tables show it: words translated, flags as Yes/No."""
    if isinstance(value, bool):
        return gettext("Yes", lang) if value else gettext("No", lang)
    if key in ("field", "kind", "what", "bin", "organisation", "department", "chapter") and value in VALUES:
        return gettext(VALUES[value], lang)
    return value


def is_share(key: str) -> bool:
    return any(part in key for part in SHARE_KEYS)


def write_table(book: Workbook, title: str, rows: list[dict], lang: str, *, first: bool = False) -> None:
    sheet = book.active if first else book.create_sheet()
    sheet.title = title[:SHEET_NAME].replace("/", "-").replace(":", "")
    keys = columns(rows)
    sheet.append([gettext(COLUMNS.get(key, key), lang) for key in keys])
    for row in rows:
        sheet.append([cell(key, row.get(key), lang) for key in keys])
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
    try:
        book.save(path)
    except OSError as error:
        raise UserError("Cannot write {file}: {problem}", file=str(path)[:200], problem=error.strerror or "") from error
    return {"file": str(path), "view": view, "title": gettext(VIEW_TITLES[view], lang), "sheets": len(names)}
