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
    assert main(["i18n", "check"]) == 0
    assert "zh_CN" in capsys.readouterr().out
