"""The architecture rules, checked so they cannot rot silently."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "ecom_trainer"
QT_ALLOWED = ("ui", "reports")


def imported_modules(file: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(file.read_text(), str(file))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_ui_and_reports_import_qt():
    offenders = []
    for file in PACKAGE.rglob("*.py"):
        relative = file.relative_to(PACKAGE)
        if relative.parts[0] in QT_ALLOWED or relative.name == "app.py":
            continue  # app.py builds the QApplication: it imports Qt inside its functions only
        if any(m.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph") for m in imported_modules(file)):
            offenders.append(str(relative))
    assert offenders == []


def test_app_imports_qt_only_inside_functions():
    tree = ast.parse((PACKAGE / "app.py").read_text())
    top = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    assert not any("PySide6" in ast.unparse(n) for n in top)


def test_widgets_never_run_sql():
    for file in (PACKAGE / "ui").rglob("*.py"):
        text = file.read_text()
        for word in ("execute(", "SELECT ", "INSERT ", "UPDATE ", "DELETE "):
            assert word not in text, f"{file.relative_to(PACKAGE)} has {word!r}"


def test_no_translation_function_in_builtins():
    for file in PACKAGE.rglob("*.py"):
        modules = imported_modules(file)
        assert "builtins" not in modules, file
        assert ".install(" not in file.read_text(), file  # gettext's install() writes builtins._


def test_the_picker_path_stays_light(tmp_path):
    """Showing the learner picker must not import sqlite_utils, pyqtgraph or numpy."""
    code = f"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ecom_trainer.store.db import open_database
from ecom_trainer.store.centre import set_up_centre
from pathlib import Path
path = Path({str(tmp_path)!r}) / "x.sqlite3"
import sqlite3
conn = open_database(path)
set_up_centre(conn, "c", "1234")
conn.close()
for name in [m for m in sys.modules if m.startswith(("sqlite_utils", "numpy", "pyqtgraph"))]:
    del sys.modules[name]  # the migration above may import sqlite_utils; start clean
from ecom_trainer.app import build_window
conn = open_database(path)
window = build_window(conn, lambda: None, "en")
window.show()
app.processEvents()
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlite_utils", "numpy", "pyqtgraph", "yaml", "babel"))
print(",".join(heavy))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "", f"heavy modules on the picker path: {out.stdout}"
