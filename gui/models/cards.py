"""The info cards of a model file and of one of the user's trained models (what the app knows
without loading them), and training modes by the names people use."""

from __future__ import annotations

import html
from pathlib import Path

from ..i18n.words import QT_TRANSLATE_NOOP, fmt, percent, say, translate


def _t(text: str) -> str:
    return translate("ModelPicker", text)


def _rows(rows: list[tuple[str, str]]) -> str:
    """Table rows of (label, HTML value): the labels are escaped here."""
    return "".join(f"<tr><td>{html.escape(k)}</td><td>{v}</td></tr>" for k, v in rows)


def file_card(path: str, preprocessing: str) -> str:
    """The info card of a model file: what the app knows without opening it."""
    from engine.sources import class_names

    labels = class_names.beside(path)
    kind = translate("ModelPicker", "model file")
    names = (translate("ModelPicker", "labels.txt beside it") if labels
             else translate("ModelPicker", "numbered (no labels.txt)"))
    note = translate("ModelPicker", "Input size, classes and the last convolution come from the model itself.")
    folder = fmt(translate("ModelPicker", "Folder: {folder}"), folder=str(Path(path).parent))
    rows = [(translate("ModelPicker", "Preprocessing"), html.escape(preprocessing)),
            (translate("ModelPicker", "Class names"), html.escape(names))]
    return (f"<b style='font-size:14px'>{html.escape(Path(path).name)}</b> <span style='color:gray'>"
            f"{html.escape(kind)}</span><table cellspacing=2>{_rows(rows)}</table><small style='color:gray'>"
            f"{html.escape(note)} {html.escape(folder)}</small>")


def user_card(folder: str) -> str:
    """The info card of one of the user's trained models, from its metadata."""
    from engine.errors import StudioError
    from engine.sources.bundle_checks import read_metadata

    try:
        meta = read_metadata(Path(folder) / "metadata.json")
    except StudioError as exc:
        return f"<b>{html.escape(Path(folder).name)}</b><br><small>{html.escape(say(exc.args[0]))}</small>"
    acc = meta.get("metrics", {}).get("accuracy")
    acc = acc if isinstance(acc, (int, float)) else None  # a hand-edited file may hold anything
    classes = [html.escape(str(c)) for c in meta.get("class_names", [])]
    mode = meta.get("training", {}).get("mode", "?")
    more = f" … (+{len(classes) - 8})" if len(classes) > 8 else ""
    kind = translate("ModelPicker", "your model")
    where = fmt(translate("ModelPicker", "Folder: {folder}"), folder=Path(folder).name)
    rows = [(translate("ModelPicker", "Base model"), html.escape(str(meta.get("base_model")))),
            (translate("ModelPicker", "Input size"), html.escape(str(meta.get("input_size")))),
            (translate("ModelPicker", "Classes"), f"{len(classes)}: {', '.join(classes[:8])}{more}"),
            (translate("ModelPicker", "Mode"), html.escape(mode_name(str(mode)))),
            (translate("ModelPicker", "Validation accuracy"), "—" if acc is None else percent(acc))]
    return (f"<b style='font-size:14px'>{html.escape(meta.get('name') or Path(folder).name)}</b> "
            f"<span style='color:gray'>{html.escape(kind)}</span><table cellspacing=2>{_rows(rows)}</table>"
            f"<small style='color:gray'>{html.escape(where)}</small>")


MODE_NAMES = {"extract": QT_TRANSLATE_NOOP("ModelPicker", "Feature Extraction"),
              "augment": QT_TRANSLATE_NOOP("ModelPicker", "frozen base + augmentation"),
              "finetune": QT_TRANSLATE_NOOP("ModelPicker", "Fine-Tuning")}


def mode_name(mode: str) -> str:
    """A training mode (engine.train) for people: the lecture keeps Feature Extraction and Fine-Tuning in English."""
    return _t(MODE_NAMES[mode]) if mode in MODE_NAMES else mode
