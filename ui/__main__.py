"""``python -m ui``: the same as ``saraptama-gui``."""

import sys

from .main import main

sys.exit(main())
