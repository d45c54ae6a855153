"""Only the data a wheel carries; everything else is in pyproject.toml.

lessons/, resources/ and translations/ live beside src/, not in the package, so a wheel installs
them as data files under <prefix>/share/ecom_trainer/ (paths.project_root() looks there). The
folders are walked here because pyproject.toml's data-files cannot keep a folder tree.
"""

from pathlib import Path

from setuptools import setup

ROOT = Path(__file__).parent
DATA = ("lessons", "resources", "translations")
SKIP = {".pot", ".pyc"}  # templates are for translators; catalogs (.po and compiled .mo) travel


def data_files() -> list[tuple[str, list[str]]]:
    files: dict[str, list[str]] = {}
    for top in DATA:
        for path in sorted((ROOT / top).rglob("*")):
            if path.is_file() and path.suffix not in SKIP and "__pycache__" not in path.parts:
                relative = path.relative_to(ROOT)
                files.setdefault(f"share/ecom_trainer/{relative.parent.as_posix()}", []).append(
                    relative.as_posix())
    return sorted(files.items())


setup(data_files=data_files())
