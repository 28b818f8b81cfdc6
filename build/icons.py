"""The app icon: one SVG in ``resources/icons``, PNG sizes rendered from it (committed),
and the Windows ``.ico`` / macOS ``.icns`` made from those PNGs at build time.

Re-render the PNGs after editing the SVG (needs PySide6's QtSvg, a development tool only;
the app itself loads the PNGs, so the installer needs no SVG plugin):

    python build/icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICON_DIR / "pretrained-studio.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def png_path(size: int) -> Path:
    return ICON_DIR / f"pretrained-studio-{size}.png"


def render_pngs() -> list[Path]:
    """Render every size from the SVG with Qt (antialiased), overwriting the committed PNGs."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(["icons", "-platform", "offscreen"])  # noqa: F841
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SVG}")
    out = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(png_path(size)))
        out.append(png_path(size))
    return out


def platform_icon(platform: str, out_dir: Path) -> Path:
    """The icon file PyInstaller wants on ``platform``: .ico (Windows), .icns (macOS), .png (Linux)."""
    from PIL import Image

    out_dir.mkdir(parents=True, exist_ok=True)
    largest = Image.open(png_path(max(SIZES)))
    if platform == "win32":
        target = out_dir / "pretrained-studio.ico"
        largest.save(target, sizes=[(s, s) for s in SIZES if s <= 256])
    elif platform == "darwin":
        target = out_dir / "pretrained-studio.icns"
        largest.save(target)
    else:
        target = png_path(256)
    return target


if __name__ == "__main__":
    for p in render_pngs():
        print(p.relative_to(ICON_DIR.parent.parent), p.stat().st_size, "bytes")
    sys.exit(0)
