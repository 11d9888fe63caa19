"""Every command prints only its own output: a library's deprecation notice (say, cryptography's
"DSA is deprecated" when pyHanko is imported) is for the program's developers, not its users.

The entry points (``saraptama``, ``saraptama-gui``) call ``hide_third_party_deprecations()``
first.  Warnings raised in our own modules are left as they were; the test configuration keeps
them errors (pyproject.toml, [tool.pytest.ini_options]).
"""

from __future__ import annotations

import warnings

NOT_OURS = r"(?!(app|ui)(\.|$))"   # any module outside app/ and ui/ (matched at the module name's start)


def hide_third_party_deprecations() -> None:
    for category in (DeprecationWarning, PendingDeprecationWarning):
        warnings.filterwarnings("ignore", category=category, module=NOT_OURS)
    # Libraries with a deprecation category of their own outside DeprecationWarning's family
    # (cryptography's CryptographyDeprecationWarning is a UserWarning): known by their words.
    warnings.filterwarnings("ignore", message=r".*\bdeprecated\b", module=NOT_OURS)
