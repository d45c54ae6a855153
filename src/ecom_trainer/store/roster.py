"""The trainer's roster: checking, adding, editing and archiving learners, and their photos.

Every change of a learner row bumps `updated_at` and `device_id`: merging PCs keeps the newest
change (sync/bundle.py), so a change that kept the old stamp would be lost on the next merge.
Problems are returned as `Problem`s whose text is translated when shown, never raised as text.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from ecom_trainer.i18n import N_
from ecom_trainer.i18n import gettext as _
from ecom_trainer.paths import resources_dir
from ecom_trainer.store.db import database_file, new_id, now, transaction
from ecom_trainer.store.device import device_id

NAME_MAX = 40  # characters; a name or village longer than this is a pasting mistake
FIRST_BIRTH_YEAR = 1920
PHOTOS = "photos"  # folder beside the database; the avatar column then holds "photos/<file>"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a value, for a trainer. `message` is English marked with N_; it is
    translated by `text()` at the moment it is shown, so a language switch applies."""

    field: str  # name, village, birth_year, phone, cohort, avatar, plan, dates, file
    message: str
    params: tuple[tuple[str, object], ...] = ()

    def text(self) -> str:
        return _(self.message).format(**dict(self.params))


class RosterError(ValueError):
    """A change was refused; nothing was written. `problems` say why, one per field."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def later_stamp(conn: sqlite3.Connection, table: str, row_id: str) -> str:
    """Now, or a millisecond after the row's last change when the clock has not moved on since
    (two quick changes) or went back: merging keeps the newest stamp, so a row's changes must
    sort in the order they were made."""
    stamp = now()
    row = conn.execute(f"SELECT updated_at FROM {table} WHERE id = ?", (row_id,)).fetchone()
    previous = row[0] if row else None
    if previous and stamp <= previous:
        try:
            after = datetime.fromisoformat(previous.replace("Z", "+00:00")) + timedelta(milliseconds=1)
        except ValueError:  # a stamp this program did not write: now is as good as any
            return stamp
        stamp = after.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return stamp


def clean_text(value: object) -> str:
    """Trimmed, inner runs of spaces and line breaks made one space (a pasted name may hold them)."""
    return re.sub(r"\s+", " ", str(value or "")).strip()


def check_name(value: object, field: str = "name") -> tuple[str, Problem | None]:
    text = clean_text(value)
    if field == "name" and not text:
        return text, Problem(field, N_("The name is missing."))
    if len(text) > NAME_MAX:
        return text, Problem(field, N_("This is longer than {n} characters."), (("n", NAME_MAX),))
    return text, None


def check_birth_year(value: object, this_year: int | None = None) -> tuple[int | None, Problem | None]:
    """Optional. Accepts 1958, "1958", "１９５８" and "1958年"."""
    this_year = this_year or date.today().year
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    text = str(value).strip().removesuffix("年").strip()
    if text.endswith(".0"):  # a spreadsheet that stored the year as a number
        text = text[:-2]
    try:
        year = int(text)
    except ValueError:
        return None, Problem("birth_year", N_("The birth year must be a number, like 1960: “{value}” is not."),
                             (("value", str(value).strip()),))
    if not FIRST_BIRTH_YEAR <= year <= this_year:
        return None, Problem("birth_year", N_("The birth year must be between {first} and {last}: {value} is not."),
                             (("first", FIRST_BIRTH_YEAR), ("last", this_year), ("value", year)))
    return year, None


SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")


def check_phone(value: object) -> tuple[str | None, Problem | None]:
    """Optional; a mainland mobile number: 11 digits starting with 1. Spaces, dashes and a +86
    in front are allowed and taken away."""
    text = unicodedata.normalize("NFKC", str(value or "")).strip()  # full-width digits from a Chinese IME
    if not text:
        return None, None
    if SCIENTIFIC.match(text):  # Excel shows long numbers as 1.38E+10 and saves them so: digits lost
        return None, Problem("phone", N_("The phone number was changed by the spreadsheet into {value}. "
                                         "In the spreadsheet, format the phone column as Text, type the "
                                         "numbers again and save."), (("value", text),))
    digits = re.sub(r"[\s\-()（）]", "", text)
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 11:
            digits = digits[len(prefix):]
    if not (len(digits) == 11 and digits.isascii() and digits.isdigit() and digits.startswith("1")):
        return None, Problem("phone", N_("A phone number has 11 digits and starts with 1, like 13812345678: "
                                         "“{value}” does not."), (("value", str(value).strip()),))
    return digits, None


@dataclass(frozen=True)
class LearnerFields:
    name: str
    village: str
    birth_year: int | None
    phone: str | None


def check_learner(name: object, village: object = "", birth_year: object = None, phone: object = None,
                  this_year: int | None = None) -> tuple[LearnerFields, list[Problem]]:
    """The cleaned values and every problem (empty when all is well)."""
    clean_name, p1 = check_name(name)
    clean_village, p2 = check_name(village, "village")
    year, p3 = check_birth_year(birth_year, this_year)
    number, p4 = check_phone(phone)
    return (LearnerFields(clean_name, clean_village, year, number),
            [p for p in (p1, p2, p3, p4) if p is not None])


# ------------------------------------------------------------------ reading

@dataclass(frozen=True)
class LearnerRecord:
    id: str
    name: str
    village: str
    birth_year: int | None
    phone: str | None
    avatar: str
    archived: bool
    cohorts: tuple[tuple[str, str], ...]  # (id, name) of the classes they are in, by name

    def matches(self, words: str) -> bool:
        """Search: every word found in the name, village, phone or a class name."""
        haystack = " ".join([self.name, self.village, self.phone or "", str(self.birth_year or ""),
                             *(name for _id, name in self.cohorts)]).casefold()
        return all(word in haystack for word in words.casefold().split())


def _cohorts_by_learner(conn: sqlite3.Connection) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for learner_id, cohort_id, name in conn.execute(
            "SELECT m.learner_id, c.id, c.name FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id "
            "WHERE c.archived = 0 ORDER BY c.name COLLATE NOCASE"):
        found.setdefault(learner_id, []).append((cohort_id, name))
    return found


def roster(conn: sqlite3.Connection, include_archived: bool = False, search: str = "") -> list[LearnerRecord]:
    """Learners by name (not those joined into another: they are that person now)."""
    sql = ("SELECT id, name, village, birth_year, phone, avatar, archived FROM learners "
           "WHERE id NOT IN (SELECT merged_id FROM learner_merges)")
    if not include_archived:
        sql += " AND archived = 0"
    cohorts = _cohorts_by_learner(conn)
    records = [LearnerRecord(r[0], r[1], r[2] or "", r[3], r[4] or None, r[5] or "", bool(r[6]),
                             tuple(cohorts.get(r[0], ())))
               for r in conn.execute(sql + " ORDER BY name COLLATE NOCASE, id")]
    return [r for r in records if r.matches(search)] if search.strip() else records


def learner_record(conn: sqlite3.Connection, learner_id: str) -> LearnerRecord | None:
    row = conn.execute("SELECT id, name, village, birth_year, phone, avatar, archived FROM learners "
                       "WHERE id = ?", (learner_id,)).fetchone()
    if row is None:
        return None
    cohorts = _cohorts_by_learner(conn).get(learner_id, [])
    return LearnerRecord(row[0], row[1], row[2] or "", row[3], row[4] or None, row[5] or "",
                         bool(row[6]), tuple(cohorts))


def learner_keys(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """(name, village) as compared for duplicates -> the learner's id (the oldest one)."""
    keys: dict[tuple[str, str], str] = {}
    for learner_id, name, village in conn.execute(
            "SELECT id, name, village FROM learners WHERE id NOT IN (SELECT merged_id FROM learner_merges) "
            "ORDER BY created_at, id"):
        keys.setdefault(person_key(name, village), learner_id)
    return keys


def person_key(name: str, village: str) -> tuple[str, str]:
    return clean_text(name).casefold(), clean_text(village).casefold()


# ------------------------------------------------------------------ writing

def insert_learner(conn: sqlite3.Connection, fields: LearnerFields, avatar: str, device: str,
                   stamp: str) -> str:
    """One learner row, inside the caller's transaction. Values must be checked already."""
    learner_id = new_id()
    conn.execute(
        "INSERT INTO learners (id, name, village, birth_year, phone, avatar, archived, created_at, "
        "updated_at, device_id) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
        (learner_id, fields.name, fields.village, fields.birth_year, fields.phone, avatar, stamp, stamp, device))
    return learner_id


def check_avatar(conn: sqlite3.Connection, avatar: str) -> Problem | None:
    if not avatar or avatar_file(conn, avatar) is not None:
        return None
    return Problem("avatar", N_("This picture is missing: {value}."), (("value", avatar),))


def create_learner(conn: sqlite3.Connection, name: object, village: object = "", birth_year: object = None,
                   phone: object = None, avatar: str = "", this_year: int | None = None) -> str:
    """Check and add one learner. Raises RosterError with every problem; nothing is written then."""
    fields, problems = check_learner(name, village, birth_year, phone, this_year)
    avatar_problem = check_avatar(conn, avatar)
    if problems or avatar_problem:
        raise RosterError(problems + ([avatar_problem] if avatar_problem else []))
    device = device_id(conn)
    with transaction(conn):
        return insert_learner(conn, fields, avatar, device, now())


def update_learner(conn: sqlite3.Connection, learner_id: str, name: object, village: object = "",
                   birth_year: object = None, phone: object = None, avatar: str = "",
                   this_year: int | None = None) -> bool:
    """Change a learner's details; returns whether anything changed (an unchanged save writes
    nothing, so it cannot win a merge against a real change made on another PC)."""
    fields, problems = check_learner(name, village, birth_year, phone, this_year)
    avatar_problem = check_avatar(conn, avatar)
    if problems or avatar_problem:
        raise RosterError(problems + ([avatar_problem] if avatar_problem else []))
    current = learner_record(conn, learner_id)
    if current is None:
        raise LookupError(f"no learner {learner_id}")
    new = (fields.name, fields.village, fields.birth_year, fields.phone, avatar)
    if new == (current.name, current.village, current.birth_year, current.phone, current.avatar):
        return False
    device = device_id(conn)
    with transaction(conn):
        conn.execute("UPDATE learners SET name = ?, village = ?, birth_year = ?, phone = ?, avatar = ?, "
                     "updated_at = ?, device_id = ? WHERE id = ?",
                     (*new, later_stamp(conn, "learners", learner_id), device, learner_id))
    return True


def set_archived(conn: sqlite3.Connection, learner_id: str, archived: bool) -> bool:
    """Archive (hidden from the picker and the dashboard, answers kept) or bring back."""
    device = device_id(conn)
    with transaction(conn):
        cursor = conn.execute("UPDATE learners SET archived = ?, updated_at = ?, device_id = ? "
                              "WHERE id = ? AND archived != ?",
                              (int(archived), later_stamp(conn, "learners", learner_id), device, learner_id,
                               int(archived)))
    return cursor.rowcount > 0


# ------------------------------------------------------------------ pictures

def built_in_avatars() -> list[str]:
    """The avatar names (file stems) in resources/avatars, in the order of avatars.txt."""
    listed = resources_dir() / "avatars" / "avatars.txt"
    return [f.removesuffix(".svg") for f in listed.read_text(encoding="utf-8").split()]


def photos_dir(conn: sqlite3.Connection) -> Path:
    """The folder beside the database where learners' photos are kept."""
    path = database_file(conn)
    if path is None:
        raise RosterError([Problem("avatar", N_("Photos need a database saved in a file."))])
    return path.parent / PHOTOS


def new_photo_path(conn: sqlite3.Connection, suffix: str = ".jpg") -> tuple[Path, str]:
    """Where to write a new photo, and the avatar value that names it."""
    folder = photos_dir(conn)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{new_id()}{suffix.lower()}"
    return folder / name, f"{PHOTOS}/{name}"


def is_photo(avatar: str) -> bool:
    return avatar.startswith(PHOTOS + "/")


def avatar_file(conn: sqlite3.Connection | None, avatar: str) -> Path | None:
    """The picture file of an avatar value: a built-in SVG, or a photo beside the database
    (None when missing, say a photo taken on another PC: progress files carry no pictures)."""
    if not avatar:
        return None
    if is_photo(avatar):
        name = avatar[len(PHOTOS) + 1:]
        if conn is None or "/" in name or "\\" in name or name.startswith("."):
            return None
        folder = database_file(conn)
        path = folder.parent / PHOTOS / name if folder else None
        return path if path and path.is_file() else None
    if "/" in avatar or "\\" in avatar:
        return None
    path = resources_dir() / "avatars" / f"{avatar}.svg"
    return path if path.is_file() else None

