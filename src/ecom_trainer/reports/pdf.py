"""The PDF reports: a learner report, a cohort report and a certificate of completion, in the
current language (i18n.set_language). Each returns the PDF as bytes; `reports.batch` writes
files safely. Every number is formatted by the helpers below, which the tests use as well.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPen

from ecom_trainer.assess.mastery import MASTERED_AT, P_LEARN, P_SLIP, RULE_NEEDED, RULE_WINDOW
from ecom_trainer.i18n import (
    N_,
    current_language,
    format_date,
    format_number,
    lesson_text,
    ngettext,
)
from ecom_trainer.i18n import gettext as _
from ecom_trainer.paths import resources_dir
from ecom_trainer.reports.canvas import (
    BODY,
    HEADING,
    MM,
    MUTED,
    POST_FILL,
    SMALL,
    TITLE,
    Bar,
    Column,
    Pages,
    draw_document,
    font,
)
from ecom_trainer.reports.certificates import Certificate
from ecom_trainer.reports.data import (
    GAIN_MISSING,
    GAIN_UNDEFINED,
    CohortData,
    LearnerData,
    TrackResult,
)

KIND_NAMES = {"practice": N_("Practice"), "pre_test": N_("First quiz"), "post_test": N_("Final quiz")}
BAND_NAMES = {"low": N_("low"), "medium": N_("medium"), "high": N_("high")}


# ------------------------------------------------------------------ numbers as printed

def percent(value: float) -> str:
    return format_number(value, 0) + "%"


def gain_text(value: float) -> str:
    return format_number(value, 2)


def of(part: int, whole: int) -> str:
    return _("{part} of {whole}").format(part=part, whole=whole)


def join(items: list[str]) -> str:
    """A list in running text: Chinese separates with the enumeration comma."""
    return ("、" if current_language().startswith("zh") else ", ").join(items)


def track_gain_line(t: TrackResult) -> str:
    first = percent(t.pre) if t.pre is not None else _("not done")
    final = percent(t.post) if t.post is not None else _("not done")
    if t.gain_status == GAIN_MISSING:
        gain = _("gain: needs both quizzes")
    elif t.gain_status == GAIN_UNDEFINED:
        gain = _("gain: undefined (the first quiz was 100%, nothing left to gain)")
    else:
        assert t.gain is not None
        gain = _("gain g = {g} ({band})").format(g=gain_text(t.gain), band=_(BAND_NAMES[t.band]))
    return _("First quiz: {first}    Final quiz: {final}    {gain}").format(first=first, final=final, gain=gain)


def _footer(centre: str, made_on) -> str:
    return f"{format_date(made_on, 'long')}    {centre}"  # the date first: a long name is cut short


def _explanations(pages: Pages) -> None:
    pages.heading(_("How to read this report"))
    for line in (
        _("Quiz score: the share of right answers, counting the newest answer to each question of "
          "the quiz. A quiz not finished has no score."),
        _("Gain g = (final quiz - first quiz) / (100 - first quiz): the share of what was left to "
          "learn that was learned. Below 0.3 low, 0.3 to 0.7 medium, above 0.7 high. Undefined when "
          "the first quiz was 100%."),
        _("{needed} of the last {window}: mastered when at least {needed} of the last {window} "
          "answers on the skill were right.").format(needed=RULE_NEEDED, window=RULE_WINDOW),
        _("Chance known (BKT): Bayesian Knowledge Tracing with parameters set by hand (guess = 1 / "
          "number of options, slip {slip}, learning {learn}); mastered from {at}. The dashed line "
          "marks {at}.").format(slip=format_number(P_SLIP), learn=format_number(P_LEARN),
                                at=percent(MASTERED_AT * 100)),
    ):
        pages.text(line, SMALL, colour=MUTED)


# ------------------------------------------------------------------ learner report

def _avatar(pages: Pages, avatar: str, name: str, rect: QRectF) -> None:
    """A built-in picture (by name), or a learner's photo (a full path; reports/data.py)."""
    path = Path(avatar) if avatar and Path(avatar).is_absolute() else resources_dir() / "avatars" / f"{avatar}.svg"
    if path.suffix.lower() == ".svg" and pages.svg(path, rect):
        return
    if path.suffix.lower() != ".svg" and path.is_file():
        from PySide6.QtGui import QImage

        image = QImage(str(path))
        if not image.isNull():
            scale = min(rect.width() / image.width(), rect.height() / image.height())
            w, h = image.width() * scale, image.height() * scale
            pages.painter.drawImage(QRectF(rect.center().x() - w / 2, rect.center().y() - h / 2, w, h), image)
            return
    p = pages.painter  # no picture: a circle with the first character of the name
    p.setPen(QPen(POST_FILL, 0.6 * MM))
    p.setBrush(QColor("#e8edf3"))
    p.drawEllipse(rect)
    p.setFont(font(TITLE, bold=True))
    p.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), name[:1])
    p.setBrush(Qt.BrushStyle.NoBrush)


def _mastery_rows(t: TrackResult) -> list[list[str | Bar]]:
    rows: list[list[str | Bar]] = []
    for s in t.skills:
        m = s.mastery
        rule = of(m.recent_right, m.recent_total) + "\n" + (_("mastered") if m.rule_mastered else _("not yet"))
        bkt = Bar(m.probability, percent(m.probability * 100) + "\n" +
                  (_("mastered") if m.bkt_mastered else _("not yet")), m.bkt_mastered, MASTERED_AT)
        rows.append([lesson_text(s.name), str(m.answers), rule, bkt])
    return rows


def mastery_columns() -> list[Column]:
    return [Column(_("Skill"), 0.27), Column(_("Answers"), 0.13, right=True),
            Column(_("{needed} of the last {window}").format(needed=RULE_NEEDED, window=RULE_WINDOW), 0.22),
            Column(_("Chance known (BKT)"), 0.38)]


def _pre_post_chart(pages: Pages, rows: list[tuple[str, float | None, float | None]],
                    takers: list[tuple[int, int]] | None = None, missing: str = "") -> None:
    """Bars of the first and final quiz per skill; for a cohort, how many learners each average is over."""
    def value(v: float | None, n: int | None) -> tuple[float | None, str]:
        if v is None:
            return None, ""
        return v / 100, percent(v) if n is None else ngettext("{percent} ({n} learner)", "{percent} ({n} learners)", n).format(
            percent=percent(v), n=n)

    pages.text(_("First and final quiz per skill"), BODY, bold=True, keep=30 * MM)
    pages.bar_chart([_("First quiz"), _("Final quiz")],
                    [(label, [value(pre, takers[i][0] if takers else None),
                              value(post, takers[i][1] if takers else None)])
                     for i, (label, pre, post) in enumerate(rows)],
                    missing=missing or _("not done"))


def learner_pdf(data: LearnerData) -> bytes:
    title = _("Learner report")

    def body(pages: Pages) -> None:
        avatar_size = 32 * MM
        _avatar(pages, data.avatar, data.name, QRectF(pages.right - avatar_size, pages.y, avatar_size, avatar_size))
        narrow = pages.right - avatar_size - 4 * MM
        saved = pages.right
        pages.right = narrow  # the text beside the picture
        pages.text(data.centre, BODY, colour=MUTED, after=1 * MM)
        pages.text(title, TITLE, bold=True, after=1 * MM)
        pages.text(data.name, TITLE, bold=True, after=1 * MM)
        details = [_("Village: {village}").format(village=data.village)] if data.village else []
        if data.cohorts:
            details.append(_("Cohort: {cohorts}").format(cohorts=join(list(data.cohorts))))
        details.append(_("Made on {date}").format(date=format_date(data.made_on, "long")))
        pages.text("\n".join(details), BODY, after=2 * MM)
        pages.right = saved
        pages.y = max(pages.y, pages.top + avatar_size + 2 * MM)
        pages.text(_("{answers} answers, {right} right. Lessons done: {done}.").format(
            answers=data.answers, right=data.right, done=of(data.lessons_done, data.lessons_total)),
            BODY, bold=True, after=2 * MM)
        started = [t for t in data.tracks if t.started]
        waiting = [lesson_text(t.title) for t in data.tracks if not t.started]
        for t in started:
            pages.heading(lesson_text(t.title))
            pages.text(track_gain_line(t), BODY, after=1 * MM)
            pages.text(_("Lessons done: {done}").format(done=of(t.lessons_done, t.lessons_total)), BODY)
            if t.pre is not None or t.post is not None:
                quizzed = [s for s in t.skills if s.skill_id in t.quiz_skills]
                _pre_post_chart(pages, [(lesson_text(s.name), s.pre, s.post) for s in quizzed])
            pages.text(_("Mastery per skill"), BODY, bold=True, keep=30 * MM)
            pages.table(mastery_columns(), _mastery_rows(t))
        if waiting:
            pages.text(_("Not started yet: {tracks}").format(tracks=join(waiting)), BODY)
        if data.units:
            pages.heading(_("Answers per lesson"))
            pages.table([Column(_("Kind"), 0.24), Column(_("Lesson"), 0.46),
                         Column(_("Answers"), 0.15, right=True), Column(_("Right"), 0.15, right=True)],
                        [[_(KIND_NAMES.get(u.kind, u.kind)), lesson_text(u.title), str(u.answers), str(u.right)]
                         for u in data.units])
        _explanations(pages)

    return draw_document(f"{title}: {data.name}", _footer(data.centre, data.made_on), body)


# ------------------------------------------------------------------ cohort report

def cohort_pdf(data: CohortData) -> bytes:
    title = _("Cohort report")

    def body(pages: Pages) -> None:
        pages.text(data.centre, BODY, colour=MUTED, after=1 * MM)
        pages.text(title, TITLE, bold=True, after=1 * MM)
        pages.text(data.name, TITLE, bold=True, after=1 * MM)
        pages.text(ngettext("{n} learner    Made on {date}", "{n} learners    Made on {date}",
                            len(data.members)).format(
            n=len(data.members), date=format_date(data.made_on, "long")), BODY, after=2 * MM)
        pages.text(_("The cohort's gain is the gain of the averages: g = (average final quiz - average "
                     "first quiz) / (100 - average first quiz), over the learners who took both quizzes "
                     "of the track. It is not the average of the learners' gains."), BODY, after=2 * MM)
        n = len(data.members)
        for t in data.tracks:
            if not t.started:
                continue
            pages.heading(lesson_text(t.title))
            pages.text(_("Started: {started}").format(started=of(t.started, n)), BODY, after=1 * MM)
            if t.gain is None:
                pages.text(_("Nobody has taken both quizzes yet: no gain."), BODY)
            else:
                g = t.chosen_gain
                pages.text(ngettext("Both quizzes: {n} learner. Average first quiz {pre}, average final quiz "
                                    "{post}.", "Both quizzes: {n} learners. Average first quiz {pre}, average "
                                    "final quiz {post}.", t.gain.learners).format(n=t.gain.learners, pre=percent(t.gain.mean_pre),
                                               post=percent(t.gain.mean_post)), BODY, after=1 * MM)
                pages.text(_("Gain of the averages: g = {g}").format(g=gain_text(g)) if g is not None else
                           _("Gain of the averages: undefined (the average first quiz was 100%)"),
                           BODY, bold=True)
            if any(s.pre is not None or s.post is not None for s in t.skills):
                quizzed = [s for s in t.skills if s.skill_id in t.quiz_skills]
                _pre_post_chart(pages, [(lesson_text(s.name), s.pre, s.post) for s in quizzed],
                                [(s.pre_takers, s.post_takers) for s in quizzed], missing=_("nobody yet"))
            pages.text(ngettext("Mastered per skill, of {n} learner", "Mastered per skill, of {n} learners", n)
                       .format(n=n), BODY, bold=True, keep=30 * MM)
            pages.bar_chart(
                [_("{needed} of the last {window}").format(needed=RULE_NEEDED, window=RULE_WINDOW),
                 _("Chance known (BKT)")],
                [(lesson_text(s.name), [(s.rule_mastered / n if n else 0.0, of(s.rule_mastered, n)),
                                        (s.bkt_mastered / n if n else 0.0, of(s.bkt_mastered, n))])
                 for s in t.skills],
                missing="")
            rows = []
            for m in data.members:
                r = m.track(t.track_id)
                if r is None or not r.started:
                    continue
                rows.append([m.name, percent(r.pre) if r.pre is not None else "-",
                             percent(r.post) if r.post is not None else "-",
                             gain_text(r.gain) if r.gain is not None else
                             (_("undefined") if r.gain_status == GAIN_UNDEFINED else "-"),
                             of(r.lessons_done, r.lessons_total)])
            pages.table([Column(_("Name"), 0.3), Column(_("First quiz"), 0.17, right=True),
                         Column(_("Final quiz"), 0.17, right=True), Column(_("Gain"), 0.14, right=True),
                         Column(_("Lessons"), 0.22, right=True)], rows)
        pages.heading(_("Learners"))
        pages.table([Column(_("Name"), 0.3), Column(_("Village"), 0.3), Column(_("Answers"), 0.2, right=True),
                     Column(_("Lessons"), 0.2, right=True)],
                    [[m.name, m.village, str(m.answers), of(m.lessons_done, m.lessons_total)] for m in data.members])
        _explanations(pages)

    return draw_document(f"{title}: {data.name}", _footer(data.centre, data.made_on), body)


# ------------------------------------------------------------------ certificate

def certificate_pdf(cert: Certificate) -> bytes:
    """One landscape page: who, which track and skills, where, when, and the code to check."""
    title = _("Certificate of completion")

    def body(pages: Pages) -> None:
        p = pages.painter
        frame = QRectF(8 * MM, 8 * MM, pages.width - 16 * MM, pages.height - 16 * MM)
        p.setPen(QPen(POST_FILL, 1.6 * MM))
        p.drawRect(frame)
        p.setPen(QPen(POST_FILL, 0.4 * MM))
        p.drawRect(frame.adjusted(3 * MM, 3 * MM, -3 * MM, -3 * MM))
        centred = Qt.AlignmentFlag.AlignHCenter
        width = pages.text_width
        y = pages.top
        for text, size, bold, colour in ((cert.centre, HEADING, False, MUTED), (title, 36.0, True, POST_FILL)):
            h = pages.measure(text, size, width, bold)
            pages.draw_text(QRectF(pages.left, y, width, h), text, size, bold, colour, centred)
            y += h + 2 * MM
        bottom = pages.height - pages.top - 24 * MM  # where the date and the code begin
        picture = 58 * MM
        x = pages.left + picture + 14 * MM
        column = pages.right - x - 4 * MM
        skills = "\n".join(f"•  {lesson_text(name)}" for _id, name in cert.skills)
        blocks = [(_("This certificate is given to"), 20.0, False), (cert.name, 44.0, True),
                  (_("for mastering every skill of"), 20.0, False), (lesson_text(cert.track_title), 30.0, True),
                  (skills, 18.0 if len(cert.skills) <= 6 else BODY, False)]
        heights = [pages.measure(text, size, column, bold) for text, size, bold in blocks]
        total = sum(heights) + 3 * MM * (len(blocks) - 1)
        y += max(4 * MM, (bottom - y - total) / 2)  # the middle of the free space
        _avatar(pages, cert.avatar, cert.name,
                QRectF(pages.left + 6 * MM, y + (min(total, bottom - y) - picture) / 2, picture, picture))
        for (text, size, bold), h in zip(blocks, heights, strict=True):
            pages.draw_text(QRectF(x, y, column, h), text, size, bold)
            y += h + 3 * MM
        pages.draw_text(QRectF(pages.left + 6 * MM, bottom, width / 2, 12 * MM),
                        _("Date: {date}").format(date=format_date(cert.issued_on, "long")), HEADING)
        pages.draw_text(QRectF(pages.left + 6 * MM, bottom + 13 * MM, width / 2, 12 * MM),
                        _("Trainer:") + " ______________________", HEADING)
        right = QRectF(pages.left + width / 2, bottom, width / 2 - 6 * MM, 12 * MM)
        pages.draw_text(right, _("Verification code: {code}").format(code=cert.display_code), HEADING,
                        bold=True, align=Qt.AlignmentFlag.AlignRight)
        pages.draw_text(right.translated(0, 13 * MM), _("Check it: ecom-trainer certificate verify {code}")
                        .format(code=cert.display_code), SMALL, colour=MUTED, align=Qt.AlignmentFlag.AlignRight)

    return draw_document(f"{title}: {cert.name}", None, body, landscape=True)
