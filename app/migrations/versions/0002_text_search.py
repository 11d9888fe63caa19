"""text search index of draft acts

Revision ID: 0002_text_search
Revises: 0001
The texts the lists filter on (act number, the person's name and IIN, diagnoses, department
code) in a table of their own with a trigram index: an FTS5 table with the ``trigram``
tokenizer on SQLite, a table with a ``pg_trgm`` GIN index on PostgreSQL.  Database triggers
keep it in step with ``draft_act``, ``person`` and ``department``, whoever writes them.
Also indexes the due dates of acts and appeals.
The table is not a model (``app.models.base.TRIGGER_KEPT_TABLES``).

"""
from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0002_text_search'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("number", "person", "icd10", "diagnosis", "concomitant", "department")
# the value of each column, from draft_act a, person p, department d
VALUES = (
    "a.number",
    "p.last_name || ' ' || p.first_name || ' ' || p.middle_name || ' ' || p.iin",
    "a.diagnosis_main_icd10",
    "a.diagnosis_main_icd10 || ' ' || a.diagnosis_main_text",
    "a.concomitant_summary",
    "coalesce(d.code, '')",
)
# an act waits without a department while none of its region is known (intake): LEFT JOIN
SOURCE = "draft_act a JOIN person p ON p.id = a.person_id LEFT JOIN department d ON d.id = a.department_id"
ACT_TEXT = "number, person_id, department_id, diagnosis_main_icd10, diagnosis_main_text, concomitant_summary"
PERSON_TEXT = "last_name, first_name, middle_name, iin"


def _select(where: str, lower: bool = False) -> str:
    values = [f"lower({value})" for value in VALUES] if lower else VALUES
    return f"SELECT a.id, {', '.join(values)} FROM {SOURCE} WHERE {where}"


def _sqlite_upgrade() -> None:
    columns = ", ".join(COLUMNS)
    insert = f"INSERT INTO act_search (rowid, {columns}) "
    op.execute(f"CREATE VIRTUAL TABLE act_search USING fts5({columns}, tokenize='trigram')")
    op.execute(insert + _select("1 = 1"))
    op.execute(f"""CREATE TRIGGER act_search_insert AFTER INSERT ON draft_act BEGIN
        {insert}{_select("a.id = NEW.id")}; END""")
    op.execute(f"""CREATE TRIGGER act_search_update AFTER UPDATE OF {ACT_TEXT} ON draft_act BEGIN
        DELETE FROM act_search WHERE rowid = OLD.id;
        {insert}{_select("a.id = NEW.id")}; END""")
    op.execute("""CREATE TRIGGER act_search_delete AFTER DELETE ON draft_act BEGIN
        DELETE FROM act_search WHERE rowid = OLD.id; END""")
    for table, key, changed in (("person", "person_id", PERSON_TEXT), ("department", "department_id", "code")):
        op.execute(f"""CREATE TRIGGER act_search_{table} AFTER UPDATE OF {changed} ON {table} BEGIN
            DELETE FROM act_search WHERE rowid IN (SELECT id FROM draft_act WHERE {key} = NEW.id);
            {insert}{_select(f"a.{key} = NEW.id")}; END""")


def _postgresql_upgrade() -> None:
    columns = ", ".join(COLUMNS)
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute("CREATE TABLE act_search (act_id integer PRIMARY KEY REFERENCES draft_act (id) ON DELETE CASCADE, "
               + ", ".join(f"{column} text NOT NULL" for column in COLUMNS) + ")")
    op.execute(f"INSERT INTO act_search (act_id, {columns}) " + _select("true", lower=True))
    op.execute("CREATE INDEX ix_act_search_trigram ON act_search USING gin ("
               + ", ".join(f"{column} gin_trgm_ops" for column in COLUMNS) + ")")
    upsert = (f"INSERT INTO act_search (act_id, {columns}) {{select}} ON CONFLICT (act_id) DO UPDATE SET "
              + ", ".join(f"{column} = EXCLUDED.{column}" for column in COLUMNS))
    for name, where in (("act", "a.id = NEW.id"), ("person", "a.person_id = NEW.id"),
                        ("department", "a.department_id = NEW.id")):
        op.execute(f"""CREATE FUNCTION act_search_{name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN {upsert.format(select=_select(where, lower=True))}; RETURN NULL; END $$""")
    op.execute(f"CREATE TRIGGER act_search_act AFTER INSERT OR UPDATE OF {ACT_TEXT} ON draft_act "
               "FOR EACH ROW EXECUTE FUNCTION act_search_act()")
    op.execute(f"CREATE TRIGGER act_search_person AFTER UPDATE OF {PERSON_TEXT} ON person "
               "FOR EACH ROW EXECUTE FUNCTION act_search_person()")
    op.execute("CREATE TRIGGER act_search_department AFTER UPDATE OF code ON department "
               "FOR EACH ROW EXECUTE FUNCTION act_search_department()")


def upgrade() -> None:
    for table in ("draft_act", "appeal"):  # what is overdue, counted and filtered
        with op.batch_alter_table(table) as batch_op:
            batch_op.create_index(f"ix_{table}_due_at", ["due_at"], unique=False)
    if op.get_context().dialect.name == "postgresql":
        _postgresql_upgrade()
    else:
        _sqlite_upgrade()


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        for name, table in (("act", "draft_act"), ("person", "person"), ("department", "department")):
            op.execute(f"DROP TRIGGER act_search_{name} ON {table}")
            op.execute(f"DROP FUNCTION act_search_{name}()")
    else:
        for name in ("insert", "update", "delete", "person", "department"):
            op.execute(f"DROP TRIGGER act_search_{name}")
    op.execute("DROP TABLE act_search")
    for table in ("draft_act", "appeal"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_index(f"ix_{table}_due_at")
