"""The one version number, ``version`` in pyproject.toml; printed when run as a script (the build
scripts stamp it into the archive's and the installer's names and into the installer)."""

import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def project_version() -> str:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]


if __name__ == "__main__":
    print(project_version())
