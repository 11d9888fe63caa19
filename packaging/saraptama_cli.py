"""Entry point of the frozen ``saraptama`` command (the venv uses app.cli:main)."""

import sys

from app.cli import main

sys.exit(main())
