"""CSV import and export of learners, with the files trainers really have and hostile ones.
Whatever is wrong, nothing is written: every test of a refusal compares the whole roster."""

from __future__ import annotations

import csv
import io
import sqlite3
import time

import pytest

from ecom_trainer import i18n
from ecom_trainer.store.cohorts import (
    create_cohort,
    get_cohort,
    list_cohorts,
    member_ids,
    set_cohort_archived,
)
from ecom_trainer.store.roster import create_learner, roster
from ecom_trainer.store.roster_csv import (
    GB18030,
    MAX_BYTES,
    UTF8,
    UTF8_BOM,
    CsvImportError,
    ImportCancelled,
    export_roster,
    import_learners,
    neutralise,
    parse_learner_csv,
    read_learner_csv,
)

THIS_YEAR = 2026
GOOD_ZH = ("姓名,村,出生年份,电话,班级\n"
           "王秀英,芳畈镇,1958,13812345678,2026 春季班\n"
           "李建国,宣化店镇,,,\n"
           "张桂兰,新城镇,1961年,139 0000 1111,2026 春季班\n")


def snapshot(db) -> list:
    return [db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
            for t in ("learners", "cohorts", "cohort_members")]


def write(tmp_path, data: bytes, name: str = "learners.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def messages(preview, create_cohorts: bool = True) -> list[str]:
    return [p.text() for p in preview.errors(create_cohorts)]


def assert_refused(db, preview, *, create_cohorts: bool = True) -> None:
    """The preview has problems and the import changes nothing."""
    before = snapshot(db)
    assert not preview.ok(create_cohorts)
    with pytest.raises(CsvImportError):
        import_learners(db, preview, create_cohorts=create_cohorts)
    assert snapshot(db) == before


# ------------------------------------------------------------------ good files

@pytest.mark.parametrize(("encoding", "label"), [("utf-8", UTF8), ("utf-8-sig", UTF8_BOM), ("gb18030", GB18030)])
def test_a_good_file_in_each_encoding_is_added_whole(db, tmp_path, encoding, label):
    preview = read_learner_csv(db, write(tmp_path, GOOD_ZH.encode(encoding)), THIS_YEAR)
    assert preview.encoding == label and preview.ok() and preview.new_cohorts == ["2026 春季班"]
    assert [(r.row, r.fields.name, r.fields.birth_year, r.fields.phone) for r in preview.rows] == [
        (2, "王秀英", 1958, "13812345678"), (3, "李建国", None, None), (4, "张桂兰", 1961, "13900001111")]
    result = import_learners(db, preview)
    assert (result.added, result.cohorts_created) == (3, ("2026 春季班",))
    learners = {r.name: r for r in roster(db)}
    assert set(learners) == {"王秀英", "李建国", "张桂兰"}
    assert learners["王秀英"].village == "芳畈镇" and learners["张桂兰"].birth_year == 1961
    cohort = list_cohorts(db)[0]
    assert member_ids(db, cohort.id) == {learners["王秀英"].id, learners["张桂兰"].id}
    stamps = db.execute("SELECT COUNT(*) FROM learners WHERE updated_at IS NULL OR device_id IS NULL").fetchone()
    assert stamps[0] == 0  # every new row can travel to another PC


def test_english_headers_in_any_order_case_and_spacing(db):
    data = b"Phone, Birth Year ,NAME,Class,Village,Notes\n13812345678,1950,Wang Xiuying,Tea,Fangfan,likes tea\n"
    preview = parse_learner_csv(data, this_year=THIS_YEAR)
    assert preview.ok() and preview.ignored_columns == ["Notes"]
    row = preview.rows[0]
    assert (row.fields.name, row.fields.village, row.fields.birth_year, row.fields.phone, row.cohorts) == \
        ("Wang Xiuying", "Fangfan", 1950, "13812345678", ("Tea",))


def test_only_a_name_column_is_needed_and_empty_rows_are_skipped(db):
    preview = parse_learner_csv("名字\n王秀英\n\n,\n李建国\n".encode(), this_year=THIS_YEAR)
    assert preview.ok() and [r.row for r in preview.rows] == [2, 5]


def test_tab_and_semicolon_separated_files(db):
    for sep in ("\t", ";"):
        preview = parse_learner_csv(f"姓名{sep}村\n王秀英{sep}芳畈镇\n".encode(), this_year=THIS_YEAR)
        assert preview.ok() and preview.rows[0].fields.village == "芳畈镇"


def test_quotes_commas_and_line_breaks_inside_cells(db):
    data = b'name,village\n"Wang ""Auntie"" Xiuying","Fangfan,\nupper village"\n'
    preview = parse_learner_csv(data, this_year=THIS_YEAR)
    assert preview.ok()
    assert (preview.rows[0].fields.name, preview.rows[0].fields.village) == \
        ('Wang "Auntie" Xiuying', "Fangfan, upper village")  # a line break in a name becomes a space


def test_two_classes_in_one_cell(db, tmp_path):
    spring = create_cohort(db, "Spring")
    preview = read_learner_csv(db, write(tmp_path, b"name,cohort\nA,spring ; Tea growers\xef\xbc\x9b spring\n"))
    assert preview.rows[0].cohorts == ("spring", "Tea growers") and preview.new_cohorts == ["Tea growers"]
    import_learners(db, preview)
    learner = roster(db)[0].id
    assert learner in member_ids(db, spring)  # matched without case
    assert [c.name for c in list_cohorts(db)] == ["Spring", "Tea growers"]


# ------------------------------------------------------------------ duplicates

def test_learners_already_here_are_marked_and_by_default_not_added_again(db, tmp_path):
    here = create_learner(db, "王秀英", "芳畈镇")
    data = "姓名,村,班级\n 王秀英 ,芳畈镇,Tea\n王秀英,新城镇,\n李建国,,\n李建国,,Tea\n".encode()
    preview = read_learner_csv(db, write(tmp_path, data), THIS_YEAR)
    marks = [(r.row, r.existing_id, r.repeat_of) for r in preview.rows]
    assert marks == [(2, here, None), (3, None, None), (4, None, None), (5, None, 4)]
    assert preview.duplicates == 2
    result = import_learners(db, preview)
    assert (result.added, result.skipped, result.placed) == (2, 2, 2)
    names = sorted((r.name, r.village) for r in roster(db))
    assert names == [("李建国", ""), ("王秀英", "新城镇"), ("王秀英", "芳畈镇")]
    tea = list_cohorts(db)[0].id
    li = next(r.id for r in roster(db) if r.name == "李建国")
    assert member_ids(db, tea) == {here, li}  # the learners already here were put in the class


def test_adding_duplicates_when_the_trainer_asks(db):
    create_learner(db, "王秀英", "芳畈镇")
    preview = parse_learner_csv("姓名,村\n王秀英,芳畈镇\n".encode(), {("王秀英", "芳畈镇"): "x"}, this_year=THIS_YEAR)
    assert import_learners(db, preview, skip_duplicates=False).added == 1
    assert len(roster(db)) == 2


# ------------------------------------------------------------------ classes

def test_an_unknown_class_is_offered_and_refusing_it_names_each_row(db, tmp_path):
    create_cohort(db, "Spring")
    preview = read_learner_csv(db, write(tmp_path, b"name,cohort\nA,Spring\nB,Autumn\nC,autumn\n"), THIS_YEAR)
    assert preview.ok(create_cohorts=True) and preview.new_cohorts == ["Autumn"]
    assert messages(preview, create_cohorts=False) == [
        "Row 3, column “cohort”: There is no class “Autumn” yet.",
        "Row 4, column “cohort”: There is no class “Autumn” yet."]
    assert_refused(db, preview, create_cohorts=False)


def test_an_archived_class_is_not_filled_silently(db, tmp_path):
    set_cohort_archived(db, create_cohort(db, "Old"), True)
    preview = read_learner_csv(db, write(tmp_path, b"name,cohort\nA,old\n"), THIS_YEAR)
    assert "archived" in messages(preview)[0]
    assert_refused(db, preview)


# ------------------------------------------------------------------ bad rows

def test_one_message_per_problem_with_row_and_column(db, tmp_path):
    create_learner(db, "Somebody")
    data = ("姓名,村,出生年份,电话\n"
            "王秀英,芳畈镇,1958,13812345678\n"
            ",芳畈镇,1958,\n"                 # 3: no name
            "李建国,,一九五八,\n"              # 4: not a number
            "张桂兰,,1900,\n"                  # 5: too early
            "刘德明,,2031,\n"                  # 6: in the future
            "陈翠花,,,1381234567\n"            # 7: 10 digits
            "赵长顺,,,23812345678\n"           # 8: does not start with 1
            "周,,,1.38123E+10\n"               # 9: Excel's scientific notation
            "吴,,1950,13812345678,多余\n"      # 10: too many columns
            "郑,,1950,13812345678,,,\n")       # 11: empty extra cells are fine
    preview = read_learner_csv(db, write(tmp_path, data.encode()), THIS_YEAR)
    found = messages(preview)
    assert [(p.row, p.column) for p in preview.errors()] == [
        (3, "姓名"), (4, "出生年份"), (5, "出生年份"), (6, "出生年份"), (7, "电话"), (8, "电话"), (9, "电话"), (10, "")]
    assert found[0] == "Row 3, column “姓名”: The name is missing."
    assert "“一九五八” is not" in found[1] and "between 1920 and 2026" in found[2]
    assert "11 digits" in found[4] and "Text" in found[6] and "only 4 columns" in found[7]
    assert [r.row for r in preview.rows] == [2, 11]
    assert_refused(db, preview)


def test_messages_are_translated_when_shown_not_when_read(db, tmp_path):
    folder = tmp_path / "translations" / "zh_CN" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "ecom_trainer.po").write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Row {row}, column “{column}”: {problem}"\nmsgstr "第 {row} 行，“{column}”列：{problem}"\n\n'
        'msgid "The name is missing."\nmsgstr "没有姓名。"\n', encoding="utf-8")
    preview = parse_learner_csv("姓名,出生年份\n,1950\n".encode(), this_year=THIS_YEAR)
    assert messages(preview) == ["Row 2, column “姓名”: The name is missing."]
    i18n.set_language("zh_CN", folder=tmp_path / "translations")
    assert messages(preview) == ["第 2 行，“姓名”列：没有姓名。"]


def test_a_name_too_long_for_a_tile(db):
    preview = parse_learner_csv(("name\n" + "长" * 41 + "\n").encode(), this_year=THIS_YEAR)
    assert "40 characters" in messages(preview)[0]


# ------------------------------------------------------------------ hostile files

@pytest.mark.parametrize(("data", "says"), [
    (b"", "empty"),
    (b"   \r\n\r\n", "empty"),
    (b"\xef\xbb\xbf", "empty"),
    ("姓名,村\n".encode(), "only the column names"),
    ("姓名,村\n,\n,\n".encode(), "only the column names"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a CSV file"),
    (b"PK\x03\x04\x14\x00\x06\x00", "Excel workbook"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Excel workbook"),
    ("姓名,村\n王秀英,芳畈镇\n".encode("utf-16"), "UTF-16"),
    ("姓名,村\n王秀英,芳畈镇\n".encode("utf-16-le"), "not a CSV file"),
    (b"name\nJos\xe9,\xff\xfe\n", "neither UTF-8 nor GB18030"),
    (b"\xef\xbb\xbfname\nJos\xe9\n", "neither UTF-8 nor GB18030"),
    (b"name\x07\nbell\n", "not a CSV file"),
    (b"name,village\n\"open quote,x\nB,y\n", "quotation mark"),
    (b"a,b,c\n1,2,3\n", "must name the columns"),
    (b"name,NAME\nA,B\n", "two columns for the same thing"),
])
def test_hostile_files_are_refused_with_a_reason_and_nothing_is_written(db, tmp_path, data, says):
    create_learner(db, "Already here")
    preview = read_learner_csv(db, write(tmp_path, data), THIS_YEAR)
    assert any(says in m for m in messages(preview)), messages(preview)
    assert_refused(db, preview)


def test_a_file_over_2_mb_is_refused_without_reading_it(db, tmp_path):
    big = b"name\n" + b"A" * 30 + b"\n"
    big = big * (MAX_BYTES // len(big) + 1)
    path = write(tmp_path, big)
    preview = read_learner_csv(db, path, THIS_YEAR)
    assert "too big (2.0 MB)" in messages(preview)[0]
    assert_refused(db, preview)
    assert "too big" in messages(parse_learner_csv(big))[0]


def test_a_missing_file(db, tmp_path):
    preview = read_learner_csv(db, tmp_path / "gone.csv", THIS_YEAR)
    assert "cannot be read" in messages(preview)[0]


def test_formula_injection_is_stored_as_text_and_exported_harmless(db, tmp_path):
    evil = "=cmd|' /C calc'!A0"
    preview = read_learner_csv(db, write(tmp_path, f"name,village\n{evil},+1+1\n@SUM(A1),-2\n".encode()), THIS_YEAR)
    assert preview.ok()
    import_learners(db, preview)
    assert sorted(r.name for r in roster(db)) == [evil, "@SUM(A1)"]  # text, shown as text
    target = tmp_path / "out.csv"
    export_roster(db, target, language="en")
    cells = [c for row in csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"))) for c in row]
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    assert "'" + evil in cells and "'+1+1" in cells and "'@SUM(A1)" in cells
    # and the exported file comes back as it was
    again = read_learner_csv(db, target, THIS_YEAR)
    assert sorted((r.fields.name, r.fields.village) for r in again.rows) == [(evil, "+1+1"), ("@SUM(A1)", "-2")]
    assert all(r.existing_id for r in again.rows)


@pytest.mark.parametrize("value", ["=1+1", "+86", "-5", "@x", "\tx", "\rx"])
def test_neutralise_every_formula_start(value):
    assert neutralise(value) == "'" + value and neutralise("王秀英") == "王秀英" and neutralise(None) == ""


# ------------------------------------------------------------------ all or nothing

def test_ten_thousand_rows_in_one_transaction(db, tmp_path):
    lines = ["姓名,村,出生年份,电话,班级"]
    lines += [f"学员{n},村{n % 40},{1940 + n % 40},1{n:010d},班{n % 3}" for n in range(10_000)]
    path = write(tmp_path, "\n".join(lines).encode("gb18030"))
    assert path.stat().st_size < MAX_BYTES
    started = time.perf_counter()
    preview = read_learner_csv(db, path, THIS_YEAR)
    read_s = time.perf_counter() - started
    assert preview.ok() and len(preview.rows) == 10_000 and preview.encoding == GB18030
    seen: list[tuple[int, int]] = []
    started = time.perf_counter()
    result = import_learners(db, preview, progress=lambda done, total: seen.append((done, total)))
    write_s = time.perf_counter() - started
    assert result.added == 10_000 and len(roster(db)) == 10_000
    assert sum(get_cohort(db, c.id).members for c in list_cohorts(db)) == 10_000
    assert seen[-1] == (10_000, 10_000) and len(seen) > 100
    print(f"10,000 rows: read and checked in {read_s:.2f} s, added in {write_s:.2f} s")
    assert read_s < 10 and write_s < 20  # generous: two shared cores


def test_stopping_midway_writes_nothing(db, tmp_path):
    create_learner(db, "Already here")
    lines = ["name,cohort"] + [f"L{n},C{n % 5}" for n in range(3000)]
    preview = read_learner_csv(db, write(tmp_path, "\n".join(lines).encode()), THIS_YEAR)
    before = snapshot(db)
    checks = []

    def cancelled() -> bool:
        checks.append(1)
        return len(checks) > 20  # after about 1,000 rows

    with pytest.raises(ImportCancelled):
        import_learners(db, preview, cancelled=cancelled)
    assert snapshot(db) == before


def test_a_database_error_midway_writes_nothing(db, tmp_path):
    db.execute("CREATE TRIGGER boom BEFORE INSERT ON learners WHEN NEW.name = 'L1500' "
               "BEGIN SELECT RAISE(ABORT, 'disk trouble'); END")
    lines = ["name,cohort"] + [f"L{n},C{n % 5}" for n in range(3000)]
    preview = read_learner_csv(db, write(tmp_path, "\n".join(lines).encode()), THIS_YEAR)
    before = snapshot(db)
    with pytest.raises(sqlite3.DatabaseError):
        import_learners(db, preview)
    assert snapshot(db) == before
    db.execute("DROP TRIGGER boom")
    import_learners(db, preview)  # and the connection is usable afterwards
    assert len(roster(db)) == 3000


# ------------------------------------------------------------------ export

def test_export_is_utf8_with_bom_in_the_interface_language_and_reads_back(db, tmp_path):
    preview = parse_learner_csv(GOOD_ZH.encode(), this_year=THIS_YEAR)
    import_learners(db, preview)
    target = tmp_path / "roster.csv"
    assert export_roster(db, target, language="zh_CN") == 3
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["姓名", "村", "出生年份", "电话", "班级"]
    assert ["王秀英", "芳畈镇", "1958", "13812345678", "2026 春季班"] in rows
    assert not (tmp_path / "roster.csv.partial").exists()
    export_roster(db, target, language="en")
    assert target.read_bytes().decode("utf-8-sig").startswith("name,village,birth_year,phone,cohort\r\n")
    again = read_learner_csv(db, target, THIS_YEAR)
    assert again.ok() and again.encoding == UTF8_BOM and all(r.existing_id for r in again.rows)


def test_export_leaves_archived_learners_out_unless_asked(db, tmp_path):
    from ecom_trainer.store.roster import set_archived

    set_archived(db, create_learner(db, "Gone"), True)
    create_learner(db, "Here")
    assert export_roster(db, tmp_path / "a.csv") == 1
    assert export_roster(db, tmp_path / "b.csv", include_archived=True) == 2
