"""Every performance budget of DESIGN.md, each against a baseline measured in the same run (these
machines are shared and noisy: only ratios compare across runs), at three sizes or more.

    python scripts/bench.py [--runs N] [--cache DIR] [--only start,answer,dashboard,lessons,bundle]

1. Cold start to a usable learner picker vs a bare PySide6 window (budget 1.3x).
2. Recording one answer durably, summaries included, vs a bare durable INSERT (budget 1.5x).
3. The trainer dashboard's data vs one hand-written aggregate over all answers (budget 1.5x).
4. Loading and validating 500 generated lessons (linear in lessons; DESIGN: well under a second,
   checked as < 1 s) vs parsing the same files with PyYAML's C parser.
5. Importing a bundle of 100,000 answers (DESIGN: well under a second, checked as < 1 s) vs
   executemany of its answers into the same schema.

Synthetic centres (scripts/synthetic_db.py) and their bundles are made once and kept in --cache,
named by a digest of the code that shapes them, so a rerun starts measuring at once. Exit status 1
when anything is over budget. docs/performance.md explains the figures.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

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

# The same window, stopped once its first frame is painted (context for the line above: the
# budget's mark comes before either program paints anything).
BARE_WINDOW_PAINTED = """
from PySide6.QtWidgets import QApplication, QWidget
from PySide6.QtCore import QEvent, QObject, QTimer
app = QApplication([])
w = QWidget(); w.resize(1366, 768)
def started():
    import time
    print(f"started {time.time():.6f}", flush=True)
    app.quit()
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            w.removeEventFilter(self)
            QTimer.singleShot(0, started)
        return False
first_paint = FirstPaint()
w.installEventFilter(first_paint)
w.show()
app.exec()
"""

CENTRES = ((500, 100_000), (2_000, 400_000), (5_000, 1_000_000))  # (learners, answers); the last is DESIGN's
BUNDLES = ((10, 1_000), (50, 10_000), (500, 100_000))
LESSON_COUNTS = (50, 200, 500)  # generated lessons, added to the bundled ones
SECTIONS = ("start", "answer", "dashboard", "lessons", "bundle")


@dataclass
class Result:
    what: str  # the measure; its rows (sizes) share it
    size: str
    n: int  # the size as a number, for the growth table
    base: float  # seconds
    ours: float
    baseline: str
    budget: float | None = None  # the largest ratio allowed
    limit: float | None = None  # the largest time allowed, in seconds, at this size
    per_item: bool = False  # must grow linearly: time per item at most 1.5x that of the smallest size

    @property
    def ratio(self) -> float:
        return self.ours / self.base

    @property
    def over(self) -> bool:
        return ((self.budget is not None and self.ratio > self.budget)
                or (self.limit is not None and self.ours > self.limit))

    @property
    def judged(self) -> bool:
        return self.budget is not None or self.limit is not None


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def seconds(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def paired(base: Callable[[], object], ours: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median seconds of each, run alternately so that the machine's changing load hits both."""
    b, o = [], []
    for _ in range(runs):
        b.append(seconds(base))
        o.append(seconds(ours))
    return statistics.median(b), statistics.median(o)


def label(learners: int, answers: int) -> str:
    return f"{learners:,} learners, {answers // 1000:,}k answers"


# ---------------------------------------------------------------- synthetic data, cached

def cache_key(bundles: bool = False) -> str:
    """Changes with the code that shapes the synthetic centres (and, for bundles, their format)."""
    from ecom_trainer.store.db import SCHEMA_VERSION

    digest = hashlib.sha256(str(SCHEMA_VERSION).encode())
    parts = ["scripts/synthetic_db.py", "src/ecom_trainer/store/migrations.py", "src/ecom_trainer/store/summaries.py"]
    for part in parts + (["src/ecom_trainer/sync/bundle.py"] if bundles else []):
        digest.update((ROOT / part).read_bytes())
    return digest.hexdigest()[:10]


def tidy_cache(cache: Path) -> None:
    """Remove what older code made: it is never used again."""
    keys = {"centre": cache_key(), "bundle": cache_key(bundles=True)}
    for file in cache.glob("*"):
        if file.is_file() and keys.get(file.name.split("-")[0], "?") not in file.name:
            file.unlink()


def centre(cache: Path, learners: int, answers: int) -> Path:
    """A synthetic centre (about 30 s for a million answers the first time)."""
    from synthetic_db import make_synthetic

    from ecom_trainer.store.db import connect
    from ecom_trainer.store.settings import set_setting

    path = cache / f"centre-{learners}x{answers}-{cache_key()}.sqlite3"
    if not path.exists():
        say(f"  making a synthetic centre of {learners:,} learners and {answers:,} answers in {cache}")
        partial = path.with_suffix(".partial")
        for leftover in cache.glob(partial.name + "*"):
            leftover.unlink()
        make_synthetic(partial, learners, answers)
        conn = connect(partial)
        set_setting(conn, "language", "en")  # so that starting the app on it writes nothing
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        partial.replace(path)
    return path


def bundle_file(cache: Path, learners: int, answers: int) -> Path:
    from ecom_trainer.store.db import connect
    from ecom_trainer.sync.bundle import export_bundle

    path = cache / f"bundle-{learners}x{answers}-{cache_key(bundles=True)}.zip"
    if not path.exists():
        conn = connect(centre(cache, learners, answers))
        export_bundle(conn, path)
        conn.close()
    return path


# ---------------------------------------------------------------- 1. cold start

def timed(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning `cmd` to its "started <epoch>" line: the window is shown and the
    event loop has turned once. Interpreter teardown is not start-up, so it is not counted."""
    start = time.time()
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    stamp = next(line for line in out.splitlines() if line.startswith("started "))
    return float(stamp.split()[1]) - start


def bench_start(runs: int, tmp: Path, cache: Path) -> tuple[list[Result], list[Result]]:
    # Started as a centre starts it: the data folder found as on any PC (here inside tmp), not
    # named by ECOM_TRAINER_DATA, which would skip finding it.
    env = {k: v for k, v in os.environ.items() if k != "ECOM_TRAINER_DATA"}
    env.update(QT_QPA_PLATFORM=env.get("QT_QPA_PLATFORM", "offscreen"), ECOM_TRAINER_EXIT_AFTER_START="1",
               XDG_DATA_HOME=str(tmp / "data"))
    # The real command a centre starts (the console script), not `python -m`, which adds runpy.
    script = Path(sys.executable).with_name("ecom-trainer")
    app = [str(script)] if script.exists() else [sys.executable, "-m", "ecom_trainer"]
    subprocess.run([*app, "--demo"], env=env, check=True, capture_output=True)  # seed the demo centre
    cases = [("demo centre, 6 learners", 6, ["--demo"])]
    cases += [(label(*c), c[0], ["--db", str(centre(cache, *c))]) for c in (CENTRES[0], CENTRES[-1])]
    painted_env = {**env, "ECOM_TRAINER_EXIT_AFTER_START": "painted"}
    results, context = [], []
    for size, learners, args in cases:
        bare, ours, bare_painted, ours_painted = [], [], [], []
        starts = [(bare, [sys.executable, "-c", BARE_WINDOW], env), (ours, [*app, *args], env),
                  (bare_painted, [sys.executable, "-c", BARE_WINDOW_PAINTED], env),
                  (ours_painted, [*app, *args], painted_env)]
        shuffle = random.Random(size).shuffle
        for _ in range(runs):  # in turn, so drift affects all alike; in a new order each time, so
            shuffle(starts)  # that no program always follows the same one
            for times, command, environment in starts:
                times.append(timed(command, environment))
        results.append(Result("cold start to the learner picker", size, learners, statistics.median(bare),
                              statistics.median(ours), "a bare PySide6 window, shown", budget=1.3))
        context.append(Result("cold start to the learner picker", size, learners, statistics.median(bare_painted),
                              statistics.median(ours_painted),
                              "the bare window, both stopped at their first painted frame"))
    return results, context


# ---------------------------------------------------------------- 2. one answer

def bench_answer(n: int, tmp: Path, cache: Path) -> tuple[list[Result], list[Result]]:
    """The learner's tap: score, store durably (WAL + synchronous=FULL), move the position and
    update the dashboard's summaries; vs one bare INSERT committed on the same connection and
    file. For context also vs inserting the same answer row alone into the answers table."""
    from ecom_trainer.content import load_curriculum
    from ecom_trainer.paths import lessons_dir
    from ecom_trainer.session import LearnerSession
    from ecom_trainer.store.db import new_id, now, open_database
    from ecom_trainer.store.learners import add_learner, get_learner

    curriculum = load_curriculum(lessons_dir())
    cases: list[tuple[str, int, Path | None]] = [("a new centre, 1 learner", 0, None)]
    cases += [(label(*c), c[1], centre(cache, *c)) for c in (CENTRES[0], CENTRES[-1])]
    results, context = [], []
    for size, answers, source in cases:
        path = tmp / "answers.sqlite3"
        for old in tmp.glob("answers.sqlite3*"):
            old.unlink()
        if source is not None:
            shutil.copyfile(source, path)  # answers are permanent: never write into the cache
        conn = open_database(path)
        learner = get_learner(conn, "learner-00001" if source else add_learner(conn, "bench"))
        session = LearnerSession(conn, curriculum, learner)
        unit = session.lesson_unit(next(iter(curriculum.lessons)))
        position = len(unit.steps)  # its first question
        question = unit.item(position)
        conn.execute("CREATE TABLE bench_bare (id TEXT PRIMARY KEY, learner TEXT, answer TEXT, score REAL, at TEXT)")
        row = ("(a new id each time)", learner.id, unit.track.id, unit.unit_id, question.id, "practice", '"a"', 1.0, 1,
               '["A1"]', now(), now(), "bench")
        times: dict[str, list[float]] = {"bare": [], "row": [], "ours": []}

        def bare(conn: sqlite3.Connection = conn) -> None:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO bench_bare VALUES (?, 'l', '\"a\"', 1.0, 'now')", (new_id(),))
            conn.execute("COMMIT")

        def answer_row(conn: sqlite3.Connection = conn, row: tuple = row) -> None:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO attempts (id, learner_id, track_id, lesson_id, question_id, kind, answer, "
                         "score, correct, skills, started_at, answered_at, device_id) VALUES "
                         "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (new_id(), *row[1:]))
            conn.execute("COMMIT")

        def ours(session: LearnerSession = session, unit: object = unit, position: int = position,
                 given: object = question.answer) -> None:
            session.answer(unit, position, given)

        order = [("bare", bare), ("row", answer_row), ("ours", ours)]
        shuffle = random.Random(size).shuffle
        for _ in range(n):  # in turn, so drift affects all three alike; in a new order each time,
            shuffle(order)  # as a flush's cost depends on what the one before it wrote
            for name, fn in order:
                times[name].append(seconds(fn))
        conn.close()
        med = {k: statistics.median(v) for k, v in times.items()}
        results.append(Result("record one answer (durable, with summaries)", size, answers, med["bare"],
                              med["ours"], "a bare durable INSERT (5 columns)", budget=1.5))
        context.append(Result("record one answer (durable, with summaries)", size, answers, med["row"],
                              med["ours"], "the same answer row alone, durably, into its table"))
    for old in tmp.glob("answers.sqlite3*"):
        old.unlink()
    return results, context


# ---------------------------------------------------------------- 3. dashboard

CHEAPEST = "SELECT learner_id, COUNT(*), SUM(correct) FROM attempts GROUP BY learner_id"


def bench_dashboard(runs: int, cache: Path) -> tuple[list[Result], list[Result]]:
    from ecom_trainer.assess.dashboard import load_dashboard
    from ecom_trainer.assess.mastery import guess_lookup
    from ecom_trainer.content import load_curriculum
    from ecom_trainer.paths import lessons_dir
    from ecom_trainer.store.analytics import baseline_aggregate
    from ecom_trainer.store.db import connect
    from ecom_trainer.store.summaries import refresh_stale

    curriculum = load_curriculum(lessons_dir())
    guess = guess_lookup(curriculum)
    results, context = [], []
    for learners, answers in CENTRES:
        conn = connect(centre(cache, learners, answers))

        def ours(conn: sqlite3.Connection = conn) -> None:  # what opening the dashboard does
            refresh_stale(conn, guess)
            load_dashboard(conn, curriculum)

        def aggregate(conn: sqlite3.Connection = conn) -> None:
            baseline_aggregate(conn)

        def plain(conn: sqlite3.Connection = conn) -> None:
            conn.execute(CHEAPEST).fetchall()

        ours(), aggregate(), plain()  # the file into the OS's cache, for all alike
        base, mine = paired(aggregate, ours, runs)
        floor, mine_again = paired(plain, ours, runs)
        conn.close()
        size = label(learners, answers)
        results.append(Result("trainer dashboard data", size, answers, base, mine,
                              "baseline_aggregate(): GROUP BY learner, skills", budget=1.5))
        context.append(Result("trainer dashboard data", size, answers, floor, mine_again,
                              "the cheapest aggregate: " + CHEAPEST))
    return results, context


# ---------------------------------------------------------------- 4. lessons

def generated_pack(tmp: Path, size: int) -> Path:
    """The bundled pack plus `size` lessons copied from its lessons in turn, each listed in its
    track: real lessons with their pictures, so validation does all its work."""
    from ecom_trainer.paths import lessons_dir

    source = lessons_dir()
    pack = tmp / f"pack{size}"
    shutil.copytree(source, pack)
    templates = sorted(p.name for p in source.iterdir()
                       if (p / "lesson.yaml").is_file() and not p.name.startswith(("_", ".")))
    listed: dict[str, list[str]] = {}
    for i in range(size):
        template = templates[i % len(templates)]
        name = f"{template}-g{i:04}"
        shutil.copytree(source / template, pack / name)
        lesson = pack / name / "lesson.yaml"
        text = lesson.read_text(encoding="utf-8")
        track = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("track:"))
        lesson.write_text(text.replace(f"id: {template}\n", f"id: {name}\n", 1), encoding="utf-8")
        listed.setdefault(track, []).append(name)
    for track, names in listed.items():
        file = pack / "tracks" / f"{track}.yaml"
        text = file.read_text(encoding="utf-8")
        file.write_text(text.replace("lessons: [", "lessons: [" + ", ".join(names) + ", ", 1), encoding="utf-8")
    return pack


def bench_lessons(runs: int, tmp: Path) -> list[Result]:
    import yaml

    from ecom_trainer.content import load_curriculum

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    results = []
    for size in LESSON_COUNTS:
        pack = generated_pack(tmp, size)
        files = sorted(pack.rglob("*.yaml"))
        check = load_curriculum(pack)
        assert not check.problems, check.problems[:3]

        def parse(files: list[Path] = files) -> None:
            for file in files:
                yaml.load(file.read_bytes(), Loader=loader)

        def ours(pack: Path = pack) -> None:
            load_curriculum(pack)

        base, mine = paired(parse, ours, runs)
        lessons = len(check.lessons)
        results.append(Result("load and validate the curriculum", f"{lessons} lessons", lessons, base, mine,
                              "yaml.load (C parser) of the same files", per_item=True,
                              limit=1.0 if size == LESSON_COUNTS[-1] else None))
        shutil.rmtree(pack)
    return results


# ---------------------------------------------------------------- 5. bundles

def bench_bundle(runs: int, tmp: Path, cache: Path) -> tuple[list[Result], list[str]]:
    """Import into a new database vs executemany of the same answers into the same schema (its
    learners already there), both one durable transaction; then import it again, which must
    change nothing."""
    from ecom_trainer.store.db import open_database, transaction
    from ecom_trainer.sync.bundle import PARTS, import_bundle, read_bundle

    results, notes = [], []
    made = iter(range(10_000))
    for learners, answers in BUNDLES:
        bundle = bundle_file(cache, learners, answers)
        _, parts = read_bundle(bundle)
        columns = PARTS["attempts.jsonl"][1]
        rows = parts["attempts.jsonl"]  # values in column order
        sql = f"INSERT INTO attempts ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
        base_times, our_times, again_times = [], [], []
        unchanged = True
        for _ in range(runs):
            conn = open_database(tmp / f"target-{next(made)}.sqlite3")
            with transaction(conn):
                for name in ("centres.jsonl", "learners.jsonl"):
                    table, cols, _, _ = PARTS[name]
                    conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
                                     f"({', '.join('?' for _ in cols)})", parts[name])
            start = time.perf_counter()
            with transaction(conn):
                conn.executemany(sql, rows)
            base_times.append(time.perf_counter() - start)
            conn.close()
            conn = open_database(tmp / f"target-{next(made)}.sqlite3")
            our_times.append(seconds(lambda conn=conn, bundle=bundle: import_bundle(conn, bundle)))
            before = conn.total_changes
            start = time.perf_counter()
            report = import_bundle(conn, bundle)
            again_times.append(time.perf_counter() - start)
            unchanged &= conn.total_changes == before and report.answers_added == 0
            conn.close()
            for old in tmp.glob("target-*"):
                old.unlink()
        last = (learners, answers) == BUNDLES[-1]
        results.append(Result("import a progress bundle", f"{answers:,} answers ({bundle.stat().st_size // 1024:,} KB)",
                              answers, statistics.median(base_times), statistics.median(our_times),
                              "executemany of its answers, same schema", per_item=True,
                              limit=1.0 if last else None))
        notes.append(f"importing the {answers:,}-answer bundle again: {statistics.median(again_times) * 1000:,.0f} ms, "
                     + ("changed nothing" if unchanged else "CHANGED ROWS"))
        if not unchanged:
            results[-1].limit = 0.0  # a second import that changes rows fails, however fast
    return results, notes


# ---------------------------------------------------------------- output

def ms(value: float) -> str:
    return f"{value * 1000:,.0f} ms" if value >= 0.01 else f"{value * 1000:.2f} ms"


def budget_text(r: Result) -> str:
    parts = [f"<= {r.budget:.1f}x"] if r.budget is not None else []
    parts += [f"< {r.limit:g} s"] if r.limit is not None else []
    return ", ".join(parts) or "-"


def print_table(results: list[Result], context: list[Result]) -> None:
    print(f"{'':3}{'size':34} {'baseline':>10} {'ours':>10} {'ratio':>7}  {'budget':15} verdict")
    for what in dict.fromkeys(r.what for r in results):
        rows = [r for r in results if r.what == what]
        print(f"{what}  (baseline: {rows[0].baseline})")
        for r in rows:
            verdict = ("OVER" if r.over else "PASS") if r.judged else ""
            print(f"{'':3}{r.size:34} {ms(r.base):>10} {ms(r.ours):>10} {r.ratio:6.2f}x  {budget_text(r):15} {verdict}")
        extra = [r for r in context if r.what == what]
        if extra:
            print(f"{'':3}for context, the same vs {extra[0].baseline}:")
            for r in extra:
                print(f"{'':3}{r.size:34} {ms(r.base):>10} {ms(r.ours):>10} {r.ratio:6.2f}x")


def linear_failures(results: list[Result]) -> list[str]:
    failures = []
    for what in dict.fromkeys(r.what for r in results if r.per_item):
        rows = [r for r in results if r.what == what]
        first, last = rows[0], rows[-1]
        if last.ours / last.n > 1.5 * first.ours / first.n:
            failures.append(what)
    return failures


def print_growth(results: list[Result]) -> None:
    """The exponent k in time ~ size^k between the smallest and the largest size (0: flat, 1: linear)."""
    print()
    print(f"{'how the time grows with size':44} {'sizes':24} {'ours':>24} {'baseline':>24}  k ours / baseline")
    for what in dict.fromkeys(r.what for r in results):
        rows = [r for r in results if r.what == what]
        sized = [r for r in rows if r.n > 0]
        first, last = sized[0], sized[-1]

        def k(a: float, b: float, first: Result = first, last: Result = last) -> str:
            return f"{math.log(b / a) / math.log(last.n / first.n):5.2f}" if last.n != first.n else "    -"

        print(f"{what:44} {' / '.join(f'{r.n:,}' for r in rows):24} "
              f"{' / '.join(f'{r.ours * 1000:,.1f}' for r in rows) + ' ms':>24} "
              f"{' / '.join(f'{r.base * 1000:,.1f}' for r in rows) + ' ms':>24}  "
              f"{k(first.ours, last.ours)} / {k(first.base, last.base)}")


def machine() -> str:
    import PySide6

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{platform.platform(terse=True)}, {os.cpu_count()} CPUs, load average {load:.1f} at the start; "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, PySide6 {PySide6.__version__}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="start-up runs per size (the others scale from it): the start-up ratios move by +-0.02 between runs of 15")
    parser.add_argument("--cache", type=Path, default=Path(os.environ.get(
        "XDG_CACHE_HOME", Path.home() / ".cache")) / "ecom-trainer-bench",
        help="where synthetic centres and bundles are kept between runs")
    parser.add_argument("--only", default=",".join(SECTIONS), help="a comma-separated choice of " + ", ".join(SECTIONS))
    args = parser.parse_args()
    only = set(args.only.split(","))
    if only - set(SECTIONS):
        parser.error(f"unknown sections: {', '.join(sorted(only - set(SECTIONS)))}")
    args.cache.mkdir(parents=True, exist_ok=True)
    tidy_cache(args.cache)
    print(machine())
    results: list[Result] = []
    context: list[Result] = []
    notes: list[str] = []
    began = time.perf_counter()
    few = max(3, args.runs // 3)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        if "start" in only:
            say("cold start ...")
            found, extra = bench_start(args.runs, tmp, args.cache)
            results, context = results + found, context + extra
        if "answer" in only:
            say("recording answers ...")
            found, extra = bench_answer(25 * args.runs, tmp, args.cache)
            results, context = results + found, context + extra
        if "dashboard" in only:
            say("dashboard ...")
            found, extra = bench_dashboard(few, args.cache)
            results, context = results + found, context + extra
        if "lessons" in only:
            say("lessons ...")
            results += bench_lessons(few, tmp)
        if "bundle" in only:
            say("bundles ...")
            found, notes = bench_bundle(few, tmp, args.cache)
            results += found
    print()
    print_table(results, context)
    for note in notes:
        print(note)
    print_growth(results)
    not_linear = linear_failures(results)
    for what in not_linear:
        print(f"OVER: {what} grows faster than linearly (time per item at the largest size > 1.5x the smallest)")
    over = sorted({r.what for r in results if r.over} | set(not_linear))
    judged = [r for r in results if r.judged]
    print()
    print(f"{sum(not r.over for r in judged)} of {len(judged)} within budget"
          + (f"; OVER: {', '.join(over)}" if over else "") + f"  ({time.perf_counter() - began:.0f} s)")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
