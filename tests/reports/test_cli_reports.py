"""The report and certificate commands: a PDF in the chosen language, a refusal with the reason
and no file, a code checked without Qt, and no traceback for unknown ids."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from ecom_trainer.cli import main
from ecom_trainer.reports.certificates import issue_certificate
from ecom_trainer.reports.data import learner_data
from tests.reports.conftest import needs_pdftotext

DAY = date(2026, 11, 29)


def issue(db, curriculum, learner, track="listing"):
    return issue_certificate(db, learner_data(db, curriculum, learner, DAY), track)


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True, timeout=60)
    return " ".join(out.stdout.split())


@needs_pdftotext
def test_report_learner_and_cohort_in_chinese(db, centre, tmp_path, capsys):
    db_file = str(tmp_path / "test.sqlite3")
    out = tmp_path / "learner.pdf"
    assert main(["--db", db_file, "--language", "zh_CN", "report", "learner", centre["周玉兰"], "--out", str(out)]) == 0
    assert "周玉兰" in pdf_text(out) and "商品上架" in pdf_text(out)
    by_name = tmp_path / "by-name.pdf"
    assert main(["--db", db_file, "report", "learner", "孙大山", "--out", str(by_name)]) == 0  # a unique name
    cohort = tmp_path / "cohort.pdf"
    assert main(["--db", db_file, "--language", "en", "report", "cohort", "测试班", "--out", str(cohort)]) == 0
    assert "Cohort report" in pdf_text(cohort) and "gain of the averages" in pdf_text(cohort)
    assert "Wrote" in capsys.readouterr().out


def test_unknown_ids_are_said_without_a_traceback(db, centre, tmp_path, capsys):
    db_file = str(tmp_path / "test.sqlite3")
    out = tmp_path / "x.pdf"
    assert main(["--db", db_file, "report", "learner", "nobody", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "No learner 'nobody'" in err and centre["周玉兰"] in err  # the list to choose from
    assert main(["--db", db_file, "report", "cohort", "nothing", "--out", str(out)]) == 1
    assert "测试班" in capsys.readouterr().err
    assert main(["--db", db_file, "certificate", "issue", centre["周玉兰"], "no-track", "--out", str(out)]) == 1
    assert "No track 'no-track'" in capsys.readouterr().err
    assert main(["--db", db_file, "report", "learner", centre["周玉兰"], "--out", str(tmp_path / "no" / "x.pdf")]) == 1
    assert "Could not write" in capsys.readouterr().err
    assert not out.exists()


@needs_pdftotext
def test_certificate_issue_refused_or_written(db, centre, tmp_path, capsys):
    db_file = str(tmp_path / "test.sqlite3")
    refused = tmp_path / "refused.pdf"
    assert main(["--db", db_file, "certificate", "issue", centre["孙大山"], "listing", "--out", str(refused)]) == 1
    err = capsys.readouterr().err
    assert "Refused" in err and "Product title" in err and not refused.exists()
    out = tmp_path / "certificate.pdf"
    assert main(["--db", db_file, "--language", "zh_CN", "certificate", "issue", centre["周玉兰"], "listing",
                 "--out", str(out)]) == 0
    text = pdf_text(out)
    code = next(w for w in text.split() if len(w) == 11 and w[5] == "-")
    assert main(["--db", db_file, "certificate", "verify", code]) == 0
    assert "周玉兰" in capsys.readouterr().out


def test_command_line_verify(db, curriculum, centre, tmp_path, capsys):
    certificate = issue(db, curriculum, centre["周玉兰"])
    path = str(tmp_path / "test.sqlite3")
    assert main(["--db", path, "certificate", "verify", certificate.display_code.lower()]) == 0
    out = capsys.readouterr().out
    assert "周玉兰" in out and centre["周玉兰"] in out and "listing" in out and "2026-11-29" in out
    wrong = ("0" if certificate.code[0] != "0" else "1") + certificate.code[1:]
    assert main(["--db", path, "certificate", "verify", wrong]) == 1
    assert "unknown" in capsys.readouterr().out.lower()


def test_command_line_verify_needs_no_qt(db, curriculum, centre, tmp_path):
    """Checking a code is plain Python: it works where Qt cannot start."""
    certificate = issue(db, curriculum, centre["周玉兰"])
    code = ("import sys; from ecom_trainer.cli import main; rc = main(['--db', sys.argv[1], 'certificate', "
            "'verify', sys.argv[2]]); assert not [m for m in sys.modules if m.startswith('PySide6')]; "
            "sys.exit(rc)")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "test.sqlite3"), certificate.code],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "周玉兰" in result.stdout
