"""One guard for every command (issue: never a traceback): the parser is walked, so a command
added later is tried too.  Each command gets generated arguments — garbage, huge and negative
numbers, impossible dates, stray bytes, and files that are empty, binary, not UTF-8, nested a
thousand deep or holding a 5,000-digit number — and must either succeed with one JSON document
or fail with exit 2, one line on standard error and the database unchanged.
A command that runs until stopped (a server) must declare ``set_defaults(runs_until_stopped=True)``
and is then only tried with arguments that cannot all be valid."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import build_parser, main
from app.storage import DB_FILE, Database
from tests.database_files import table_counts

NASTY_TEXT = ["", " ", "x", "-1", "0", "1" + "0" * 5000, "10" * 12, "9999-12-31", "0001-01-01", "2025-02-30",
              "2025-03-19T25:61", "24:00", "\udcff\udcfe", "ӘЛИЕВ Қайрат", "'; DROP TABLE draft_act; --",
              "../../etc/passwd", "%s%n{0}", "20250303000001", "NaN", "1e309"]


def _leaf_commands(parser: argparse.ArgumentParser, path=()):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _leaf_commands(sub, (*path, name))
            return
    yield path, parser


COMMANDS = dict(_leaf_commands(build_parser(every_group=True)))


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("bad-files")
    contents = {
        "empty.json": b"", "binary.json": bytes(range(256)) * 4, "latin1.json": "{\"note\": \"é\"}".encode("latin-1"),
        "deep.json": b"[" * 5000 + b"]" * 5000, "deep-object.json": b'{"a":' * 3000 + b"1" + b"}" * 3000,
        "long-number.json": b'{"birth_date": ' + b"9" * 5000 + b"}", "array.json": b"[1, 2, 3]",
        "wrong-types.json": json.dumps({"birth_date": 19900515, "exam_date": [], "kind": {}, "decision": 5,
                                        "date": 20260102, "working": "yes"}).encode(),
        "decree-number-date.json": json.dumps([{"date": 20260102, "working": False}]).encode(),
        "far-future.json": json.dumps({"birth_date": "9999-01-01", "exam_date": "9999-12-31", "kind": "primary",
                                       "decision": {"outcome": "conclusion", "group": "II", "term": "5y",
                                                    "cause": "general_disease"}}).encode(),
        "year-one.json": json.dumps({"birth_date": "0001-01-01", "exam_date": "0001-01-02", "kind": "repeat",
                                     "decision": {"outcome": "conclusion", "group": "I", "term": "no_term"}}).encode(),
        "nul.json": b'{"a": "\x00"}', "huge-list.json": json.dumps([{"date": "2026-01-02", "working": False}]
                                                                   * 20_000).encode(),
    }
    paths = []
    for name, data in contents.items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return [*paths, folder / "missing.json", folder]


@pytest.fixture(scope="module")
def empty_database(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("empty-db")
    Database.open(data_dir=folder).close()
    return folder / DB_FILE


def _number_values(parse) -> list[str]:
    """Boundary and absurd values for a ``whole_number`` argument; of the valid ones only the
    smallest, so a generated run stays quick."""
    low, high = _bounds(parse)
    return [str(low), str(low - 1), str(high + 1), str(10**20), "-5", "x", "1" + "0" * 5000]


def _bounds(parse) -> tuple[int, int]:
    low = high = None
    for text in ("-" + "9" * 19, *(str(10**k) for k in range(20))):
        try:
            value = parse(text)
        except argparse.ArgumentTypeError:
            continue
        low = value if low is None else min(low, value)
        high = value if high is None else max(high, value)
    return (low if low is not None else 0), (high if high is not None else 0)


def _values(action: argparse.Action, files: list[Path]):
    if action.choices is not None:
        return st.sampled_from([*map(str, action.choices), *NASTY_TEXT])
    if action.type is Path:
        return st.sampled_from([str(f) for f in files])
    if getattr(action.type, "__name__", "") == "whole number":
        return st.sampled_from(_number_values(action.type))
    return st.sampled_from(NASTY_TEXT)


@st.composite
def _arguments(draw, parser: argparse.ArgumentParser, files: list[Path]) -> list[str]:
    argv: list[str] = []
    for action in parser._actions:
        if isinstance(action, (argparse._HelpAction, argparse._VersionAction)):
            continue
        if not action.option_strings:  # positional
            count = draw(st.integers(1, 3)) if action.nargs in ("+", "*") else 1
            argv += [draw(_values(action, files)) for _ in range(count)]
        elif action.required or draw(st.booleans()):
            flag = action.option_strings[-1]
            argv += [flag] if action.nargs == 0 else [flag, draw(_values(action, files))]
    return argv


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_every_command_answers_bad_input_in_one_line(path, bad_files, empty_database):
    parser = COMMANDS[path]
    if parser.get_default("runs_until_stopped"):
        pytest.skip("a server: tried by its own tests")

    @settings(deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)   # examples: the profile
    @given(st.data())
    def check(data):
        folder = Path(tempfile.mkdtemp(prefix="saraptama-bad-"))
        try:
            shutil.copy(empty_database, folder / DB_FILE)
            before = table_counts(folder / DB_FILE)
            lang = data.draw(st.sampled_from(["en", "kk", "ru"]))
            argv = ["--data-dir", str(folder), "--lang", lang, *path, *data.draw(_arguments(parser, bad_files))]
            code, out, err = _run(argv)
            assert code in (0, 2), (argv[4:], err)
            if code == 2:
                assert err.endswith("\n") and err.count("\n") == 1 and "Traceback" not in err, (argv[4:], err)
                assert out == ""
                assert table_counts(folder / DB_FILE) == before, argv[4:]
            else:
                json.loads(out)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    check()
