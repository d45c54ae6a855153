"""Write tests/store/fixtures/schema-vN.sqlite3 (+ .json with row counts) for the newest schema:
the demo centre plus one row in every table that demo data leaves empty. Run once per new
schema version, before the next migration ships."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ecom_trainer.assess.mastery import guess_lookup
from ecom_trainer.content.loader import load_curriculum
from ecom_trainer.paths import lessons_dir
from ecom_trainer.store.cohorts import remove_member
from ecom_trainer.store.db import SCHEMA_VERSION, new_id, now, open_database
from ecom_trainer.store.demo import seed_demo
from ecom_trainer.store.summaries import refresh_stale

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "store" / "fixtures"


def main() -> int:
    out = FIXTURES / f"schema-v{SCHEMA_VERSION}.sqlite3"
    if out.exists():
        print(f"{out} exists: fixtures of shipped versions never change.", file=sys.stderr)
        return 1
    curriculum = load_curriculum(lessons_dir())
    conn = open_database(out)
    seed_demo(conn, curriculum)
    learner = conn.execute("SELECT id FROM learners ORDER BY id LIMIT 1").fetchone()[0]
    device = conn.execute("SELECT id FROM device").fetchone()[0]
    with conn:
        conn.execute("INSERT INTO recordings VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     (new_id(), "listing-title", "steps[0].text", "zh_CN", "rec.ogg", 2100, device, now()))
        conn.execute("INSERT INTO rehearsals (id, learner_id, file, duration_s, checklist, recorded_at, "
                     "device_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     (new_id(), learner, "r.ogg", 61.5, "{}", now(), device, now()))
    member = conn.execute("SELECT cohort_id, learner_id FROM cohort_members ORDER BY 1, 2 LIMIT 1").fetchone()
    remove_member(conn, member[0], member[1])  # leaves a row in cohort_member_removals (v6)
    refresh_stale(conn, guess_lookup(curriculum))
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    rows = {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    out.with_suffix(".json").write_text(
        json.dumps({"schema_version": SCHEMA_VERSION, "rows": rows}, indent=1, sort_keys=True) + "\n")
    print(out, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
