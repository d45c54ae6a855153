"""Certificates: only for a track whose every skill is mastered, with a code that this centre
can check and that fails when any character is changed."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ecom_trainer.reports.certificates import (
    ALPHABET,
    CODE_LENGTH,
    SECRET_KEY,
    CertificateRefused,
    certificate_code,
    issue_certificate,
    issued_certificates,
    normalize_code,
    verify_certificate,
)
from ecom_trainer.reports.data import learner_data
from ecom_trainer.store.settings import get_setting

DAY = date(2026, 11, 29)


def issue(db, curriculum, learner, track="listing"):
    return issue_certificate(db, learner_data(db, curriculum, learner, DAY), track)


def test_refused_while_a_skill_is_not_mastered_with_the_reason(db, curriculum, centre):
    with pytest.raises(CertificateRefused) as refused:
        issue(db, curriculum, centre["孙大山"])
    assert [s.skill_id for s in refused.value.missing] == ["A2"]
    assert "A2" in str(refused.value) and "of the last 5 right" in str(refused.value)
    assert get_setting(db, SECRET_KEY) is None  # nothing issued, nothing stored
    with pytest.raises(CertificateRefused):
        issue(db, curriculum, centre["吴春梅"])  # only a first quiz: nothing mastered
    with pytest.raises(LookupError):
        issue(db, curriculum, centre["周玉兰"], track="no-such-track")


def test_issued_code_verifies_and_says_whose_it_is(db, curriculum, centre):
    certificate = issue(db, curriculum, centre["周玉兰"])
    assert len(certificate.code) == CODE_LENGTH and set(certificate.code) <= set(ALPHABET)
    assert certificate.issued_on == DAY and certificate.name == "周玉兰"
    assert [s for s, _ in certificate.skills] == [s.skill_id for s in
                                                 learner_data(db, curriculum, centre["周玉兰"]).track("listing").skills]
    found = verify_certificate(db, certificate.code)
    assert found == certificate
    # as a person types it: lower case, with the dash, O for 0 and l for 1
    typed = certificate.display_code.lower().replace("0", "o").replace("1", "l")
    assert verify_certificate(db, typed) == certificate
    assert issued_certificates(db) == [certificate]
    # the same learner, track and day: the same code, one record
    assert issue(db, curriculum, centre["周玉兰"]).code == certificate.code
    assert len(issued_certificates(db)) == 1


def test_a_changed_character_fails(db, curriculum, centre):
    code = issue(db, curriculum, centre["周玉兰"]).code
    for i in range(CODE_LENGTH):
        other = ALPHABET[(ALPHABET.index(code[i]) + 7) % len(ALPHABET)]
        assert verify_certificate(db, code[:i] + other + code[i + 1:]) is None
    assert verify_certificate(db, code[:-1]) is None
    assert verify_certificate(db, "") is None and verify_certificate(db, "!!!!!!!!!!") is None


def test_an_edited_record_does_not_verify(db, curriculum, centre):
    certificate = issue(db, curriculum, centre["周玉兰"])
    key = "certificate:" + certificate.code
    record = json.loads(get_setting(db, key))
    record["learner_id"] = centre["孙大山"]  # someone moves the certificate to another learner
    db.execute("UPDATE settings SET value = ? WHERE key = ?", (json.dumps(record), key))
    assert verify_certificate(db, certificate.code) is None


def test_the_code_depends_on_learner_track_date_and_secret():
    key = bytes(32)
    base = certificate_code(key, "L1", "listing", DAY)
    assert certificate_code(key, "L1", "listing", DAY) == base
    assert len({base, certificate_code(key, "L2", "listing", DAY), certificate_code(key, "L1", "live", DAY),
                certificate_code(key, "L1", "listing", date(2026, 11, 30)),
                certificate_code(bytes([1]) * 32, "L1", "listing", DAY)}) == 5
    assert normalize_code(" abcde-fghjk ") == "ABCDEFGHJK"


def test_the_secret_is_made_once(db, curriculum, centre):
    issue(db, curriculum, centre["周玉兰"])
    first = get_setting(db, SECRET_KEY)
    issue(db, curriculum, centre["周玉兰"])
    assert get_setting(db, SECRET_KEY) == first and len(bytes.fromhex(first)) == 32
