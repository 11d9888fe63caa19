"""The program's one version number: ``version`` in pyproject.toml, read from the installed
package's metadata (a frozen build carries that metadata; ``packaging/saraptama.spec``)."""

from __future__ import annotations


def program_version() -> str:
    from importlib import metadata   # only when the version is asked for (a quick start)

    try:
        return metadata.version("saraptama")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "dev"
