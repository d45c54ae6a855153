"""Hands-on practice: one screen per task, each scored by a rubric in assess.practice."""
