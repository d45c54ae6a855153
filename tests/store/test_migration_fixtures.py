"""Every schema version that shipped has a database made at that version, kept here; each is
upgraded to the newest schema without losing a row. Add `schema-vN.sqlite3` (and its .json with
the row counts) before shipping migration N+1."""

import json
import shutil
from pathlib import Path

import pytest

from ecom_trainer.store.db import SCHEMA_VERSION, open_database, schema_version

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("schema-v*.sqlite3"))


def test_there_is_a_fixture_for_every_schema_version():
    versions = {int(f.stem.removeprefix("schema-v")) for f in FIXTURES}
    assert versions == set(range(1, SCHEMA_VERSION + 1))


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.stem)
def test_upgrade_keeps_every_row(tmp_path, fixture):
    expected = json.loads(fixture.with_suffix(".json").read_text())
    copy = tmp_path / fixture.name
    shutil.copyfile(fixture, copy)
    conn = open_database(copy)
    assert schema_version(conn) == SCHEMA_VERSION
    for table, rows in expected["rows"].items():
        assert conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] == rows, table
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
