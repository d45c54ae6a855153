"""Questions in lesson and test files: their fields by type, checked into `Question`s."""

from __future__ import annotations

from pathlib import Path

from ecom_trainer.content.fields import CHOICE_COUNTS, ITEM_ID, FileChecker, as_id
from ecom_trainer.content.model import QUESTION_TYPES, UNITS, Choice, Question
from ecom_trainer.content.yamlsource import PathKey

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


def _choices(c: FileChecker, q: dict, key: str, path: PathKey, folder: Path, pictures: bool) -> tuple[Choice, ...]:
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


def _pairs(c: FileChecker, q: dict, path: PathKey, folder: Path) -> tuple[tuple[Choice, Choice], ...]:
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


def _question(c: FileChecker, raw: object, path: PathKey, folder: Path, skills: set[str]) -> Question | None:
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
            answer = [as_id(a) for a in answer] if isinstance(answer, list) else answer
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
        elif not isinstance(answer := as_id(answer), str) or answer not in ids:
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


def questions(c: FileChecker, m: dict, key: str, path: PathKey, folder: Path, skills: set[str]) -> tuple[Question, ...]:
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


