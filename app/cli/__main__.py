"""``python -m app.cli``: the same as the ``saraptama`` command."""

import sys

from . import main

sys.exit(main())
