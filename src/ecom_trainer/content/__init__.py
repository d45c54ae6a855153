"""Lesson packs: the data model, loading with validation, and text extraction for Babel.

`load_curriculum` imports the loader (and PyYAML) only when called: importing the model for the
learner picker must not cost the YAML parser's import time.
"""

from __future__ import annotations

from pathlib import Path

from ecom_trainer.content.model import Curriculum, Lesson, Problem, Question, Track


def load_curriculum(folder: Path) -> Curriculum:
    from ecom_trainer.content.loader import load_curriculum as load

    return load(folder)


__all__ = ["Curriculum", "Lesson", "Problem", "Question", "Track", "load_curriculum"]
