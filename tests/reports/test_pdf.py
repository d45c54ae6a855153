"""The PDFs themselves: their text read back with pdftotext, in Chinese and English, must hold
the learner's name, the headings and the very numbers the data functions computed."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest

from ecom_trainer import i18n
from ecom_trainer.i18n import lesson_text
from ecom_trainer.reports.certificates import issue_certificate
from ecom_trainer.reports.data import cohort_data, learner_data
from ecom_trainer.reports.pdf import (
    certificate_pdf,
    cohort_pdf,
    gain_text,
    learner_pdf,
    of,
    percent,
)
from tests.reports.conftest import needs_pdftotext

pytestmark = needs_pdftotext
DAY = date(2026, 11, 29)


def text_of(pdf: bytes, tmp_path, name="x.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         text=True, check=True, timeout=60)
    return " ".join(out.stdout.split())  # one space between words, whatever the layout


def fonts_of(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, timeout=60).stdout


def test_chinese_learner_report_keeps_its_text(db, curriculum, centre, tmp_path):
    i18n.set_language("zh_CN", curriculum.source_language)
    data = learner_data(db, curriculum, centre["周玉兰"], DAY)
    pdf = learner_pdf(data)
    text = text_of(pdf, tmp_path)
    assert "周玉兰" in text and "丰店镇" in text  # the learner's name and village
    assert "商品上架" in text  # the track's heading, in Chinese (Listing products)
    assert lesson_text("Main photo") == "主图" and "主图" in text
    assert "2026年11月29日" in text  # the date in Chinese
    # the font keeps a text layer: embedded, with a ToUnicode map ("uni" yes)
    fonts = fonts_of(pdf, tmp_path)
    assert "CID TrueType" in fonts and fonts.split("\n")[2].split()[-3] == "yes"


def test_learner_report_numbers_equal_the_data(db, curriculum, centre, tmp_path):
    data = learner_data(db, curriculum, centre["周玉兰"], DAY)
    text = text_of(learner_pdf(data), tmp_path)
    assert "Learner report" in text and "Listing products" in text
    listing = data.track("listing")
    assert f"First quiz: {percent(listing.pre)}" in text and f"Final quiz: {percent(listing.post)}" in text
    assert f"gain g = {gain_text(listing.gain)} (high)" in text
    assert f"{data.answers} answers, {data.right} right" in text
    assert f"Lessons done: {of(listing.lessons_done, listing.lessons_total)}" in text
    for skill in listing.skills:
        m = skill.mastery
        row = f"{lesson_text(skill.name)} {m.answers} {of(m.recent_right, m.recent_total)} " \
              f"{percent(m.probability * 100)} mastered mastered"  # the rule's word, then BKT's
        assert row in text, row
    for unit in data.units:
        assert f"{lesson_text(unit.title)} {unit.answers} {unit.right}" in text


def test_undefined_gain_is_said_in_words(db, curriculum, centre, tmp_path):
    data = learner_data(db, curriculum, centre["孙大山"], DAY)
    text = text_of(learner_pdf(data), tmp_path)
    assert "gain: undefined (the first quiz was 100%, nothing left to gain)" in text
    half = text_of(learner_pdf(learner_data(db, curriculum, centre["吴春梅"], DAY)), tmp_path)
    assert "Final quiz: not done" in half and "gain: needs both quizzes" in half


def test_cohort_report_names_its_average_and_prints_its_numbers(db, curriculum, centre, tmp_path):
    data = cohort_data(db, curriculum, centre["cohort"], DAY)
    text = text_of(cohort_pdf(data), tmp_path)
    assert "Cohort report" in text and "测试班" in text and "3 learners" in text
    assert "gain of the averages" in text and "not the average of the learners' gains" in text
    listing = next(t for t in data.tracks if t.track_id == "listing")
    assert f"Both quizzes: {listing.gain.learners} learners" in text
    assert f"Average first quiz {percent(listing.gain.mean_pre)}, average final quiz " \
           f"{percent(listing.gain.mean_post)}" in text
    assert f"Gain of the averages: g = {gain_text(listing.chosen_gain)}" in text
    for share in listing.skills:
        assert of(share.rule_mastered, share.members) in text
    for member in data.members:
        assert member.name in text and member.village in text


def test_chinese_cohort_report(db, curriculum, centre, tmp_path):
    i18n.set_language("zh_CN", curriculum.source_language)
    text = text_of(cohort_pdf(cohort_data(db, curriculum, centre["cohort"], DAY)), tmp_path)
    assert "测试班" in text and "商品上架" in text and "周玉兰" in text and "吴春梅" in text


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_certificate_holds_name_track_skills_centre_date_and_code(db, curriculum, centre, tmp_path, language):
    i18n.set_language(language, curriculum.source_language)
    certificate = issue_certificate(db, learner_data(db, curriculum, centre["周玉兰"], DAY), "listing")
    text = text_of(certificate_pdf(certificate), tmp_path)
    assert "周玉兰" in text and lesson_text("Listing products") in text
    for _id, name in certificate.skills:
        assert lesson_text(name) in text
    assert "大悟县电商培训中心" in text and certificate.display_code in text
    assert ("2026年11月29日" if language == "zh_CN" else "November 29, 2026") in text
