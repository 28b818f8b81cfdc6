"""Names from the user's disk in rich text: shown as themselves and wrapped, never cut."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from gui.widgets.rich_text import breakable

LONG = "daisy_white_petals_yellow_centre_from_the_school_garden"


def test_a_name_is_escaped_and_may_wrap_after_each_separator():
    text = breakable("<b>a_b</b>/c.d-e\\f")
    assert text == "&lt;b&gt;a_&#8203;b&lt;/&#8203;b&gt;/&#8203;c.d-&#8203;e\\&#8203;f"  # a file's extension stays on
    assert breakable("plain") == "plain"


def test_a_class_heading_without_spaces_wraps_in_a_narrow_column(qtbot):
    """The Train tab's class heading in a column narrower than the name: every letter shows,
    on two or more lines (it was cut at the edge)."""
    from gui.train.views import DatasetPreview

    preview = DatasetPreview()
    qtbot.addWidget(preview)
    preview.set_classes({LONG: 5}, {})
    heading = preview.findChild(QLabel, "previewClass")
    whole = heading.fontMetrics().horizontalAdvance(LONG)
    width = whole // 2
    assert heading.minimumSizeHint().width() < width  # it can be narrower than the name
    one_line = heading.fontMetrics().height()
    assert heading.heightForWidth(width) >= 2 * one_line  # and then takes more lines, not a cut
