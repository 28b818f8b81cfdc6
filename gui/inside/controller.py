"""Keeps the Inside tab in step with the model, the chosen layer and the current image.
Feature maps run on the interactive lane (latest wins); filter patterns on the long lane."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from engine.inside import filters as flt

from ..widgets.error_dialog import show_error
from . import tasks
from .panel import InsidePanel


class InsideController(QObject):
    maps_shown = Signal(int)
    patterns_shown = Signal(object)

    def __init__(self, client, panel: InsidePanel, predict_controller, explain_panel, window):
        super().__init__(window)
        self.client, self.panel, self.pc, self.explain_panel, self.window = (
            client, panel, predict_controller, explain_panel, window)
        self.active = False
        self._tree_for = None
        panel.layer_selected.connect(self._layer)
        panel.maps_requested.connect(self.refresh_maps)
        panel.patterns_requested.connect(self.compute_patterns)
        predict_controller.image_changed.connect(self._image_changed)
        predict_controller.prediction_shown.connect(lambda _: self.active and self.refresh())

    def _image_changed(self, image) -> None:
        if image is None:  # the chosen file cannot be read: no maps of the previous image
            self.panel.clear_maps()
        elif self.active:
            self.refresh()

    def set_active(self, active: bool) -> None:
        self.active = active
        if active:
            self.refresh()

    def refresh(self) -> None:
        if not self.pc.engine_ready:
            return
        request = self.pc.request()
        if request.key != self._tree_for:
            self._tree_for = request.key
            self.client.run(tasks.model_tree(request), f"Layers of {request.name}", lane="interactive", slot="tree",
                            on_result=self._tree, on_error=self._failed)
        else:
            self.refresh_maps()

    def _tree(self, result) -> None:
        nodes, summary = result
        from engine.inside.tree import walk

        spatial = [n.path for n in walk(nodes) if len(n.output_shape) == 4 and not n.children]
        default = spatial[len(spatial) // 2] if spatial else None
        self.panel.set_tree(nodes, summary, default)
        self.refresh_maps()

    def _layer(self, path: tuple) -> None:
        # The chosen layer also becomes the heatmap layer, where it is a spatial one.
        label = " / ".join(path)
        i = self.explain_panel.layer.findText(label)
        if i >= 0:
            self.explain_panel.layer.setCurrentIndex(i)
        self.refresh_maps()

    def refresh_maps(self) -> None:
        image = self.pc.image
        path = self.panel.selected_path()
        if image is None or not self.pc.engine_ready:
            return
        self.client.run(tasks.layer_activations(self.pc.request(), image, path, self.panel.count.value(),
                                                self.panel.order.currentText(), self.pc.prefs.resize_policy),
                        "Feature maps", lane="interactive", slot="activations", on_result=self._maps,
                        on_error=self._failed)

    def _maps(self, result) -> None:
        maps, strip = result
        self.panel.set_maps(maps)
        self.panel.set_strip(strip)
        self.maps_shown.emit(len(maps))

    def compute_patterns(self) -> None:
        path = self.panel.selected_path()
        if path is None:
            return
        try:
            which = flt.parse_range(self.panel.filters.text())
        except ValueError:
            show_error(self.window, "Filters", "Write filters as 0-15 or 1,4,9.")
            return
        self.client.run(tasks.filter_patterns(self.pc.request(), path, which, self.panel.steps.value()),
                        f"Filter patterns ({len(which)})", lane="long", slot="patterns",
                        on_result=self._patterns, on_error=self._failed)

    def _patterns(self, result) -> None:
        self.panel.set_patterns(result)
        self.patterns_shown.emit(result)

    def _failed(self, message, details, exc) -> None:
        show_error(self.window, "Inside the network", message, details)
