"""The training centre and its trainer PIN (kept only as a salted scrypt hash)."""

from __future__ import annotations

import sqlite3

from ecom_trainer.store.db import new_id, now, transaction
from ecom_trainer.store.device import device_id

# scrypt cost: ~50 ms here. Enough to make guessing a 4-6 digit PIN from a stolen file slow,
# cheap enough for a trainer typing it. The parameters are stored with each hash.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MIN_PIN, MAX_PIN = 4, 12


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    import hashlib  # imported here: OpenSSL's load is not needed to show the learner picker
    import secrets

    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def check_pin_hash(pin: str, stored: str) -> bool:
    import hashlib
    import hmac

    try:
        algo, n, r, p, salt, digest = stored.split("$")
        if algo != "scrypt":
            return False
        got = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(digest) // 2)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got.hex(), digest)


def valid_pin(pin: str) -> bool:
    return pin.isdigit() and MIN_PIN <= len(pin) <= MAX_PIN


def centre_name(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT name FROM centres ORDER BY updated_at LIMIT 1").fetchone()
    return row[0] if row else None


def centre_id(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT id FROM centres ORDER BY updated_at LIMIT 1").fetchone()
    return row[0] if row else None


def is_set_up(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM trainers LIMIT 1").fetchone() is not None


def set_up_centre(conn: sqlite3.Connection, name: str, pin: str, trainer_name: str = "") -> str:
    """First start: name the centre and set the trainer PIN. Returns the centre id."""
    if not name.strip():
        raise ValueError("the centre needs a name")
    if not valid_pin(pin):
        raise ValueError(f"the PIN must be {MIN_PIN} to {MAX_PIN} digits")
    cid, device, stamp = new_id(), device_id(conn), now()
    pin_hash = hash_pin(pin)
    with transaction(conn):
        conn.execute("INSERT INTO centres (id, name, device_id, updated_at) VALUES (?, ?, ?, ?)",
                     (cid, name.strip(), device, stamp))
        conn.execute(
            "INSERT INTO trainers (id, centre_id, name, pin_hash, device_id, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (new_id(), cid, trainer_name.strip(), pin_hash, device, stamp))
    return cid


def verify_pin(conn: sqlite3.Connection, pin: str) -> bool:
    rows = conn.execute("SELECT pin_hash FROM trainers").fetchall()
    return any(check_pin_hash(pin, r[0]) for r in rows)
