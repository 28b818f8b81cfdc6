"""The thumbnail strip places an icon only under its key — the folder it was loaded for (its
generation) and its path: a late icon of the previous folder, or of a file no longer listed,
is dropped, and each icon lands on its own file's row."""

from __future__ import annotations

from PIL import Image
from PySide6.QtGui import QColor, QImage

from gui.predict.thumbnails import ThumbnailStrip


def solid(color) -> QImage:
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor(*color))
    return image


def icon_color(strip, row):
    image = strip.item(row).icon().pixmap(8, 8).toImage()
    c = image.pixelColor(4, 4)
    return c.red(), c.green(), c.blue()


def test_an_icon_lands_only_under_its_folder_and_path(qtbot, tmp_path):
    strip = ThumbnailStrip()
    qtbot.addWidget(strip)
    strip.set_paths(["/a.png", "/b.png"])  # files that do not exist: the loader shows nothing itself
    old = strip._generation
    strip.set_paths(["/c.png", "/b.png", "/d.png"])
    strip._icon_ready(old, "/b.png", solid((255, 0, 0)))  # late, from the previous folder
    strip._icon_ready(strip._generation, "/a.png", solid((0, 255, 0)))  # no longer listed
    assert strip.loaded_icons() == 0
    strip._icon_ready(strip._generation, "/d.png", solid((0, 0, 255)))
    strip._icon_ready(strip._generation, "/b.png", solid((255, 255, 0)))
    assert strip.loaded_icons() == 2 and strip.item(0).icon().isNull()
    assert icon_color(strip, 1) == (255, 255, 0) and icon_color(strip, 2) == (0, 0, 255)


def test_real_files_get_their_own_icons(qtbot, tmp_path):
    colors = {"red.png": (220, 20, 20), "green.png": (20, 220, 20), "blue.png": (20, 20, 220)}
    paths = []
    for name, color in colors.items():
        Image.new("RGB", (30, 20), color).save(tmp_path / name)
        paths.append(str(tmp_path / name))
    strip = ThumbnailStrip()
    qtbot.addWidget(strip)
    strip.set_paths(paths)
    qtbot.waitUntil(lambda: strip.loaded_icons() == 3, timeout=30_000)
    for row, color in enumerate(colors.values()):
        assert all(abs(a - b) < 8 for a, b in zip(icon_color(strip, row), color))
    strip.stop()
