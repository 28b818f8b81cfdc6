"""The Compare tab's words: the table's column headings and the charts' titles, axes and
legends in the window's language (the engine's are English: engine.compare.table.COLUMNS,
engine.compare.charts.TEXT)."""

from __future__ import annotations

from engine.compare import charts
from engine.compare.table import COLUMNS

from ..i18n.words import QT_TRANSLATE_NOOP, translate

HEADINGS = {
    "model": QT_TRANSLATE_NOOP("CompareWords", "Model"), "family": QT_TRANSLATE_NOOP("CompareWords", "Family"),
    "size_mb": QT_TRANSLATE_NOOP("CompareWords", "Size (MB)"), "top1": QT_TRANSLATE_NOOP("CompareWords", "Top-1"),
    "top5": QT_TRANSLATE_NOOP("CompareWords", "Top-5"),
    "params_millions": QT_TRANSLATE_NOOP("CompareWords", "Parameters (M)"),
    "depth": QT_TRANSLATE_NOOP("CompareWords", "Depth"), "cpu_ms": QT_TRANSLATE_NOOP("CompareWords", "CPU ms (Keras)"),
    "gpu_ms": QT_TRANSLATE_NOOP("CompareWords", "GPU ms (Keras)"),
    "here_latency_ms": QT_TRANSLATE_NOOP("CompareWords", "Here: batch-1 ms"),
    "here_step32_ms": QT_TRANSLATE_NOOP("CompareWords", "Here: batch-32 step ms"),
    "here_images_per_s": QT_TRANSLATE_NOOP("CompareWords", "Here: img/s"),
    "here_peak_mb": QT_TRANSLATE_NOOP("CompareWords", "Here: peak MB"),
    "here_ov_latency_ms": QT_TRANSLATE_NOOP("CompareWords", "Here OpenVINO: batch-1 ms"),
    "here_ov_images_per_s": QT_TRANSLATE_NOOP("CompareWords", "Here OpenVINO: img/s"),
    "here_bf16_latency_ms": QT_TRANSLATE_NOOP("CompareWords", "Here OpenVINO bf16: batch-1 ms"),
    "here_bf16_images_per_s": QT_TRANSLATE_NOOP("CompareWords", "Here OpenVINO bf16: img/s"),
}
CHART_TEXT = {
    "time_title": QT_TRANSLATE_NOOP("CompareWords", "Inference time"),
    "time_cpu": QT_TRANSLATE_NOOP("CompareWords", "Keras, CPU (batch 32 step)"),
    "time_gpu": QT_TRANSLATE_NOOP("CompareWords", "Keras, GPU (batch 32 step)"),
    "time_here": QT_TRANSLATE_NOOP("CompareWords", "this machine (batch 32 step)"),
    "time_axis": QT_TRANSLATE_NOOP("CompareWords", "milliseconds per inference step (log scale; missing figures not "
                                   "drawn)"),
    "size_title": QT_TRANSLATE_NOOP("CompareWords", "Size and parameters (published by Keras)"),
    "size_axis": QT_TRANSLATE_NOOP("CompareWords", "size (MB, log)"),
    "params_axis": QT_TRANSLATE_NOOP("CompareWords", "parameters (millions, log)"),
    "pareto_title": QT_TRANSLATE_NOOP("CompareWords", "Accuracy against latency"),
    "pareto_models": QT_TRANSLATE_NOOP("CompareWords", "models"),
    "pareto_front": QT_TRANSLATE_NOOP("CompareWords", "Pareto front"),
    "pareto_latency": QT_TRANSLATE_NOOP("CompareWords", "latency, ms ({source}, log scale)"),
    "pareto_accuracy": QT_TRANSLATE_NOOP("CompareWords", "ImageNet top-1 accuracy (%)"),
    "source_cpu_ms": QT_TRANSLATE_NOOP("CompareWords", "Keras, CPU"),
    "source_gpu_ms": QT_TRANSLATE_NOOP("CompareWords", "Keras, GPU"),
    "source_here_latency_ms": QT_TRANSLATE_NOOP("CompareWords", "this machine, batch 1"),
    "source_here_step32_ms": QT_TRANSLATE_NOOP("CompareWords", "this machine, batch 32 step"),
    "source_here_ov_latency_ms": QT_TRANSLATE_NOOP("CompareWords", "this machine, OpenVINO batch 1"),
}


def heading(key: str) -> str:
    english = dict(COLUMNS).get(key, key)
    return translate("CompareWords", HEADINGS[key]) if HEADINGS.get(key) == english else english


def chart_text() -> dict:
    """engine.compare.charts.TEXT in the window's language (a key whose English changed stays English)."""
    return {k: translate("CompareWords", v) for k, v in CHART_TEXT.items() if charts.TEXT.get(k) == v}
