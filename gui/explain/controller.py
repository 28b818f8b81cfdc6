"""Keeps the Explain tab in step with the current image and model.

Heatmaps run on the interactive lane in their own slot (latest request wins, so stepping
through a folder never queues stale heatmaps); the slow methods (full Score-CAM,
occlusion) run on the long lane with progress and cancel.  How far to trust a map (scores,
sanity check) and the comparison grids have their own controllers, created here.
"""

from __future__ import annotations

from typing import Optional

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

from engine.explain import METHODS, overlay, to_image

from ..runtime import settings
from ..widgets.error_dialog import show_error
from . import tasks
from .grids import ExplainGrids
from .panel import ExplainPanel
from .trust import ExplainTrust


NO_IMAGE = "Open an image to see where the model looks."


class ExplainController(QObject):
    explained = Signal(object)  # Explanation

    def __init__(self, client, panel: ExplainPanel, predict_controller, window):
        super().__init__(window)
        self.client, self.panel, self.pc, self.window = client, panel, predict_controller, window
        self.explanation = None
        self.crop_box = None
        self.top: list[tuple[int, str, float]] = []  # (index, name, probability) of the last prediction
        self.active = False
        self._dirty = True
        self._layers_for: Optional[str] = None
        self.trust = ExplainTrust(client, panel, self)
        self.grids = ExplainGrids(client, panel, self)
        panel.recompute.connect(self.refresh)
        panel.redraw.connect(self.draw)
        panel.export_png.connect(self.save_png)
        panel.export_npy.connect(self.save_npy)
        panel.canvas.files_dropped.connect(predict_controller.open_paths)
        predict_controller.image_changed.connect(self._image_changed)
        predict_controller.prediction_shown.connect(self._prediction)

    def set_active(self, active: bool) -> None:
        self.active = active
        if active and self._dirty:
            self.refresh()

    def _image_changed(self, image) -> None:
        self._dirty = True
        self.explanation = None
        self.panel.clear_scores()
        self.panel.show_grid(False)
        if image is None:  # the chosen file cannot be read: no heatmap of the previous image
            self.panel.set_flat("")
            self.panel.canvas.set_pixels(None)
            self.panel.status.setText(NO_IMAGE)
        if self.active:
            self.refresh()

    def _prediction(self, pred) -> None:
        names = self.pc.current_class_names()
        self.top = [(c.index, c.name, c.probability) for c in pred.top]
        self.panel.set_classes(self.top, names)
        key = pred.model_key
        if key != self._layers_for:
            self._layers_for = key
            self.client.run(tasks.model_layers(self.pc.request()), "Listing layers", lane="interactive",
                            slot="layers", on_result=lambda r: self.panel.set_layers(r[0], r[1]))

    def policy(self) -> str:
        return self.pc.prefs.resize_policy

    # -- computing -----------------------------------------------------------------
    def refresh(self) -> None:
        image = self.pc.image
        if image is None or not self.pc.engine_ready:
            return
        self._dirty = False
        method = self.panel.method_name()
        slow = METHODS[method].slow
        request = self.pc.request()
        self.panel.status.setText(f"Computing {METHODS[method].label}…")
        self.panel.show_grid(False)
        self.client.run(tasks.explain_image(request, image, method, self.panel.class_index(), self.panel.layer_path(),
                                            self.policy()),
                        f"{METHODS[method].label} ({request.name})", lane="long" if slow else "interactive",
                        slot="explain", on_result=self._done, on_error=self.failed)

    def _done(self, result) -> None:
        self.explanation, self.crop_box = result
        e = self.explanation
        mark = " — untrained weights: this heatmap means nothing" if e.untrained else ""
        self.panel.status.setText(f"{METHODS[e.method].label} for <b>{e.class_name}</b> at {e.layer} "
                                  f"({e.seconds * 1000:.0f} ms){mark}")
        self.panel.set_flat(e.flat)
        self.panel.clear_scores()
        self.draw()
        self.explained.emit(e)

    def failed(self, message, details, exc) -> None:
        self.panel.status.setText("The heatmap failed (see the message).")
        show_error(self.window, "Heatmap failed", message, details)

    def overlay_pixels(self) -> Optional[np.ndarray]:
        image = self.pc.image
        if image is None or self.explanation is None:
            return image.pixels if image is not None else None
        if self.explanation.flat:
            return image.pixels  # a flat map says nothing: no uniform wash over the photo
        full = to_image(self.explanation.heatmap, image.size, self.crop_box)
        alpha = self.panel.opacity.value() / 100 if self.panel.show_heatmap.isChecked() else 0.0
        return overlay.blend(image.pixels, full, self.panel.colormap.currentText(), alpha)

    def draw(self) -> None:
        pixels = self.overlay_pixels()
        self.panel.canvas.set_pixels(pixels, keep_view=self.panel.canvas.has_image())

    # -- export --------------------------------------------------------------------
    def save_png(self) -> None:
        pixels = self.overlay_pixels()
        if pixels is None:
            return
        path, _ = QFileDialog.getSaveFileName(self.window, "Export overlay",
                                              settings.export_start("heatmap.png", pictures=True), "PNG (*.png)")
        if path:
            settings.remember_dir("export", path)
            overlay.save_png(path, pixels)

    def save_npy(self) -> None:
        if self.explanation is None:
            return
        path, _ = QFileDialog.getSaveFileName(self.window, "Export raw heatmap", settings.export_start("heatmap.npy"),
                                              "NumPy (*.npy)")
        if path:
            settings.remember_dir("export", path)
            overlay.save_npy(path, self.explanation.heatmap)
