"""One declared table of settings (app/domain/settings.py): each with its name, type, default and
scope, read and written as its type; no code reads or writes a setting by a bare string."""

import ast
from pathlib import Path

from app.domain import settings
from app.domain.settings import BACKUPS_KEPT, DEPARTMENT, SETTINGS, SIGN_IN, TRUST_ROOT, WORKSTATION
from app.services import workstation

ROOT = Path(__file__).resolve().parents[2]


def test_each_setting_has_one_name_a_scope_and_a_default_of_its_type():
    assert len({s.name for s in SETTINGS}) == len(SETTINGS)
    assert {s.scope for s in SETTINGS} == {WORKSTATION, DEPARTMENT}
    assert all(s.default is None or isinstance(s.default, s.type) for s in SETTINGS)
    assert settings.LANGUAGE.default == "ru" and settings.LOCK_MINUTES.default == 15
    assert settings.BACKUPS_KEPT.default == 7  # docs/admin-guide.md, "Automatic backups"


def test_a_stored_value_is_read_as_its_type_and_an_unreadable_one_as_the_default():
    assert SIGN_IN.parse("on") is True and SIGN_IN.parse(None) is False
    assert settings.ADMINISTRATOR.parse("true") is True and settings.ADMINISTRATOR.parse("no") is False
    assert BACKUPS_KEPT.parse("14") == 14 and BACKUPS_KEPT.parse("fourteen") == 7 and BACKUPS_KEPT.parse("") == 7
    assert TRUST_ROOT.key(fingerprint="ab12") == "trust_root:ab12"


def test_a_department_setting_is_kept_in_the_database_as_its_type(db):
    with db.session() as session:
        assert workstation.get_setting(session, BACKUPS_KEPT) == 7
        workstation.set_setting(session, BACKUPS_KEPT, 30)
    with db.session() as session:
        assert workstation.get_setting(session, BACKUPS_KEPT) == 30


def bare_keys(source: str, label: str) -> list[str]:
    """Calls that name a setting by a string: ``get_setting(session, "…")``, ``settings().value("…")``,
    ``session.get(m.Setting, "…")``, ``m.Setting(key="…")``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        args = node.args
        qsettings = isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Call) and \
            getattr(node.func.value.func, "id", "") == "settings"
        keyed = (name in ("get_setting", "set_setting") and len(args) > 1 and args[1]) or \
            (qsettings and args and args[0]) or \
            (name == "get" and len(args) > 1 and ast.unparse(args[0]).endswith("Setting") and args[1]) or \
            (name == "Setting" and next((k.value for k in node.keywords if k.arg == "key"), None))
        if isinstance(keyed, ast.Constant) and isinstance(keyed.value, str):
            found.append(f"{label}:{node.lineno}")
    return found


def test_no_code_names_a_setting_by_a_bare_string():
    files = [p for folder in ("app", "ui") for p in (ROOT / folder).rglob("*.py") if p.name != "settings.py"]
    assert [hit for path in files for hit in bare_keys(path.read_text(encoding="utf-8"), path.name)] == []


def test_the_check_finds_a_bare_string():
    sample = ('settings().value("geometry")\nworkstation.get_setting(session, "lock_minutes")\n'
              'get_setting(s, LANGUAGE)\n')
    assert bare_keys(sample, "sample") == ["sample:1", "sample:2"]
