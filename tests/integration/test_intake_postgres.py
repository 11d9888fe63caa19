"""Intake on a PostgreSQL department server: two imports at once number without gaps (§25.1),
and F016/F017 see each other's packages (the intake advisory lock)."""

import json

from app.cli import main
from app.storage import Database


def test_two_imports_at_once_number_without_gaps_on_postgres(postgres_url, import_at_once, capsys):
    Database.open(db_url=postgres_url).close()  # migrated before the two processes start
    results = import_at_once(["--db-url", postgres_url], per_process=40)
    number = results[0]["act_number"]
    assert main(["--db-url", postgres_url, "acts", "show", number, "--as", "expert"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "waiting"
