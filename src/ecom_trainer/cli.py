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
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


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


def _i18n_check(required: tuple[str, ...] = ("zh_CN",)) -> int:
    from ecom_trainer.i18n import DEFAULT_LANGUAGE
    from ecom_trainer.i18n.completeness import completeness

    failed = False
    # English is the source language of the UI and of the bundled lessons: complete by definition.
    print(f"{DEFAULT_LANGUAGE:8} {'(source)':14} all messages are written in it")
    for (language, domain), (done, total) in sorted(completeness().items()):
        share = 100.0 * done / total if total else 100.0
        need = language in required
        mark = "" if not need or share >= 100 else "  <- must be 100 %"
        failed |= bool(mark)
        print(f"{language:8} {domain:14} {done:5}/{total:<5} {share:6.1f} %{mark}")
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ecom-trainer", description="Lessons for selling online.")
    parser.add_argument("--demo", action="store_true", help="use the demo database (seeded on first start)")
    parser.add_argument("--db", type=Path, help="the database file to use")
    parser.add_argument("--language", help="language code, e.g. zh_CN or en")
    parser.add_argument("--lessons", type=Path, help="a lesson pack folder (default: the bundled one)")
    parser.add_argument("--safe-mode", action="store_true",
                        help="draw without the graphics card (for old or broken graphics drivers)")
    parser.add_argument("--smoke-test", action="store_true",
                        help="start, check the learner picker, lessons and translations, print one line, quit")
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
    i18n = commands.add_parser("i18n", help="translations")
    i18n.add_subparsers(dest="action", required=True).add_parser("check", help="completeness per locale")
    args = parser.parse_args(argv)

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

    from ecom_trainer.app import run_gui

    return run_gui(db_path, demo=args.demo, language=args.language, lessons=args.lessons,
                   smoke_test=args.smoke_test, safe_mode=args.safe_mode)


if __name__ == "__main__":
    raise SystemExit(main())
