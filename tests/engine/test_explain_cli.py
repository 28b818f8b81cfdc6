"""`explain --score`, `--json FILE` and `--sanity` on the command line, with the fixture
weights: the figures a script reads must be the engine's, and the map must beat its random
baseline on the parrot.  In-process (``engine.cli.main``): the sub-process start-up is
already covered by tests/engine/test_cli.py."""

from __future__ import annotations

import json

import numpy as np
from PIL import Image

from engine.cli import main

from ..conftest import MOBILENET_V2_WEIGHTS, fixture_image, needs_fixtures


class Out:
    def __init__(self, code: int, captured):
        self.returncode, self.stdout, self.stderr = code, captured.out, captured.err


def run(capsys, *args) -> Out:
    code = main(list(args))
    return Out(code, capsys.readouterr())


@needs_fixtures
def test_explain_score_json_and_sanity(tmp_path, capsys):
    overlay, data = tmp_path / "o.png", tmp_path / "o.json"
    out = run(capsys, "explain", str(fixture_image("parrot.jpg")), "--model", "MobileNetV2", "--weights",
              str(MOBILENET_V2_WEIGHTS), "--out", str(overlay), "--score", "--steps", "8", "--random-maps", "2",
              "--sanity", "--sanity-depth", "2", "--json", str(data))
    assert out.returncode == 0, out.stderr
    summary = json.loads(data.read_text())
    f = summary["faithfulness"]
    assert summary["class"] == "macaw" and summary["flat"] is None and f["steps"] == 8
    for kind in ("deletion", "insertion"):
        assert len(f[kind]["fractions"]) == len(f[kind]["scores"]) == len(f[kind]["random_scores"]) == 9
        area = float(np.trapezoid(f[kind]["scores"], f[kind]["fractions"]))
        assert abs(area - f[kind]["area"]) < 1e-4
    assert f["deletion"]["area"] < f["deletion"]["random_area"] and f["insertion"]["area"] > f["insertion"]["random_area"]
    s = summary["sanity"]
    assert s["stages"] == ["predictions", "Conv_1"] and len(s["correlations"]) == 2 and len(s["top_layer_draws"]) == 5
    assert s["verdict"] == "passes" and s["similarity"] < 0.5 and s["top_layer_draws"][0] == s["correlations"][0]
    assert out.stdout.count("better than random") == 2 and f"{f['deletion']['area']:.3f}" in out.stdout
    assert "+ predictions" in out.stdout and "+ Conv_1" in out.stdout
    assert "Passes:" in out.stdout and "top layer randomised 5 times" in out.stdout
    assert Image.open(overlay).size == (512, 929)


def test_explain_says_when_the_map_is_flat(tmp_path, capsys):
    """Plumbing with untrained weights: the random MobileNetV2 answers 0.001 for every class
    whatever it is shown, so no masked image scores above a black one and fast Score-CAM's
    map is zero everywhere: said so, nothing scored, the overlay is the image alone."""
    picture = tmp_path / "p.png"
    Image.new("RGB", (64, 48), (30, 140, 200)).save(picture)
    overlay = tmp_path / "o.png"
    out = run(capsys, "explain", str(picture), "--model", "MobileNetV2", "--weights", "none", "--out", str(overlay),
              "--method", "fast-scorecam", "--score", "--json")
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert summary["flat"] and summary["faithfulness"] is None
    assert np.array_equal(np.asarray(Image.open(overlay)), np.asarray(Image.open(picture)))
