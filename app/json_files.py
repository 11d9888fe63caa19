"""Reading a JSON document a person names (a decision, a decree, a file of acts): unreadable, too
large, too deeply nested or malformed is bad input, said in one line.  The command line and the
window read files through it."""

from __future__ import annotations

import json
from pathlib import Path

from .errors import UserError
from .input_files import read_bounded

MAX_JSON_BYTES = 10_000_000   # a decision, a decree or a referral is a few kilobytes


def refuse_nul(document, path: Path):
    """A NUL character ends a text in C and in PostgreSQL: no field of a document holds one."""
    if "\\u0000" in json.dumps(document):
        raise UserError("{file} holds a NUL character (\\u0000) in a text; remove it.", file=str(path))
    return document


def read_json_file(path: Path, max_bytes: int = MAX_JSON_BYTES):
    """A JSON document named on the command line; unreadable, too large, too deeply nested or
    malformed is bad input."""
    try:
        data = read_bounded(path, max_bytes)
        if len(data) > max_bytes:
            raise UserError("{file} is larger than {limit} MB.", file=str(path), limit=max_bytes // 1_000_000)
        return refuse_nul(json.loads(data.decode("utf-8-sig")), path)  # a byte-order mark is not an error
    except (OSError, UnicodeDecodeError) as error:
        raise UserError("Cannot read {file}: {problem}", file=str(path),
                        problem=getattr(error, "strerror", None) or str(error)) from None
    except json.JSONDecodeError as error:
        raise UserError("{file} is not valid JSON (line {line}, column {column}).", file=str(path),
                        line=error.lineno, column=error.colno) from None
    except RecursionError:
        raise UserError("{file} is nested too deeply to be a document of Saraptama.", file=str(path)) from None
    except ValueError:  # a number of thousands of digits
        raise UserError("{file} holds a number too long to be read.", file=str(path)) from None
