"""The curriculum as plain, immutable data. Text fields hold source-language strings;
the UI translates them through the `lessons` gettext domain when it shows them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

QUESTION_TYPES = (
    "single_choice",
    "multiple_choice",
    "true_false",
    "picture_choice",
    "order",
    "numeric",
    "match",
)
UNITS = ("yuan", "kg", "g", "cm", "cm3", "day", "piece")
TEST_KINDS = ("pre_test", "post_test")


@dataclass(frozen=True)
class Media:
    """A picture with its screen-reader description; `path` is absolute and checked to exist."""

    path: Path
    alt: str


@dataclass(frozen=True)
class Choice:
    """An option of a choice question, an item to order, or one side of a pair."""

    id: str
    text: str
    image: Media | None = None


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    prompt: str
    skills: tuple[str, ...]
    explanation: str
    image: Media | None = None
    options: tuple[Choice, ...] = ()  # choice types; order items in the right order
    answer: object = None  # option id, list of ids, bool or number, by type
    pairs: tuple[tuple[Choice, Choice], ...] = ()  # match
    unit: str = ""
    tolerance: float = 0.0
    line: int = 0


@dataclass(frozen=True)
class Step:
    text: str
    image: Media | None
    audio: Path | None = None


@dataclass(frozen=True)
class Lesson:
    id: str
    track: str
    title: str
    summary: str
    skills: tuple[str, ...]
    steps: tuple[Step, ...]
    questions: tuple[Question, ...]
    folder: Path


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Track:
    id: str
    title: str
    summary: str
    icon: Media | None
    skills: tuple[Skill, ...]
    lesson_ids: tuple[str, ...]
    pre_test: tuple[Question, ...]
    post_test: tuple[Question, ...]

    def test(self, kind: str) -> tuple[Question, ...]:
        return self.pre_test if kind == "pre_test" else self.post_test


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a lesson pack, phrased for a lesson author."""

    file: Path
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        # one line per problem, even when it quotes a value with line breaks in it
        text = f"{where}{self.message}".replace("\r", "\\r").replace("\n", "\\n")
        return f"{self.file}:{self.line}: {text}"


@dataclass
class Curriculum:
    folder: Path
    source_language: str
    tracks: list[Track] = field(default_factory=list)
    lessons: dict[str, Lesson] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def track(self, track_id: str) -> Track | None:
        return next((t for t in self.tracks if t.id == track_id), None)

    def lessons_of(self, track: Track) -> list[Lesson]:
        return [self.lessons[i] for i in track.lesson_ids if i in self.lessons]
