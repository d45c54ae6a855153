"""Load and validate a lesson pack.

Every problem becomes one `Problem` (file, line, field path, message in an author's words); a file
with problems is left out and everything else still loads. Nothing in a pack is ever executed, and
media paths may not leave the folder of the file that names them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ecom_trainer.content.model import (
    QUESTION_TYPES,
    UNITS,
    Choice,
    Curriculum,
    Lesson,
    Media,
    Problem,
    Question,
    Skill,
    Step,
    Track,
)
from ecom_trainer.content.yamlsource import Located, PathKey, YamlError, read_yaml

PACK_FORMAT = 1
LESSON_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
ITEM_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
SKILL_ID = re.compile(r"^[A-Z][A-Z0-9_]{0,15}$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2}|_[A-Z][a-z]{3})?$")
IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")
AUDIO_SUFFIXES = (".ogg", ".mp3", ".wav")
MAX_TEXT = 400
CHOICE_COUNTS = {"options": (2, 6), "items": (3, 6), "pairs": (2, 5)}


@lru_cache(maxsize=64)
def _resolved(folder: Path) -> Path:
    return folder.resolve()  # once per lesson folder, not once per picture


def _dotted(path: PathKey) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


class _FileChecker:
    """Typed field access for one YAML file that records problems instead of raising."""

    def __init__(self, file: Path, located: Located) -> None:
        self.file = file
        self.src = located
        self.problems: list[Problem] = []

    def report(self, path: PathKey, message: str) -> None:
        self.problems.append(Problem(self.file, self.src.line(path), _dotted(path), message))

    def mapping(self, value: object, path: PathKey, allowed: set[str]) -> dict | None:
        if not isinstance(value, dict):
            self.report(path, f"should be a set of fields (name: value), not {_kind(value)}")
            return None
        for key in value:
            if key not in allowed:
                self.report((*path, key), f"unknown field '{key}' (allowed: {', '.join(sorted(allowed))})")
        return value

    def text(self, m: dict, key: str, path: PathKey, required: bool = True) -> str:
        value = m.get(key)
        if value is None:
            if required:
                self.report((*path, key), f"the field '{key}' is missing")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.report((*path, key), f"should be text, not {_kind(value)}")
            return ""
        text = str(value).strip()
        if required and not text:
            self.report((*path, key), "is empty")
        elif len(text) > MAX_TEXT:
            self.report((*path, key), f"is {len(text)} characters long; keep it under {MAX_TEXT}")
        return text

    def ident(self, m: dict, key: str, path: PathKey, pattern: re.Pattern[str], hint: str) -> str:
        value = m.get(key)
        if value is None:
            self.report((*path, key), f"the field '{key}' is missing")
            return ""
        value = _as_id(value)
        if not isinstance(value, str) or not pattern.match(value):
            self.report((*path, key), f"'{value}' is not a valid id ({hint})")
            return ""
        return value

    def seq(self, m: dict, key: str, path: PathKey, low: int, high: int) -> list:
        value = m.get(key)
        if value is None:
            self.report((*path, key), f"the field '{key}' is missing")
            return []
        if not isinstance(value, list):
            self.report((*path, key), f"should be a list, not {_kind(value)}")
            return []
        if not low <= len(value) <= high:
            self.report((*path, key), f"has {len(value)} entries; it needs {low} to {high}")
        return value

    def media_path(self, value: object, path: PathKey, folder: Path, suffixes: tuple[str, ...]) -> Path | None:
        if not isinstance(value, str) or not value.strip():
            self.report(path, "should be a file name")
            return None
        if value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value):
            self.report(path, f"'{value}' must be a file in the same folder, not a full path")
            return None
        target = (folder / value).resolve()
        if not target.is_relative_to(_resolved(folder)):
            self.report(path, f"'{value}' points outside the folder {folder.name}/")
            return None
        if target.suffix.lower() not in suffixes:
            self.report(path, f"'{value}' should be one of: {', '.join(suffixes)}")
            return None
        if not target.is_file():
            self.report(path, f"the file '{value}' does not exist in {folder.name}/")
            return None
        return target

    def image(self, m: dict, path: PathKey, folder: Path, required: bool, key: str = "image") -> Media | None:
        if m.get(key) is None:
            if required:
                self.report((*path, key), f"the field '{key}' is missing (every one needs a picture)")
            return None
        found = self.media_path(m[key], (*path, key), folder, IMAGE_SUFFIXES)
        alt = self.text(m, "alt", path, required=True)
        return Media(found, alt) if found else None

    def skill_list(self, m: dict, path: PathKey, allowed: set[str]) -> tuple[str, ...]:
        skills = self.seq(m, "skills", path, 1, 10)
        out = []
        for i, skill in enumerate(skills):
            if not isinstance(skill, str) or skill not in allowed:
                choices = ", ".join(sorted(allowed)) or "none defined"
                self.report((*path, "skills", i), f"unknown skill '{skill}' (known here: {choices})")
            else:
                out.append(skill)
        return tuple(out)


def _as_id(value: object) -> object:
    """`id: 1` and `answer: 2` are natural to write; YAML reads them as numbers. Ids are text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _kind(value: object) -> str:
    return {
        dict: "a set of fields",
        list: "a list",
        str: "text",
        bool: "yes/no",
        int: "a number",
        float: "a number",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)


# ---------------------------------------------------------------- questions

_COMMON = {"id", "type", "prompt", "skills", "explanation", "image", "alt"}
_BY_TYPE = {
    "single_choice": {"options", "answer"},
    "multiple_choice": {"options", "answer"},
    "picture_choice": {"options", "answer"},
    "true_false": {"answer"},
    "order": {"items"},
    "numeric": {"answer", "unit", "tolerance"},
    "match": {"pairs"},
}


def _choices(c: _FileChecker, q: dict, key: str, path: PathKey, folder: Path, pictures: bool) -> tuple[Choice, ...]:
    low, high = CHOICE_COUNTS[key]
    out: list[Choice] = []
    seen: set[str] = set()
    for i, raw in enumerate(c.seq(q, key, path, low, high)):
        p = (*path, key, i)
        m = c.mapping(raw, p, {"id", "text", "image", "alt"})
        if m is None:
            continue
        cid = c.ident(m, "id", p, ITEM_ID, "letters, digits, - or _")
        if cid in seen:
            c.report((*p, "id"), f"the id '{cid}' is used twice in this question")
        seen.add(cid)
        text = c.text(m, "text", p, required=not pictures)
        image = c.image(m, p, folder, required=pictures)
        out.append(Choice(cid, text, image))
    return tuple(out)


def _pairs(c: _FileChecker, q: dict, path: PathKey, folder: Path) -> tuple[tuple[Choice, Choice], ...]:
    low, high = CHOICE_COUNTS["pairs"]
    out = []
    for i, raw in enumerate(c.seq(q, "pairs", path, low, high)):
        p = (*path, "pairs", i)
        m = c.mapping(raw, p, {"left", "right"})
        if m is None:
            continue
        sides = []
        for side in ("left", "right"):
            if side not in m:
                c.report((*p, side), f"the field '{side}' is missing")
                continue
            sm = c.mapping(m[side], (*p, side), {"text", "image", "alt"})
            if sm is not None:
                sides.append(Choice(str(i), c.text(sm, "text", (*p, side)), c.image(sm, (*p, side), folder, False)))
        if len(sides) == 2:
            out.append((sides[0], sides[1]))
    rights = [r.text for _, r in out]
    if len(set(rights)) != len(rights):
        c.report((*path, "pairs"), "two right-hand sides have the same text, so the match is ambiguous")
    return tuple(out)


def _question(c: _FileChecker, raw: object, path: PathKey, folder: Path, skills: set[str]) -> Question | None:
    before = len(c.problems)
    qtype = raw.get("type") if isinstance(raw, dict) else None
    if isinstance(raw, dict) and qtype not in QUESTION_TYPES:
        c.report((*path, "type"), f"unknown question type '{qtype}' (use one of: {', '.join(QUESTION_TYPES)})")
        return None
    q = c.mapping(raw, path, _COMMON | _BY_TYPE.get(str(qtype), set()))
    if q is None:
        return None
    qid = c.ident(q, "id", path, ITEM_ID, "letters, digits, - or _")
    prompt = c.text(q, "prompt", path)
    explanation = c.text(q, "explanation", path)
    qskills = c.skill_list(q, path, skills)
    image = c.image(q, path, folder, required=False)
    options: tuple[Choice, ...] = ()
    pairs: tuple[tuple[Choice, Choice], ...] = ()
    answer: object = q.get("answer")
    unit, tolerance = "", 0.0
    ans_path = (*path, "answer")
    if qtype in ("single_choice", "picture_choice", "multiple_choice"):
        options = _choices(c, q, "options", path, folder, pictures=qtype == "picture_choice")
        ids = {o.id for o in options}
        if qtype == "multiple_choice":
            answer = [_as_id(a) for a in answer] if isinstance(answer, list) else answer
            if not isinstance(answer, list) or not answer:
                c.report(ans_path, "should be a list of the right option ids, for example [a, c]")
            else:
                for i, a in enumerate(answer):
                    if not isinstance(a, str) or a not in ids:
                        c.report((*ans_path, i), f"'{a}' is not one of the options ({', '.join(sorted(ids))})")
                if len({str(a) for a in answer}) != len(answer):
                    c.report(ans_path, "names the same option twice")
                answer = tuple(answer)
        elif answer is None:
            c.report(ans_path, "the field 'answer' is missing")
        elif not isinstance(answer := _as_id(answer), str) or answer not in ids:
            c.report(ans_path, f"'{answer}' is not one of the options ({', '.join(sorted(ids))})")
    elif qtype == "true_false":
        if not isinstance(answer, bool):
            c.report(ans_path, "should be true or false")
    elif qtype == "order":
        options = _choices(c, q, "items", path, folder, pictures=False)
        answer = tuple(o.id for o in options)
    elif qtype == "numeric":
        if isinstance(answer, bool) or not isinstance(answer, int | float):
            c.report(ans_path, "should be a number, for example 12.5")
        unit = str(q.get("unit", ""))
        if unit not in UNITS:
            c.report((*path, "unit"), f"unit '{unit}' is not known (use one of: {', '.join(UNITS)})")
        tol = q.get("tolerance", 0)
        if isinstance(tol, bool) or not isinstance(tol, int | float) or tol < 0:
            c.report((*path, "tolerance"), "should be a number of 0 or more")
        else:
            tolerance = float(tol)
    elif qtype == "match":
        pairs = _pairs(c, q, path, folder)
    if len(c.problems) > before:
        return None
    return Question(qid, qtype, prompt, qskills, explanation, image, options, answer, pairs,
                    unit, tolerance, c.src.line(path))


def _questions(c: _FileChecker, m: dict, key: str, path: PathKey, folder: Path, skills: set[str]) -> tuple[Question, ...]:
    out = []
    seen: set[str] = set()
    for i, raw in enumerate(c.seq(m, key, path, 1, 30)):
        q = _question(c, raw, (*path, key, i), folder, skills)
        if q is None:
            continue
        if q.id in seen:
            c.report((*path, key, i, "id"), f"the question id '{q.id}' is used twice")
        seen.add(q.id)
        out.append(q)
    return tuple(out)


# ---------------------------------------------------------------- files

def _read(file: Path, problems: list[Problem]) -> _FileChecker | None:
    try:
        return _FileChecker(file, read_yaml(file))
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
        tests[kind] = _questions(c, tm, "questions", (kind,), file.parent, skill_ids) if tm else ()
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
    questions = _questions(c, m, "questions", (), folder, set(skills))
    problems.extend(c.problems)
    if c.problems:
        return None
    return Lesson(lid, track_id, title, summary, skills, tuple(steps), questions, folder)


def load_curriculum(folder: Path) -> Curriculum:
    """Load a lesson pack; `problems` lists everything wrong, and what is valid still loads."""
    folder = Path(folder)
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
        if sub.name == "tracks" or sub.name.startswith((".", "_")):
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
