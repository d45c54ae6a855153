"""Tools for lesson authors: figures about a pack, and a new lesson scaffold that passes the check.

Plain Python (no Qt): used by `ecom-trainer lessons stats` and `ecom-trainer lessons new`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ecom_trainer.content.fields import LESSON_ID
from ecom_trainer.content.model import QUESTION_TYPES, Curriculum, Question, Track

# A sentence ends at . ! ? or their full-width forms; Chinese is measured in characters,
# other languages in words (the plain-language rule: ~20 characters or ~15 words).
SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")
CJK = re.compile(r"[\u3400-\u9fff]")


def sentence_length(sentence: str) -> tuple[int, str]:
    """(length, unit): Chinese characters for CJK text, words otherwise."""
    cjk = len(CJK.findall(sentence))
    if cjk:
        return cjk, "characters"
    return len(sentence.split()), "words"


@dataclass
class TrackStats:
    track: str
    lessons: int = 0
    steps: int = 0
    practice_questions: int = 0
    types: Counter = field(default_factory=Counter)
    practice_per_skill: Counter = field(default_factory=Counter)
    test_per_skill: dict[str, Counter] = field(default_factory=lambda: {"pre_test": Counter(),
                                                                       "post_test": Counter()})
    pictures_needed: int = 0
    pictures_present: int = 0
    longest: tuple[int, str, str] = (0, "", "")  # (length, unit, sentence)

    @property
    def illustrated_share(self) -> float:
        return self.pictures_present / self.pictures_needed if self.pictures_needed else 1.0


def _texts(question: Question) -> list[str]:
    texts = [question.prompt, question.explanation, *(o.text for o in question.options)]
    texts += [side.text for pair in question.pairs for side in pair]
    return texts


def _measure(stats: TrackStats, texts: list[str]) -> None:
    for text in texts:
        for sentence in filter(None, SENTENCE_END.split(text.strip())):
            length, unit = sentence_length(sentence)
            if length > stats.longest[0]:
                stats.longest = (length, unit, sentence)


def track_stats(curriculum: Curriculum, track: Track) -> TrackStats:
    stats = TrackStats(track.id)
    for lesson in curriculum.lessons_of(track):
        stats.lessons += 1
        stats.steps += len(lesson.steps)
        stats.pictures_needed += len(lesson.steps)
        stats.pictures_present += sum(1 for s in lesson.steps if s.image)
        _measure(stats, [s.text for s in lesson.steps])
        for q in lesson.questions:
            stats.practice_questions += 1
            stats.types[q.type] += 1
            stats.practice_per_skill.update(q.skills)
            if q.type == "picture_choice":
                stats.pictures_needed += len(q.options)
                stats.pictures_present += sum(1 for o in q.options if o.image)
            _measure(stats, _texts(q))
    for kind in ("pre_test", "post_test"):
        for q in track.test(kind):
            stats.test_per_skill[kind].update(q.skills)
    return stats


def format_stats(curriculum: Curriculum) -> str:
    lines = []
    for track in curriculum.tracks:
        s = track_stats(curriculum, track)
        lines.append(f"track {track.id}: {s.lessons} lessons, {s.steps} steps, "
                     f"{s.practice_questions} practice questions, "
                     f"{s.illustrated_share:.0%} illustrated")
        lines.append("  question types: " + ", ".join(f"{t} {s.types[t]}" for t in QUESTION_TYPES))
        for skill in track.skills:
            lines.append(f"  {skill.id:4} practice {s.practice_per_skill[skill.id]:3}   "
                         f"pre-test {s.test_per_skill['pre_test'][skill.id]:2}   "
                         f"post-test {s.test_per_skill['post_test'][skill.id]:2}   {skill.name}")
        length, unit, sentence = s.longest
        lines.append(f"  longest sentence: {length} {unit}: {sentence}")
    return "\n".join(lines)


# ---------------------------------------------------------------- new lesson

PLACEHOLDER_SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300">
  <rect x="10" y="10" width="380" height="280" rx="24" fill="#FFF8E1" stroke="#263238" stroke-width="8"/>
  <circle cx="200" cy="150" r="60" fill="#F9A825" stroke="#263238" stroke-width="8"/>
</svg>
"""

LESSON_TEMPLATE = """\
# A new lesson. Replace each text with your own; keep one idea per step.
# The format is explained in docs/lesson-format.md. Check it with: ecom-trainer lessons check
id: {lesson_id}
track: {track}
title: {title}
summary: {summary}
skills: [{skill}]
steps:
  - text: {step}
    image: picture-1.svg
    alt: {alt}
questions:
  - id: q1
    type: true_false
    prompt: {prompt}
    skills: [{skill}]
    answer: true
    explanation: {explanation}
"""

# The scaffold's words, in the pack's source language (English where no entry exists).
SCAFFOLD_TEXT = {
    "en": dict(title="New lesson", summary="What the learner will be able to do.",
               step="Write one idea here, in a short sentence.",
               alt="Describe the picture in a few words.",
               prompt="Write a statement that is true or false.",
               explanation="Say kindly why the answer is right."),
    "zh_CN": dict(title="新课", summary="学完能做什么。", step="这里写一个要点，一句话。",
                  alt="用几个字说说这张图。", prompt="写一句对或错的话。",
                  explanation="温和地说说为什么。"),
}


class ScaffoldError(Exception):
    pass


def _add_to_track(track_file: Path, lesson_id: str) -> None:
    """Append the lesson to the track's `lessons:` list, in flow or block style."""
    text = track_file.read_text(encoding="utf-8")
    flow = re.search(r"^lessons:[ \t]*\[(.*)\][ \t]*$", text, re.MULTILINE)
    if flow:
        items = [i.strip() for i in flow.group(1).split(",") if i.strip()]
        new = f"lessons: [{', '.join([*items, lesson_id])}]"
        text = text[:flow.start()] + new + text[flow.end():]
    else:
        block = re.search(r"^lessons:[ \t]*\n((?:[ \t]+-[^\n]*\n)*)", text, re.MULTILINE)
        if not block:
            raise ScaffoldError(f"{track_file}: no 'lessons:' list found; add '{lesson_id}' by hand")
        indent = re.match(r"[ \t]+", block.group(1)).group(0) if block.group(1) else "  "
        insert = f"{indent}- {lesson_id}\n"
        text = text[:block.end()] + insert + text[block.end():]
    track_file.write_text(text, encoding="utf-8")


def new_lesson(pack: Path, lesson_id: str, track_id: str, language: str = "en") -> Path:
    """Create pack/<lesson_id>/ with a lesson that passes `lessons check`, listed in its track."""
    if not LESSON_ID.match(lesson_id):
        raise ScaffoldError(f"'{lesson_id}' is not a valid lesson id (lowercase letters, digits and -)")
    folder = pack / lesson_id
    if folder.exists():
        raise ScaffoldError(f"{folder} already exists; choose another id")
    track_file = pack / "tracks" / f"{track_id}.yaml"
    if not track_file.is_file():
        known = ", ".join(sorted(p.stem for p in (pack / "tracks").glob("*.yaml"))) or "none"
        raise ScaffoldError(f"there is no track '{track_id}' (known: {known})")
    from ecom_trainer.content.yamlsource import read_yaml

    skills = [s.get("id") for s in (read_yaml(track_file).data or {}).get("skills", []) if isinstance(s, dict)]
    if not skills:
        raise ScaffoldError(f"{track_file}: the track lists no skills")
    words = SCAFFOLD_TEXT.get(language, SCAFFOLD_TEXT["en"])
    folder.mkdir()
    (folder / "picture-1.svg").write_text(PLACEHOLDER_SVG, encoding="utf-8")
    (folder / "lesson.yaml").write_text(
        LESSON_TEMPLATE.format(lesson_id=lesson_id, track=track_id, skill=skills[0], **words),
        encoding="utf-8")
    _add_to_track(track_file, lesson_id)
    return folder
