"""Certificates of completion and their verification codes. Plain Python: the command line
checks a code without Qt.

A code is 10 Crockford base32 characters (50 bits) of an HMAC-SHA256 over the learner id, the
track and the date, keyed with a secret made on first use. Issued certificates are kept in the
`settings` table (one row per code, key "certificate:<CODE>", a JSON value), so a code can be
looked up and says whom it belongs to; the HMAC is checked again on lookup, so a row edited by
hand does not verify. Both live in this PC's database (and its backups): progress files do not
carry settings, so another PC cannot check this PC's codes (a `certificates` table that travels
needs a schema version).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import date

from ecom_trainer.reports.data import LearnerData, SkillResult, mastered
from ecom_trainer.store.db import transaction
from ecom_trainer.store.settings import get_setting

SECRET_KEY = "certificate_secret"
RECORD_PREFIX = "certificate:"
CODE_LENGTH = 10
# Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand is not misread.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


class CertificateRefused(ValueError):
    """The learner has not mastered every skill of the track; `missing` says which and how far."""

    def __init__(self, track_id: str, missing: tuple[SkillResult, ...]) -> None:
        self.track_id, self.missing = track_id, missing
        super().__init__(f"not every skill of {track_id} is mastered: "
                         + ", ".join(f"{s.skill_id} ({describe_mastery(s)})" for s in missing))


@dataclass(frozen=True)
class Certificate:
    code: str
    learner_id: str
    name: str
    avatar: str
    track_id: str
    track_title: str  # source-language text
    skills: tuple[tuple[str, str], ...]  # (skill id, source-language name)
    centre: str
    issued_on: date

    @property
    def display_code(self) -> str:
        return display_code(self.code)


def describe_mastery(s: SkillResult) -> str:
    m = s.mastery
    return (f"{m.recent_right} of the last {m.recent_total} right, "
            f"BKT {m.probability:.2f}")


def display_code(code: str) -> str:
    """ABCDE-FGHJK: two groups of five are easier to read and copy."""
    return f"{code[:5]}-{code[5:]}"


def normalize_code(text: str) -> str:
    """What a person typed, as a code: case, spaces and dashes ignored, O read as 0, I and L as 1."""
    return "".join(c for c in text.upper() if c not in " -\t").translate(_READ_AS)


def secret(conn: sqlite3.Connection) -> bytes:
    """The key of this centre's codes, made on first use. INSERT OR IGNORE first, then read: two
    processes making it at once end up with the same one."""
    stored = get_setting(conn, SECRET_KEY)
    if stored is None:
        with transaction(conn):
            conn.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)",
                         (SECRET_KEY, secrets.token_hex(32)))
        stored = get_setting(conn, SECRET_KEY)
    assert stored is not None
    return bytes.fromhex(stored)


def certificate_code(key: bytes, learner_id: str, track_id: str, issued_on: date) -> str:
    message = f"{learner_id}\n{track_id}\n{issued_on.isoformat()}".encode()
    digest = int.from_bytes(hmac.new(key, message, hashlib.sha256).digest()[:8], "big")
    digest >>= 64 - 5 * CODE_LENGTH  # the first 50 bits
    return "".join(ALPHABET[(digest >> (5 * i)) & 31] for i in reversed(range(CODE_LENGTH)))


def missing_skills(data: LearnerData, track_id: str) -> tuple[SkillResult, ...]:
    """The track's skills not mastered by both measures (all of them for an unknown track)."""
    track = data.track(track_id)
    if track is None:
        raise LookupError(f"no track {track_id}")
    if not track.skills:
        raise LookupError(f"track {track_id} has no skill with questions")
    return tuple(s for s in track.skills if not mastered(s.mastery))


def issue_certificate(conn: sqlite3.Connection, data: LearnerData, track_id: str,
                      today: date | None = None) -> Certificate:
    """A certificate when every skill of the track is mastered (else CertificateRefused), kept so
    its code can be checked later. The same learner, track and day give the same code."""
    missing = missing_skills(data, track_id)
    if missing:
        raise CertificateRefused(track_id, missing)
    track = data.track(track_id)
    assert track is not None
    issued_on = today or data.made_on
    code = certificate_code(secret(conn), data.learner_id, track_id, issued_on)
    certificate = Certificate(code, data.learner_id, data.name, data.avatar, track_id, track.title,
                              tuple((s.skill_id, s.name) for s in track.skills), data.centre, issued_on)
    record = {"learner_id": data.learner_id, "name": data.name, "track_id": track_id,
              "track_title": track.title, "centre": data.centre, "issued_on": issued_on.isoformat(),
              "skills": [list(s) for s in certificate.skills], "avatar": data.avatar}
    with transaction(conn):
        conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                     (RECORD_PREFIX + code, json.dumps(record, ensure_ascii=False)))
    return certificate


def verify_certificate(conn: sqlite3.Connection, text: str) -> Certificate | None:
    """The certificate a code belongs to, or None when this centre did not issue it."""
    code = normalize_code(text)
    if len(code) != CODE_LENGTH or any(c not in ALPHABET for c in code):
        return None
    raw = get_setting(conn, RECORD_PREFIX + code)
    stored_key = get_setting(conn, SECRET_KEY)
    if raw is None or stored_key is None:
        return None
    try:
        r = json.loads(raw)
        issued_on = date.fromisoformat(r["issued_on"])
        certificate = Certificate(code, r["learner_id"], r["name"], r.get("avatar", ""), r["track_id"],
                                  r["track_title"], tuple((s[0], s[1]) for s in r["skills"]),
                                  r["centre"], issued_on)
    except (ValueError, KeyError, TypeError, IndexError):
        return None
    expected = certificate_code(bytes.fromhex(stored_key), certificate.learner_id,
                                certificate.track_id, issued_on)
    return certificate if hmac.compare_digest(expected, code) else None


def issued_certificates(conn: sqlite3.Connection) -> list[Certificate]:
    """Every certificate issued here that still verifies, newest first."""
    found = []
    for (key,) in conn.execute("SELECT key FROM settings WHERE key LIKE ?", (RECORD_PREFIX + "%",)):
        certificate = verify_certificate(conn, key.removeprefix(RECORD_PREFIX))
        if certificate is not None:
            found.append(certificate)
    return sorted(found, key=lambda c: (c.issued_on, c.name), reverse=True)
