"""Lesson packs: the data model, loading with validation, and text extraction for Babel."""

from ecom_trainer.content.loader import load_curriculum
from ecom_trainer.content.model import Curriculum, Lesson, Problem, Question, Track

__all__ = ["Curriculum", "Lesson", "Problem", "Question", "Track", "load_curriculum"]
