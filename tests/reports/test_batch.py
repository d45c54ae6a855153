"""Many PDFs into a folder: every file complete or absent, whatever happens on the way."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from ecom_trainer.reports import batch, pdf
from ecom_trainer.reports.batch import (
    CERTIFICATE,
    COHORT,
    LEARNER,
    TEMP_PREFIX,
    TEMP_SUFFIX,
    Job,
    safe_name,
    write_atomically,
    write_reports,
)
from ecom_trainer.store.learners import add_learner, list_learners

DAY = date(2026, 11, 29)


def is_whole_pdf(path) -> bool:
    data = path.read_bytes()
    return data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")


def leftovers(folder) -> list:
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".pdf"))


def test_one_pdf_per_learner_and_progress_counts(db, curriculum, centre, tmp_path):
    learners = list_learners(db)
    seen = []
    result = write_reports(db, curriculum, [Job(LEARNER, x.id) for x in learners], tmp_path / "out",
                           progress=lambda done, total, _what: seen.append((done, total)), today=DAY)
    assert not result.cancelled and not result.skipped
    assert len(result.written) == len(learners) == len(list((tmp_path / "out").glob("*.pdf")))
    assert all(is_whole_pdf(p) for p in result.written)
    assert "周玉兰 - Learner report.pdf" in {p.name for p in result.written}
    assert seen == [(n, len(learners)) for n in range(len(learners) + 1)]
    assert leftovers(tmp_path / "out") == []


def test_cancel_between_files_leaves_only_whole_files(db, curriculum, centre, tmp_path):
    jobs = [Job(LEARNER, x.id) for x in list_learners(db)]
    stop = threading.Event()

    def progress(done, total, _what):
        if done == 2:
            stop.set()  # the trainer presses Stop while the third file is being made

    folder = tmp_path / "out"
    result = write_reports(db, curriculum, jobs, folder, progress=progress, cancelled=stop.is_set, today=DAY)
    assert result.cancelled and len(result.written) == 3 < len(jobs)
    assert sorted(folder.glob("*.pdf")) == sorted(result.written)
    assert all(is_whole_pdf(p) for p in result.written)
    assert leftovers(folder) == []


def test_a_failure_while_writing_leaves_no_half_file(db, curriculum, centre, tmp_path, monkeypatch):
    jobs = [Job(LEARNER, x.id) for x in list_learners(db)[:4]]
    made = []
    real_write = batch.os.fdopen

    def dying_fdopen(fd, mode):  # the third file: half of it written, then the disk fails
        fh = real_write(fd, mode)
        if len(made) == 2:
            original = fh.write

            def half_then_fail(data):
                original(data[: len(data) // 2])
                raise OSError(28, "No space left on device")

            fh.write = half_then_fail
        made.append(fd)
        return fh

    monkeypatch.setattr(batch.os, "fdopen", dying_fdopen)
    folder = tmp_path / "out"
    with pytest.raises(OSError, match="No space"):
        write_reports(db, curriculum, jobs, folder, today=DAY)
    assert len(list(folder.glob("*.pdf"))) == 2 and all(is_whole_pdf(p) for p in folder.glob("*.pdf"))
    assert leftovers(folder) == []


def test_a_crash_leftover_is_removed_by_the_next_batch(db, curriculum, centre, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / f"{TEMP_PREFIX}abc{TEMP_SUFFIX}").write_bytes(b"%PDF-1.4 half")
    (folder / "notes.txt").write_text("the trainer's own file")
    write_reports(db, curriculum, [Job(LEARNER, centre["周玉兰"])], folder, today=DAY)
    assert leftovers(folder) == ["notes.txt"]


def test_an_existing_file_is_replaced_whole_or_kept(tmp_path, monkeypatch):
    target = tmp_path / "r.pdf"
    target.write_bytes(b"old")
    monkeypatch.setattr(batch.os, "replace", lambda *a: (_ for _ in ()).throw(OSError("no")))
    with pytest.raises(OSError):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old" and leftovers(tmp_path) == []


def test_certificates_not_earned_are_skipped_with_the_reason(db, curriculum, centre, tmp_path):
    jobs = [Job(CERTIFICATE, centre[name], "listing") for name in ("周玉兰", "孙大山")] + \
        [Job(COHORT, centre["cohort"]), Job(LEARNER, "no-such-learner")]
    result = write_reports(db, curriculum, jobs, tmp_path, today=DAY)
    names = sorted(p.name for p in result.written)
    assert names == ["周玉兰 - Listing products - Certificate.pdf", "测试班 - Cohort report.pdf"]
    (cert_job, reason), (unknown_job, _why) = result.skipped
    assert cert_job.subject == centre["孙大山"] and unknown_job.subject == "no-such-learner"
    assert "孙大山" in reason and "Product title" in reason and "Listing products" in reason


def test_two_learners_of_one_name_get_two_files(db, curriculum, tmp_path):
    twins = [add_learner(db, "王/秀英"), add_learner(db, "王/秀英")]
    result = write_reports(db, curriculum, [Job(LEARNER, t) for t in twins], tmp_path, today=DAY)
    assert sorted(p.name for p in result.written) == ["王_秀英 - Learner report (2).pdf",
                                                      "王_秀英 - Learner report.pdf"]
    assert safe_name('a:b*c?"d<>|') == "a_b_c_d_" and safe_name("...") == "report"


def test_reports_are_made_in_the_current_language(db, curriculum, centre, tmp_path, monkeypatch):
    from ecom_trainer import i18n

    i18n.set_language("zh_CN", curriculum.source_language)
    titles = []
    real = pdf.learner_pdf
    monkeypatch.setattr(pdf, "learner_pdf", lambda data: titles.append(i18n.lesson_text("Main photo")) or real(data))
    write_reports(db, curriculum, [Job(LEARNER, centre["周玉兰"])], tmp_path, today=DAY)
    assert titles == ["主图"]
