"""The command line: start the app, check lessons, check translations.

    ecom-trainer [--demo] [--db FILE] [--language CODE]   start the program
    ecom-trainer --safe-mode                              start with software rendering (old graphics)
    ecom-trainer --smoke-test                             start, check picker/lessons/catalogs, quit
    ecom-trainer lessons check [DIR]                      list problems in a lesson pack
    ecom-trainer lessons stats [DIR]                      figures per track (types, skills, ...)
    ecom-trainer lessons new ID --track T [--dir DIR]     a new lesson that passes the check
    ecom-trainer i18n check                               translation completeness per locale
    ecom-trainer [--db FILE] backup | backups             make a backup now / list the backups
    ecom-trainer [--db FILE] restore [BACKUP] [--yes]     put a backup in place (the current file is kept)
    ecom-trainer [--db FILE] sync export|import BUNDLE    carry progress between PCs
    ecom-trainer [--db FILE] voices export|import FILE    trainers' recorded voices, one file with the lessons
    ecom-trainer [--db FILE] report learner|cohort ID --out FILE.pdf      a PDF report
    ecom-trainer [--db FILE] certificate issue LEARNER TRACK --out FILE.pdf
    ecom-trainer [--db FILE] certificate verify CODE      whose certificate a code is
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # argparse itself is imported only for a command line that needs it
    import argparse


def _lessons_check(folder: Path) -> int:
    from ecom_trainer.content import load_curriculum

    curriculum = load_curriculum(folder)
    for problem in curriculum.problems:
        print(problem)
    lessons = len(curriculum.lessons)
    if curriculum.problems:
        print(f"{len(curriculum.problems)} problem(s); {lessons} lesson(s) loaded fine.", file=sys.stderr)
        return 1
    print(f"OK: {len(curriculum.tracks)} track(s), {lessons} lesson(s), no problems.")
    return 0


def _lessons_stats(folder: Path) -> int:
    from ecom_trainer.content import load_curriculum
    from ecom_trainer.content.authoring import format_stats

    curriculum = load_curriculum(folder)
    print(format_stats(curriculum))
    if curriculum.problems:
        print(f"(not counted: {len(curriculum.problems)} problem(s); see `lessons check`)", file=sys.stderr)
    return 0


def _lessons_new(folder: Path, lesson_id: str, track: str) -> int:
    from ecom_trainer.content import load_curriculum
    from ecom_trainer.content.authoring import ScaffoldError, new_lesson

    language = load_curriculum(folder).source_language
    try:
        created = new_lesson(folder, lesson_id, track, language)
    except ScaffoldError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Created {created / 'lesson.yaml'} (listed in tracks/{track}.yaml).")
    print("Write your text and pictures, then run: ecom-trainer lessons check")
    return 0


def _i18n_check(required: tuple[str, ...] = ("zh_CN", "en"), folder: Path | None = None,
                sources: dict[str, set] | None = None) -> int:
    from ecom_trainer.i18n.completeness import completeness, source_language_check

    failed = False
    # English is the source language: its texts are the templates' msgids, complete when a
    # template holds exactly the texts of the program or the lessons (else: make i18n).
    english, stale, new = source_language_check(folder, sources)
    for (language, domain), (done, total) in sorted({**english, **completeness(folder)}.items()):
        share = 100.0 * done / total if total else 100.0
        need = language in required
        mark = "" if not need or share >= 100 else "  <- must be 100 %"
        failed |= bool(mark)
        source = "  (source: texts in both the sources and the template)" if (language, domain) in english else ""
        print(f"{language:8} {domain:14} {done:5}/{total:<5} {share:6.1f} %{mark}{source}")
    for domain in new:
        for what, texts in (("not in the template yet", new[domain]), ("in the template, in no source", stale[domain])):
            for text in texts[:5]:
                print(f"en {domain}: {what}: {text!r}")
            if len(texts) > 5:
                print(f"en {domain}: {len(texts) - 5} more {what}")
    if any(new.values()) or any(stale.values()):
        print("Bring the templates up to date with `make i18n` (lesson authors: scripts/add_translations.py).")
    from ecom_trainer.i18n.placeholders import placeholder_problems

    for problem in placeholder_problems(folder):  # a misspelt {name} stops the screen that shows it
        print(problem)
        failed = True
    return 1 if failed else 0


def _backup(db_path: Path) -> int:
    from ecom_trainer.store.backup import make_backup
    from ecom_trainer.store.db import DatabaseError

    try:
        print(f"Backed up to {make_backup(db_path)}")
    except (DatabaseError, OSError) as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


def _describe(backup) -> str:
    what = (f"{backup.learners} learners, {backup.answers} answers" if backup.ok
            else "DAMAGED: cannot be used")
    return f"{backup.made:%Y-%m-%d %H:%M} UTC  {what}  {backup.path.name}"


def _backups(db_path: Path) -> int:
    from ecom_trainer.store.backup import list_backups

    found = list_backups(db_path)
    for backup in found:
        print(_describe(backup))
    if not found:
        print(f"No backups of {db_path} yet.")
    return 0


def _restore(db_path: Path, choice: Path | None, yes: bool) -> int:
    from ecom_trainer.store.backup import list_backups, restore
    from ecom_trainer.store.db import DatabaseError

    found = [b for b in list_backups(db_path) if b.ok]
    chosen = next((b for b in found if choice and b.path.name == choice.name), None) if choice \
        else (found[0] if found else None)
    if chosen is None:
        print("No usable backup " + (f"named {choice}" if choice else "found") + ".", file=sys.stderr)
        return 1
    print(f"Restore {db_path} from: {_describe(chosen)}")
    if not yes and input("Replace the current file? It is kept aside, not deleted. [y/N] ").strip().lower() not in ("y", "yes"):
        print("Nothing was changed.")
        return 1
    try:
        kept = restore(db_path, chosen.path)
    except (DatabaseError, OSError) as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Restored. The previous file is kept as {kept}." if kept else "Restored.")
    return 0


def _sync(db_path: Path, action: str, bundle: Path) -> int:
    from ecom_trainer.store.db import DatabaseError, open_database
    from ecom_trainer.sync.bundle import (
        BundleError,
        export_bundle,
        import_bundle,
        possible_duplicates,
    )

    try:
        conn = open_database(db_path)
    except DatabaseError as exc:
        print(exc, file=sys.stderr)
        return 1
    if action == "export":
        manifest = export_bundle(conn, bundle)
        print(f"Wrote {bundle}: {manifest['rows']['attempts.jsonl']} answers, "
              f"{manifest['rows']['learners.jsonl']} learners.")
        return 0
    try:
        report = import_bundle(conn, bundle)
    except BundleError as exc:
        print(f"Refused, nothing changed: {exc}", file=sys.stderr)
        return 1
    print(f"Imported {bundle}: {report.answers_added} new answers ({report.answers_known} known already), "
          f"{report.records_added} new and {report.records_updated} updated records, "
          f"{report.conflicts} conflicts kept for the trainer.")
    for name, first, second in possible_duplicates(conn):
        print(f"Maybe the same person twice: {name} ({first} and {second}); a trainer decides.")
    return 0


def _voices(db_path: Path, action: str, file: Path, lessons: Path | None) -> int:
    from ecom_trainer.content import load_curriculum
    from ecom_trainer.content.item_keys import known_keys, source_texts
    from ecom_trainer.paths import lessons_dir
    from ecom_trainer.store.db import DatabaseError, open_database
    from ecom_trainer.sync.voices import VoicesError, export_voices, import_voices

    try:
        conn = open_database(db_path)
    except DatabaseError as exc:
        print(exc, file=sys.stderr)
        return 1
    curriculum = load_curriculum(lessons or lessons_dir())  # the pack the voices belong to
    if action == "export":
        count = export_voices(conn, file, source_texts(curriculum))
        print(f"Wrote {file}: {count} recorded voices.")
        return 0
    try:
        report = import_voices(conn, file, known_keys(curriculum))
    except VoicesError as exc:
        print(f"Refused: {exc}", file=sys.stderr)
        return 1
    print(f"Imported {file}: {report.added} new voices, {report.replaced} replaced by newer ones, "
          f"{report.kept} kept (the same or newer here).")
    for skipped in report.skipped:
        print(f"Skipped, this lesson pack has no such text: {skipped}")
    return 0


def _find_learner(conn, text: str) -> str | None:
    """A learner by id, or by a name only one learner has."""
    from ecom_trainer.store.learners import get_learner, list_learners

    if get_learner(conn, text) is not None:
        return text
    named = [x for x in list_learners(conn) if x.name == text]
    if len(named) == 1:
        return named[0].id
    print(f"No learner {text!r}" + (" (several have this name; use the id)" if named else "") + ". Learners:",
          file=sys.stderr)
    for learner in list_learners(conn):
        print(f"  {learner.id}  {learner.name}  {learner.village}", file=sys.stderr)
    return None


def _reports(db_path: Path, args: argparse.Namespace) -> int:
    """report learner|cohort ID --out FILE, certificate issue|verify. Checking a code needs no Qt."""
    from ecom_trainer.reports.batch import CERTIFICATE, COHORT, LEARNER, Job
    from ecom_trainer.store.db import DatabaseError, open_database

    try:
        conn = open_database(db_path)
    except DatabaseError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.command == "certificate" and args.action == "verify":
        from ecom_trainer.reports.certificates import verify_certificate

        found = verify_certificate(conn, args.code)
        if found is None:
            print(f"{args.code}: unknown. This centre did not issue it (or a character is wrong).")
            return 1
        print(f"{found.display_code}: genuine. {found.name} (learner {found.learner_id}), track "
              f"{found.track_title} ({found.track_id}), issued {found.issued_on.isoformat()} at {found.centre}.")
        return 0

    from ecom_trainer import i18n
    from ecom_trainer.content import load_curriculum
    from ecom_trainer.paths import lessons_dir
    from ecom_trainer.reports.batch import refusal_text, render_job, write_atomically
    from ecom_trainer.reports.certificates import CertificateRefused
    from ecom_trainer.reports.data import learner_data, list_cohorts
    from ecom_trainer.store.settings import get_setting

    curriculum = load_curriculum(args.lessons or lessons_dir())
    language = args.language or get_setting(conn, "language") or i18n.system_language()
    i18n.set_language(language, curriculum.source_language, lesson_pack=curriculum.folder)
    if args.command == "report" and args.kind == "cohort":
        cohorts = list_cohorts(conn)
        chosen = [c.id for c in cohorts if args.subject in (c.id, c.name)]
        if len(chosen) != 1:
            print(f"No cohort {args.subject!r}. Cohorts:", file=sys.stderr)
            for cohort in cohorts:
                print(f"  {cohort.id}  {cohort.name}  ({cohort.members} learners)", file=sys.stderr)
            return 1
        job = Job(COHORT, chosen[0])
    else:
        learner = _find_learner(conn, args.subject)
        if learner is None:
            return 1
        job = Job(CERTIFICATE, learner, args.track) if args.command == "certificate" else Job(LEARNER, learner)
    if args.command == "certificate" and curriculum.track(args.track) is None:
        print(f"No track {args.track!r}. Tracks: {', '.join(t.id for t in curriculum.tracks)}", file=sys.stderr)
        return 1
    try:
        _name, pdf = render_job(conn, curriculum, job)
    except CertificateRefused as exc:
        name = learner_data(conn, curriculum, job.subject).name
        print("Refused: " + refusal_text(conn, curriculum, exc, name), file=sys.stderr)
        return 1
    except LookupError as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        write_atomically(args.out, pdf)
    except OSError as exc:
        print(f"Could not write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"Wrote {args.out} ({len(pdf) // 1024} KB, {language}).")
    return 0


def _gui_options(parser) -> None:  # an argparse.ArgumentParser
    parser.add_argument("--demo", action="store_true", help="use the demo database (seeded on first start)")
    parser.add_argument("--db", type=Path, help="the database file to use")
    parser.add_argument("--language", help="language code, e.g. zh_CN or en")
    parser.add_argument("--lessons", type=Path, help="a lesson pack folder (default: the bundled one)")
    parser.add_argument("--safe-mode", action="store_true",
                        help="draw without the graphics card (for old or broken graphics drivers)")
    parser.add_argument("--smoke-test", action="store_true",
                        help="start, check the learner picker, lessons and translations, print one line, quit")


_FLAGS = {"--demo": "demo", "--safe-mode": "safe_mode", "--smoke-test": "smoke_test"}
_VALUES = {"--db": ("db", Path), "--language": ("language", str), "--lessons": ("lessons", Path)}


def _start_options(argv: list[str]):
    """The options of a plain start, read without argparse (importing and building it costs a
    few ms of the budgeted start-up); None when the line is anything else: argparse reads it."""
    from types import SimpleNamespace

    args = SimpleNamespace(command=None, demo=False, db=None, language=None, lessons=None,
                           safe_mode=False, smoke_test=False)
    words = iter(argv)
    for word in words:
        name, has_value, value = word.partition("=")
        known = [option for option in (*_FLAGS, *_VALUES) if option.startswith(name)] \
            if name.startswith("--") and name not in _FLAGS and name not in _VALUES else []
        if len(known) == 1:
            name = known[0]  # an unambiguous abbreviation, as argparse allows ("--lang")
        if name in _FLAGS and not has_value:
            setattr(args, _FLAGS[name], True)
        elif name in _VALUES:
            value = value if has_value else next(words, "")
            if not value or value.startswith("-"):
                return None  # missing: argparse says so, with the usage
            attribute, kind = _VALUES[name]
            setattr(args, attribute, kind(value))
        else:
            return None
    return args


def _parse(argv: list[str]):
    """Starting the program is the usual command line, and its start-up time is budgeted: the
    parser of every command (~8 ms, most of it argparse looking up catalogs for each help text)
    is built only when the command line names a command, asks for help or is wrong."""
    start = _start_options(argv)
    if start is not None:
        return start
    import argparse

    parser = argparse.ArgumentParser(prog="ecom-trainer", description="Lessons for selling online.")
    _gui_options(parser)
    commands = parser.add_subparsers(dest="command")
    lessons = commands.add_parser("lessons", help="work with lesson packs")
    lesson_commands = lessons.add_subparsers(dest="action", required=True)
    check = lesson_commands.add_parser("check", help="list the problems in a lesson pack")
    check.add_argument("folder", nargs="?", type=Path)
    stats = lesson_commands.add_parser("stats", help="figures per track")
    stats.add_argument("folder", nargs="?", type=Path)
    new = lesson_commands.add_parser("new", help="create a lesson that passes the check")
    new.add_argument("lesson_id")
    new.add_argument("--track", required=True)
    new.add_argument("--dir", dest="folder", type=Path)
    commands.add_parser("backup", help="make a backup of the database now")
    commands.add_parser("backups", help="list the backups, newest first, with what they hold")
    restore = commands.add_parser("restore", help="put a backup in place of the database")
    restore.add_argument("backup", nargs="?", type=Path, help="a backup file name (default: the newest good one)")
    restore.add_argument("--yes", action="store_true", help="do not ask")
    sync = commands.add_parser("sync", help="carry progress between PCs with a bundle file")
    sync.add_argument("action", choices=["export", "import"])
    sync.add_argument("bundle", type=Path)
    voices = commands.add_parser("voices", help="trainers' recorded voices in one file, to go with the lessons")
    voices.add_argument("action", choices=["export", "import"])
    voices.add_argument("file", type=Path, help="a .ecomvoices file")
    i18n = commands.add_parser("i18n", help="translations")
    i18n.add_subparsers(dest="action", required=True).add_parser("check", help="completeness per locale")
    report = commands.add_parser("report", help="a PDF report of a learner or a cohort (in --language)")
    report.add_argument("kind", choices=["learner", "cohort"])
    report.add_argument("subject", help="the learner's or cohort's id (or its name, when only one has it)")
    report.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    certificate = commands.add_parser("certificate", help="certificates of completion")
    certificate_commands = certificate.add_subparsers(dest="action", required=True)
    issue = certificate_commands.add_parser("issue", help="a certificate, when every skill of the track is mastered")
    issue.add_argument("subject", metavar="LEARNER", help="the learner's id (or name, when only one has it)")
    issue.add_argument("track", help="the track's id, e.g. listing")
    issue.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    verify = certificate_commands.add_parser("verify", help="whose certificate a verification code is")
    verify.add_argument("code")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)

    if args.command == "lessons":
        from ecom_trainer.paths import lessons_dir

        folder = args.folder or lessons_dir()
        if args.action == "stats":
            return _lessons_stats(folder)
        if args.action == "new":
            return _lessons_new(folder, args.lesson_id, args.track)
        return _lessons_check(folder)
    if args.command == "i18n":
        return _i18n_check()

    from ecom_trainer.paths import database_path

    db_path = args.db or database_path(demo=args.demo)
    if args.command == "backup":
        return _backup(db_path)
    if args.command == "backups":
        return _backups(db_path)
    if args.command == "restore":
        return _restore(db_path, args.backup, args.yes)
    if args.command == "sync":
        return _sync(db_path, args.action, args.bundle)
    if args.command == "voices":
        return _voices(db_path, args.action, args.file, args.lessons)
    if args.command in ("report", "certificate"):
        return _reports(db_path, args)

    from ecom_trainer.app import run_gui

    return run_gui(db_path, demo=args.demo, language=args.language, lessons=args.lessons,
                   smoke_test=args.smoke_test, safe_mode=args.safe_mode)


if __name__ == "__main__":
    raise SystemExit(main())
