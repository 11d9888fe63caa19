"""Consolidation of three decisions (§44-48, docs/domain.md §2.5), as a table written from the seed
before the code ran: each row is three decisions (roles head, specialist, specialist), the
route, how many agree and which decision stands."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from app.domain.review import consolidate, differences, documents_due
from app.errors import UserError

ROLES = ["head", "specialist", "specialist"]


def c(group="II", cause="general_disease", term="1y", uot=None, upt=None, medical="", **extra):
    """A conclusion (docs/interfaces.md §3)."""
    return {"outcome": "conclusion", "group": group, "cause": cause, "term": term, "uot_percent": uot,
            "upt_percent": upt, "restrictions": {"mobility": 2}, "recommendations": {"medical": medical}, **extra}


def mark(outcome, *reasons):
    return {"outcome": outcome, "reasons": list(reasons)}


PQ = mark("poor_quality", "no_lab_data")
PQ2 = mark("poor_quality", "unreliable_documents")
MM = mark("mismatch", "purpose_mismatch")
MM2 = mark("mismatch", "lab_vs_severity")
UJ = mark("unjustified", "no_grounds_primary")
UJ2 = mark("unjustified", "examined_within_2_months")

# (name, decisions, route, agreeing, index of the decision that stands or None)
TABLE = [
    # §44: two or three "poorly completed"
    ("three poor quality", [PQ, PQ, PQ2], "rejected_poor_quality", 3, "mark"),
    ("two poor quality, one conclusion", [PQ, c(), PQ2], "rejected_poor_quality", 2, "mark"),
    ("two poor quality, one mismatch", [PQ, MM, PQ], "rejected_poor_quality", 2, "mark"),
    ("one poor quality is not enough: two equal conclusions stand", [PQ, c(), c()], "concluded", 2, 1),
    # §45: two or three mismatch marks
    ("three mismatch", [MM, MM2, MM], "in_person", 3, None),
    ("two mismatch, one conclusion", [c(), MM, MM2], "in_person", 2, None),
    ("two mismatch, one poor quality", [MM, PQ, MM], "in_person", 2, None),
    ("one mismatch is not enough: two equal conclusions stand", [MM, c("III"), c("III")], "concluded", 2, 1),
    # §45: 1/1/1 by group
    ("three groups I/II/III", [c("I"), c("II"), c("III")], "in_person", 1, None),
    ("three categories of a child 7-18", [c("child_I", "child_7_18"), c("child_II", "child_7_18"),
                                          c("child_III", "child_7_18")], "in_person", 1, None),
    ("not established is a group of its own", [c("none", None, None), c("II"), c("III")], "in_person", 1, None),
    # §47: 1/1/1, same group
    ("same group, three terms", [c(term="1y"), c(term="2y"), c(term="5y")], "head_decides", 1, None),
    ("same group, three causes", [c(cause="general_disease"), c(cause="since_childhood"),
                                  c(cause="ecological")], "head_decides", 1, None),
    # §47 "за исключением случаев несовпадения групп инвалидности": two experts who conclude on different
    # groups disagree on the group whatever the third marked, so the head-expert may not conclude and §45
    # "а также в случаях несовпадения экспертных решений по группе инвалидности (1/1/1)" sends it in person
    ("a mismatch mark with groups II and III", [MM, c("II"), c("III")], "in_person", 1, None),
    ("two groups and an unjustified mark", [c("II"), c("III"), UJ], "in_person", 1, None),
    ("two groups and a poor-quality mark", [c("III"), PQ, c("II")], "in_person", 1, None),
    ("mixed marks, one of each", [PQ, MM, UJ], "head_decides", 1, None),
    ("one mark of each kind beside a conclusion", [c(), PQ, MM], "head_decides", 1, None),
    ("same group, УОТ differs", [c(uot=40), c(uot=50), c(uot=60)], "head_decides", 1, None),
    # otherwise: two or three agree
    ("three equal conclusions", [c(), c(), c()], "concluded", 3, 0),
    ("equal except recommendations", [c(medical="ЛФК"), c(medical="массаж"), c(medical="")], "concluded", 3, 0),
    ("equal except restrictions and prognosis", [c(), {**c(), "restrictions": {"mobility": 2, "self_care": 1},
                                                       "rehab_prognosis": "doubtful"}, c("III")], "concluded", 2, 0),
    ("two specialists agree, the head differs in term", [c(term="2y"), c(), c()], "concluded", 2, 1),
    ("two agree on not established", [c("none", None, None), c("none", None, None), c("III")], "concluded", 2, 0),
    ("two unjustified marks with other reasons agree", [UJ, UJ2, c()], "concluded", 2, "mark"),
    ("two agree, УОТ equal", [c(uot=60), c(uot=60), c(uot=70)], "concluded", 2, 0),
    ("two agree, the head dissents by УОТ only", [c(uot=70), c(uot=60), c(uot=60)], "concluded", 2, 1),
    ("outcome missing means conclusion", [{k: v for k, v in c().items() if k != "outcome"}, c(), c("I")],
     "concluded", 2, 0),
]


@pytest.mark.parametrize(("name", "decisions", "route", "agreeing", "stands"), TABLE, ids=[row[0] for row in TABLE])
def test_consolidation_table(name, decisions, route, agreeing, stands):
    result = consolidate(decisions, ROLES)
    assert (result.route, result.agreeing) == (route, agreeing)
    if stands is None:
        assert result.decision is None
    elif stands == "mark":
        assert result.decision["outcome"] in ("poor_quality", "unjustified")
        assert set(result.decision["reasons"]) == {r for d in decisions if d["outcome"] == result.decision["outcome"]
                                                   for r in d["reasons"]}
    else:
        assert result.decision == decisions[stands]


def test_table_is_large_enough():
    assert len(TABLE) >= 25


def test_the_head_s_decision_stands_among_agreeing_ones_whatever_its_place():
    head_last = consolidate([c(medical="a"), c(medical="b"), c(medical="head")], ["specialist", "specialist", "head"])
    assert head_last.decision["recommendations"] == {"medical": "head"}


@pytest.mark.parametrize("roles", [["head", "head", "specialist"], ["specialist"] * 3, ["head", "specialist"],
                                   ["head", "specialist", "boss"], "head"])
def test_roles_must_be_one_head_and_two_specialists(roles):
    with pytest.raises(UserError):
        consolidate([c(), c(), c()], roles)


@pytest.mark.parametrize("decisions", [[c(), c()], [c(), c(), c(), c()], [c(), c(), {"group": "IV"}],
                                       [c(), c(), "II"]])
def test_bad_decisions_are_refused(decisions):
    with pytest.raises(UserError):
        consolidate(decisions, ROLES)


def test_differences_field_by_field():
    diff = differences([c(term="1y", medical="a"), c(term="2y", medical="a"), c(term="1y", medical="a")])
    assert diff["term"] and not diff["group"] and not diff["recommendations"]


def test_documents_of_section_51():
    assert documents_due(c(uot=60, social="x"), kind="primary") == ["disability-certificate", "uot-certificate"]
    with_social = {**c(), "recommendations": {"social": "x", "professional": "y"}}
    assert documents_due(with_social, kind="repeat") == ["disability-certificate", "ipr-social-extract",
                                                        "ipr-professional-extract"]
    assert documents_due(c("none", None, None), kind="repeat") == ["non-establishment-notice"]  # §51.7
    assert documents_due(c("none", None, None), kind="primary") == []
    assert documents_due(UJ, kind="primary") == []


def test_command_prints_interfaces_format(tmp_path, capsys):
    path = tmp_path / "three.json"
    path.write_text(json.dumps({"decisions": [c(), c(), c("I")], "expert_roles": ROLES}), encoding="utf-8")
    assert main(["consolidate", str(path)]) == 0
    assert json.loads(capsys.readouterr().out) == {"route": "concluded", "decision": c(), "agreeing": 2}


@pytest.mark.parametrize("payload", [[], {"decisions": [c(), c(), c()]}, {"expert_roles": ROLES},
                                     {"decisions": "x", "expert_roles": ROLES}])
def test_command_bad_input_is_one_line(tmp_path, capsys, payload):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    assert main(["consolidate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_file_with_a_byte_order_mark_is_read(tmp_path, capsys):
    path = tmp_path / "bom.json"
    path.write_text(json.dumps({"decisions": [c(), c(), c()], "expert_roles": ROLES}), encoding="utf-8-sig")
    assert main(["consolidate", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["agreeing"] == 3
