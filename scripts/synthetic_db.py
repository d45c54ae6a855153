"""A synthetic centre database for benchmarks: a vocational school's years of data.

    python scripts/synthetic_db.py OUT.sqlite3 [--learners 5000] [--answers 1000000]

Learners in cohorts of 50 work through the bundled curriculum's real questions over two years:
a pre-test, practice in lesson order (better with each lesson), a post-test; answers spread
over training days. Written in one transaction with executemany, so a million rows take seconds.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ecom_trainer.assess.mastery import guess_lookup
from ecom_trainer.content.loader import load_curriculum
from ecom_trainer.paths import lessons_dir
from ecom_trainer.store.centre import set_up_centre
from ecom_trainer.store.db import open_database
from ecom_trainer.store.device import device_id
from ecom_trainer.store.summaries import refresh_stale

START = datetime(2024, 9, 2, 8, 0, tzinfo=UTC)


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def make_synthetic(path: Path, learners: int = 5000, answers: int = 1_000_000, seed: int = 7) -> Path:
    rng = random.Random(seed)
    curriculum = load_curriculum(lessons_dir())
    units: list[tuple[str, str, str, list]] = []  # (track, unit id, kind, questions) in course order
    for track in curriculum.tracks:
        units.append((track.id, f"{track.id}#pre_test", "pre_test", track.pre_test))
        for lesson_id in track.lesson_ids:
            lesson = curriculum.lessons.get(lesson_id)
            if lesson is not None:
                units.append((track.id, lesson.id, "practice", list(lesson.questions)))
        units.append((track.id, f"{track.id}#post_test", "post_test", track.post_test))
    per_learner = max(1, answers // learners)
    conn = open_database(path)
    set_up_centre(conn, "Synthetic vocational school", "2468")
    device = device_id(conn)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("PRAGMA defer_foreign_keys = ON")  # answers are written before their learners
    cohort_rows, learner_rows, member_rows, attempt_rows, progress_rows = [], [], [], [], []
    made = 0
    for n in range(learners):
        cohort = f"cohort-{n // 50:04d}"
        if n % 50 == 0:
            start = START + timedelta(days=7 * (n // 50) % 700)
            cohort_rows.append((cohort, f"Class {n // 50 + 1}", _stamp(start)[:10], device, _stamp(start)))
        learner = f"learner-{n:05d}"
        ability = rng.uniform(0.3, 0.9)
        learner_rows.append((learner, f"Learner {n + 1}", f"Village {n % 40 + 1}", learner, device,
                             _stamp(start), _stamp(start)))
        member_rows.append((cohort, learner, device, _stamp(start)))
        moment = start + timedelta(hours=rng.randint(0, 48))
        budget = per_learner if n < learners - 1 else answers - made
        while budget > 0:  # round after round through the course, as review and repeat classes
            for track_id, unit, kind, questions in units:
                if budget <= 0:
                    break
                chance = ability if kind != "post_test" else min(0.97, ability + 0.2)
                for q in questions[:budget]:
                    right = rng.random() < chance
                    moment += timedelta(seconds=rng.randint(20, 90))
                    attempt_rows.append((
                        f"{learner}-{made:07d}", learner, track_id, unit, q.id, kind,
                        "null", 1.0 if right else 0.0, int(right), json.dumps(list(q.skills)),
                        _stamp(moment), _stamp(moment), device))
                    made += 1
                    budget -= 1
                progress_rows.append((learner, unit, len(questions), "done", _stamp(moment), _stamp(moment)))
                ability = min(0.95, ability + 0.01)
                if rng.random() < 0.3:  # the next training day
                    moment += timedelta(days=rng.randint(1, 6))
        if len(attempt_rows) > 200_000:
            _flush(conn, attempt_rows)
    conn.executemany("INSERT INTO cohorts (id, name, starts_on, device_id, updated_at) VALUES (?, ?, ?, ?, ?)",
                     cohort_rows)
    conn.executemany("INSERT INTO learners (id, name, village, avatar, device_id, created_at, updated_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)", learner_rows)
    conn.executemany("INSERT INTO cohort_members (cohort_id, learner_id, device_id, updated_at) VALUES (?, ?, ?, ?)",
                     member_rows)
    _flush(conn, attempt_rows)
    conn.executemany("INSERT OR REPLACE INTO progress (learner_id, unit_id, position, status, updated_at, "
                     "completed_at) VALUES (?, ?, ?, ?, ?, ?)", progress_rows)
    conn.execute("COMMIT")
    # Written around record_attempt, so every learner starts stale: build the summaries once.
    conn.executemany("INSERT OR IGNORE INTO summary_stale VALUES (?)", ((r[0],) for r in learner_rows))
    refresh_stale(conn, guess_lookup(curriculum))
    conn.execute("ANALYZE")
    conn.close()
    return path


def _flush(conn, rows: list) -> None:
    conn.executemany(
        "INSERT INTO attempts (id, learner_id, track_id, lesson_id, question_id, kind, answer, score, "
        "correct, skills, started_at, answered_at, device_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows)
    rows.clear()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--learners", type=int, default=5000)
    parser.add_argument("--answers", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    if args.out.exists():
        print(f"{args.out} exists; choose a new file.", file=sys.stderr)
        return 1
    began = time.perf_counter()
    make_synthetic(args.out, args.learners, args.answers)
    print(f"{args.out}: {args.learners} learners, {args.answers} answers in {time.perf_counter() - began:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
