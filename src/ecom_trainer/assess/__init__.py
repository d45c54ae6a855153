"""Assessment: scoring of answers and what is derived from attempts. Plain Python, no Qt."""

from ecom_trainer.assess.scoring import is_correct, score

__all__ = ["is_correct", "score"]
