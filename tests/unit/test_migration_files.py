"""Migration files are named in the order Alembic runs them: the n-th file of the folder, by name,
is the n-th revision of the one chain from the first to the head (revision ids never change)."""

from pathlib import Path

from alembic.script import ScriptDirectory

from app.storage import alembic_config

VERSIONS = Path(__file__).resolve().parents[2] / "app" / "migrations" / "versions"


def chain_in_order() -> list[str]:
    """The file names of the revisions from the first to the head; one head, one chain."""
    scripts = ScriptDirectory.from_config(alembic_config())
    assert len(scripts.get_heads()) == 1, f"more than one head: {scripts.get_heads()}"
    return [Path(revision.path).name for revision in reversed(list(scripts.walk_revisions()))]


def test_file_names_follow_the_chain():
    files = sorted(path.name for path in VERSIONS.glob("*.py"))
    assert chain_in_order() == files


def test_each_file_is_numbered_by_its_place_in_the_chain():
    assert [name[:4] for name in chain_in_order()] == [f"{n:04d}" for n in range(1, len(chain_in_order()) + 1)]
