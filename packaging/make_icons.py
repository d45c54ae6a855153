"""Draw the app icon (resources/icons/app.svg) for the installers, with Qt's SVG renderer:

    packaging/linux/ecom-trainer.png      256 x 256, for the .desktop file and AppStream
    packaging/windows/ecom-trainer.ico    16-256 px in one file, for the .exe and shortcuts

Run again after changing app.svg: .venv/bin/python packaging/make_icons.py
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(svg: Path, size: int) -> bytes:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico(pngs: dict[int, bytes]) -> bytes:
    """An .ico holding PNG images (Windows Vista and later read these)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    entries, offset = b"", 6 + 16 * len(pngs)
    for size, png in pngs.items():
        side = 0 if size >= 256 else size  # 0 means 256 in an .ico directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
    return header + entries + b"".join(pngs.values())


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)  # noqa: F841 - QImage needs it
    svg = ROOT / "resources" / "icons" / "app.svg"
    png = ROOT / "packaging" / "linux" / "ecom-trainer.png"
    png.write_bytes(render_png(svg, 256))
    windows = ROOT / "packaging" / "windows" / "ecom-trainer.ico"
    windows.write_bytes(ico({size: render_png(svg, size) for size in ICO_SIZES}))
    print(f"Wrote {png.relative_to(ROOT)} and {windows.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
