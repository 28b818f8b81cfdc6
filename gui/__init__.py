"""Pretrained Studio desktop GUI (PySide6).  Thin: every TensorFlow call runs in gui.runtime.worker."""
