"""Reading one referral file into a package (docs/interfaces.md §1).  Whatever is wrong with the
file itself (empty, too large, not UTF-8, not JSON, nested absurdly deep, not an object) is
reported as F002 "no form 031/у" (App 5 item 2) with a message naming the problem — never an
exception."""

from __future__ import annotations

import json
import math
from pathlib import Path

from ...i18n import N_
from ...input_files import NotARegularFile, read_bounded
from .findings import Finding

MAX_BYTES = 2 * 1024 * 1024  # a form 031/у with references to its attachments is a few kilobytes
MAX_DEPTH = 20  # the deepest member of a form is 4 levels down


def _depth(value, limit: int) -> int:
    """How deep ``value`` nests, counting no further than ``limit + 1``."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return depth
        deepest = max(deepest, depth)
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


MAX_DIGITS = 30  # an IIN has 12, a phone 11; a whole number longer than this is no field of a form


class _NotJson(ValueError):
    """NaN, Infinity or a number too large for a double: JSON does not have them."""


class _TooLong(ValueError):
    """A whole number of more digits than any field of a form holds."""


def _whole(number: str) -> int:
    if len(number.lstrip("-")) > MAX_DIGITS:
        raise _TooLong(number)
    return int(number)


def _finite(number: str) -> float:
    value = float(number)
    if not math.isfinite(value):
        raise _NotJson(number)
    return value


def _no_constant(name: str):
    raise _NotJson(name)


def parse_package(data: bytes) -> tuple[dict | None, Finding | None]:
    """The package in ``data``, or the F002 finding that says why there is none."""
    if not data.strip():
        return None, Finding("F002", N_("The file is empty: there is no form 031/u."))
    if len(data) > MAX_BYTES:
        return None, too_large()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, Finding("F002", N_("The file is not UTF-8 text (byte {position})."), position=error.start)
    try:
        package = json.loads(text, parse_float=_finite, parse_int=_whole, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        return None, Finding("F002", N_("The file is not JSON (line {line}, column {column})."),
                             line=error.lineno, column=error.colno)
    except _NotJson as error:
        return None, Finding("F002", N_("The file is not JSON: {value} is not a JSON number."), value=str(error)[:20])
    except _TooLong as error:
        return None, Finding("F002", N_("The file holds a number of {digits} digits; no field of a form 031/u is "
                                        "that long."), digits=len(str(error)))
    except RecursionError:
        return None, too_deep()
    if not isinstance(package, dict):
        kind = {list: "array", str: "string", bool: "boolean", type(None): "null"}.get(type(package), "number")
        return None, Finding("F002", N_("The file holds a JSON {kind}, not an object with a form 031/u."), kind=kind)
    if _depth(package, MAX_DEPTH) > MAX_DEPTH:
        return None, too_deep()
    if "\\u0000" in json.dumps(package):  # PostgreSQL cannot store it; no field of a form has it
        return None, Finding("F002", N_("The file holds a NUL character (\\u0000) in a text."))
    return package, None


def too_large() -> Finding:
    return Finding("F002", N_("The file is larger than {limit} MB, the limit for a referral package."),
                   limit=MAX_BYTES // (1024 * 1024))


def too_deep() -> Finding:
    return Finding("F002", N_("The JSON nests deeper than {limit} levels; a form 031/u never does."),
                   limit=MAX_DEPTH)


def read_package(path: Path) -> tuple[dict | None, Finding | None]:
    """The package in the file at ``path`` (read only up to the size limit)."""
    try:
        data = read_bounded(path, MAX_BYTES)
    except NotARegularFile:
        return None, Finding("F002", N_("The file is not a regular file (a device, a pipe or a folder)."))
    except OSError as error:
        return None, Finding("F002", N_("The file cannot be read: {problem}."),
                             problem=error.strerror or type(error).__name__)
    if len(data) > MAX_BYTES:
        return None, too_large()
    return parse_package(data)
