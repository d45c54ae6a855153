"""The training centre and its trainer PIN (kept only as a salted scrypt hash)."""

from __future__ import annotations

import math
import sqlite3
import time
from collections.abc import Callable
from typing import NamedTuple

from ecom_trainer.store.db import new_id, now, transaction
from ecom_trainer.store.device import device_id

# scrypt cost: ~50 ms here. Enough to make guessing a 4-6 digit PIN from a stolen file slow,
# cheap enough for a trainer typing it. The parameters are stored with each hash.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MIN_PIN, MAX_PIN = 4, 12
# Five wrong PINs lock the door for a minute. Kept in `settings` (this PC only, never merged)
# so that closing and restarting the program does not open it again.
MAX_TRIES, LOCK_SECONDS = 5, 60
FAILURES_KEY, LOCKED_UNTIL_KEY = "pin_failures", "pin_locked_until"


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


class PinCheck(NamedTuple):
    ok: bool
    locked_for: int  # seconds until another PIN may be tried; 0 when not locked
    tries_left: int  # wrong PINs still allowed before the lock


def _lock_state(conn: sqlite3.Connection) -> tuple[int, float]:
    values = dict(conn.execute("SELECT key, value FROM settings WHERE key IN (?, ?)",
                               (FAILURES_KEY, LOCKED_UNTIL_KEY)).fetchall())
    try:
        failures = int(values.get(FAILURES_KEY) or 0)
        locked_until = float(values.get(LOCKED_UNTIL_KEY) or 0)
    except ValueError:  # a damaged value must not open the door: count as one lock's worth
        return MAX_TRIES, 0.0
    return failures, locked_until


def _save_lock_state(conn: sqlite3.Connection, failures: int, locked_until: float) -> None:
    with transaction(conn):
        conn.executemany("INSERT INTO settings (key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                         [(FAILURES_KEY, str(failures)), (LOCKED_UNTIL_KEY, repr(locked_until))])


def pin_locked_for(conn: sqlite3.Connection, clock: Callable[[], float] = time.time) -> int:
    """Seconds (rounded up) until a PIN may be tried again; 0 when the door is not locked.
    Wall-clock time, as it must survive a restart; a clock set back cannot lengthen the lock
    beyond LOCK_SECONDS."""
    _failures, locked_until = _lock_state(conn)
    wait = min(locked_until - clock(), LOCK_SECONDS)
    return math.ceil(wait) if wait > 0 else 0


def try_pin(conn: sqlite3.Connection, pin: str, clock: Callable[[], float] = time.time) -> PinCheck:
    """Check a PIN at the trainer's door. While locked, no PIN is checked (not even the right
    one) and nothing is counted. The fifth wrong PIN in a row locks for LOCK_SECONDS."""
    locked = pin_locked_for(conn, clock)
    failures, locked_until = _lock_state(conn)
    if locked:
        if locked_until - clock() > LOCK_SECONDS:  # the clock was set back: count from now
            _save_lock_state(conn, failures, clock() + LOCK_SECONDS)
        return PinCheck(False, locked, 0)
    if locked_until and failures >= MAX_TRIES:  # a lock that has run out: a fresh start
        failures = 0
    if verify_pin(conn, pin):
        if failures or locked_until:
            _save_lock_state(conn, 0, 0.0)
        return PinCheck(True, 0, MAX_TRIES)
    failures += 1
    if failures >= MAX_TRIES:
        _save_lock_state(conn, failures, clock() + LOCK_SECONDS)
        return PinCheck(False, LOCK_SECONDS, 0)
    _save_lock_state(conn, failures, 0.0)
    return PinCheck(False, 0, MAX_TRIES - failures)
