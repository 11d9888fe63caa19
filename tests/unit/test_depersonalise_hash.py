"""The expert's copy keeps an attachment's hash whole (the expert checks documents against ХЭД),
while digits alone, however long, are never taken for a hash."""

from app.services import depersonalise

NOTHING_PERSONAL = depersonalise.PersonalPattern([])


def test_hashes_stay_whole_and_iins_still_go():
    sha = "7f77ad5ec9b0ace24f098c4b2451ee7abec0e85872825002cc4498bd58ab39d3"
    copy = depersonalise.scrub({"sha256": sha, "note": f"ИИН 900515300127, файл {sha}"}, NOTHING_PERSONAL)
    assert copy["sha256"] == sha and sha in copy["note"] and "900515300127" not in copy["note"]
    assert not depersonalise.HASH_TOKEN.fullmatch("900515300127" * 3)  # digits alone are never a hash
