"""Intake of form 031/у packages (§10-16, App 5; docs/interfaces.md §1-2, §4): each App 5 code with a
package that fails only it, all codes together in the appendix's order, bad files, the draft act
and its number (§25.1), the due date (§20.3), the notice to the medical organisation (§16)."""

from __future__ import annotations

import json
import re
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from app import models as m
from app.adapters.lookups import load_registers
from app.domain.clock import KZ_TIME
from app.errors import UserError
from app.services.intake import Intake, check_file, samples
from app.services.intake.findings import CODES

RECEIVED = datetime(2025, 3, 3, 10, 0, tzinfo=KZ_TIME)  # a Monday, before 16:00


@pytest.fixture
def make():
    return samples.Samples(RECEIVED.date(), seed=5)


def run_import(db, tmp_path, make, *packages, received=RECEIVED, raw_files=()):
    """Writes the packages and the lookups, imports them; the outcomes in file order."""
    folder, lookups = samples.write_batch(tmp_path / "in", list(packages), make.lookups)
    for name, data in raw_files:
        (folder / name).write_bytes(data)
    return Intake(db, load_registers(lookups), received).import_files([folder])


def codes(outcome) -> list[str]:
    return outcome.codes


def test_the_codes_are_those_of_app5_in_its_order():
    assert CODES == (*(f"F{n:03d}" for n in range(1, 18)), *(f"REC{n:03d}" for n in range(1, 6)),
                     "LEG001", "LEG002", "LEG003")


def test_a_valid_package_passes_every_check(db, tmp_path, make):
    [outcome] = run_import(db, tmp_path, make, make.valid())
    assert (outcome.accepted, outcome.codes, outcome.act_number) == (True, [], "20250303000001")


@pytest.mark.parametrize("code", sorted(samples.MUTATIONS))
def test_a_package_failing_one_check_gets_only_its_code(db, tmp_path, make, code):
    [outcome] = run_import(db, tmp_path, make, make.failing(code))
    assert (outcome.accepted, outcome.codes, outcome.act_number) == (False, [code], None)
    field = r"\b(consent|representative|[a-z_]+(\[\d+\])?\.[a-z_.]+)"  # the message names the field
    assert re.search(field, outcome.findings[0].text("en"))


def test_f002_no_form(db, tmp_path, make):
    package = make.valid()
    del package["form"]
    [outcome] = run_import(db, tmp_path, make, package)
    assert outcome.codes == ["F002"]


def test_f016_same_message_id_and_f017_same_iin_under_review(db, tmp_path, make):
    first, second = make.valid(), make.valid()
    second["message_id"] = first["message_id"]  # F016: that message already passed the checks
    again = make.valid()
    again["patient"] = first["patient"]  # F017: a form for this IIN is under review
    again["consent"]["reply_phone"] = first["patient"]["phone"]
    again["medical_org"] = first["medical_org"]
    outcomes = run_import(db, tmp_path, make, first, second, again)
    assert [o.codes for o in outcomes] == [[], ["F016"], ["F017"]]


def test_a_rejected_message_id_may_come_again_and_a_concluded_case_does_not_block(db, tmp_path, make):
    rejected = make.failing("F007")
    retry = json.loads(json.dumps(rejected))
    retry["form"]["signature"] = {"signer_name": "Председатель ВКК", "value": "MIIB=="}
    outcomes = run_import(db, tmp_path, make, rejected, retry)
    assert [o.codes for o in outcomes] == [["F007"], []]
    with db.session() as session:  # the experts concluded: the case is closed (F017 counts open ones only)
        session.execute(m.DraftAct.__table__.update().values(status=m.ActStatus.SIGNED))
    third = json.loads(json.dumps(retry))
    third["message_id"] = "MIS-NEW"
    [outcome] = Intake(db, load_registers(make.lookups.write(tmp_path / "l2")), RECEIVED).import_package(
        third, None, "third.json"),
    assert outcome.accepted


def test_every_failure_is_reported_in_app5_order(db, tmp_path, make):
    package = make.valid(representative=True)
    package["consent"] = None  # F001
    package["attachments"][0]["id"] = "HED-NOWHERE"  # F015
    package["form"]["date"] = "2024-12-01"  # F004
    package["clinical"]["complaints"] = None  # F008
    make.lookups.gbdfl[package["patient"]["iin"]]["permanent_registration"] = False  # REC003
    make.lookups.gbdfl[package["representative"]["iin"]]["status"] = "emigrated"  # LEG002
    make.lookups.bmg.remove(package["patient"]["phone"])  # F006
    [outcome] = run_import(db, tmp_path, make, package)
    assert outcome.codes == ["F001", "F004", "F006", "F008", "F015", "REC003", "LEG002"]


def test_form_valid_one_month_to_the_end_of_the_same_date(db, tmp_path, make):
    """§9.2, §11.5, §16.5: valid one month from signing (deadline rule form_validity)."""
    last_day, expired, future = make.valid(), make.valid(), make.valid()
    last_day["form"]["date"] = "2025-02-03"  # received 2025-03-03: still valid
    expired["form"]["date"] = "2025-02-02"
    future["form"]["date"] = "2025-03-04"  # dated after its receipt: no valid date
    outcomes = run_import(db, tmp_path, make, last_day, expired, future)
    assert [o.codes for o in outcomes] == [[], ["F004"], ["F003"]]


def test_look_alike_letters_and_app15_qualifiers(db, tmp_path, make):
    cyrillic = make.valid()
    cyrillic["clinical"]["diagnosis_main"]["icd10"] = "С16.2"  # Cyrillic С: stomach cancer, App 15 item 1.2
    child_repeat = make.valid(age=10)
    child_repeat["form"]["purpose"] = "disability_repeat"
    child_repeat["clinical"]["diagnosis_main"]["icd10"] = "N18.5"  # items 4 (adults) and 9 (primary) only
    child_primary = make.valid(age=10)
    child_primary["form"]["purpose"] = "disability_primary"
    child_primary["clinical"]["diagnosis_main"]["icd10"] = "N18.5"
    adult_primary = make.valid(age=40)
    adult_primary["form"]["purpose"] = "disability_primary"
    adult_primary["clinical"]["diagnosis_main"]["icd10"] = "S14.1"  # item 7.1: repeat examination only
    outcomes = run_import(db, tmp_path, make, cyrillic, child_repeat, child_primary, adult_primary)
    assert [o.codes for o in outcomes] == [[], ["F013"], [], ["F013"]]
    with db.session() as session:
        assert session.scalar(select(m.DraftAct.diagnosis_main_icd10).where(
            m.DraftAct.number == outcomes[0].act_number)) == "C16.2"


def test_name_compared_without_case_spaces_yo_and_kazakh_letters(db, tmp_path, make):
    package = make.valid()
    iin = package["patient"]["iin"]
    make.lookups.gbdfl[iin].update(last_name="Қалиев", first_name="Рүстем", middle_name="Семёнович")
    package["patient"].update(last_name="  КАЛИЕВ ", first_name="рустем", middle_name="Семенович")
    other = make.valid()
    other["patient"]["last_name"] += "а"
    outcomes = run_import(db, tmp_path, make, package, other)
    assert [o.codes for o in outcomes] == [[], ["REC002"]]


def test_rec005_age_on_the_day_of_receipt(db, tmp_path, make):
    """A child is under eighteen (§3.18) on the day of receipt; eighteen that day is an adult."""
    turning, child = make.valid(age=30), make.valid(age=30)
    for package, born in ((turning, date(2007, 3, 3)), (child, date(2007, 3, 4))):
        old_iin = package["patient"]["iin"]
        from app.domain.iin import make_iin
        iin = make_iin(born, package["patient"]["sex"], 7000 + len(make.lookups.gbdfl))
        make.lookups.gbdfl[iin] = {**make.lookups.gbdfl.pop(old_iin), "birth_date": born.isoformat()}
        make.lookups.rpn[iin] = make.lookups.rpn.pop(old_iin)
        package["patient"].update(iin=iin, birth_date=born.isoformat())
        package["patient"]["working"] = False
    outcomes = run_import(db, tmp_path, make, turning, child)
    assert [o.codes for o in outcomes] == [[], ["REC005"]]


HUGE = 100 * 1024 * 1024


@pytest.mark.parametrize("data, words", [
    (b"", "empty"),
    (b"{not json", "not JSON (line 1"),
    ("{\"форма\": \"031\"}".encode("cp1251"), "not UTF-8"),
    (b"[1, 2, 3]", "JSON array"),
    (b"\"text\"", "JSON string"),
    (b'{"message_id": NaN}', "not a JSON number"),
    (b"[" * 100_000 + b"]" * 100_000, "deeper"),
    (b'{"form": ' + b'{"a": ' * 30 + b"1" + b"}" * 30 + b"}", "deeper"),
])
def test_a_bad_file_is_f002_with_a_message(db, tmp_path, make, data, words):
    [outcome] = run_import(db, tmp_path, make, raw_files=[("bad.json", data)])
    assert outcome.codes == ["F002"] and words in outcome.findings[0].text("en")


def test_a_file_of_100_mb_is_refused_without_reading_it(db, tmp_path, make):
    folder = tmp_path / "big"
    folder.mkdir()
    with open(folder / "huge.json", "wb") as file:
        file.truncate(HUGE)  # sparse: takes no disk space
    outcome = check_file(db, folder / "huge.json", load_registers(make.lookups.write(tmp_path / "l")), RECEIVED)
    assert outcome.codes == ["F002"] and "larger than 2 MB" in outcome.findings[0].text("en")


@pytest.mark.parametrize("change, code, field", [
    (lambda p: p.update(patient="Иванов"), "F008", "patient.iin"),
    (lambda p: p.pop("patient"), "F008", "patient.last_name"),
    (lambda p: p["patient"].update(birth_date="1800-01-01"), "F008", "patient.birth_date"),
    (lambda p: p["patient"].update(birth_date="2025-02-30"), "F008", "patient.birth_date"),
    (lambda p: p["patient"].update(sex=1), "F008", "patient.sex"),
    (lambda p: p["patient"]["registration_address"].update(region="Атлантида"), "F008",
     "patient.registration_address.region"),
    (lambda p: p["clinical"].update(function_impairments={"mental": 9}), "F008", "clinical.function_impairments"),
    (lambda p: p["clinical"].update(temporary_disability_days="сто"), "F008", "clinical.temporary_disability_days"),
    (lambda p: p.update(attachments={"id": "x"}), "F008", "attachments"),
    (lambda p: p["patient"].update(last_name="Я" * 101), "F008", "patient.last_name"),
    (lambda p: p["form"].update(date="2025-02-30"), "F003", "form.date"),
    (lambda p: p["form"].update(date=20250220), "F003", "form.date"),
    (lambda p: p["form"].update(number=45871), "F003", "form.number"),
    (lambda p: p.update(form=[1]), "F002", "form"),
    (lambda p: p["clinical"].update(technical_aids="wheelchair"), "F012", "clinical.technical_aids"),
])
def test_wrong_shapes_are_reported_naming_the_field(db, tmp_path, make, change, code, field):
    package = make.valid()
    change(package)
    [outcome] = run_import(db, tmp_path, make, package)
    assert code in outcome.codes and not outcome.accepted
    assert any(field in f.text("en") for f in outcome.findings if f.code == code)


def test_rejected_package_keeps_its_codes_and_a_bilingual_notice(db, tmp_path, make):
    package = make.failing("F004")
    make.lookups.gbdfl[package["patient"]["iin"]]["status"] = "deceased"
    [outcome] = run_import(db, tmp_path, make, package)
    with db.session() as session:
        stored = session.scalars(select(m.ReferralPackage)).one()
        notice = session.scalars(select(m.Notice)).one()
        assert stored.accepted is False and [c.code for c in stored.checks] == ["F004", "REC001"]
        assert stored.content == package and session.scalar(select(func.count(m.DraftAct.id))) == 0
        assert "F004" in notice.text_ru and "REC001" in notice.text_kk
        assert "Истечение срока действия формы" in notice.text_ru  # App 5 item 4 in the seed's words
        assert "қайтыс болған" in notice.text_kk
        person = package["patient"]
        assert not any(v in notice.text_ru + notice.text_kk for v in (person["iin"], person["last_name"]))


def test_draft_act_is_numbered_by_day_of_receipt_and_due_by_section_20_3(db, tmp_path, make):
    folder, lookups = samples.write_batch(tmp_path / "in", [make.valid() for _ in range(4)], make.lookups)
    registers = load_registers(lookups)
    files = sorted(folder.glob("*.json"))
    morning = Intake(db, registers, RECEIVED).import_file(files[0])
    evening = Intake(db, registers, datetime(2025, 3, 3, 23, 30, tzinfo=KZ_TIME)).import_file(files[1])
    next_day = Intake(db, registers, datetime(2025, 3, 4, 0, 10, tzinfo=KZ_TIME)).import_file(files[2])
    late = Intake(db, registers, datetime(2025, 3, 4, 16, 1, tzinfo=KZ_TIME)).import_file(files[3])
    assert [o.act_number for o in (morning, evening, next_day, late)] == [
        "20250303000001", "20250303000002", "20250304000001", "20250304000002"]
    with db.session() as session:
        due = dict(session.execute(select(m.DraftAct.number, m.DraftAct.due_at)).all())
        assert due["20250303000001"] == datetime(2025, 3, 5, 18, 0, tzinfo=KZ_TIME)  # arrival day is day 1
        # §20.3 "после 16.00 часов": 16:01 counts from the next working day (Wed 5, Thu 6, Fri 7 March)
        assert due["20250304000002"] == datetime(2025, 3, 7, 18, 0, tzinfo=KZ_TIME)
        act = session.scalars(select(m.DraftAct).where(m.DraftAct.number == "20250303000001")).one()
        assert act.status == m.ActStatus.WAITING and act.person.iin and len(act.number) == 14


def test_person_kept_apart_and_act_depersonalised(db, tmp_path, make):
    package = make.valid()
    patient = package["patient"]
    package["clinical"]["anamnesis"] = (f"Пациент {patient['last_name'].upper()} {patient['first_name']}, ИИН "
                                        f"{patient['iin'][:6]} {patient['iin'][6:]}, тел. {patient['phone']}.")
    [outcome] = run_import(db, tmp_path, make, package)
    with db.session() as session:
        act = session.scalars(select(m.DraftAct)).one()
        stored = json.dumps({c.key: getattr(act, c.key) for c in m.DraftAct.__table__.columns}, default=str,
                            ensure_ascii=False).lower()
        assert act.person.iin == patient["iin"] and act.person.last_name == patient["last_name"]
        for value in (patient["iin"], patient["last_name"], patient["first_name"], patient["phone"][2:]):
            assert value.lower() not in stored
        entries = json.dumps([e.changes for e in session.scalars(select(m.AuditEntry))], ensure_ascii=False)
        assert patient["iin"] not in entries and patient["last_name"] not in entries


def test_a_missing_lookups_file_is_an_empty_register_a_malformed_one_is_bad_input(db, tmp_path, make):
    package = make.valid()
    folder = make.lookups.write(tmp_path / "lookups")
    (folder / "bmg.json").unlink()
    outcome = Intake(db, load_registers(folder), RECEIVED).import_package(package, None, "p.json")
    assert outcome.codes == ["F006"]
    iin = package["patient"]["iin"]
    (folder / "gbdfl.json").write_text(json.dumps({iin: {"last_name": 5}}), encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_registers(folder)
    assert "gbdfl.json" in str(error.value) and "1.last_name" in str(error.value) and iin not in str(error.value)
    (folder / "gbdfl.json").write_text("[", encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_registers(folder)
    assert "cannot be read as JSON" in error.value.text("en")


def test_numbers_continue_after_acts_of_the_same_day_made_elsewhere(demo_db, tmp_path, make):
    with demo_db.session() as session:
        last = session.scalar(select(func.max(m.DraftAct.number)))
    day = datetime.strptime(last[:8], "%Y%m%d").replace(hour=11, tzinfo=KZ_TIME)
    make = samples.Samples(day.date(), seed=9)
    [outcome] = run_import(demo_db, tmp_path, make, make.valid(), received=day)
    assert outcome.act_number == f"{last[:8]}{int(last[8:]) + 1:06d}"
