"""The Train form shows its choices whole where the window has room ("Feature extraction (fast)",
"Average pooling → softmax" were cut at 1024×768 and even at 1366×768, beside a dataset view
with hundreds of pixels to spare), and still fits a narrow column by shortening them."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QStyle, QStyleOptionComboBox, QWidget

from gui.widgets.full_text_combo import FullTextCombo
from gui.widgets.side_splitter import SideSplitter


def _shown_whole(combo, text: str) -> bool:
    """``text`` fits the combo's text field as it is laid out now."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    return field.width() >= combo.fontMetrics().horizontalAdvance(text)


def test_a_combo_asks_for_its_longest_choice_and_can_live_with_less(qtbot):
    combo = FullTextCombo(shortest_chars=8)
    qtbot.addWidget(combo)
    combo.addItems(["short", "Average pooling → softmax (a long choice)", "mid length"])
    combo.setCurrentIndex(0)
    combo.resize(combo.sizeHint())
    assert all(_shown_whole(combo, combo.itemText(i)) for i in range(combo.count()))  # at its hint: all whole
    longest = combo.fontMetrics().horizontalAdvance("Average pooling → softmax (a long choice)")
    assert combo.minimumSizeHint().width() < longest / 2


class _Pane(QWidget):
    def __init__(self, wants: int):
        super().__init__()
        self.wants = wants

    def sizeHint(self):  # noqa: N802
        size = super().sizeHint()
        size.setWidth(self.wants)
        return size


def test_the_form_pane_widens_to_what_it_asks_where_there_is_room_and_keeps_a_users_width(qtbot):
    splitter = SideSplitter(max_share=0.5)
    qtbot.addWidget(splitter)
    splitter.addWidget(_Pane(400))
    right = QLabel("x" * 10)
    splitter.addWidget(right)
    splitter.setStretchFactor(0, 0)  # as the Train tab has it: a wider window widens the right
    splitter.setStretchFactor(1, 1)
    splitter.resize(600, 200)
    splitter.show()
    splitter.setSizes([200, 400])
    splitter.resize(700, 200)
    qtbot.wait(20)
    assert splitter.sizes()[0] == sum(splitter.sizes()) // 2  # half: the cap
    splitter.resize(1200, 200)
    qtbot.wait(20)
    assert splitter.sizes()[0] == 400  # what it asks for, the rest to the right
    splitter.resize(700, 200)
    qtbot.wait(20)
    assert splitter.sizes()[0] <= 400
    splitter.moveSplitter(250, 1)  # the user's choice
    splitter.resize(1300, 200)
    qtbot.wait(20)
    assert splitter.sizes()[0] < 400


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768)])
def test_the_train_choices_show_whole_with_the_model_list_open(window, qtbot, size):
    """At 1024×768 the choices shown (the defaults, and MobileNet's width and size) and each
    mode and head once picked; at 1366×768 every choice of every list as it is laid out."""
    window.resize(*size)
    window.tabs.setCurrentWidget(window.train_panel)
    form = window.train_panel.form
    form.advanced.set_expanded(True)
    qtbot.wait(50)
    for name in ("MobileNet", "MobileNetV2"):  # MobileNet shows the width and size choices
        window.picker.select(name)
        qtbot.wait(30)
        form.model.setCurrentText(name)
        qtbot.wait(30)
        combos = [form.mode, form.schedule, form.head] + [c for c in (form.variant.alpha, form.variant.size)
                                                           if c.isVisible()]
        texts = [(c, c.itemText(i)) for c in combos for i in range(c.count())] if size[0] > 1024 else [
            (c, c.currentText()) for c in combos]
        cut = [text for c, text in texts if not _shown_whole(c, text)]
        assert not cut, f"cut at {size} with {name}: {cut}"
    for combo in (form.mode, form.head):  # each choice once picked: its row makes room (label above)
        for i in range(combo.count()):
            combo.setCurrentIndex(i)
            qtbot.wait(30)
            assert _shown_whole(combo, combo.currentText()), f"{combo.currentText()} cut at {size}"
    assert window.size().width() == size[0]
