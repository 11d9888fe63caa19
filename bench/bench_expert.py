"""Expert's workstation benchmark: the laptop's side of the file round trip.

1. ``receive_acts`` of a file of N depersonalised acts into an empty laptop database, then of the
   same file again (nothing changes);
2. N decisions made on the laptop (rules check, signature, one transaction each), then
   ``export_decisions`` + ``mark_sent`` of them.
Each as a ratio to a JSON round trip (``json.dumps`` + ``json.loads``) of the same document.
The acts are one expert's real export from a demonstration database, repeated under new numbers.

    .venv/bin/python bench/bench_expert.py [--acts 300]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from app.domain.clock import now_kz  # noqa: E402
from app.services import demo  # noqa: E402
from app.services.review import decisions, exchange, laptop  # noqa: E402
from app.storage import Database  # noqa: E402
from tests.expert_laptop import busiest_expert, lawful_decision  # noqa: E402


def timed(function) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def json_round_trip(document) -> float:
    """The baseline: the best of five round trips (one is too short to time on a busy machine)."""
    return min(timed(lambda: json.loads(json.dumps(document, ensure_ascii=False)))[0] for _ in range(5))


def acts_file(folder: Path, count: int) -> dict:
    """One expert's export, its acts repeated under new numbers and uids up to ``count``."""
    db = Database.open(data_dir=folder / "department")
    try:
        demo.generate(db, acts=300, experts=20, seed=4)
        expert_id = busiest_expert(db, at_least=1)
        with db.session() as session:
            document = exchange.export_for_expert(session, expert_id)
    finally:
        db.close()
    models = document["acts"]
    acts = []
    for index in range(count):
        entry = json.loads(json.dumps(models[index % len(models)]))
        entry["act"]["number"] = f"20991231{index:06d}"
        entry["act_uid"], entry["assignment"], entry["decisions"] = f"a{index:031d}", f"p{index:031d}", []
        acts.append(entry)
    return {**document, "acts": acts}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--acts", type=int, default=300)
    count = parser.parse_args().acts
    with tempfile.TemporaryDirectory() as folder:
        document = acts_file(Path(folder), count)
        laptop_db = Database.open(data_dir=Path(folder) / "laptop")
        try:
            rows = []
            for label in ("receive (new)", "receive (same file again)"):
                with laptop_db.session() as session:
                    seconds, _result = timed(lambda: laptop.receive_acts(session, document))
                rows.append((label, seconds, json_round_trip(document)))
            expert_id = document["expert_id"]

            def decide_all():
                for entry in document["acts"]:
                    with laptop_db.session() as session:
                        act = decisions.act_by_number(session, entry["act"]["number"])
                        decisions.submit(session, act, expert_id, lawful_decision(entry), now_kz(),
                                         confirm_warnings=True)
            seconds, _ = timed(decide_all)
            with laptop_db.session() as session:
                outgoing = laptop.export_decisions(session)
            rows.append(("decide on the laptop", seconds, json_round_trip(outgoing)))
            with laptop_db.session() as session:
                seconds, _ = timed(lambda: laptop.mark_sent(
                    session, [d["uid"] for d in laptop.export_decisions(session)["decisions"]], now_kz()))
            rows.append(("export_decisions + mark_sent", seconds, json_round_trip(outgoing)))
        finally:
            laptop_db.close()
    print(f"{count} acts, {len(outgoing['decisions'])} decisions")
    for label, seconds, baseline in rows:
        print(f"{label:32s} {seconds * 1000:9.1f} ms   ratio to JSON round trip {seconds / baseline:8.1f}")


if __name__ == "__main__":
    main()
