import re
import shutil
import subprocess
import sys

from ecom_trainer.cli import main
from ecom_trainer.paths import lessons_dir


def test_lessons_check_passes_on_the_bundled_pack(capsys):
    assert main(["lessons", "check", str(lessons_dir())]) == 0
    assert "no problems" in capsys.readouterr().out


def test_lessons_check_names_file_and_line_of_a_broken_copy(tmp_path, capsys):
    copy = tmp_path / "lessons"
    shutil.copytree(lessons_dir(), copy)
    lesson = copy / "listing-title" / "lesson.yaml"
    lines = lesson.read_text().splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("type: single_choice"))
    lines[index] = lines[index].replace("single_choice", "essay")
    lesson.write_text("\n".join(lines) + "\n")
    assert main(["lessons", "check", str(copy)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert out == [f"{lesson}:{index + 1}: " + out[0].split(f"{lesson}:{index + 1}: ", 1)[1]]
    assert "unknown question type 'essay'" in out[0]


def test_the_installed_command_runs(tmp_path):
    result = subprocess.run([sys.executable, "-m", "ecom_trainer", "lessons", "check", str(tmp_path / "none")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "does not exist" in result.stdout
    assert "Traceback" not in result.stderr


def test_i18n_check_reports_completeness(capsys):
    """A row per language and domain, English (the source language) included; it fails exactly
    when a row is marked (tests/i18n/test_completeness.py checks the figures)."""
    code = main(["i18n", "check"])
    out = capsys.readouterr().out
    rows = {tuple(line.split()[:2]) for line in out.splitlines()}
    assert {("en", "ecom_trainer"), ("en", "lessons"), ("zh_CN", "ecom_trainer"), ("zh_CN", "lessons")} <= rows
    assert code == (1 if "<- must be 100 %" in out else 0)


def test_lessons_new_scaffolds_a_lesson_that_passes_the_check(tmp_path, capsys):
    copy = tmp_path / "lessons"
    shutil.copytree(lessons_dir(), copy)
    assert main(["lessons", "new", "tea-gift-box", "--track", "listing", "--dir", str(copy)]) == 0
    assert (copy / "tea-gift-box" / "lesson.yaml").is_file()
    assert "tea-gift-box" in (copy / "tracks" / "listing.yaml").read_text()
    capsys.readouterr()
    assert main(["lessons", "check", str(copy)]) == 0
    assert main(["lessons", "new", "tea-gift-box", "--track", "listing", "--dir", str(copy)]) == 1
    assert main(["lessons", "new", "Bad Id", "--track", "listing", "--dir", str(copy)]) == 1
    assert main(["lessons", "new", "x-y", "--track", "nowhere", "--dir", str(copy)]) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and "not a valid lesson id" in err and "no track 'nowhere'" in err


def test_lessons_new_handles_a_block_style_lesson_list(tmp_path):
    from ecom_trainer.content import load_curriculum
    from ecom_trainer.content.authoring import new_lesson

    copy = tmp_path / "lessons"
    shutil.copytree(lessons_dir(), copy)
    track = copy / "tracks" / "money.yaml"
    text = track.read_text()
    start = text.index("lessons: [")
    end = text.index("]", start)
    listed = [x.strip() for x in text[start + len("lessons: ["):end].split(",")]
    track.write_text(text[:start] + "lessons:\n" + "".join(f"  - {x}\n" for x in listed) + text[end + 2:])
    new_lesson(copy, "money-bank-card", "money")
    loaded = load_curriculum(copy)
    assert loaded.problems == [] and loaded.track("money").lesson_ids[-1] == "money-bank-card"


def test_lessons_stats_counts_per_track(capsys):
    assert main(["lessons", "stats"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"track listing: \d+ lessons, \d+ steps", out) and "100% illustrated" in out
    assert "A1   practice" in out and "longest sentence:" in out


def test_backup_list_and_restore_from_the_command_line(tmp_path, capsys, monkeypatch):
    from ecom_trainer.store.db import open_database
    from ecom_trainer.store.learners import add_learner

    db = tmp_path / "centre.sqlite3"
    conn = open_database(db)
    add_learner(conn, "陈翠花")
    conn.close()
    assert main(["--db", str(db), "backup"]) == 0
    assert main(["--db", str(db), "backups"]) == 0
    out = capsys.readouterr().out
    assert "Backed up to" in out and "1 learners, 0 answers" in out
    conn = open_database(db)
    add_learner(conn, "赵长顺")
    conn.close()
    monkeypatch.setattr("builtins.input", lambda _prompt: "n")
    assert main(["--db", str(db), "restore"]) == 1  # asked, refused: nothing changed
    assert "Nothing was changed" in capsys.readouterr().out
    assert main(["--db", str(db), "restore", "--yes"]) == 0
    assert "kept as" in capsys.readouterr().out
    conn = open_database(db)
    assert [r[0] for r in conn.execute("SELECT name FROM learners")] == ["陈翠花"]
    assert main(["--db", str(tmp_path / "none.sqlite3"), "restore", "--yes"]) == 1
