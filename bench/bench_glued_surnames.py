"""False positives of the glued-surname rule (``app/services/glued_names.py``) on the medical text
the project has: the App 15 diagnoses (the seed's list, ``app/domain/data/app15.json``), the
sample complaints, anamneses and objective findings of intake and the demo, the Cyrillic text
of the test suite, and, given ``--seeds DIR``, the seeds' legal texts.

Every word of that text is scrubbed as the expert's copy would be for a person of each short
surname (Korean surnames common in Kazakhstan and the short ones of the project's name lists);
a word taken is a false positive.  Printed beside it: what searching the surname inside every
word (the rule for stems of five letters or more) would take.

    .venv/bin/python bench/bench_glued_surnames.py --seeds /path/to/seeds
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from app.domain import names
from app.services import depersonalise, glued_names, spellings
from app.services.intake import samples

ROOT = Path(__file__).resolve().parent.parent
KOREAN = ("Ли", "Ким", "Ан", "Ой", "Пак", "Цой", "Тен", "Хан", "Ни", "Шин", "Югай", "Тян", "Хе", "Нам", "Чой")
CYRILLIC_WORD = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]+")


def short_surnames() -> list[str]:
    listed = {*names.KK_SURNAMES_MALE, *names.KK_SURNAMES_FEMALE, *names.RU_SURNAMES_MALE, *names.RU_SURNAMES_FEMALE}
    short = sorted(s for s in listed if len(spellings.stem(s)) < depersonalise.MIN_GLUED)
    return [*KOREAN, *short]


def corpus(seeds: Path | None) -> dict[str, str]:
    app15 = json.loads((ROOT / "app/domain/data/app15.json").read_text(encoding="utf-8"))
    texts = {"App 15 diagnoses": json.dumps(app15, ensure_ascii=False),
             "intake and demo samples": " ".join([*samples.COMPLAINTS, *samples.ANAMNESIS, *samples.OBJECTIVE]),
             "the test suite": " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests").rglob("*.py"))
                                        if "attack" not in p.parts)}
    if seeds is not None:
        texts["the seeds"] = " ".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt")))
    return texts


def taken(surname: str, words: Counter) -> tuple[set[str], set[str]]:
    """(words the rule takes, words a search inside every word would take) for one surname."""
    rule = glued_names.GluedSurnames([depersonalise.fold(surname)])
    inside = depersonalise.fold(surname)
    by_rule = {w for w in words if any(rule.spans(w, depersonalise.fold(w)))
               and depersonalise.fold(w) not in glued_names.surname_forms(inside)}
    anywhere = {w for w in words if inside in depersonalise.fold(w) and depersonalise.fold(w) != inside}
    return by_rule, anywhere


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=Path, help="folder of the seeds' .txt files")
    args = parser.parse_args()
    surnames = short_surnames()
    print(f"{len(surnames)} short surnames: {', '.join(surnames)}")
    print(f"{'text':<26}{'words':>9}{'distinct':>10}{'rule: taken':>13}{'inside any word':>17}")
    for name, text in corpus(args.seeds).items():
        words = Counter(CYRILLIC_WORD.findall(text))
        by_rule, anywhere = set(), set()
        for surname in surnames:
            rule, inside = taken(surname, words)
            by_rule |= rule
            anywhere |= inside
        print(f"{name:<26}{sum(words.values()):>9}{len(words):>10}{len(by_rule):>13}{len(anywhere):>17}")
        if by_rule:
            print("   taken by the rule:", ", ".join(sorted(by_rule)[:30]))


if __name__ == "__main__":
    main()
