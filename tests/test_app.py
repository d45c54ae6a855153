"""app.py: --safe-mode (software rendering for old graphics drivers)."""

from __future__ import annotations

import os
import subprocess
import sys


def test_safe_mode_sets_software_rendering_before_the_application_exists():
    code = """
import os
from ecom_trainer.app import use_software_rendering
from PySide6.QtCore import QCoreApplication, Qt
use_software_rendering()
app = QCoreApplication([])  # no warning: the attribute was set in time
print(os.environ["QT_OPENGL"], os.environ["QT_QUICK_BACKEND"],
      QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_UseSoftwareOpenGL))
"""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_OPENGL", "QT_QUICK_BACKEND")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["software", "software", "True"]
    assert "must be set before" not in done.stderr


def test_the_safe_mode_flag_starts_the_app_with_software_rendering(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ECOM_TRAINER_DATA=str(tmp_path))
    env.pop("QT_OPENGL", None)
    done = subprocess.run([sys.executable, "-m", "ecom_trainer", "--demo", "--safe-mode", "--smoke-test"],
                          capture_output=True, text=True, timeout=90, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "rendering software (QT_OPENGL=software)" in done.stdout
