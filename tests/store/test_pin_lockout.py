"""Five wrong PINs lock the trainer's door for a minute, and the lock is kept in the database:
closing and restarting the program does not open it. A fake clock drives the time."""

from __future__ import annotations

import pytest

from ecom_trainer.store.centre import (
    LOCK_SECONDS,
    MAX_TRIES,
    pin_locked_for,
    set_up_centre,
    try_pin,
)
from ecom_trainer.store.db import open_database
from ecom_trainer.store.settings import set_setting

PIN = "4321"


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def centre(db):
    set_up_centre(db, "芳畈镇培训点", PIN)
    return db


def test_four_wrong_pins_count_down_and_the_right_one_resets_the_count(centre):
    clock = Clock()
    left = [try_pin(centre, "0000", clock).tries_left for _ in range(MAX_TRIES - 1)]
    assert left == [4, 3, 2, 1]
    assert try_pin(centre, PIN, clock).ok
    assert try_pin(centre, "0000", clock).tries_left == MAX_TRIES - 1  # counted from zero again


def test_the_fifth_wrong_pin_locks_even_the_right_one_out_for_a_minute(centre):
    clock = Clock()
    for _ in range(MAX_TRIES - 1):
        try_pin(centre, "0000", clock)
    fifth = try_pin(centre, "0000", clock)
    assert not fifth.ok and fifth.locked_for == LOCK_SECONDS == 60
    clock.now += 59.5
    check = try_pin(centre, PIN, clock)
    assert not check.ok and check.locked_for == 1  # rounded up: never "0 seconds"
    clock.now += 0.5
    assert pin_locked_for(centre, clock) == 0
    assert try_pin(centre, PIN, clock).ok


def test_a_lock_that_ran_out_gives_five_fresh_tries(centre):
    clock = Clock()
    for _ in range(MAX_TRIES):
        try_pin(centre, "0000", clock)
    clock.now += LOCK_SECONDS
    assert try_pin(centre, "0000", clock).tries_left == MAX_TRIES - 1


def test_the_lock_survives_a_restart(centre, tmp_path):
    clock = Clock()
    for _ in range(MAX_TRIES):
        try_pin(centre, "0000", clock)
    centre.close()  # the program is closed...
    reopened = open_database(tmp_path / "test.sqlite3")  # ...and started again 20 s later
    clock.now += 20
    assert pin_locked_for(reopened, clock) == 40
    assert not try_pin(reopened, PIN, clock).ok
    reopened.close()


def test_wrong_pins_before_a_restart_still_count_after_it(centre, tmp_path):
    clock = Clock()
    for _ in range(MAX_TRIES - 1):
        try_pin(centre, "0000", clock)
    centre.close()
    reopened = open_database(tmp_path / "test.sqlite3")
    assert try_pin(reopened, "0000", clock).locked_for == LOCK_SECONDS
    reopened.close()


def test_a_clock_set_back_cannot_lengthen_the_lock(centre):
    clock = Clock()
    for _ in range(MAX_TRIES):
        try_pin(centre, "0000", clock)
    clock.now -= 86_400  # someone set the PC's clock a day back
    assert pin_locked_for(centre, clock) == LOCK_SECONDS
    try_pin(centre, PIN, clock)  # the lock is counted again from now
    clock.now += LOCK_SECONDS
    assert try_pin(centre, PIN, clock).ok


def test_a_damaged_lock_record_does_not_open_the_door(centre):
    clock = Clock()
    set_setting(centre, "pin_failures", "lots")
    check = try_pin(centre, "0000", clock)
    assert not check.ok and check.locked_for == LOCK_SECONDS
