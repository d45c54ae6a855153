"""Pulling the plug: an answer acknowledged to the learner survives SIGKILL."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).parent


def run_and_kill(db: Path, after: int, delay: float = 0.0) -> list[str]:
    """Start the answer loop, read `after` acknowledgements, wait `delay` seconds (the kill then
    lands anywhere, often inside the next transaction), then SIGKILL it."""
    child = subprocess.Popen(
        [sys.executable, str(HERE / "answer_loop.py"), str(db), "100000"],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert child.stdout.readline().strip() == "ready"
    acknowledged = [child.stdout.readline().strip() for _ in range(after)]
    if delay:
        time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    return acknowledged


def check(db: Path, acknowledged: list[str]) -> None:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {r[0] for r in conn.execute("SELECT id FROM attempts")}
    missing = [a for a in acknowledged if a not in stored]
    assert not missing, f"{len(missing)} acknowledged answers lost"
    conn.close()


@pytest.mark.slow
def test_answer_survives_sigkill_right_after_acknowledgement(tmp_path):
    db = tmp_path / "crash.sqlite3"
    acknowledged = run_and_kill(db, after=1)
    check(db, acknowledged)


KILLS = 100


@pytest.mark.slow
def test_a_hundred_kills_at_random_moments_lose_nothing(tmp_path):
    rng = random.Random(96110)
    db = tmp_path / "crash.sqlite3"
    everything: list[str] = []
    for _ in range(KILLS):
        everything += run_and_kill(db, after=rng.randint(1, 20), delay=rng.uniform(0, 0.015))
        check(db, everything)  # every acknowledged answer so far, and integrity_check ok
    assert len(everything) >= KILLS
