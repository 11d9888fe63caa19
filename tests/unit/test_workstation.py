import pytest

from app.errors import UserError
from app.services import workstation


def test_first_start_needs_setup_and_setup_remembers_department(db):
    with db.session() as session:
        assert workstation.needs_setup(session)
        workstation.setup_department(session, region_code="75", number=3, address="Абай даңғылы, 10",
                                     head_name="Сейтқали Айгүл", user_name="Нұрлан")
    with db.session() as session:
        assert not workstation.needs_setup(session)
        settings = workstation.settings(session)
        assert (settings.department_code, settings.user_name) == ("75-03", "Нұрлан")
        assert settings.department(session).head_name == "Сейтқали Айгүл"


@pytest.mark.parametrize("changes, message", [
    ({"region_code": "00"}, "region"),
    ({"number": 0}, "between 1 and 99"),
    ({"head_name": "  "}, "head"),
    ({"user_name": ""}, "your name"),
])
def test_bad_setup_is_refused_and_changes_nothing(db, changes, message):
    values = dict(region_code="75", number=1, address="", head_name="Head", user_name="User") | changes
    with pytest.raises(UserError) as caught:
        with db.session() as session:
            workstation.setup_department(session, **values)
    assert message in caught.value.text("en")
    assert caught.value.text("ru") != caught.value.text("en")  # the user reads it in their language
    with db.session() as session:
        assert workstation.needs_setup(session)


def test_user_error_is_translated():
    error = UserError("The department number must be between 1 and 99, not {number}.", number=120)
    assert "120" in error.text("ru") and "120" in error.text("kk")
