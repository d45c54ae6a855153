"""Benchmarks, as ratios against baselines measured in the same run (these machines are noisy).

    python scripts/bench.py [--runs N]

1. Cold start to a usable learner picker vs a bare PySide6 window (budget 1.3x).
2. Recording one answer durably vs a bare sqlite3 insert with the same pragmas (budget 1.5x).
3. Loading and validating the bundled curriculum, and 500 generated lessons (linear; < 1 s).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_WINDOW = """
from PySide6.QtWidgets import QApplication, QWidget
from PySide6.QtCore import QTimer
app = QApplication([])
w = QWidget(); w.resize(1366, 768); w.show()
def started():
    import time
    print(f"started {time.time():.6f}", flush=True)
    app.quit()
QTimer.singleShot(0, started)
app.exec()
"""


def timed(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning `cmd` to its "started <epoch>" line: the window is shown and the
    event loop has turned once. Interpreter teardown is not start-up, so it is not counted."""
    start = time.time()
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    stamp = next(line for line in out.splitlines() if line.startswith("started "))
    return float(stamp.split()[1]) - start


def bench_start(runs: int, tmp: Path) -> tuple[float, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "ECOM_TRAINER_EXIT_AFTER_START": "1", "ECOM_TRAINER_DATA": str(tmp)}
    # The real command a centre starts (the console script), not `python -m`, which adds runpy.
    script = Path(sys.executable).with_name("ecom-trainer")
    app = [str(script) if script.exists() else sys.executable, *([] if script.exists() else ["-m", "ecom_trainer"]), "--demo"]
    subprocess.run(app, env=env, check=True, capture_output=True)  # create and seed the demo db
    bare, ours = [], []
    for _ in range(runs):  # alternate, so drift affects both alike
        bare.append(timed([sys.executable, "-c", BARE_WINDOW], env))
        ours.append(timed(app, env))
    return statistics.median(bare), statistics.median(ours)


def bench_answer(n: int, tmp: Path) -> tuple[float, float]:
    from ecom_trainer.content import load_curriculum
    from ecom_trainer.paths import lessons_dir
    from ecom_trainer.session import LearnerSession
    from ecom_trainer.store.db import connect, open_database
    from ecom_trainer.store.learners import add_learner, get_learner

    raw = connect(tmp / "bare.sqlite3")
    raw.execute("CREATE TABLE t (id TEXT PRIMARY KEY, learner TEXT, answer TEXT, score REAL, at TEXT)")
    start = time.perf_counter()
    for i in range(n):
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("INSERT INTO t VALUES (?, 'l', '\"a\"', 1.0, 'now')", (str(i),))
        raw.execute("COMMIT")
    bare = (time.perf_counter() - start) / n
    conn = open_database(tmp / "app.sqlite3")
    curriculum = load_curriculum(lessons_dir())
    session = LearnerSession(conn, curriculum, get_learner(conn, add_learner(conn, "bench")))
    lesson = next(iter(curriculum.lessons.values()))
    unit = session.lesson_unit(lesson.id)
    position = len(unit.steps)
    answer = unit.item(position).answer
    start = time.perf_counter()
    for _ in range(n):
        session.answer(unit, position, answer)
    ours = (time.perf_counter() - start) / n
    return bare, ours


def bench_curriculum(tmp: Path) -> list[tuple[int, float]]:
    from ecom_trainer.content import load_curriculum
    from ecom_trainer.paths import lessons_dir

    results = []
    source = lessons_dir()
    sample = source / "listing-title"
    for size in (50, 200, 500):
        pack = tmp / f"pack{size}"
        shutil.copytree(source, pack)
        track_file = pack / "tracks" / "listing.yaml"
        names = []
        for i in range(size):
            name = f"gen-{i:04}"
            shutil.copytree(sample, pack / name)
            lesson = pack / name / "lesson.yaml"
            lesson.write_text(lesson.read_text().replace("id: listing-title", f"id: {name}", 1))
            names.append(name)
        text = track_file.read_text().replace("lessons: [", "lessons: [" + ", ".join(names) + ", ", 1)
        track_file.write_text(text)
        start = time.perf_counter()
        loaded = load_curriculum(pack)
        elapsed = time.perf_counter() - start
        assert not loaded.problems, loaded.problems[:3]
        results.append((len(loaded.lessons), elapsed))
    return results


def bench_bundle(tmp: Path, answers: int = 100_000) -> tuple[float, float, float, bool]:
    """(export s, first import s, repeat import s, repeat changed nothing) for `answers` answers."""
    from ecom_trainer.store.db import new_id, now, open_database, transaction
    from ecom_trainer.store.learners import add_learner
    from ecom_trainer.sync.bundle import export_bundle, import_bundle

    source = open_database(tmp / "bundle-source.sqlite3")
    learners = [add_learner(source, f"learner {i}") for i in range(50)]
    stamp = now()
    with transaction(source):
        source.executemany(
            "INSERT INTO attempts (id, learner_id, track_id, lesson_id, question_id, kind, answer, "
            "score, correct, skills, started_at, answered_at, device_id) "
            "VALUES (?, ?, 'listing', 'listing-title', ?, 'practice', '\"a\"', 1.0, 1, '[\"A2\"]', ?, ?, 'bench')",
            ((new_id(), learners[i % 50], f"q{i % 7}", stamp, stamp) for i in range(answers)))
    bundle = tmp / "bundle.zip"
    start = time.perf_counter()
    export_bundle(source, bundle)
    exported = time.perf_counter() - start
    target = open_database(tmp / "bundle-target.sqlite3")
    start = time.perf_counter()
    import_bundle(target, bundle)
    first = time.perf_counter() - start
    before = target.total_changes
    start = time.perf_counter()
    report = import_bundle(target, bundle)
    repeat = time.perf_counter() - start
    unchanged = target.total_changes == before and report.answers_added == 0
    return exported, first, repeat, unchanged


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        print(f"{'what':48} {'baseline':>10} {'ours':>10} {'ratio':>7} {'budget':>7}")

        def row(what: str, base: float, ours: float, budget: float, unit: str = "ms") -> None:
            nonlocal failed
            ratio = ours / base
            failed |= ratio > budget
            scale = 1000 if unit == "ms" else 1
            flag = "" if ratio <= budget else "  OVER BUDGET"
            print(f"{what:48} {base * scale:8.1f}{unit} {ours * scale:8.1f}{unit} {ratio:6.2f}x {budget:6.1f}x{flag}")

        bare, ours = bench_start(args.runs, tmp)
        row("cold start to learner picker (vs bare window)", bare, ours, 1.3)
        base, answer = bench_answer(300, tmp)
        row("record one answer durably (vs bare insert)", base, answer, 1.5)
        results = bench_curriculum(tmp)
        for lessons, seconds in results:
            print(f"{'load + validate ' + str(lessons) + ' lessons':48} {'':>10} {seconds * 1000:8.1f}ms"
                  f"  {seconds / lessons * 1e6:7.0f} µs/lesson")
        failed |= results[-1][1] >= 1.0
        exported, first, repeat, unchanged = bench_bundle(tmp)
        print(f"{'export a bundle of 100,000 answers':48} {'':>10} {exported * 1000:8.1f}ms")
        print(f"{'import it':48} {'':>10} {first * 1000:8.1f}ms")
        print(f"{'import it again':48} {'':>10} {repeat * 1000:8.1f}ms  "
              f"{'changed nothing' if unchanged else 'CHANGED ROWS'}")
        failed |= not unchanged
    print("within budget" if not failed else "OVER BUDGET")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
