import json

import pytest
from sqlalchemy import select

from app import models as m
from app.cli import main


def run(capsys, *argv) -> tuple[int, object, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if code == 0 else out), err


def test_demo_fills_the_database(capsys, tmp_path):
    code, result, _ = run(capsys, "--data-dir", tmp_path, "demo", "--acts", 120, "--experts", 12)
    assert code == 0 and result["acts"] == 120 and result["experts"] == 12
    code, acts, _ = run(capsys, "--data-dir", tmp_path, "acts", "list", "--limit", 500)
    assert len(acts) == 120
    assert {a["status"] for a in acts} >= {"waiting", "under_review", "signed"}
    assert all(len(a["number"]) == 14 and a["number"].isdigit() for a in acts)  # §25.1
    code, experts, _ = run(capsys, "--data-dir", tmp_path, "experts", "list")
    assert len(experts) == 12 and {e["kind"] for e in experts} == {"head", "specialist", "independent"}


def test_acts_list_filters_by_status(capsys, demo_data_dir):
    code, acts, _ = run(capsys, "--data-dir", demo_data_dir, "acts", "list", "--status", "waiting", "--limit", 5)
    assert code == 0 and 0 < len(acts) <= 5 and {a["status"] for a in acts} == {"waiting"}
    assert all(a["due"].endswith("18:00+05:00") for a in acts)  # §20.3: end of the working day


def test_expert_copy_holds_no_personal_data(capsys, demo_db, demo_data_dir):
    with demo_db.session() as session:
        act = session.scalars(select(m.DraftAct).where(m.DraftAct.status == m.ActStatus.UNDER_REVIEW)
                              .order_by(m.DraftAct.id)).first()
        person = act.person
        iin, birth = person.iin, person.birth_date
        spaced_iin = f"{iin[:6]} {iin[6:]}"
        street = person.registration_address["street"]
        package = m.ReferralPackage(message_id="MIS-1", received_at=act.registered_at, accepted=True, content={
            "patient": {"workplace": "ТОО «Казцинк»"},
            "medical_org": {"name": "ГП №5", "bin": "123456789012"},
            "representative": {"last_name": "Сейтқалиева", "first_name": "Мария"}})
        session.add(package)
        session.flush()
        act.package_id = package.id
        act.clinical = {**act.clinical, "anamnesis": (
            f"Пациент {person.last_name.upper()}ОЙ {person.first_name}, ИИН {spaced_iin}, тел. 8 (707) 305-74-17, "
            f"род. {birth:%d/%m/%Y}, проживает {street} 42, работает ТОО «Казцинк», наблюдается в ГП №5 "
            f"(БИН 1234 5678 9012); мать Сейтқалиевой М. Болеет с 12.03.2019, гемоглобин 98 г/л.")}
        number = act.number
        secrets = [iin, spaced_iin, person.last_name, person.first_name, f"{birth:%d/%m/%Y}", street, "305-74-17",
                   "Казцинк", "ГП №5", "1234 5678 9012", "Сейтқалиев"]
    code, full, _ = run(capsys, "--data-dir", demo_data_dir, "acts", "show", number)
    assert code == 0 and full["person"]["iin"] == iin and "decisions" in full
    code, expert, _ = run(capsys, "--data-dir", demo_data_dir, "acts", "show", number, "--as", "expert")
    text = json.dumps(expert, ensure_ascii=False).lower()
    assert code == 0 and expert["number"] == number
    assert [s for s in secrets if s.lower() in text] == []
    assert "12.03.2019" in text and "98 г/л" in text  # clinical facts stay
    assert "decisions" not in expert  # an expert decides without seeing the others (§25.5)


@pytest.mark.parametrize("argv, words", [
    (["acts", "show", "19990101000001"], "no draft act"),
    (["acts", "list", "--status", "bogus"], "invalid choice"),
    (["acts", "list", "--limit", "-1"], "from 0 to 1,000,000"),
    (["demo", "--acts", "x"], "not a whole number"),
    (["demo", "--experts", "1" + "0" * 20], "from 3 to 20,000"),
    (["acts", "list", "--limit", "1" + "0" * 5000], "not a whole number"),
    (["no-such-command"], "invalid choice"),
])
def test_bad_input_gives_one_line_and_exit_2(capsys, data_dir, argv, words):
    code, out, err = run(capsys, "--data-dir", data_dir, *argv)
    assert code == 2 and out == ""
    assert words in err.lower() and err.count("\n") == 1 and "Traceback" not in err


def test_newer_database_is_refused(capsys, data_dir):
    from app.storage import Database

    db = Database.open(data_dir=data_dir)
    with db.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = 'future'")
    db.close()
    code, _, err = run(capsys, "--data-dir", data_dir, "acts", "list")
    assert code == 2 and "newer version" in err


def test_rules_check_reports_findings_in_the_chosen_language(capsys, tmp_path):
    request = {"birth_date": "1980-05-10", "exam_date": "2025-03-03", "kind": "primary",
               "decision": {"outcome": "conclusion", "group": "I", "cause": "general_disease", "term": "1y",
                            "restrictions": {"self_care": 1, "mobility": 2, "work": 2}}}
    path = tmp_path / "check.json"
    path.write_text(json.dumps(request), encoding="utf-8")
    code, result, _ = run(capsys, "rules", "check", path)
    assert code == 0 and result["ok"] is False and result["suggested_group"] == "II"  # §58-61
    assert [f["rule"] for f in result["findings"]] == ["§58–61"]
    code, russian, _ = run(capsys, "--lang", "ru", "rules", "check", path)
    assert russian["findings"][0]["message"] != result["findings"][0]["message"]
    path.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "--lang", "ru", "rules", "check", path)
    assert code == 2 and "JSON" in err and "line 1" not in err  # Russian, not English


@pytest.mark.parametrize("database", [["--db-url", "bogus://x"], ["--db-url", "not a url"],
                                      ["--data-dir", "/proc/no-such-folder"]])
def test_a_database_that_cannot_be_opened_is_bad_input(capsys, database):
    code, _, err = run(capsys, *database, "experts", "list")
    assert code == 2 and err.count("\n") == 1 and "cannot be" in err


def test_a_file_that_is_not_a_database_is_bad_input(capsys, tmp_path):
    (tmp_path / "saraptama.db").write_text("hello", encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", tmp_path, "experts", "list")
    assert code == 2 and "is damaged or is not a database" in err and err.count("\n") == 1
