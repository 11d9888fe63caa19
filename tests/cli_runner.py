"""Running ``saraptama`` in-process in a test: its JSON answer, or its one-line message."""

from __future__ import annotations

import json

from app.cli import main


class Cli:
    """``saraptama --data-dir D PREFIX… ARGS``; ``prefix`` names the command group."""

    prefix: tuple[str, ...] = ()

    def __init__(self, capsys, data_dir, tmp_path):
        self.capsys, self.data_dir, self.tmp_path = capsys, data_dir, tmp_path

    def run(self, *argv, lang: str = "en"):
        code = main(["--lang", lang, "--data-dir", str(self.data_dir), *self.prefix, *map(str, argv)])
        out, err = self.capsys.readouterr()
        return code, (json.loads(out) if code == 0 else err.strip())

    def ok(self, *argv):
        code, result = self.run(*argv)
        assert code == 0, result
        return result

    def refused(self, *argv, lang: str = "en") -> str:
        code, message = self.run(*argv, lang=lang)
        assert code == 2 and "\n" not in message and "Traceback" not in message, message
        return message
