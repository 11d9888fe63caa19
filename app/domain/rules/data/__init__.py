"""Data of the rules package: Appendices 7, 10 and 11 of the MSE Rules (JSON).

A package (not a plain folder) so that setuptools' ``"*" = ["*.json"]`` package-data rule
ships these files with the program."""
