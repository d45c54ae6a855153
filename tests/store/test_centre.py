from ecom_trainer.store.centre import (
    centre_name,
    check_pin_hash,
    hash_pin,
    is_set_up,
    set_up_centre,
    verify_pin,
)


def test_pin_is_stored_only_as_a_salted_scrypt_hash(db):
    assert not is_set_up(db)
    set_up_centre(db, "大悟县培训中心", "4321")
    stored = db.execute("SELECT pin_hash FROM trainers").fetchone()[0]
    assert stored.startswith("scrypt$") and "4321" not in stored
    assert verify_pin(db, "4321") and not verify_pin(db, "4322") and not verify_pin(db, "")
    assert centre_name(db) == "大悟县培训中心" and is_set_up(db)


def test_same_pin_gets_a_different_salt():
    assert hash_pin("1234") != hash_pin("1234")
    assert check_pin_hash("1234", hash_pin("1234"))
    assert not check_pin_hash("1234", "garbage") and not check_pin_hash("1234", "md5$x$y$z$a$b")
