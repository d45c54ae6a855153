"""Packaging without building: the PyInstaller spec's choices, `--smoke-test` from a checkout, the
bundle's launcher, the Linux menu entry and installer, the Windows installer script.
The real bundle is built and started by `make dist` (scripts/smoke_dist.py), not here."""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "ecom-trainer.spec"
LINUX = ROOT / "packaging" / "linux"
ISS = ROOT / "packaging" / "windows" / "ecom-trainer.iss"
DATA_FOLDERS = ("lessons", "resources", "translations")


# ------------------------------------------------------------------ the spec, with stand-ins
def copy_tree(target: Path, compile_catalogs: bool = True) -> Path:
    """The checkout's data folders in `target`, with freshly compiled catalogs (or none)."""
    for folder in DATA_FOLDERS:
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    (target / "packaging").mkdir()
    if compile_catalogs:
        for po in (target / "translations").glob("*/LC_MESSAGES/*.po"):
            with po.open("rb") as src, po.with_suffix(".mo").open("wb") as out:
                write_mo(out, read_po(src))
    return target


def run_spec(root: Path, binaries=(), datas=()) -> dict:
    """Execute the spec as PyInstaller would, with stand-ins that record what it asks for."""
    calls: dict = {"exe": []}

    class Analysis:
        def __init__(self, scripts, **options):
            calls["analysis"] = dict(options, scripts=scripts)
            self.binaries = list(binaries)
            self.datas = list(options["datas"]) + list(datas)
            self.pure, self.scripts = [], []

    def exe(*_args, **options):
        calls["exe"].append(options)
        return options["name"]

    def collect(*args, **options):
        calls["collect"] = (args, options)

    namespace = {"Analysis": Analysis, "PYZ": lambda *a, **k: "pyz", "EXE": exe, "COLLECT": collect,
                 "SPECPATH": str(root / "packaging"), "workpath": str(root / "build")}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    calls["a"] = namespace["a"]
    return calls


def test_the_spec_bundles_every_lesson_resource_and_compiled_catalog(tmp_path):
    root = copy_tree(tmp_path)
    calls = run_spec(root)
    bundled = {(Path(src).relative_to(root).as_posix(), Path(dest).as_posix())
               for src, dest in calls["analysis"]["datas"]}
    for folder in ("lessons", "resources"):
        for path in (root / folder).rglob("*"):
            if path.is_file():
                relative = path.relative_to(root)
                assert (relative.as_posix(), relative.parent.as_posix()) in bundled, relative
    catalogs = {src for src, _dest in bundled if src.startswith("translations/")}
    assert "translations/zh_CN/LC_MESSAGES/ecom_trainer.mo" in catalogs
    assert "translations/zh_CN/LC_MESSAGES/lessons.mo" in catalogs
    assert not any(src.endswith(".pot") for src in catalogs)
    assert calls["analysis"]["scripts"] == [str(root / "packaging" / "launcher.py")]
    assert calls["exe"][0]["name"] == "ecom-trainer"
    assert calls["collect"][1]["name"] == "ecom-trainer"


def test_the_spec_refuses_catalogs_that_were_not_compiled(tmp_path):
    root = copy_tree(tmp_path, compile_catalogs=False)
    with pytest.raises(SystemExit, match="make i18n-compile"):
        run_spec(root)
    root = copy_tree(tmp_path / "stale")
    po = root / "translations" / "zh_CN" / "LC_MESSAGES" / "lessons.po"
    mo = po.with_suffix(".mo")
    os.utime(mo, (po.stat().st_mtime - 60, po.stat().st_mtime - 60))  # edited after compiling
    with pytest.raises(SystemExit, match="older than its .po"):
        run_spec(root)


def test_the_spec_leaves_out_what_the_app_does_not_use(tmp_path):
    binaries = [
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "x", "BINARY"),
        ("PySide6/Qt/lib/libQt6Quick.so.6", "x", "BINARY"),
        ("PySide6/Qt/lib/libQt6WebEngineCore.so.6", "x", "BINARY"),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "x", "BINARY"),
        ("libpango-1.0.so.0", "x", "BINARY"),
        ("PySide6\\Qt6Gui.dll", "x", "BINARY"),
    ]
    datas = [
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", "x", "DATA"),
        ("PySide6/Qt/translations/qtbase_de.qm", "x", "DATA"),
        ("PySide6\\translations\\qtbase_fr.qm", "x", "DATA"),  # the Windows wheel's layout
        ("babel/locale-data/zh_Hans_CN.dat", "x", "DATA"),
        ("babel/locale-data/root.dat", "x", "DATA"),
        ("babel/locale-data/en_GB.dat", "x", "DATA"),
        ("babel/locale-data/fr.dat", "x", "DATA"),
    ]
    calls = run_spec(copy_tree(tmp_path), binaries, datas)
    assert [b[0] for b in calls["a"].binaries] == ["PySide6/Qt/lib/libQt6Widgets.so.6", "PySide6\\Qt6Gui.dll"]
    kept = {d[0] for d in calls["a"].datas if not Path(d[0]).is_absolute()}
    assert kept == {"PySide6/Qt/translations/qtbase_zh_CN.qm", "babel/locale-data/zh_Hans_CN.dat",
                    "babel/locale-data/root.dat", "babel/locale-data/en_GB.dat"}
    excludes = set(calls["analysis"]["excludes"])
    assert {"PySide6.QtWebEngineCore", "PySide6.Qt3DCore", "PySide6.QtQuick", "PySide6.QtQml",
            "tkinter", "pytest", "hypothesis"} <= excludes
    assert "PySide6.QtTextToSpeech" in calls["analysis"]["hiddenimports"]  # the speech host's


def test_a_wheel_carries_the_data_folders_where_paths_looks_for_them(monkeypatch):
    """setup.py lists lessons/, resources/ and translations/ as data files under
    share/ecom_trainer, which paths.project_root() checks for an installed wheel."""
    import runpy

    import setuptools

    from ecom_trainer import paths

    asked: dict = {}
    monkeypatch.setattr(setuptools, "setup", lambda **options: asked.update(options))
    runpy.run_path(str(ROOT / "setup.py"))
    installed = {f"{dest}/{Path(src).name}" for dest, sources in asked["data_files"] for src in sources}
    prefix = f"share/{paths.WHEEL_DATA}"
    for folder in ("lessons", "resources"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                assert f"{prefix}/{path.relative_to(ROOT).as_posix()}" in installed, path
    assert f"{prefix}/translations/zh_CN/LC_MESSAGES/lessons.po" in installed
    assert not any(name.endswith(".pot") for name in installed)


@pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("strip"), reason="Linux strip")
def test_only_pythons_own_libraries_lose_their_debug_symbols(tmp_path):
    import _json

    import PySide6.QtCore

    python_module = Path(_json.__file__)
    qt_module = Path(PySide6.QtCore.__file__)
    binaries = [("python3.11/lib-dynload/" + python_module.name, str(python_module), "EXTENSION"),
                ("PySide6/" + qt_module.name, str(qt_module), "EXTENSION")]
    root = copy_tree(tmp_path)
    calls = run_spec(root, binaries)
    (_, stripped, _), (_, untouched, _) = calls["a"].binaries
    assert untouched == str(qt_module)  # site-packages (numpy's OpenBLAS breaks when stripped)
    assert Path(stripped).parent.is_relative_to(root / "build" / "python-stripped")
    assert Path(stripped).stat().st_size <= python_module.stat().st_size


# ------------------------------------------------------------------ --smoke-test from a checkout
def smoke(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", ECOM_TRAINER_DATA=str(tmp_path / "data"), **env)
    return subprocess.run([sys.executable, "-m", "ecom_trainer", "--demo", "--smoke-test", *args],
                          capture_output=True, text=True, timeout=90, env=environment, cwd=tmp_path)


def test_smoke_test_reaches_the_picker_with_lessons_and_catalogs(tmp_path):
    done = smoke(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    line = done.stdout.strip()
    assert line.startswith("smoke-test ok: picker shown with 6 learners;")
    assert f"from {ROOT / 'lessons'}" in line and f"checkout at {ROOT}" in line
    assert "zh_CN:" in line and "SVG icons draw" in line and "rendering default" in line
    assert (tmp_path / "data" / "demo.sqlite3").is_file()


def test_smoke_test_fails_in_one_line_without_compiled_catalogs_or_lessons(tmp_path):
    root = copy_tree(tmp_path / "root", compile_catalogs=False)
    done = smoke(tmp_path, ECOM_TRAINER_ROOT=str(root))
    assert done.returncode == 1
    assert done.stdout.startswith("smoke-test FAILED:") and "make i18n-compile" in done.stdout
    (tmp_path / "empty").mkdir()
    done = smoke(tmp_path, "--lessons", str(tmp_path / "empty"))
    assert done.returncode == 1 and done.stdout.startswith("smoke-test FAILED:")
    assert "Traceback" not in done.stderr


def test_the_bundle_launcher_runs_code_like_python_dash_c():
    """ui/speech.py starts its speech host as `sys.executable -c CODE ENGINE`."""
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "launcher.py"), "-c",
                           "import sys; print(sys.argv)", "mock"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['-c', 'mock']"


# ------------------------------------------------------------------ Linux
def desktop_entry() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(LINUX / "ecom-trainer.desktop", encoding="utf-8")
    return parser


def test_the_desktop_entry_names_the_app_in_both_languages_with_a_safe_mode_action():
    entry = desktop_entry()
    main = entry["Desktop Entry"]
    assert main["Type"] == "Application" and main["Categories"] == "Education;"
    assert main["Name"] and main["Name[zh_CN]"] and main["Name[zh_CN]"] != main["Name"]
    assert main["Exec"] == "ecom-trainer" and main["Icon"] == "ecom-trainer"
    assert entry["Desktop Action safe-mode"]["Exec"] == "ecom-trainer --safe-mode"
    validator = shutil.which("desktop-file-validate")
    if validator:
        done = subprocess.run([validator, str(LINUX / "ecom-trainer.desktop")], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def test_the_appstream_metadata_matches_the_desktop_entry_and_validates():
    metainfo = LINUX / "io.github.ecomtrainer.EcomTrainer.metainfo.xml"
    component = ET.parse(metainfo).getroot()
    assert component.findtext("id") == "io.github.ecomtrainer.EcomTrainer"
    assert component.findtext("launchable") == "ecom-trainer.desktop"
    assert component.findtext("icon") == desktop_entry()["Desktop Entry"]["Icon"]
    assert [c.text for c in component.iter("category")] == ["Education"]
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert any(n.get(lang) == "zh_CN" for n in component.findall("name"))
    validator = shutil.which("appstreamcli")
    if validator:
        done = subprocess.run([validator, "validate", "--no-net", str(metainfo)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def test_the_icons_are_drawn_at_the_sizes_installers_need():
    png = (LINUX / "ecom-trainer.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (256, 256)
    ico = (ROOT / "packaging" / "windows" / "ecom-trainer.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 5
    sides = {ico[6 + 16 * i] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sides


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a POSIX shell script")
def test_the_linux_installer_installs_a_menu_entry_and_uninstalls_without_touching_data(tmp_path):
    bundle = tmp_path / "usb" / "ecom-trainer"
    (bundle / "_internal").mkdir(parents=True)
    program = bundle / "ecom-trainer"
    program.write_text("#!/bin/sh\necho bundled\n")
    program.chmod(0o755)
    shutil.copytree(LINUX, bundle / "linux")
    home = tmp_path / "home"
    data = home / ".local" / "share" / "ecom-trainer"
    data.mkdir(parents=True)
    (data / "ecom-trainer.sqlite3").write_text("the learners' answers")
    env = dict(os.environ, HOME=str(home))
    env.pop("XDG_DATA_HOME", None)

    done = subprocess.run(["sh", str(bundle / "linux" / "install.sh"), "--user"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    app = home / ".local" / "opt" / "ecom-trainer"
    assert subprocess.run([str(home / ".local" / "bin" / "ecom-trainer")], capture_output=True,
                          text=True).stdout == "bundled\n"
    desktop = (home / ".local" / "share" / "applications" / "ecom-trainer.desktop").read_text()
    assert f"Exec={app}/ecom-trainer\n" in desktop and f"Exec={app}/ecom-trainer --safe-mode" in desktop
    assert (home / ".local" / "share" / "icons" / "hicolor" / "256x256" / "apps" / "ecom-trainer.png").is_file()

    done = subprocess.run(["sh", str(app / "linux" / "install.sh"), "--user", "--uninstall"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert not app.exists() and not (home / ".local" / "bin" / "ecom-trainer").exists()
    assert (data / "ecom-trainer.sqlite3").read_text() == "the learners' answers"


# ------------------------------------------------------------------ Windows
def test_the_windows_installer_has_both_languages_a_safe_mode_shortcut_and_keeps_data():
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Inno Setup reads the Chinese right
    text = raw.decode("utf-8-sig")
    assert 'MessagesFile: "compiler:Languages\\ChineseSimplified.isl"' in text
    assert 'MessagesFile: "compiler:Default.isl"' in text
    assert 'Source: "{#Bundle}\\*"' in text and "recursesubdirs" in text
    assert '#define Bundle "..\\..\\dist\\ecom-trainer"' in text
    icons = text.split("[Icons]")[1].split("[")[0]
    assert 'Filename: "{app}\\ecom-trainer.exe"; Parameters: "--safe-mode"' in icons
    assert icons.startswith("\n") and '"{group}\\' in icons
    messages = [line.split("=", 1)[0] for line in text.split("[CustomMessages]")[1].split("\n[")[0].splitlines()
                if "=" in line]
    for key in {m.split(".", 1)[1] for m in messages}:
        assert f"chinesesimplified.{key}" in messages and f"english.{key}" in messages, key
    assert "\n[UninstallDelete]" not in text and "localappdata}\\ecom-trainer" in text
