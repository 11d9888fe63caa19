"""Data only: the user guide (``docs/user-guide/<language>/*.md`` and its screenshots), shipped
with the program and shown by Help → User guide (``ui.help``)."""
