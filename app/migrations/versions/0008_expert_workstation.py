"""expert workstation: a draft act without a person, decisions sent from a laptop

Revision ID: 0008_expert_workstation
Revises: 0006_review
An expert's workstation holds the depersonalised acts assigned to that expert and no person
rows at all (§25.2): ``draft_act.person_id`` may be NULL.  The text index of draft acts then
joins the person with a LEFT JOIN, so an act without one is still found by its number and
diagnoses.  ``expert_decision.sent_at`` records when a decision made on the laptop left it for
the department (file or sync); NULL on a department's own decisions and on one not yet sent.

On SQLite changing a column rebuilds the table, which drops its triggers: those on
``draft_act`` or naming it are dropped first; the text-index ones are made again in their new
form, any other one as it was.

"""
from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa

import app.models.base


revision: str = '0008_expert_workstation'
down_revision: str | Sequence[str] | None = '0006_review'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("number", "person", "icd10", "diagnosis", "concomitant", "department")
PERSON_NAME = "p.last_name || ' ' || p.first_name || ' ' || p.middle_name || ' ' || p.iin"
ACT_TEXT = "number, person_id, department_id, diagnosis_main_icd10, diagnosis_main_text, concomitant_summary"
PERSON_TEXT = "last_name, first_name, middle_name, iin"


def _values(optional_person: bool) -> tuple[str, ...]:
    """Each indexed column's value, from draft_act a, person p, department d."""
    person = f"coalesce({PERSON_NAME}, '')" if optional_person else PERSON_NAME
    return ("a.number", person, "a.diagnosis_main_icd10", "a.diagnosis_main_icd10 || ' ' || a.diagnosis_main_text",
            "a.concomitant_summary", "coalesce(d.code, '')")


def _select(where: str, optional_person: bool, lower: bool = False) -> str:
    values = _values(optional_person)
    if lower:
        values = tuple(f"lower({value})" for value in values)
    join = "LEFT JOIN" if optional_person else "JOIN"
    return (f"SELECT a.id, {', '.join(values)} FROM draft_act a {join} person p ON p.id = a.person_id "
            f"LEFT JOIN department d ON d.id = a.department_id WHERE {where}")


def _sqlite_search_triggers(optional_person: bool) -> None:
    insert = f"INSERT INTO act_search (rowid, {', '.join(COLUMNS)}) "
    op.execute(f"""CREATE TRIGGER act_search_insert AFTER INSERT ON draft_act BEGIN
        {insert}{_select("a.id = NEW.id", optional_person)}; END""")
    op.execute(f"""CREATE TRIGGER act_search_update AFTER UPDATE OF {ACT_TEXT} ON draft_act BEGIN
        DELETE FROM act_search WHERE rowid = OLD.id;
        {insert}{_select("a.id = NEW.id", optional_person)}; END""")
    op.execute("""CREATE TRIGGER act_search_delete AFTER DELETE ON draft_act BEGIN
        DELETE FROM act_search WHERE rowid = OLD.id; END""")
    for table, key, changed in (("person", "person_id", PERSON_TEXT), ("department", "department_id", "code")):
        op.execute(f"""CREATE TRIGGER act_search_{table} AFTER UPDATE OF {changed} ON {table} BEGIN
            DELETE FROM act_search WHERE rowid IN (SELECT id FROM draft_act WHERE {key} = NEW.id);
            {insert}{_select(f"a.{key} = NEW.id", optional_person)}; END""")


def _postgresql_search_functions(optional_person: bool) -> None:
    columns = ", ".join(COLUMNS)
    upsert = (f"INSERT INTO act_search (act_id, {columns}) {{select}} ON CONFLICT (act_id) DO UPDATE SET "
              + ", ".join(f"{column} = EXCLUDED.{column}" for column in COLUMNS))
    for name, where in (("act", "a.id = NEW.id"), ("person", "a.person_id = NEW.id"),
                        ("department", "a.department_id = NEW.id")):
        select = _select(where, optional_person, lower=True)
        op.execute(f"""CREATE OR REPLACE FUNCTION act_search_{name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN {upsert.format(select=select)}; RETURN NULL; END $$""")


def _person_optional(nullable: bool) -> None:
    """draft_act.person_id NULL or NOT NULL, with the text index's triggers in the matching form."""
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":
        if not nullable:
            op.execute("DELETE FROM draft_act WHERE person_id IS NULL")
        op.alter_column('draft_act', 'person_id', existing_type=sa.Integer(), nullable=nullable)
        _postgresql_search_functions(nullable)
        return
    others = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND "
        "(tbl_name = 'draft_act' OR sql LIKE '%draft_act%')").all()
    for name, _sql in others:
        op.execute(f'DROP TRIGGER "{name}"')
    if not nullable:  # an expert's copy cannot stay without its person
        op.execute("DELETE FROM draft_act WHERE person_id IS NULL")
    with op.batch_alter_table('draft_act', schema=None) as batch_op:
        batch_op.alter_column('person_id', existing_type=sa.Integer(), nullable=nullable)
    _sqlite_search_triggers(nullable)
    for name, sql in others:
        if not name.startswith("act_search_"):
            op.execute(sql)


def upgrade() -> None:
    _person_optional(True)
    with op.batch_alter_table('expert_decision', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sent_at', app.models.base.UtcDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('expert_decision', schema=None) as batch_op:
        batch_op.drop_column('sent_at')
    _person_optional(False)
