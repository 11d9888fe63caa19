"""Every setting of Saraptama in one table, as Picard's ``config.py`` declares its options: the name
it is kept under, its type, its default and its scope.

* ``workstation``: this computer's preferences (``QSettings``: ``<data-dir>/settings.ini`` with
  ``--data-dir``, else the platform's place, the registry on Windows), read and written by the
  window through ``ui.settings``;
* ``department``: the database's ``setting`` table, shared by every workstation and command on
  that database, read and written by the services through ``app.services.workstation``.

A name with ``{…}`` is a family of settings, one for each list, certificate or issuer.  The hub's
address and token are not settings: they stay in ``hub.json`` of the data folder, readable by the
user only (docs/admin-guide.md, "A region's hub").  ``tests/unit/test_settings.py`` keeps every
setting the code reads or writes in this table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

WORKSTATION, DEPARTMENT = "workstation", "department"
_TRUE = ("true", "1", "yes", "on")


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    scope: str
    doc: str

    def key(self, **parts: str) -> str:
        """The name it is kept under (a family's member: its ``{…}`` filled in)."""
        return self.name.format(**parts) if parts else self.name

    def parse(self, stored: Any) -> Any:
        """A stored value as this setting's type; the default when it is missing or unreadable."""
        if stored is None or stored == "":
            return self.default
        if self.type is bool:
            return str(stored).strip().lower() in _TRUE
        if self.type is int:
            text = str(stored).strip()
            return int(text) if text.isdigit() else self.default
        return stored if isinstance(stored, self.type) else self.default

    def text(self, value: Any) -> str:
        """How the database's ``setting`` table keeps ``value``."""
        if self.type is bool:
            return "on" if value else ""
        return "" if value is None else str(value)


def _department(name: str, type_: type, default: Any, doc: str) -> Setting:
    return Setting(name, type_, default, DEPARTMENT, doc)


def _workstation(name: str, type_: type, default: Any, doc: str) -> Setting:
    return Setting(name, type_, default, WORKSTATION, doc)


DEPARTMENT_CODE = _department("department_code", str, "", "the department this database's workstations serve (RR-NN)")
USER_NAME = _department("user_name", str, "", "the name shown in the status bar")
EXPERT_ID = _department("expert_id", int, None, "on an expert's own workstation: the id of the expert it serves")
SIGN_IN = _department("sign_in", bool, False, "accounts exist: every window and command signs in (for good)")
LOCK_MINUTES = _department("lock_minutes", int, 15, "windows lock after this many minutes without a key or click")
BACKUPS_KEPT = _department("backups_kept", int, 7, "daily backups a workstation keeps (1 to 365)")
SIGNING_METHOD = _department("signing_method", str, "local", "how this database's workstations sign: "
                                                            "local, pkcs12 or ncalayer")
SIGNING_KEY_FILE = _department("signing_key_file", str, "", "the PKCS#12 key file (pkcs12)")
NCALAYER_URL = _department("signing_ncalayer_url", str, "wss://127.0.0.1:13579", "NCALayer's address (ncalayer)")
TRUST_ROOT = _department("trust_root:{fingerprint}", str, "", "a trusted root certificate (PEM), by its SHA-256")
TRUST_CRL = _department("trust_crl:{issuer}", str, "", "the newest revocation list (PEM) of a trusted issuer")

LANGUAGE = _workstation("language", str, "ru", "the window's language: kk, ru or en")
GEOMETRY = _workstation("geometry", object, None, "the main window's size and place when it last closed (Qt's bytes)")
COLUMN_WIDTHS = _workstation("columns/{list}", list, None, "column widths set by hand on a list's tab")
APPEALS_ROLE = _workstation("appeals/role", str, None, "the role the Appeals tab acts as on this workstation")
LOOKUPS_FOLDER = _workstation("intake/lookups", str, None, "the folder of register stand-ins intake reads")
ADMINISTRATOR = _workstation("workstation/administrator", bool, False,
                             "this workstation may change the production calendar; set by hand, never by the window")

SETTINGS: tuple[Setting, ...] = tuple(value for value in tuple(globals().values()) if isinstance(value, Setting))
