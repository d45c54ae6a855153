"""Check the PyInstaller bundle in dist/ecom-trainer/ the way a fresh PC would meet it.

    .venv/bin/python scripts/smoke_dist.py [BUNDLE_DIR]      (`make dist` runs it)

Each run starts the bundled program offscreen, from a temporary folder, with nothing of the
checkout on its paths (no ECOM_TRAINER_ROOT, PYTHONPATH or ECOM_TRAINER_DATA):
1. `--demo --smoke-test` on a fresh data folder chosen by platformdirs (Linux: a temporary
   XDG_DATA_HOME): the learner picker, the bundled lessons, the zh_CN catalogs, SVG icons;
2. `--safe-mode --smoke-test --language zh_CN` on ECOM_TRAINER_DATA: software rendering;
3. `-c CODE` (how the speech host is started): Qt text-to-speech plugins are in the bundle;
4. `lessons check`: the command line works from the bundle.
Prints each result and the bundle's size; exits 1 on the first failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_S = 180  # a cold start from a slow disk; a hang is a failure, not a wait
TTS_CHECK = """
import json
from PySide6.QtCore import QCoreApplication
from PySide6.QtTextToSpeech import QTextToSpeech
app = QCoreApplication([])
engines = QTextToSpeech.availableEngines()
tts = QTextToSpeech("mock")
print(json.dumps({"engines": engines, "mock_voices": len(tts.availableVoices())}))
"""


class Failed(Exception):
    pass


def executable(bundle: Path, console: bool = False) -> Path:
    if sys.platform == "win32":
        return bundle / ("ecom-trainer-cli.exe" if console else "ecom-trainer.exe")
    return bundle / "ecom-trainer"


def clean_environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("ECOM_TRAINER_ROOT", "ECOM_TRAINER_DATA", "PYTHONPATH", "PYTHONHOME",
                        "VIRTUAL_ENV", "QT_PLUGIN_PATH", "LD_LIBRARY_PATH")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["ECOM_TRAINER_TTS_ENGINE"] = "mock"  # the real one may wait for an audio device
    if sys.platform.startswith("linux"):
        env["HOME"] = str(home)
        env["XDG_DATA_HOME"] = str(home / ".local" / "share")
    return env


def run(command: list[str], env: dict[str, str], cwd: Path) -> str:
    shown = " ".join(Path(command[0]).name if i == 0 else (a if len(a) < 40 else "CODE")
                     for i, a in enumerate(command))
    try:
        done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True,
                              timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired as exc:
        raise Failed(f"{shown}: no answer after {TIMEOUT_S} s") from exc
    out = done.stdout.strip()
    if done.returncode != 0 or "Traceback" in done.stderr:
        raise Failed(f"{shown}: exit {done.returncode}\n{out}\n{done.stderr.strip()[-3000:]}")
    print(f"$ {shown}\n  {out.splitlines()[-1] if out else '(no output)'}")
    return out


def check(bundle: Path, scratch: Path) -> None:
    # Windows: ecom-trainer.exe has no console, so its output may not reach us; the -cli twin is
    # the same program with one. Linux has one program for both.
    program = executable(bundle, console=True)
    for needed in {program, executable(bundle)}:
        if not needed.is_file():
            raise Failed(f"{needed} does not exist: build it with `make dist`")
    home = scratch / "home"
    home.mkdir()
    env = clean_environment(home)
    internal = bundle.resolve() / "_internal"

    out = run([str(program), "--demo", "--smoke-test"], env, scratch)
    if not out.startswith("smoke-test ok:") or f"bundle at {internal}" not in out:
        raise Failed(f"the first start did not use the bundle's own data:\n{out}")
    if sys.platform.startswith("linux"):
        data = home / ".local" / "share" / "ecom-trainer"
        if f"data in {data}" not in out or not (data / "demo.sqlite3").is_file():
            raise Failed(f"the demo database is not in the platformdirs folder {data}:\n{out}")

    portable = dict(env, ECOM_TRAINER_DATA=str(scratch / "portable"))
    out = run([str(program), "--demo", "--safe-mode", "--smoke-test", "--language", "zh_CN"], portable, scratch)
    if "rendering software" not in out:
        raise Failed(f"--safe-mode did not switch to software rendering:\n{out}")
    if not (scratch / "portable" / "demo.sqlite3").is_file():
        raise Failed("ECOM_TRAINER_DATA was not used for the data folder")

    out = run([str(program), "-c", TTS_CHECK], env, scratch)
    if '"mock_voices": 0' in out or "mock" not in out:
        raise Failed(f"Qt's text-to-speech plugins are missing from the bundle:\n{out}")

    out = run([str(program), "lessons", "check"], env, scratch)
    if not out.startswith("OK:"):
        raise Failed(f"`lessons check` on the bundled lessons:\n{out}")

    if executable(bundle) != program:  # the windowed program: its exit code is its verdict
        run([str(executable(bundle)), "--demo", "--smoke-test"], env, scratch)


def category(relative: Path) -> str:
    first = relative.parts[0]
    if relative.parts[:3] == ("PySide6", "Qt", "lib"):
        return "Qt libraries"
    if relative.parts[:2] in (("PySide6", "Qt"), ("PySide6", "plugins"), ("PySide6", "translations")):
        return "Qt plugins and translations"
    if first in ("PySide6", "shiboken6"):
        return "PySide6 bindings and Qt DLLs"
    if first in ("lessons", "resources", "translations"):
        return "our lessons, pictures and catalogs"
    if first.startswith(("libpython", "python3", "base_library", "ecom-trainer")) or first.endswith(".pyd"):
        return "Python and the program"
    if ".so" in first or first.endswith(".dll"):
        return "other shared libraries"
    return "other Python packages"


def size_report(bundle: Path) -> str:
    # PyInstaller links libraries into _internal/ on Linux: count each file once
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    total = sum(p.stat().st_size for p in files)
    internal = bundle / "_internal"
    parts: dict[str, int] = {}
    for p in files:
        key = category(p.relative_to(internal if internal in p.parents else bundle))
        parts[key] = parts.get(key, 0) + p.stat().st_size
    biggest = sorted(files, key=lambda p: -p.stat().st_size)[:5]
    lines = [f"bundle {bundle}: {total / 1e6:.0f} MB in {len(files)} files"]
    lines += [f"  {size / 1e6:6.1f} MB  {name}" for name, size in sorted(parts.items(), key=lambda kv: -kv[1])]
    lines.append("  biggest files: " + ", ".join(f"{p.name} {p.stat().st_size / 1e6:.0f} MB" for p in biggest))
    return "\n".join(lines)


def glibc_needed(bundle: Path) -> str | None:
    """The newest glibc symbol version any bundled binary needs: the oldest Linux it runs on."""
    import re
    import shutil

    objdump = shutil.which("objdump")
    if objdump is None or not sys.platform.startswith("linux"):
        return None
    versions = set()
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink() and (".so" in path.name or path.name == "ecom-trainer"):
            out = subprocess.run([objdump, "-T", str(path)], capture_output=True, text=True).stdout
            versions |= {tuple(map(int, v.split("."))) for v in re.findall(r"GLIBC_(\d+\.\d+)", out)}
    return ".".join(map(str, max(versions))) if versions else None


def main(argv: list[str]) -> int:
    bundle = (Path(argv[1]) if len(argv) > 1 else ROOT / "dist" / "ecom-trainer").resolve()  # runs elsewhere
    with tempfile.TemporaryDirectory(prefix="ecom-trainer-smoke-") as scratch:
        try:
            check(bundle, Path(scratch))
        except Failed as exc:
            print(f"SMOKE TEST FAILED: {exc}", file=sys.stderr)
            return 1
    print(size_report(bundle))
    if glibc := glibc_needed(bundle):
        print(f"runs on Linux with glibc {glibc} or newer (the build machine's; build on the oldest you ship to)")
    print("Smoke test passed.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
