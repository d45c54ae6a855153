"""Entry point of the PyInstaller bundle: `python -m ecom_trainer`, plus `-c CODE` as Python has it.

ui/speech.py checks the text-to-speech engine in a child process started as `sys.executable -c
CODE` (the engine can hang when there is no audio device). In a bundle sys.executable is this
program, so without this the check would start a second copy of the app and speech never would.
"""

import sys


def main() -> int:
    if len(sys.argv) >= 3 and sys.argv[1] == "-c":
        code = sys.argv[2]
        sys.argv = ["-c", *sys.argv[3:]]
        exec(compile(code, "<string>", "exec"), {"__name__": "__main__"})
        return 0
    from ecom_trainer.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    raise SystemExit(main())
