"""scripts/bench.py (make bench): its verdicts, its generated lesson pack and its cache. The
measurements themselves take minutes and run in make bench, not here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import bench  # noqa: E402


def result(base: float, ours: float, **kw) -> bench.Result:
    return bench.Result("x", "size", kw.pop("n", 1), base, ours, "baseline", **kw)


def test_a_ratio_or_a_time_over_its_budget_is_over():
    assert not result(1.0, 1.3, budget=1.3).over and result(1.0, 1.31, budget=1.3).over
    assert not result(1.0, 0.99, limit=1.0).over and result(0.1, 1.01, limit=1.0).over
    assert result(1.0, 0.9, budget=1.5, limit=0.5).over  # within the ratio, over the time
    assert not result(1.0, 9.0).over and not result(1.0, 9.0).judged  # context rows decide nothing


def test_growth_faster_than_linear_is_named():
    linear = [result(1, 0.10, n=100, per_item=True), result(1, 1.4, n=1000, per_item=True)]
    steep = [result(1, 0.10, n=100, per_item=True), result(1, 1.6, n=1000, per_item=True)]
    assert bench.linear_failures(linear) == []
    assert bench.linear_failures(steep) == ["x"]


def test_the_generated_pack_loads_every_lesson_without_a_problem(tmp_path):
    from ecom_trainer.content import load_curriculum
    from ecom_trainer.paths import lessons_dir

    bundled = len(load_curriculum(lessons_dir()).lessons)
    pack = load_curriculum(bench.generated_pack(tmp_path, 30))
    assert pack.problems == [] and len(pack.lessons) == bundled + 30
    tracks = {lesson.track for name, lesson in pack.lessons.items() if "-g00" in name}
    assert len(tracks) > 1  # copies of lessons from every track, listed in their own tracks


def test_the_cache_keeps_only_what_the_current_code_made(tmp_path):
    current = tmp_path / f"centre-10x1000-{bench.cache_key()}.sqlite3"
    bundle = tmp_path / f"bundle-10x1000-{bench.cache_key(bundles=True)}.zip"
    stale = [tmp_path / "centre-10x1000-0000000000.sqlite3", tmp_path / "bundle-10x1000-0000000000.zip",
             tmp_path / f"bundle-10x1000-{bench.cache_key()}.zip"]  # a centre's key is not a bundle's
    for file in [current, bundle, *stale]:
        file.write_bytes(b"x")
    bench.tidy_cache(tmp_path)
    assert sorted(tmp_path.iterdir()) == sorted([current, bundle])


def test_an_unknown_section_is_refused():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), "--only", "start,speed"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "unknown sections: speed" in done.stderr


@pytest.mark.parametrize("size, expected", [(0.004, "4.00 ms"), (0.25, "250 ms"), (1.4171, "1,417 ms")])
def test_times_are_printed_in_milliseconds(size, expected):
    assert bench.ms(size) == expected
