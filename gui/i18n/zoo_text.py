"""The zoo data file's sentences (where Keras' published figures come from, how they were
measured) in the window's language: the file is English data the command line prints too."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from engine import zoo

# The data file's texts as they are today; when the file's wording changes, the English is
# shown until this list (and its translation) follows.
KNOWN = (
    QT_TRANSLATE_NOOP("ZooData", "Keras Applications documentation, 'Available models' table "
                      "(keras.io/api/applications)"),
    QT_TRANSLATE_NOOP("ZooData", "Top-1 and top-5 accuracy on the ImageNet validation set. Depth counts the "
                      "topological depth of the network (activation, batch-normalisation and other layers "
                      "included). Time per inference step is the average of 30 batches and 10 repetitions at batch "
                      "size 32, measured by the Keras team on an AMD EPYC processor (92 cores, 1.5 TB RAM) for CPU "
                      "and an NVIDIA A100 for GPU, TensorFlow backend. Figures Keras does not publish are null "
                      "(shown as missing, never as zero)."),
)


def _say(text: str) -> str:
    return QCoreApplication.translate("ZooData", text) if text in KNOWN else text


def figures_source() -> str:
    return _say(zoo.figures_source()[0])


def figures_protocol() -> str:
    return _say(zoo.figures_source()[1])
