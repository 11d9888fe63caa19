"""Files the program writes where the user asks (exports, PDFs, backups, decisions): whole or
not at all, and never over the program's own data.

Every writer goes through ``output_file(path)``: the content is written to a temporary name in
the target's folder, flushed to the disk and renamed over the target (``os.replace``), so a
full disk or a killed process leaves the old file or nothing, never a half or empty one.  The
target is refused in one line when it is (after following symbolic links, or as a hard link)
the open database, its write-ahead log, shared memory, journal, lock or mark, a file of its
backups, or a file already in the data folder.
"""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import UserError
from .i18n import N_

DATABASE_COMPANIONS = ("", "-wal", "-shm", "-journal", ".lock", ".encrypted", ".restoring")
BACKUP_FOLDER = "backups"
DISK_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}

_databases: set[Path] = set()   # database files opened by this process
_folders: set[Path] = set()     # data folders: the files already in them are the program's


def _resolved(path: Path) -> Path:
    return Path(os.path.realpath(os.path.abspath(path)))


def guard_database(file: Path) -> None:
    """The SQLite file ``file`` (and its companions and backups) is never an output file."""
    _databases.add(_resolved(file))


def guard_folder(folder: Path) -> None:
    """No file already in the data folder ``folder`` is overwritten by an output file."""
    _folders.add(_resolved(folder))


def _protected_files() -> Iterator[Path]:
    for file in _databases:
        yield from (file.with_name(file.name + suffix) for suffix in DATABASE_COMPANIONS)


def _is_protected(target: Path, original: Path) -> bool:
    if target in set(_protected_files()):
        return True
    folders = [*_folders, *(file.parent / BACKUP_FOLDER for file in _databases)]
    if target.exists() and any(target.is_relative_to(folder) for folder in folders):
        return True
    try:  # a hard link to the database is the database
        return original.exists() and any(os.path.samefile(original, f) for f in _protected_files() if f.exists())
    except OSError:
        return False


def checked_target(path: Path) -> Path:
    """``path`` with its links followed; refused when it is one of the program's own files, a
    folder or not a regular file (a device, a pipe)."""
    path = Path(path)
    target = _resolved(path)
    if _is_protected(target, path):
        raise UserError(N_("{file} is the database or one of the program's own files; choose another name."),
                        file=str(path))
    if target.exists() and not target.is_file():
        raise UserError(N_("{file} is not a regular file; choose another name."), file=str(path))
    return target


def write_error(path: Path, error: OSError) -> UserError:
    """The one-line message for an output file that could not be written."""
    if error.errno in DISK_FULL:
        return UserError(N_("The disk is full: {file} was not written. Free some space and try again."),
                         file=str(path))
    return UserError(N_("Cannot write {file}: {problem}"), file=str(path), problem=error.strerror or str(error))


def _remove(partial: Path) -> None:
    for leftover in (partial, *(partial.with_name(partial.name + s) for s in ("-journal", "-wal", "-shm"))):
        try:
            leftover.unlink(missing_ok=True)
        except OSError:
            pass


def _flush_to_disk(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextmanager
def output_file(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path`` (same extension) to write the content into; renamed over
    ``path`` when the block ends without error, removed otherwise."""
    target = checked_target(path)
    partial = target.with_name(f".{target.stem}.{secrets.token_hex(4)}.partial{target.suffix}")
    try:
        yield partial
        _flush_to_disk(partial)
        os.replace(partial, target)
    except OSError as error:
        _remove(partial)
        raise write_error(path, error) from None
    except BaseException:
        _remove(partial)
        raise


def write_output(path: Path, content: bytes | str) -> Path:
    """``content`` (bytes, or text written as UTF-8) in ``path``, whole or not at all."""
    with output_file(path) as partial:
        if isinstance(content, str):
            partial.write_text(content, encoding="utf-8")
        else:
            partial.write_bytes(content)
    return Path(path)
