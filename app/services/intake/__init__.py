"""Intake of referral packages (form 031/у): App 5 checks, draft acts, numbering (§10-16, §25)."""

from .findings import CODES, REASONS, Finding, codes_of
from .reading import MAX_BYTES, parse_package, read_package
from .service import Intake, Outcome, check_file, package_files

__all__ = ["CODES", "REASONS", "Finding", "codes_of", "MAX_BYTES", "parse_package", "read_package", "Intake",
           "Outcome", "check_file", "package_files"]
