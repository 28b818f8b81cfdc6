"""The status bar's job text comes before the device's details: a note is shown whole
whatever the machine's fonts or its device description, and the device is elided instead."""

from __future__ import annotations

from gui.shell.job_status import JobStatus


def test_a_note_is_shown_whole_and_the_long_device_text_gives_way(qtbot):
    status = JobStatus()
    qtbot.addWidget(status)
    status.set_device("CPU · Intel(R) Xeon(R) Platinum 8480+ with AVX512-BF16 and AMX · 2 cores · TensorFlow 2.21")
    status.set_backend("OpenVINO 2026.4 — converted once, cached")
    status.resize(700, 30)
    status.show()
    status.note("Trained model saved: flowers_collected_by_the_biology_class_in_june-extract")
    qtbot.wait(20)
    assert status.job.shown_text() == status.job.text()
    assert status.device.shown_text() != status.device.text()  # the device yielded its room
    assert status.device.width() >= 40  # ...but keeps a glimpse


def test_a_job_text_wider_than_the_bar_is_elided_not_widening_it(qtbot):
    status = JobStatus()
    qtbot.addWidget(status)
    status.set_device("CPU")
    status.resize(600, 30)
    status.show()
    status.running("Folder", 0.5, "Reading " + "a_very_long_folder_name/" * 20, 3.0)
    qtbot.wait(20)
    assert status.width() == 600
    assert status.job.shown_text().endswith("…")
