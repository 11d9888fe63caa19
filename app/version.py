"""The program's one version number: ``version`` in pyproject.toml, read from the installed
package's metadata (a frozen build carries that metadata; ``packaging/saraptama.spec``)."""

from __future__ import annotations

from importlib import metadata


def program_version() -> str:
    try:
        return metadata.version("saraptama")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "dev"
