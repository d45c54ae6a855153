import json

from ecom_trainer.store.conflicts import list_conflicts, open_conflicts, resolve_conflict
from ecom_trainer.store.db import transaction
from ecom_trainer.store.learners import add_learner


def lost_version(conn, learner, name, day):
    row = dict(zip(("id", "name", "village"), conn.execute(
        "SELECT id, name, village FROM learners WHERE id = ?", (learner,)).fetchone(), strict=True))
    row.update(name=name, updated_at=f"2026-11-{day:02d}T00:00:00.000Z", device_id="other-pc")
    with transaction(conn):
        conn.execute("INSERT INTO conflicts (id, table_name, row_id, loser, loser_device, loser_updated_at, "
                     "detected_at) VALUES (?, 'learners', ?, ?, 'other-pc', ?, 'now')",
                     (f"c-{name}", learner, json.dumps(row), row["updated_at"]))


def test_keep_current_or_use_the_other_version(db):
    learner = add_learner(db, "王秀英", "芳畈镇")
    lost_version(db, learner, "王秀英 (二组)", 1)
    lost_version(db, learner, "王秀英 (三组)", 2)
    by_other = {c.other["name"]: c for c in list_conflicts(db)}
    assert open_conflicts(db) == 2 and set(by_other) == {"王秀英 (二组)", "王秀英 (三组)"}
    assert by_other["王秀英 (二组)"].current["name"] == "王秀英"
    resolve_conflict(db, by_other["王秀英 (二组)"], use_other=False)  # keep: only the list changes
    assert db.execute("SELECT name FROM learners").fetchone()[0] == "王秀英" and open_conflicts(db) == 1
    resolve_conflict(db, list_conflicts(db)[0], use_other=True)
    name, updated, device = db.execute("SELECT name, updated_at, device_id FROM learners").fetchone()
    own = db.execute("SELECT id FROM device").fetchone()[0]
    assert name == "王秀英 (三组)" and device == own and updated > "2026-11-01"  # newest: it travels on
    assert open_conflicts(db) == 0 and list_conflicts(db) == []
