"""Learners from and to CSV files, as spreadsheet programs write and read them.

Import: UTF-8 (with or without BOM) or GB18030 (Chinese Excel's "CSV"), detected and named;
column names in English or Chinese; every problem named with its row (as the spreadsheet numbers
it: the column names are row 1), its column and what is wrong; nothing is written unless the
whole file is right, and then all of it in one transaction.
Export: UTF-8 with BOM (so Excel shows Chinese), cells that a spreadsheet would run as a formula
made harmless.

Parsing and checking are plain functions of bytes (`parse_learner_csv`): tested without a
database or Qt.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ecom_trainer.i18n import N_, current_language
from ecom_trainer.i18n import gettext as _
from ecom_trainer.store.cohorts import cohort_by_name, insert_cohort, insert_member
from ecom_trainer.store.db import now, transaction
from ecom_trainer.store.device import device_id
from ecom_trainer.store.roster import (
    NAME_MAX,
    LearnerFields,
    Problem,
    check_learner,
    clean_text,
    insert_learner,
    learner_keys,
    person_key,
    roster,
)

MAX_BYTES = 2 * 1024 * 1024
FIELDS = ("name", "village", "birth_year", "phone", "cohort")
# Column names a trainer may use, compared without case, spaces, "_" and "-".
HEADERS: dict[str, set[str]] = {
    "name": {"name", "fullname", "learner", "learnername", "姓名", "名字", "学员", "学员姓名", "名称"},
    "village": {"village", "town", "村", "村名", "村庄", "村子", "所在村", "乡镇", "村镇", "地址"},
    "birth_year": {"birthyear", "yearofbirth", "born", "出生年份", "出生年", "出生", "出生年月", "年份"},
    "phone": {"phone", "mobile", "telephone", "phonenumber", "tel", "电话", "手机", "手机号", "手机号码",
              "电话号码", "联系电话"},
    "cohort": {"cohort", "class", "group", "班级", "班", "班名", "培训班"},
}
EXPORT_HEADERS = {"en": ("name", "village", "birth_year", "phone", "cohort"),
                  "zh": ("姓名", "村", "出生年份", "电话", "班级")}
COHORT_SEPARATORS = (";", "；")  # a learner in two classes: "2026 spring; tea growers"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheets run as a formula

UTF8, UTF8_BOM, GB18030 = N_("UTF-8"), N_("UTF-8 with BOM"), N_("GB18030 (Chinese Excel)")
COLUMN_NAMES = {"name": N_("Name"), "village": N_("Village"), "birth_year": N_("Birth year"),
                "phone": N_("Phone"), "cohort": N_("Class")}


class CsvImportError(Exception):
    """The import was refused; nothing was written."""


class ImportCancelled(Exception):
    """The trainer stopped the import; nothing was written."""


@dataclass(frozen=True)
class CsvProblem:
    row: int  # as the spreadsheet numbers it (the column names are row 1); 0: the whole file
    column: str  # the column's name as written in the file; "" for the whole file or row
    problem: Problem

    def text(self) -> str:
        if not self.row:
            return self.problem.text()
        if self.column:
            return _("Row {row}, column “{column}”: {problem}").format(
                row=self.row, column=self.column, problem=self.problem.text())
        return _("Row {row}: {problem}").format(row=self.row, problem=self.problem.text())


@dataclass(frozen=True)
class CsvRow:
    row: int
    fields: LearnerFields
    cohorts: tuple[str, ...]  # class names, as written
    existing_id: str | None = None  # a learner with this name and village is here already
    repeat_of: int | None = None  # an earlier row of the file has the same name and village
    new_cohorts: tuple[str, ...] = ()  # of `cohorts`, those that do not exist yet


@dataclass
class CsvPreview:
    """The file as it will be added. `problems` stop the import; `new_cohorts` are offered to be
    made, and become one problem per row naming them when the trainer declines."""

    encoding: str = ""  # N_-marked label; translate to show
    columns: dict[str, str] = field(default_factory=dict)  # field -> column name as written
    rows: list[CsvRow] = field(default_factory=list)
    problems: list[CsvProblem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    new_cohorts: list[str] = field(default_factory=list)

    def errors(self, create_cohorts: bool = True) -> list[CsvProblem]:
        if create_cohorts or not self.new_cohorts:
            return self.problems
        missing = [CsvProblem(r.row, self.columns.get("cohort", ""),
                              Problem("cohort", N_("There is no class “{value}” yet."), (("value", name),)))
                   for r in self.rows for name in r.new_cohorts]
        return sorted(self.problems + missing, key=lambda p: p.row)

    def ok(self, create_cohorts: bool = True) -> bool:
        return not self.errors(create_cohorts)

    @property
    def duplicates(self) -> int:
        return sum(1 for r in self.rows if r.existing_id or r.repeat_of)


# ------------------------------------------------------------------ reading

def _file_problem(message: str, **params: object) -> CsvPreview:
    return CsvPreview(problems=[CsvProblem(0, "", Problem("file", message, tuple(params.items())))])


def _is_text(text: str) -> bool:
    """No control characters but tab and line breaks: binary data decoded by chance is not text."""
    return not any(unicodedata.category(c) == "Cc" and c not in "\t\r\n" for c in text)


def decode(data: bytes) -> tuple[str, str] | CsvPreview:
    """The text and the N_-marked name of its encoding, or a preview holding the reason why not."""
    not_csv = N_("This is not a CSV file. Save the list from the spreadsheet as “CSV UTF-8” and "
                 "choose that file.")
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        return _file_problem(N_("This is an Excel workbook (or another packed document), not a CSV file. "
                                "In Excel choose Save As, then “CSV UTF-8”, and choose the new file."))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _file_problem(N_("This file is saved as Unicode text (UTF-16). In Excel choose Save As, "
                                "then “CSV UTF-8”, and choose the new file."))
    if b"\x00" in data:
        return _file_problem(not_csv)
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = [("utf-8-sig", UTF8_BOM)]
    else:
        candidates = [("utf-8", UTF8), ("gb18030", GB18030)]
    for codec, label in candidates:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        return (text, label) if _is_text(text) else _file_problem(not_csv)
    return _file_problem(N_("The letters of this file cannot be read: it is neither UTF-8 nor GB18030. "
                            "Save it from the spreadsheet as “CSV UTF-8”."))


def _header_key(cell: str) -> str:
    text = cell.replace("\ufeff", "").strip().strip("'\"").casefold()
    for c in " _-\u3000:：*":
        text = text.replace(c, "")
    return text


def _column_field(cell: str) -> str | None:
    key = _header_key(cell)
    return next((f for f, names in HEADERS.items() if key in names), None)


def _delimiter(first_line: str) -> str:
    """Commas, unless the first row has none and tabs or semicolons instead (some Excel setups)."""
    if "," in first_line:
        return ","
    for candidate in ("\t", ";"):
        if candidate in first_line:
            return candidate
    return ","


def _unformula(value: str) -> str:
    """Undo the apostrophe our export puts before a formula-like cell, so a file round-trips."""
    return value[1:] if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@") else value


def parse_learner_csv(data: bytes, existing: Mapping[tuple[str, str], str] | None = None,
                      cohorts: Mapping[str, bool] | None = None, this_year: int | None = None) -> CsvPreview:
    """Read and check a whole file. `existing`: (name, village) keys (see roster.person_key) of
    learners already here -> their id; `cohorts`: class names already here (case-folded) ->
    whether that class is archived."""
    existing, cohorts = existing or {}, cohorts or {}
    if not data.strip():
        return _file_problem(N_("The file is empty."))
    if len(data) > MAX_BYTES:
        return _file_problem(N_("The file is too big ({size} MB). At most 2 MB can be read at once: "
                                "split the list into smaller files."), size=round(len(data) / 1048576, 1))
    decoded = decode(data)
    if isinstance(decoded, CsvPreview):
        return decoded
    text, encoding = decoded
    if not text.strip():
        return _file_problem(N_("The file is empty."))
    preview = CsvPreview(encoding=encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0]),
                        strict=True)
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error:
        preview.problems.append(CsvProblem(len(records) + 1, "", Problem(
            "file", N_("A quotation mark (\") is not closed, or a cell is too long. Nothing after it "
                       "can be read."))))
        return preview
    header = records[0] if records else []
    positions = _header(preview, header)
    if positions is None:
        return preview
    width = max((i + 1 for i, cell in enumerate(header) if cell.strip()), default=0)
    body = [(n, r) for n, r in enumerate(records[1:], start=2) if any(c.strip() for c in r)]
    if not body:
        preview.problems.append(CsvProblem(0, "", Problem(
            "file", N_("The file has only the column names and no learners."))))
        return preview
    seen: dict[tuple[str, str], int] = {}
    new_cohorts: dict[str, str] = {}  # case-folded -> as first written
    for number, record in body:
        extra = [c for c in record[width:] if c.strip()]
        if extra:
            preview.problems.append(CsvProblem(number, "", Problem(
                "file", N_("This row has {n} values, but the first row names only {m} columns."),
                (("n", width + len(extra)), ("m", width)))))
            continue
        values = {f: _unformula(record[i]) if i < len(record) else "" for f, i in positions.items()}
        fields, problems = check_learner(values.get("name", ""), values.get("village", ""),
                                         values.get("birth_year"), values.get("phone"), this_year)
        for problem in problems:
            preview.problems.append(CsvProblem(number, preview.columns[problem.field], problem))
        names = _cohort_names(values.get("cohort", ""))
        row_new = []
        for name in names:
            key = name.casefold()
            if len(name) > NAME_MAX:
                preview.problems.append(CsvProblem(number, preview.columns["cohort"], Problem(
                    "cohort", N_("This is longer than {n} characters."), (("n", NAME_MAX),))))
            elif cohorts.get(key) is True:
                preview.problems.append(CsvProblem(number, preview.columns["cohort"], Problem(
                    "cohort", N_("The class “{value}” is archived. Bring it back under Classes first, "
                                 "or use another class."), (("value", name),))))
            elif key not in cohorts:
                new_cohorts.setdefault(key, name)
                row_new.append(new_cohorts[key])
        if problems:
            continue
        key = person_key(fields.name, fields.village)
        preview.rows.append(CsvRow(number, fields, tuple(names), existing.get(key), seen.get(key),
                                   tuple(row_new)))
        seen.setdefault(key, number)
    preview.new_cohorts = list(new_cohorts.values())
    return preview


def _header(preview: CsvPreview, header: list[str]) -> dict[str, int] | None:
    """Map the first row's names to fields -> their positions; None (with the problem added)
    when it cannot be."""
    known = N_("The first row must name the columns: 姓名 (name), 村 (village), 出生年份 (birth_year), "
               "电话 (phone), 班级 (cohort). Only the name is needed.")
    positions: dict[str, int] = {}
    for i, cell in enumerate(header):
        found = _column_field(cell)
        if found is None:
            if cell.strip():
                preview.ignored_columns.append(cell.strip())
        elif found in preview.columns:
            preview.problems.append(CsvProblem(1, cell.strip(), Problem(
                "file", N_("There are two columns for the same thing: “{a}” and “{b}”."),
                (("a", preview.columns[found]), ("b", cell.strip())))))
        else:
            preview.columns[found] = cell.strip()
            positions[found] = i
    if "name" not in preview.columns and not preview.problems:
        preview.problems.append(CsvProblem(1, "", Problem("file", known)))
    return None if preview.problems else positions


def _cohort_names(cell: str) -> list[str]:
    for separator in COHORT_SEPARATORS[1:]:
        cell = cell.replace(separator, COHORT_SEPARATORS[0])
    names: list[str] = []
    for part in cell.split(COHORT_SEPARATORS[0]):
        name = clean_text(part)
        if name and name.casefold() not in (n.casefold() for n in names):
            names.append(name)
    return names


def read_learner_csv(conn, path: Path, this_year: int | None = None) -> CsvPreview:
    """Read a file and check it against the learners and classes already here."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:  # not read at all: a 2 GB file chosen by mistake must not fill memory
            return _file_problem(N_("The file is too big ({size} MB). At most 2 MB can be read at once: "
                                    "split the list into smaller files."), size=round(size / 1048576, 1))
        data = path.read_bytes()
    except OSError as exc:
        return _file_problem(N_("The file cannot be read: {reason}"), reason=exc.strerror or str(exc))
    cohorts = {key: c.archived for key, c in cohort_by_name(conn).items()}
    return parse_learner_csv(data, learner_keys(conn), cohorts, this_year)


# ------------------------------------------------------------------ adding

@dataclass(frozen=True)
class ImportResult:
    added: int  # new learners
    placed: int  # learners already here put into a class named in the file
    skipped: int  # rows of learners already here, not added again
    cohorts_created: tuple[str, ...]


def import_learners(conn, preview: CsvPreview, *, create_cohorts: bool = True, skip_duplicates: bool = True,
                    centre_id: str | None = None,
                    progress: Callable[[int, int], None] | None = None,
                    cancelled: Callable[[], bool] | None = None) -> ImportResult:
    """Add the previewed rows, all or nothing. With `skip_duplicates`, a row whose learner is
    here already (or earlier in the file) adds nobody; its classes are given to that learner.
    Raises CsvImportError when the preview has problems, ImportCancelled when stopped."""
    if not preview.ok(create_cohorts):
        raise CsvImportError(_("The file has problems; nothing was added."))
    device, stamp = device_id(conn), now()
    total = len(preview.rows)
    added = placed = skipped = 0
    created: list[str] = []
    with transaction(conn):
        # Looked up again inside the transaction: learners or classes may have been added since.
        keys = learner_keys(conn)
        classes = {key: c.id for key, c in cohort_by_name(conn).items() if not c.archived}
        archived = {key for key, c in cohort_by_name(conn).items() if c.archived}
        for n, row in enumerate(preview.rows):
            if cancelled is not None and n % 50 == 0 and cancelled():
                raise ImportCancelled()  # the transaction rolls back: nothing written
            key = person_key(row.fields.name, row.fields.village)
            learner = keys.get(key) if skip_duplicates else None
            known = learner is not None
            if learner is None:
                learner = insert_learner(conn, row.fields, "", device, stamp)
                keys.setdefault(key, learner)
                added += 1
            else:
                skipped += 1
            joined = False
            for name in row.cohorts:
                ckey = name.casefold()
                if ckey not in classes:
                    if ckey in archived or not create_cohorts:
                        raise CsvImportError(_("There is no class “{value}” yet.").format(value=name))
                    classes[ckey] = insert_cohort(conn, name, [], None, None, centre_id, device, stamp)
                    created.append(name)
                joined = insert_member(conn, classes[ckey], learner, device, stamp) or joined
            placed += int(known and joined)
            if progress is not None and n % 50 == 0:
                progress(n, total)
    if progress is not None:
        progress(total, total)
    return ImportResult(added, placed, skipped, tuple(created))


# ------------------------------------------------------------------ export

def neutralise(value: object) -> str:
    """A cell a spreadsheet would run as a formula (=, +, -, @ ...) gets an apostrophe in front:
    shown as text, never run. Import takes the apostrophe away again."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def export_roster(conn, target: Path, include_archived: bool = False, language: str | None = None) -> int:
    """Write the roster as CSV in UTF-8 with BOM; column names in Chinese for a Chinese interface
    (and understood by the import either way). Returns the number of learners written. The file
    is written whole or not at all."""
    language = language or current_language()
    headers = EXPORT_HEADERS["zh" if language.startswith("zh") else "en"]
    learners = roster(conn, include_archived=include_archived)
    partial = target.with_name(target.name + ".partial")
    with partial.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(headers)
        for learner in learners:
            writer.writerow([neutralise(v) for v in (
                learner.name, learner.village, learner.birth_year or "", learner.phone or "",
                "; ".join(name for _id, name in learner.cohorts))])
    partial.replace(target)
    return len(learners)
