"""Load and validate a lesson pack.

Every problem becomes one `Problem` (file, line, field path, message in an author's words); a file
with problems is left out and everything else still loads. Nothing in a pack is ever executed, and
media paths may not leave the folder of the file that names them.
"""

from __future__ import annotations

import gc
from pathlib import Path

from ecom_trainer.content.fields import (
    AUDIO_SUFFIXES,
    LANGUAGE,
    LESSON_ID,
    SKILL_ID,
    FileChecker,
)
from ecom_trainer.content.model import Curriculum, Lesson, Problem, Skill, Step, Track
from ecom_trainer.content.questions import questions as check_questions
from ecom_trainer.content.yamlsource import YamlError, read_yaml

PACK_FORMAT = 1


# ---------------------------------------------------------------- files

def _read(file: Path, problems: list[Problem]) -> FileChecker | None:
    try:
        return FileChecker(file, read_yaml(file))
    except YamlError as exc:
        problems.append(Problem(file, exc.line, "", exc.message))
        return None


def _load_pack(folder: Path, problems: list[Problem]) -> tuple[str, list[str]]:
    file = folder / "pack.yaml"
    if not file.is_file():
        problems.append(Problem(file, 1, "", "pack.yaml is missing: it names the language and the tracks"))
        return "en", sorted(p.stem for p in (folder / "tracks").glob("*.yaml"))
    c = _read(file, problems)
    if c is None:
        return "en", []
    m = c.mapping(c.src.data, (), {"format", "source_language", "tracks"}) or {}
    fmt = m.get("format", PACK_FORMAT)
    if not isinstance(fmt, int) or isinstance(fmt, bool):
        c.report(("format",), "should be a whole number")
    elif fmt > PACK_FORMAT:
        c.report(("format",), f"this pack needs a newer ecom-trainer (format {fmt}; this one reads {PACK_FORMAT})")
    language = c.text(m, "source_language", ())
    if language and not LANGUAGE.match(language):
        c.report(("source_language",), f"'{language}' is not a language code such as en or zh_CN")
    track_ids = []
    for i, tid in enumerate(c.seq(m, "tracks", (), 1, 20)):
        if isinstance(tid, str) and LESSON_ID.match(tid):
            track_ids.append(tid)
        else:
            c.report(("tracks", i), f"'{tid}' is not a valid track id")
    problems.extend(c.problems)
    return language or "en", track_ids


def _load_track(file: Path, track_id: str, problems: list[Problem]) -> tuple[Track | None, dict[str, int]]:
    """The track, or None when its file has problems; and the line of each listed lesson id."""
    if not file.is_file():
        problems.append(Problem(file, 1, "", f"the track file for '{track_id}' is missing"))
        return None, {}
    c = _read(file, problems)
    if c is None:
        return None, {}
    allowed = {"id", "title", "summary", "icon", "skills", "lessons", "pre_test", "post_test"}
    m = c.mapping(c.src.data, (), allowed)
    if m is None:
        problems.extend(c.problems)
        return None, {}
    tid = c.ident(m, "id", (), LESSON_ID, "lowercase letters, digits and -")
    if tid and tid != track_id:
        c.report(("id",), f"is '{tid}' but the file is named {file.name}")
    title = c.text(m, "title", ())
    summary = c.text(m, "summary", (), required=False)
    icon = c.image({"image": m["icon"], "alt": title}, ("icon",), file.parent, False) if "icon" in m else None
    skills: list[Skill] = []
    for i, raw in enumerate(c.seq(m, "skills", (), 1, 20)):
        sm = c.mapping(raw, ("skills", i), {"id", "name", "description"})
        if sm is None:
            continue
        sid = c.ident(sm, "id", ("skills", i), SKILL_ID, "a capital letter and digits, like A1")
        if sid in {s.id for s in skills}:
            c.report(("skills", i, "id"), f"the skill '{sid}' is listed twice")
        skills.append(Skill(sid, c.text(sm, "name", ("skills", i)), c.text(sm, "description", ("skills", i))))
    lesson_ids = []
    for i, lid in enumerate(c.seq(m, "lessons", (), 0, 2000)):
        if not isinstance(lid, str) or not LESSON_ID.match(lid):
            c.report(("lessons", i), f"'{lid}' is not a valid lesson id")
        elif lid in lesson_ids:
            c.report(("lessons", i), f"the lesson '{lid}' is listed twice")
        else:
            lesson_ids.append(lid)
    skill_ids = {s.id for s in skills}
    tests = {}
    for kind in ("pre_test", "post_test"):
        tm = c.mapping(m.get(kind), (kind,), {"questions"}) if kind in m else None
        if kind not in m:
            c.report((kind,), f"the field '{kind}' is missing")
        tests[kind] = check_questions(c, tm, "questions", (kind,), file.parent, skill_ids) if tm else ()
    problems.extend(c.problems)
    listed = {lid: c.src.line(("lessons", i)) for i, lid in enumerate(lesson_ids)}
    if c.problems:
        return None, listed
    track = Track(track_id, title, summary, icon, tuple(skills), tuple(lesson_ids), tests["pre_test"], tests["post_test"])
    return track, listed


def _load_lesson(folder: Path, tracks: dict[str, Track], problems: list[Problem]) -> Lesson | None:
    file = folder / "lesson.yaml"
    c = _read(file, problems)
    if c is None:
        return None
    allowed = {"id", "track", "title", "summary", "skills", "steps", "questions"}
    m = c.mapping(c.src.data, (), allowed)
    if m is None:
        problems.extend(c.problems)
        return None
    lid = c.ident(m, "id", (), LESSON_ID, "lowercase letters, digits and -")
    if lid and lid != folder.name:
        c.report(("id",), f"is '{lid}' but the folder is named {folder.name}")
    track_id = c.text(m, "track", ())
    track = tracks.get(track_id)
    if track_id and track is None:
        c.report(("track",), f"the track '{track_id}' is not defined (known: {', '.join(sorted(tracks)) or 'none'})")
    elif track and lid and lid not in track.lesson_ids:
        c.report(("id",), f"the lesson is not listed in tracks/{track_id}.yaml under lessons")
    title = c.text(m, "title", ())
    summary = c.text(m, "summary", (), required=False)
    skills = c.skill_list(m, (), {s.id for s in track.skills} if track else {s for s in (m.get("skills") if isinstance(m.get("skills"), list) else []) if isinstance(s, str)})
    steps = []
    for i, raw in enumerate(c.seq(m, "steps", (), 1, 12)):
        sm = c.mapping(raw, ("steps", i), {"text", "image", "alt", "audio"})
        if sm is None:
            continue
        text = c.text(sm, "text", ("steps", i))
        image = c.image(sm, ("steps", i), folder, required=True)
        audio = c.media_path(sm["audio"], ("steps", i, "audio"), folder, AUDIO_SUFFIXES) if "audio" in sm else None
        steps.append(Step(text, image, audio))
    lesson_questions = check_questions(c, m, "questions", (), folder, set(skills))
    problems.extend(c.problems)
    if c.problems:
        return None
    return Lesson(lid, track_id, title, summary, skills, tuple(steps), lesson_questions, folder)


def load_curriculum(folder: Path) -> Curriculum:
    """Load a lesson pack; `problems` lists everything wrong, and what is valid still loads."""
    # The cyclic garbage collector paused while the YAML becomes objects: parsing makes no cycles
    # worth collecting, and each collection would walk everything the program holds.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_curriculum(Path(folder))
    finally:
        if collecting:
            gc.enable()


def _load_curriculum(folder: Path) -> Curriculum:
    problems: list[Problem] = []
    if not folder.is_dir():
        problems.append(Problem(folder, 1, "", "this folder does not exist"))
        return Curriculum(folder, "en", problems=problems)
    language, track_ids = _load_pack(folder, problems)
    tracks: dict[str, Track] = {}
    listed_lessons: list[tuple[Path, str, int]] = []
    for tid in track_ids:
        file = folder / "tracks" / f"{tid}.yaml"
        track, listed = _load_track(file, tid, problems)
        listed_lessons += [(file, lid, line) for lid, line in listed.items()]
        if track:
            tracks[tid] = track
    lessons: dict[str, Lesson] = {}
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        if sub.name in ("tracks", "translations") or sub.name.startswith((".", "_")):
            continue
        if not (sub / "lesson.yaml").is_file():
            problems.append(Problem(sub / "lesson.yaml", 1, "", "this lesson folder has no lesson.yaml"))
            continue
        lesson = _load_lesson(sub, tracks, problems)
        if lesson:
            lessons[lesson.id] = lesson
    for file, lid, line in listed_lessons:
        if not (folder / lid / "lesson.yaml").is_file():
            problems.append(Problem(file, line, "lessons", f"the lesson '{lid}' has no folder {lid}/ with a lesson.yaml"))
    problems.sort(key=lambda p: (str(p.file), p.line))
    return Curriculum(folder, language, [tracks[t] for t in track_ids if t in tracks], lessons, problems)
