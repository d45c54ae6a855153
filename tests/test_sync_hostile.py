"""Random bundles: import raises only BundleError (a clear message) and a refused bundle changes
nothing; one that is accepted leaves a consistent database."""

from __future__ import annotations

import hashlib
import json
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecom_trainer.store.db import open_database
from ecom_trainer.sync.bundle import PARTS, BundleError, import_bundle

SETTINGS = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
TABLES = ("centres", "learners", "cohorts", "cohort_members", "attempts", "conflicts")

json_values = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=False),
                        st.text(max_size=12), st.sampled_from(["practice", "pre_test", "x", "'; DROP TABLE attempts; --"]))


def snapshot(conn):
    return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}


def try_import(tmp_path, data: bytes) -> None:
    conn = open_database(tmp_path / "target.sqlite3")
    before = snapshot(conn)
    bundle = tmp_path / "b.zip"
    bundle.write_bytes(data)
    try:
        import_bundle(conn, bundle)
    except BundleError as exc:
        assert str(exc) and "\n" not in str(exc)
        assert snapshot(conn) == before  # refused: nothing changed
    else:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


@SETTINGS
@given(raw=st.binary(max_size=600))
def test_random_bytes(tmp_path_factory, raw):
    try_import(tmp_path_factory.mktemp("b"), raw)


@SETTINGS
@given(part=st.sampled_from(sorted(PARTS)),
       rows=st.lists(st.dictionaries(st.sampled_from(sorted({c for p in PARTS.values() for c in p[1]})),
                                     json_values, max_size=14), max_size=4),
       fmt=st.sampled_from([1, 1, 1, 2, 2, 2, 3, "1", None]))
def test_random_rows_in_a_correctly_sealed_bundle(tmp_path_factory, part, rows, fmt):
    """Format 1 holds an object per line; format 2 an array per line, in the manifest's columns."""
    lines = [list(r.values()) for r in rows] if fmt == 2 else rows
    data = "".join(json.dumps(r) + "\n" for r in lines).encode()
    manifest = {"format": fmt, "schema_version": 2, "parts": {part: hashlib.sha256(data).hexdigest()},
                "columns": {part: list(PARTS[part][1])}}
    tmp = tmp_path_factory.mktemp("b")
    with zipfile.ZipFile(tmp / "sealed.zip", "w") as z:
        z.writestr("manifest.json", json.dumps(manifest))
        z.writestr(part, data)
    try_import(tmp, (tmp / "sealed.zip").read_bytes())
