"""The heatmap methods' names in the window's language (the engine's labels are English;
Grad-CAM, LayerCAM, Score-CAM and SmoothGrad are names and stay as they are)."""

from __future__ import annotations

from engine.explain import METHODS

from ..i18n.words import QT_TRANSLATE_NOOP, translate

LABELS = {
    "gradcam": QT_TRANSLATE_NOOP("ExplainMethods", "Grad-CAM"),
    "guided-gradcam": QT_TRANSLATE_NOOP("ExplainMethods", "Grad-CAM, guided (tf-explain's variant)"),
    "gradcam++": QT_TRANSLATE_NOOP("ExplainMethods", "Grad-CAM++"),
    "layercam": QT_TRANSLATE_NOOP("ExplainMethods", "LayerCAM"),
    "fast-scorecam": QT_TRANSLATE_NOOP("ExplainMethods", "Score-CAM, fast (32 channels)"),
    "scorecam": QT_TRANSLATE_NOOP("ExplainMethods", "Score-CAM (every channel)"),
    "occlusion": QT_TRANSLATE_NOOP("ExplainMethods", "Occlusion sensitivity"),
    "smoothgrad": QT_TRANSLATE_NOOP("ExplainMethods", "SmoothGrad (tf-explain)"),
    "integrated-gradients": QT_TRANSLATE_NOOP("ExplainMethods", "Integrated gradients (tf-explain)"),
    "vanilla": QT_TRANSLATE_NOOP("ExplainMethods", "Vanilla gradients (tf-explain)"),
    "gradients-inputs": QT_TRANSLATE_NOOP("ExplainMethods", "Gradients × inputs (tf-explain)"),
}


def label(method: str) -> str:
    """The method's name for people ("Occlusion sensitivity"), translated where it is a description."""
    if method in LABELS and LABELS[method] == METHODS[method].label:
        return translate("ExplainMethods", LABELS[method])
    return METHODS[method].label  # a method (or a label) this list does not know yet: the engine's English
