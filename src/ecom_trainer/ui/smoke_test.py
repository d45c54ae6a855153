"""`--smoke-test`: start as usual, check what an installation needs, print one line, quit.

Run on the PyInstaller bundle by scripts/smoke_dist.py (a bundle that misses a Qt plugin, the
lessons or a catalog fails here, not on a village PC); it works the same from a checkout. The line
starts with "smoke-test ok:" and the exit code is 0, or "smoke-test FAILED:" and 1.
"""

from __future__ import annotations

import gettext
import os
import sys

from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QPixmap

from ecom_trainer import i18n
from ecom_trainer.paths import data_dir, project_root, resources_dir, translations_dir

REQUIRED_LANGUAGE = "zh_CN"  # complete by policy (see `ecom-trainer i18n check`)


class SmokeTestFailed(Exception):
    pass


def check_started(app, window) -> None:
    """Called once the window is up: print the verdict and leave the event loop with its code."""
    try:
        line, code = "smoke-test ok: " + "; ".join(_checks(window)), 0
    except SmokeTestFailed as exc:
        line, code = f"smoke-test FAILED: {exc}", 1
    except Exception as exc:  # noqa: BLE001 - any crash is a failed smoke test, said in one line
        line, code = f"smoke-test FAILED: {type(exc).__name__}: {exc}", 1
    print(line, flush=True)
    app.exit(code)


def _checks(window) -> list[str]:
    found = []
    if window.stack.currentWidget() is not window.picker or not window.isVisible():
        current = type(window.stack.currentWidget()).__name__
        raise SmokeTestFailed(f"the learner picker is not shown ({current} is)")
    found.append(f"picker shown with {window.picker.total} learners")

    curriculum = window.curriculum
    if curriculum.problems:
        raise SmokeTestFailed(f"{len(curriculum.problems)} lesson problem(s), first: {curriculum.problems[0]}")
    if not curriculum.lessons:
        raise SmokeTestFailed(f"no lessons in {curriculum.folder}")
    found.append(f"{len(curriculum.lessons)} lessons in {len(curriculum.tracks)} tracks from {curriculum.folder}")

    found.append(_check_languages(window, curriculum))

    icon = resources_dir() / "icons" / "app.svg"
    if QPixmap(str(icon)).isNull():  # Qt's SVG image plugin missing from the bundle
        raise SmokeTestFailed(f"cannot draw {icon}")
    found.append("SVG icons draw")

    found.append(_check_charts())

    software = QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_UseSoftwareOpenGL)
    found.append(f"rendering {'software' if software else 'default'}"
                 f" (QT_OPENGL={os.environ.get('QT_OPENGL', '')})")
    root = project_root()
    kind = "bundle" if getattr(sys, "frozen", False) else \
        "checkout" if (root / "src" / "ecom_trainer").is_dir() else "installed"
    found.append(f"{kind} at {root}")
    found.append(f"data in {data_dir()}")
    found.append(f"Qt {qVersion()}")
    return found


def _check_languages(window, curriculum) -> str:
    """The required catalogs are compiled (.mo), load through i18n and change what the picker says."""
    languages = i18n.available_languages()
    if REQUIRED_LANGUAGE not in languages:
        raise SmokeTestFailed(f"{REQUIRED_LANGUAGE} is not offered (languages: {', '.join(languages)})")
    counts = []
    for domain in (i18n.UI_DOMAIN, i18n.LESSONS_DOMAIN):
        mo = translations_dir() / REQUIRED_LANGUAGE / "LC_MESSAGES" / f"{domain}.mo"
        if not mo.is_file():
            raise SmokeTestFailed(f"{mo} is missing (run `make i18n-compile` before bundling)")
        with mo.open("rb") as fh:
            counts.append(len(gettext.GNUTranslations(fh)._catalog) - 1)  # minus the header entry
    before = i18n.current_language()
    titles = {}
    try:
        for language in (i18n.DEFAULT_LANGUAGE, REQUIRED_LANGUAGE):
            i18n.set_language(language, curriculum.source_language)
            window.picker.retranslate()
            titles[language] = window.picker.nav.title.text()
        translated = sum(i18n.lesson_text(x.title) != x.title for x in curriculum.lessons.values())
    finally:
        i18n.set_language(before, curriculum.source_language)
        window.picker.retranslate()
    title = titles[REQUIRED_LANGUAGE]
    if title == titles[i18n.DEFAULT_LANGUAGE]:
        raise SmokeTestFailed(f"the picker's title stays {title!r} in {REQUIRED_LANGUAGE}")
    if not translated:
        raise SmokeTestFailed(f"no lesson has a {REQUIRED_LANGUAGE} title")
    return (f"languages {', '.join(languages)}; {REQUIRED_LANGUAGE}: {counts[0]} UI + {counts[1]} lesson "
            f"messages, {translated} lesson titles, picker says {title!r}")


def _check_charts() -> str:
    """The trainer's charts (pyqtgraph and numpy, with their compiled parts) draw in this build."""
    import importlib
    import importlib.util

    if importlib.util.find_spec("pyqtgraph") is None:
        return "no chart library"
    try:  # by name: a plain import here would make PyInstaller bundle it whether or not it is used
        pyqtgraph = importlib.import_module("pyqtgraph")
    except ImportError as exc:  # in the build but broken, e.g. numpy's compiled parts
        raise SmokeTestFailed(f"the chart library does not load: {exc}") from exc
    plot = pyqtgraph.PlotWidget()
    plot.plot([1, 2, 3], [1, 3, 2])
    plot.resize(200, 120)
    if plot.grab().isNull():
        raise SmokeTestFailed("a pyqtgraph chart does not draw")
    plot.deleteLater()
    return f"charts draw (pyqtgraph {pyqtgraph.__version__})"
