"""The cluster's error, apart from the package so the Ray module can raise it without a circle."""

from __future__ import annotations

from ..errors import StudioError

INSTALL_HINT = 'pip install "pretrained-studio[cluster]"'


class ClusterError(StudioError):
    """The cluster could not be reached, or a worker could not do its part."""
