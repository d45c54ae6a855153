"""Writing report files: one at a time or many into a folder, with progress and cancelling.

A file appears under its name only when it is complete: the PDF is made in memory, written to a
temporary file beside it, flushed to disk and renamed (atomic on one file system). Cancelling,
an error or a crash therefore never leaves half a PDF; at worst a hidden `.ecom-trainer-*.part`
file after a crash, which the next batch into that folder removes.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ecom_trainer.content.model import Curriculum
from ecom_trainer.i18n import gettext as _
from ecom_trainer.i18n import lesson_text
from ecom_trainer.reports.certificates import CertificateRefused, issue_certificate
from ecom_trainer.reports.data import cohort_data, learner_data

LEARNER, COHORT, CERTIFICATE = "learner", "cohort", "certificate"
TEMP_PREFIX, TEMP_SUFFIX = ".ecom-trainer-", ".part"

# progress(files done, files in all, what is being made now)
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Job:
    kind: str  # LEARNER | COHORT | CERTIFICATE
    subject: str  # the learner's or the cohort's id
    track: str = ""  # certificates: the track


@dataclass
class BatchResult:
    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[Job, str]] = field(default_factory=list)  # with the reason, for the trainer
    cancelled: bool = False


def write_atomically(path: Path, data: bytes) -> None:
    """All of `data` under `path`, or nothing there (an older file of that name stays whole)."""
    fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def remove_leftovers(folder: Path) -> None:
    """Temporary files a crash left behind (only ours: the prefix and suffix say so)."""
    for leftover in folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
        with suppress(OSError):
            leftover.unlink()


_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]+')


def safe_name(text: str) -> str:
    """A file name every system accepts (Chinese kept): no separators or reserved characters."""
    cleaned = _UNSAFE.sub("_", text).strip(" .")
    return cleaned[:100] or "report"


def render_job(conn: sqlite3.Connection, curriculum: Curriculum, job: Job,
               today: date | None = None) -> tuple[str, bytes]:
    """(file name, PDF) for one job. Raises LookupError for an unknown learner, cohort or
    track, and CertificateRefused when a skill is not mastered yet."""
    from ecom_trainer.reports import pdf  # Qt: only when a PDF is really made

    if job.kind == COHORT:
        cohort = cohort_data(conn, curriculum, job.subject, today)
        kind = _("Cohort report")  # not inside the f-string: Babel would not find it there
        return safe_name(f"{cohort.name} - {kind}") + ".pdf", pdf.cohort_pdf(cohort)
    data = learner_data(conn, curriculum, job.subject, today)
    if job.kind == CERTIFICATE:
        certificate = issue_certificate(conn, data, job.track, today)
        kind = _("Certificate")
        name = f"{data.name} - {lesson_text(certificate.track_title)} - {kind}"
        return safe_name(name) + ".pdf", pdf.certificate_pdf(certificate)
    if job.kind != LEARNER:
        raise ValueError(f"unknown kind of report {job.kind!r}")
    kind = _("Learner report")
    return safe_name(f"{data.name} - {kind}") + ".pdf", pdf.learner_pdf(data)


def refusal_text(conn: sqlite3.Connection, curriculum: Curriculum, exc: CertificateRefused,
                 learner_name: str) -> str:
    """Why there is no certificate, in words a trainer can act on."""
    track = curriculum.track(exc.track_id)
    skills = "; ".join(_("{skill}: {right} of the last {total} right, chance known {chance}").format(
        skill=lesson_text(s.name), right=s.mastery.recent_right, total=s.mastery.recent_total,
        chance=f"{round(s.mastery.probability * 100)}%") for s in exc.missing)
    return _("{name}: no certificate for {track} yet. Not mastered: {skills}.").format(
        name=learner_name, track=lesson_text(track.title) if track else exc.track_id, skills=skills)


def write_reports(conn: sqlite3.Connection, curriculum: Curriculum, jobs: Sequence[Job], folder: Path,
                  progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                  today: date | None = None) -> BatchResult:
    """Write each job's PDF into `folder`. Stops between two files when `cancelled()` says so:
    the files already written stay, none is half written. Jobs that cannot be done (a
    certificate not earned, an unknown id) are skipped with the reason."""
    folder.mkdir(parents=True, exist_ok=True)
    remove_leftovers(folder)
    result = BatchResult()
    used: set[str] = set()
    for done, job in enumerate(jobs):
        if cancelled is not None and cancelled():
            result.cancelled = True
            break
        if progress is not None:
            progress(done, len(jobs), job.subject)
        try:
            name, data = render_job(conn, curriculum, job, today)
        except CertificateRefused as exc:
            learner = learner_data(conn, curriculum, job.subject, today)
            result.skipped.append((job, refusal_text(conn, curriculum, exc, learner.name)))
            continue
        except LookupError as exc:
            result.skipped.append((job, str(exc)))
            continue
        stem, n = name.removesuffix(".pdf"), 2
        while name in used:  # two learners of the same name: both files kept
            name, n = f"{stem} ({n}).pdf", n + 1
        used.add(name)
        path = folder / name
        write_atomically(path, data)
        result.written.append(path)
    if progress is not None and not result.cancelled:
        progress(len(jobs), len(jobs), "")
    return result
