"""Drawing heatmaps: a colormap over the image with an opacity, and side-by-side grids.
Kept apart from the computation so the GUI, the command line and exports draw alike."""

from __future__ import annotations

import numpy as np

COLORMAPS = ("jet", "turbo", "inferno", "viridis", "magma", "hot")


def colorize(heatmap: np.ndarray, cmap: str = "jet") -> np.ndarray:
    """(H, W) in [0, 1] -> (H, W, 3) uint8 colours."""
    from matplotlib import colormaps

    rgba = colormaps[cmap](np.clip(heatmap, 0.0, 1.0))
    return (rgba[..., :3] * 255).astype(np.uint8)


def blend(pixels: np.ndarray, heatmap: np.ndarray, cmap: str = "jet", opacity: float = 0.5) -> np.ndarray:
    """The image with the coloured heatmap on top; ``opacity`` 0 shows only the image."""
    if heatmap.shape != pixels.shape[:2]:
        raise ValueError(f"heatmap {heatmap.shape} does not match the image {pixels.shape[:2]}")
    colours = colorize(heatmap, cmap).astype(np.float32)
    a = float(np.clip(opacity, 0.0, 1.0))
    out = pixels.astype(np.float32) * (1 - a) + colours * a
    return np.clip(out + 0.5, 0, 255).astype(np.uint8)


def label(tile: np.ndarray, text: str) -> np.ndarray:
    """The tile with ``text`` on a dark band at its top-left corner."""
    from PIL import Image, ImageDraw

    img = Image.fromarray(tile)
    draw = ImageDraw.Draw(img)
    box = draw.textbbox((4, 2), text)
    draw.rectangle((0, 0, box[2] + 4, box[3] + 3), fill=(0, 0, 0))
    draw.text((4, 2), text, fill=(255, 255, 255))
    return np.asarray(img)


def grid(tiles: list[np.ndarray], columns: int = 3, gap: int = 4, labels=None) -> np.ndarray:
    """Tiles of equal size side by side (white gaps), optionally labelled."""
    if not tiles:
        raise ValueError("no tiles")
    if labels:
        tiles = [label(t, text) for t, text in zip(tiles, labels)]
    h, w = tiles[0].shape[:2]
    rows = (len(tiles) + columns - 1) // columns
    cols = min(columns, len(tiles))
    out = np.full((rows * h + (rows - 1) * gap, cols * w + (cols - 1) * gap, 3), 255, np.uint8)
    for i, tile in enumerate(tiles):
        r, c = divmod(i, columns)
        out[r * (h + gap): r * (h + gap) + h, c * (w + gap): c * (w + gap) + w] = tile
    return out


def save_png(path, pixels: np.ndarray) -> None:
    import io

    from PIL import Image, PngImagePlugin

    from .. import fileio
    from ..targets import APP_MARK

    info = PngImagePlugin.PngInfo()
    info.add_text("Software", APP_MARK)  # tells an earlier image of ours from the user's (engine.targets)
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "PNG", pnginfo=info)
    fileio.write_bytes(path, buf.getvalue())


def save_npy(path, heatmap: np.ndarray) -> None:
    import io

    from .. import fileio

    buf = io.BytesIO()
    np.save(buf, heatmap.astype(np.float32))
    fileio.write_bytes(path, buf.getvalue())
