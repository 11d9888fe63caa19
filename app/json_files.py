"""Reading a JSON document a person names (a decision, a decree, a file of acts): unreadable, too
large, too deeply nested or malformed is bad input, said in one line.  The command line and the
window read files through it."""

from __future__ import annotations

import json
from pathlib import Path

from .errors import UserError

MAX_JSON_BYTES = 10_000_000   # a decision, a decree or a referral is a few kilobytes


def read_json_file(path: Path, max_bytes: int = MAX_JSON_BYTES):
    """A JSON document named on the command line; unreadable, too large, too deeply nested or
    malformed is bad input."""
    try:
        if path.stat().st_size > max_bytes:
            raise UserError("{file} is larger than {limit} MB.", file=str(path), limit=max_bytes // 1_000_000)
        return json.loads(path.read_text(encoding="utf-8-sig"))  # a byte-order mark is not an error
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
