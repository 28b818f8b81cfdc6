"""The Qt binding keeps Python's reference counts.  PySide6 6.12.0 on Python 3.11 dropped one
reference to ``None`` on every call of a method that returns nothing (``setText``,
``setHidden``, ``setData``…): a long session ran ``None``'s count down to a crash — "deallocating
None", or a freed object met by the garbage collector (pyproject.toml excludes that release)."""

from __future__ import annotations

import sys

import pytest


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12: its count cannot run out")
def test_qt_calls_that_return_nothing_keep_none_alive(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem

    label, tree = QLabel(), QTreeWidget()
    item = QTreeWidgetItem(tree, ["a"])
    qtbot.addWidget(label)
    qtbot.addWidget(tree)
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("x")
        item.setHidden(False)
        item.data(0, Qt.ItemDataRole.UserRole)  # nothing stored: None comes back
    assert sys.getrefcount(None) - before > -50  # 1,500 calls: a leak would show as about -1,500
