"""Save a PNG of every learner screen, in every shipped language, at 1366 x 768.

    python scripts/screenshots.py OUTDIR [--languages zh_CN en ug] [--scale 1.0] [--theme high_contrast]

Uyghur (ug) screens are mirrored, right to left. Two screens in the pseudo-locale en_XA
(en_XA-*.png) show any text that bypasses the catalogs; --no-pseudo leaves them out.

Runs on a fresh demo database in a temporary folder; uses Qt's offscreen platform.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ECOM_TRAINER_TTS_ENGINE", "mock")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":  # a 1366 x 768 screen, as in a centre (not 800 x 800):
    _screen = Path(tempfile.mkdtemp()) / "screen.json"  # dialogs size themselves from the screen
    _screen.write_text('{"screens": [{"name": "centre", "x": 0, "y": 0, "width": 1366, "height": 768, '
                       '"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}')
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen}"

from PySide6.QtWidgets import QApplication  # noqa: E402

from ecom_trainer import i18n  # noqa: E402
from ecom_trainer.app import build_window  # noqa: E402
from ecom_trainer.content import load_curriculum  # noqa: E402
from ecom_trainer.paths import lessons_dir  # noqa: E402
from ecom_trainer.store.db import open_database  # noqa: E402
from ecom_trainer.store.demo import seed_demo  # noqa: E402
from ecom_trainer.store.learners import list_learners  # noqa: E402
from ecom_trainer.store.settings import set_setting  # noqa: E402

SIZE = (1366, 768)


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def shoot(window, app: QApplication, out: Path, name: str) -> None:
    settle(app)
    window.grab().save(str(out / f"{name}.png"))
    print(out / f"{name}.png")


def answer_wrongly_yesterday(conn, curriculum, learner_id: str) -> None:
    from datetime import UTC, datetime, timedelta

    from ecom_trainer.store.attempts import record_attempt

    lesson = curriculum.lessons_of(curriculum.tracks[0])[0]
    yesterday = (datetime.now(UTC) - timedelta(days=1)).isoformat(timespec="milliseconds")
    for q in lesson.questions[:2]:
        record_attempt(conn, learner_id=learner_id, track_id=lesson.track, unit_id=lesson.id,
                       question_id=q.id, kind="practice", answer=None, score=0.0, correct=False,
                       skills=q.skills, answered_at=yesterday.replace("+00:00", "Z"))


def first_question_of_type(curriculum, qtype: str):
    for lesson in curriculum.lessons.values():
        for i, q in enumerate(lesson.questions):
            if q.type == qtype:
                return lesson.id, len(lesson.steps) + i
    return None


# Steps and questions of lessons the four tracks' authors wrote (issue 3), chosen for long texts
# and busy layouts, so that words cut off or a picture gone wrong show: (lesson, index).
NEW_STEPS = (("listing-price", 3), ("live-rules", 7), ("money-reviews", 0))
NEW_QUESTIONS = (("live-viewers", 0), ("logistics-waybill", 0), ("money-reviews", 4), ("listing-price", 0))


def shoot_new_lessons(window, app: QApplication, curriculum, out: Path, tag: str) -> None:
    for kind, letter, picks in (("step", "b", NEW_STEPS), ("question", "c", NEW_QUESTIONS)):
        for n, (lesson_id, index) in enumerate(picks, start=1):
            lesson = curriculum.lessons[lesson_id]
            position = index if kind == "step" else len(lesson.steps) + index
            window.start_unit(window.session.lesson_unit(lesson_id), position)
            shoot(window, app, out, f"{tag}-05{letter}-{kind}-{n}-{lesson_id}")


def run(out: Path, language: str, scale: float, theme: str = "default") -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        conn = open_database(Path(tmp) / "demo.sqlite3")
        curriculum = load_curriculum(lessons_dir())
        seed_demo(conn, curriculum)
        set_setting(conn, "text_scale", str(scale))
        set_setting(conn, "theme", theme)
        window = build_window(conn, lambda: curriculum, language)
        window.resize(*SIZE)
        window.show()
        window.show_picker()
        tag = f"{language}" + ("" if scale == 1.0 else f"-{int(scale * 100)}") + \
            ("" if theme == "default" else f"-{theme}")
        shoot(window, app, out, f"{tag}-01-picker")
        learner = list_learners(conn)[-1]  # a learner who has not started
        answer_wrongly_yesterday(conn, curriculum, learner.id)  # so "Practice again" shows
        window.open_learner(learner)
        shoot(window, app, out, f"{tag}-02-home")
        track = curriculum.tracks[0]
        window.open_track(track.id)
        shoot(window, app, out, f"{tag}-03-track-pretest")
        window.open_unit(f"{track.id}#pre_test")
        shoot(window, app, out, f"{tag}-04-pretest-question")
        first = curriculum.lessons_of(track)[0]
        session = window.session
        window.start_unit(session.lesson_unit(first.id), 0)
        shoot(window, app, out, f"{tag}-05-lesson-step")
        for n, qtype in enumerate(("single_choice", "multiple_choice", "true_false",
                                   "picture_choice", "order", "numeric", "match"), start=6):
            found = first_question_of_type(curriculum, qtype)
            if not found:
                continue
            unit = session.lesson_unit(found[0])
            window.start_unit(unit, found[1])
            shoot(window, app, out, f"{tag}-{n:02}-quiz-{qtype}")
            if qtype == "single_choice":  # answer wrongly to show the kind feedback
                question = unit.item(found[1])
                wrong = next(o.id for o in question.options if o.id != question.answer)
                window.player.quiz.input.buttons[wrong].setChecked(True)
                window.player.on_primary()
                shoot(window, app, out, f"{tag}-{n:02}-quiz-feedback")
        shoot_new_lessons(window, app, curriculum, out, tag)
        shoot_learner_states(window, app, conn, curriculum, out, tag)
        window.show_result(session.lesson_unit(first.id))
        shoot(window, app, out, f"{tag}-13-result")
        shoot_results_and_lessons(window, app, conn, curriculum, out, tag)
        shoot_practice(window, app, out, tag)
        from ecom_trainer.ui.trainer.overview import TrainerOverview

        overview = TrainerOverview(conn, curriculum)
        window.stack.addWidget(overview)
        window.stack.setCurrentWidget(overview)
        shoot(window, app, out, f"{tag}-15-trainer-overview")
        shoot_voices(window, app, conn, curriculum, out, f"{tag}-15b-trainer-voices")
        window._show_dashboard(back_to=overview)  # the trainer's dashboard, every tab
        dashboard = window.stack.currentWidget()
        for n, name in enumerate(("mastery", "quizzes", "activity", "help", "items")):
            dashboard.tabs.setCurrentIndex(n)
            shoot(window, app, out, f"{tag}-15c-dashboard-{n + 1}-{name}")
        shoot_roster(window, app, conn, curriculum, out, tag)
        window.close()
        conn.close()
        # a real installation's first start: the centre's name and a trainer PIN
        fresh = open_database(Path(tmp) / "fresh.sqlite3")
        first = build_window(fresh, lambda: curriculum, language)
        first.resize(*SIZE)
        first.show()
        shoot(first, app, out, f"{tag}-16-first-start-setup")
        first.close()
        fresh.close()


def shoot_learner_states(window, app: QApplication, conn, curriculum, out: Path, tag: str) -> None:
    """The feedback after a wrong answer to each question type, with its second page ("Why?")
    where the words need one, and the Help message of a lesson step."""
    from ecom_trainer.ui.audit import answer_wrongly

    session, player = window.session, window.player
    for qtype in ("multiple_choice", "true_false", "picture_choice", "order", "numeric", "match"):
        found = first_question_of_type(curriculum, qtype)
        if not found:
            continue
        unit = session.lesson_unit(found[0])
        window.start_unit(unit, found[1])
        answer_wrongly(player.quiz.input, unit.item(found[1]))
        shoot(window, app, out, f"{tag}-12a-answered-{qtype}")
        player.primary.click()
        shoot(window, app, out, f"{tag}-12b-feedback-{qtype}")
        if player.quiz.more:
            player.primary.click()
            shoot(window, app, out, f"{tag}-12c-feedback-{qtype}-why")
    window.start_unit(session.lesson_unit(curriculum.lessons_of(curriculum.tracks[0])[0].id), 1)
    shoot_help(window, app, out, f"{tag}-05d-help")


def shoot_help(window, app: QApplication, out: Path, name: str) -> None:
    """Help's message box, shot from inside its own event loop and then closed."""
    from PySide6.QtCore import QTimer

    def grab() -> None:
        box = app.activeModalWidget()
        if box is None:
            QTimer.singleShot(50, grab)
            return
        settle(app)
        box.grab().save(str(out / f"{name}.png"))
        print(out / f"{name}.png")
        box.accept()

    QTimer.singleShot(50, grab)
    window.stack.currentWidget().nav.help_button.click()
    window.speaker.shutdown()  # Help also reads its words aloud: the speech host goes now


def shoot_results_and_lessons(window, app: QApplication, conn, curriculum, out: Path, tag: str) -> None:
    """The result of a first quiz, Practice again and its result, and a track's lessons once the
    first quiz is done (with their second page where they do not all fit)."""
    from ecom_trainer.store.progress import save_position, test_unit

    session, track = window.session, curriculum.tracks[0]
    window.show_result(session.test_unit(track.id, "pre_test"))
    shoot(window, app, out, f"{tag}-13b-result-first-quiz")
    review = session.review_unit()
    if review is not None:
        window.start_unit(review, 0)
        shoot(window, app, out, f"{tag}-13c-practice-again")
        window.show_result(review)
        shoot(window, app, out, f"{tag}-13d-result-practice-again")
    save_position(conn, session.learner.id, test_unit(track.id, "pre_test"), len(track.pre_test), done=True)
    window.open_track(track.id)
    shoot(window, app, out, f"{tag}-14-track-lessons")
    if len(window.track.lessons.pages) > 1:
        window.track.next_page.click()
        shoot(window, app, out, f"{tag}-14b-track-lessons-page-2")


def shoot_practice(window, app: QApplication, out: Path, tag: str) -> None:
    """Hands-on practice: the menu, a page of each task, feedback point by point, the summary."""
    window.open_practice()
    shoot(window, app, out, f"{tag}-17-practice-menu")
    window.open_practice_task("listing")
    shoot(window, app, out, f"{tag}-18-practice-listing-photo")
    screen = window.practice_task
    screen.pages[0].tiles.buttons["table"].setChecked(True)
    screen.on_primary()
    screen.on_primary()
    for word in ("place", "variety", "weight", "product", "best"):  # a title with a banned word
        screen.pages[1].tiles.buttons[word].setChecked(True)
    shoot(window, app, out, f"{tag}-19-practice-listing-title")
    screen.on_primary()
    shoot(window, app, out, f"{tag}-20-practice-listing-feedback")
    window.open_practice_task("packing")
    screen = window.practice_task
    screen.pages[0].tiles.buttons["oil"].setChecked(True)
    screen.on_primary()
    shoot(window, app, out, f"{tag}-21-practice-packing-materials")
    window.open_practice_task("shipping")
    screen = window.practice_task
    screen.pages[0].entry.fields["billed"].setText("5")
    screen.on_primary()
    screen.on_primary()
    shoot(window, app, out, f"{tag}-22-practice-shipping-cost")
    window.open_practice_task("rehearsal")
    shoot(window, app, out, f"{tag}-23-practice-rehearsal")
    window.open_practice_task("scam")
    screen = window.practice_task
    screen.pages[0].ask_why("m2")
    shoot(window, app, out, f"{tag}-24-practice-scam-why")
    screen.pages[0].answer_why("fake_refund")
    shoot(window, app, out, f"{tag}-25-practice-scam-chat")
    screen.on_primary()
    shoot(window, app, out, f"{tag}-26-practice-scam-feedback")
    while screen.mode == "feedback":
        screen.on_primary()
    shoot(window, app, out, f"{tag}-27-practice-summary")


def shoot_roster(window, app: QApplication, conn, curriculum, out: Path, tag: str) -> None:
    """Learners (table, the change dialog), a CSV file's preview with problems, and Classes (list,
    the plan of lessons)."""
    from ecom_trainer.store.cohorts import list_cohorts, update_cohort
    from ecom_trainer.store.roster import roster
    from ecom_trainer.store.roster_csv import read_learner_csv
    from ecom_trainer.ui.trainer.cohorts import CohortDialog, CohortsScreen
    from ecom_trainer.ui.trainer.csv_import_dialog import CsvImportDialog
    from ecom_trainer.ui.trainer.roster import LearnerDialog, RosterScreen

    def shoot_dialog(dialog, name: str) -> None:
        dialog.show()
        settle(app)
        dialog.grab().save(str(out / f"{name}.png"))
        print(out / f"{name}.png")
        dialog.close()

    from ecom_trainer.ui.trainer.dashboard import DashboardScreen

    if isinstance(window.stack.currentWidget(), DashboardScreen):
        # closed as its Back button does: while in the stack, its minimum height keeps the
        # window taller than 768
        window.stack.currentWidget().close_requested.emit()
        settle(app)  # the layout's new minimum first, then the size
        window.resize(*SIZE)
    cohort = list_cohorts(conn)[0]
    lessons = [lesson for track in curriculum.tracks for lesson in track.lesson_ids]
    update_cohort(conn, cohort.id, cohort.name, lessons[:4], "2026-09-01", "2026-11-20")
    screen = RosterScreen(conn)
    window.stack.addWidget(screen)
    window.stack.setCurrentWidget(screen)
    screen.table.selectRow(1)
    shoot(window, app, out, f"{tag}-15d-roster")
    shoot_dialog(LearnerDialog(conn, roster(conn)[1], window), f"{tag}-15e-roster-learner")
    csv_file = Path(tempfile.mkdtemp()) / "名单.csv"
    csv_file.write_bytes(("姓名,村,出生年份,电话,班级,备注\n"
                          "王秀英,芳畈镇,1958,13812345678,2026 秋季班 (autumn 2026)\n"
                          "周玉兰,芳畈镇,1962,13907221234,茶农班\n"
                          "吴大山,宣化店镇,一九六〇,,茶农班\n"
                          ",新城镇,1955,,\n"
                          "郑春花,黄站镇,1958,1380722,\n"
                          "孙有福,河口镇,1949,13607221111,茶农班\n").encode("gb18030"))
    preview = read_learner_csv(conn, csv_file)
    shoot_dialog(CsvImportDialog(conn, preview, csv_file.name, window), f"{tag}-15f-roster-import-preview")
    classes = CohortsScreen(conn, curriculum)
    window.stack.addWidget(classes)
    window.stack.setCurrentWidget(classes)
    classes.table.selectRow(0)
    shoot(window, app, out, f"{tag}-15g-classes")
    dialog = CohortDialog(conn, curriculum, list_cohorts(conn)[0], window)
    dialog.tabs.setCurrentIndex(1)
    shoot_dialog(dialog, f"{tag}-15h-class-plan")


def shoot_voices(window, app: QApplication, conn, curriculum, out: Path, name: str) -> None:
    """The Voices page with a lesson chosen, two of its texts recorded and one selected."""
    import wave

    from ecom_trainer.content.item_keys import lesson_texts
    from ecom_trainer.store.recordings import save_recording
    from ecom_trainer.ui.trainer.voices import VoicesScreen

    lesson = curriculum.lessons_of(curriculum.tracks[0])[0]
    take = Path(tempfile.mkdtemp()) / "take.wav"
    with wave.open(str(take), "wb") as w:  # 2.4 s of silence stands in for a trainer's voice
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(bytes(2 * 8000 * 12 // 5))
    for text in lesson_texts(lesson)[:2]:
        save_recording(conn, lesson.id, text.key, i18n.current_language(), take, 2400)
    voices = VoicesScreen(conn, curriculum)
    window.stack.addWidget(voices)
    window.stack.setCurrentWidget(voices)
    voices.choose_unit(lesson.id)
    voices.table.selectRow(1)
    shoot(window, app, out, name)


def finish_listing(conn, curriculum, learner_id: str, wrong_at_end: int) -> None:
    """Demo learner work for the reports: every listing lesson practised right twice, then the
    final quiz with its last `wrong_at_end` questions wrong."""
    from ecom_trainer.assess.mastery import guess_rate
    from ecom_trainer.store.attempts import record_attempt
    from ecom_trainer.store.progress import test_unit

    track = curriculum.track("listing")
    for _ in range(2):
        for lesson in curriculum.lessons_of(track):
            for i, q in enumerate(lesson.questions):
                record_attempt(conn, learner_id=learner_id, track_id=track.id, unit_id=lesson.id,
                               question_id=q.id, kind="practice", answer=None, score=1.0, correct=True,
                               skills=q.skills, next_position=len(lesson.steps) + i + 1,
                               unit_done=i + 1 == len(lesson.questions), guess=guess_rate(q))
    questions = track.post_test
    for i, q in enumerate(questions):
        right = i < len(questions) - wrong_at_end
        record_attempt(conn, learner_id=learner_id, track_id=track.id, unit_id=test_unit(track.id, "post_test"),
                       question_id=q.id, kind="post_test", answer=None, score=float(right), correct=right,
                       skills=q.skills, next_position=i + 1, unit_done=i + 1 == len(questions),
                       guess=guess_rate(q))


def shoot_reports(out: Path, language: str) -> None:
    """Page 1 of the learner report, the cohort report and a certificate, as PNGs (pdftoppm)."""
    import shutil
    import subprocess

    from ecom_trainer.reports.batch import CERTIFICATE, COHORT, LEARNER, Job, write_reports
    from ecom_trainer.reports.data import list_cohorts

    if shutil.which("pdftoppm") is None:
        print("pdftoppm (poppler-utils) is not installed: no pictures of the PDF reports")
        return
    curriculum = load_curriculum(lessons_dir())
    i18n.set_language(language, curriculum.source_language)
    with tempfile.TemporaryDirectory() as tmp:
        conn = open_database(Path(tmp) / "demo.sqlite3")
        seed_demo(conn, curriculum)
        learners = {x.name: x.id for x in list_learners(conn)}
        finish_listing(conn, curriculum, learners["王秀英"], wrong_at_end=1)
        finish_listing(conn, curriculum, learners["李建国"], wrong_at_end=5)
        jobs = [Job(LEARNER, learners["王秀英"]), Job(COHORT, list_cohorts(conn)[0].id),
                Job(CERTIFICATE, learners["王秀英"], "listing")]
        result = write_reports(conn, curriculum, jobs, Path(tmp) / "pdf")
        assert not result.skipped, result.skipped
        for kind, pdf in zip(("learner", "cohort", "certificate"), result.written, strict=True):
            target = out / f"reports-{kind}-{language}"
            subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                            str(target)], check=True, timeout=120)
            print(f"{target}.png")
        conn.close()


def shoot_pseudo(out: Path) -> None:
    """Home and a question's feedback in the pseudo-locale en_XA, made from templates extracted
    afresh: any plain English on them bypassed the catalogs (tests/ui/test_pseudo_locale.py)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from pseudo_locale import extract_templates, write_pseudo_locale

    from ecom_trainer.i18n.pseudo import PSEUDO_LANGUAGE

    app = QApplication.instance() or QApplication(sys.argv)
    real_folder = i18n.translations_dir
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "translations"
        write_pseudo_locale(folder, extract_templates(Path(tmp)))
        i18n.translations_dir = lambda: folder  # only en_XA is read from there
        try:
            conn = open_database(Path(tmp) / "demo.sqlite3")
            curriculum = load_curriculum(lessons_dir())
            seed_demo(conn, curriculum)
            window = build_window(conn, lambda: curriculum, PSEUDO_LANGUAGE)
            window.resize(*SIZE)
            window.show()
            learner = list_learners(conn)[-1]
            answer_wrongly_yesterday(conn, curriculum, learner.id)
            window.open_learner(learner)
            shoot(window, app, out, f"{PSEUDO_LANGUAGE}-02-home")
            lesson_id, position = first_question_of_type(curriculum, "single_choice")
            unit = window.session.lesson_unit(lesson_id)
            window.start_unit(unit, position)
            question = unit.item(position)
            wrong = next(o.id for o in question.options if o.id != question.answer)
            window.player.quiz.input.buttons[wrong].setChecked(True)
            window.player.on_primary()
            shoot(window, app, out, f"{PSEUDO_LANGUAGE}-06-quiz-feedback")
            window.close()
            conn.close()
        finally:
            i18n.translations_dir = real_folder


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--languages", nargs="+", default=["zh_CN", "en", "ug"])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--theme", default="default", choices=["default", "high_contrast"])
    parser.add_argument("--no-pseudo", action="store_true", help="without the pseudo-locale screens")
    args = parser.parse_args()
    for language in args.languages:
        run(args.out, language, args.scale, args.theme)
        # PDFs look the same at every setting; they are not laid out right to left (yet)
        if args.scale == 1.0 and args.theme == "default" and not i18n.is_right_to_left(language):
            shoot_reports(args.out, language)
    if not args.no_pseudo and args.scale == 1.0 and args.theme == "default":
        shoot_pseudo(args.out)
    i18n.set_language("en")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
