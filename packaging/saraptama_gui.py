"""Entry point of the frozen window (PyInstaller needs a script; the venv uses ui.main:main)."""

import sys

from ui.main import main

sys.exit(main())
