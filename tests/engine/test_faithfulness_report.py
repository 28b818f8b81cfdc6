"""What a faithfulness score reports — the JSON the CLI writes, the lines people read, the
checks of a request — on hand-made curves whose every number is known, and
``score_explanation`` on the pixels the model saw."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from engine import images
from engine.explain import base, faithfulness
from engine.explain.faithfulness import Curve, Faithfulness

from .test_faithfulness_ties_and_baselines import SIZE, EvidenceModel, checkerboard, patch_map, top_half

F = np.array([0.0, 0.5, 1.0])


def made() -> Faithfulness:
    """Deletion: the map 0.25, random maps 0.5 and 0.75; insertion: the map 0.625, random 0.5 and 0.5."""
    curves = {"deletion": Curve("deletion", F, np.array([1.0, 0.0, 0.0])),
              "insertion": Curve("insertion", F, np.array([0.0, 1.0, 0.5]))}
    random = {"deletion": [Curve("deletion", F, np.array([1.0, 0.5, 0.0])),
                           Curve("deletion", F, np.array([1.0, 0.9, 0.2]))],
              "insertion": [Curve("insertion", F, np.array([0.0, 0.5, 1.0])),
                            Curve("insertion", F, np.array([0.2, 0.5, 0.8]))]}
    return Faithfulness(7, 2, curves, random, 4.567, 1.23456)


def test_areas_margins_and_the_random_curve():
    s = made()
    assert s.area("deletion") == 0.25 and s.area("insertion") == 0.625
    assert s.random_area("deletion") == pytest.approx(0.625) and s.random_spread("deletion") == pytest.approx(0.125)
    assert s.random_area("insertion") == pytest.approx(0.5) and s.random_spread("insertion") == pytest.approx(0.0)
    assert s.margin("deletion") == pytest.approx(0.375)  # lower is better: random minus the map
    assert s.margin("insertion") == pytest.approx(0.125)  # higher is better: the map minus random
    mean = s.random_curve("insertion")
    assert mean.kind == "insertion" and mean.fractions is s.random["insertion"][0].fractions
    np.testing.assert_allclose(mean.scores, [0.1, 0.5, 0.9])
    np.testing.assert_allclose(s.random_curve("deletion").scores, [1.0, 0.7, 0.1])


def test_the_json_holds_every_number_rounded():
    d = made().to_dict()
    assert d == {
        "class_index": 7, "steps": 2, "correlation_length_px": 4.57, "random_maps": 2, "seconds": 1.235,
        "deletion": {"area": 0.25, "random_area": 0.625, "random_spread": 0.125, "better": "lower is better",
                     "fractions": [0.0, 0.5, 1.0], "scores": [1.0, 0.0, 0.0], "random_scores": [1.0, 0.7, 0.1]},
        "insertion": {"area": 0.625, "random_area": 0.5, "random_spread": 0.0, "better": "higher is better",
                      "fractions": [0.0, 0.5, 1.0], "scores": [0.0, 1.0, 0.5], "random_scores": [0.1, 0.5, 0.9]},
    }


def test_the_lines_people_read():
    s = made()
    assert s.lines() == [
        "deletion  area 0.250   random map of equal smoothness 0.625 ± 0.125   (lower is better: better than random)",
        "insertion area 0.625   random map of equal smoothness 0.500 ± 0.000   (higher is better: better than random)",
    ]
    tie = Faithfulness(0, 2, {"deletion": Curve("deletion", F, np.array([1.0, 0.5, 0.0]))},
                       {"deletion": [Curve("deletion", F, np.array([1.0, 0.5, 0.0]))]}, 1.0, 0.0)
    assert tie.lines()[0].endswith("(lower is better: not better than random)")  # equal is not better


@pytest.fixture
def stub():
    pixels = checkerboard()
    return pixels, EvidenceModel(pixels, top_half())


def test_the_smallest_request_is_accepted_and_smaller_ones_are_refused(stub):
    pixels, model = stub
    s = faithfulness.score(model, pixels, patch_map(2, 2), 1, kinds=("road",), steps=2, random_count=1)
    assert s.class_index == 1 and isinstance(s.class_index, int) and s.steps == 2
    assert list(s.curves) == ["road"] and len(s.curves["road"].scores) == 3 and len(s.random["road"]) == 1
    assert 0 <= s.seconds < 60
    for kw in ({"steps": 1}, {"random_count": 0}):
        with pytest.raises(base.ExplainError) as err:
            faithfulness.score(model, pixels, patch_map(2, 2), 0, **kw)
        assert str(err.value) == "Faithfulness needs at least 2 steps and 1 random map."
    with pytest.raises(base.ExplainError) as err:
        faithfulness.score(model, pixels, patch_map(2, 2), 0, kinds=("deletion", "blur"))
    assert str(err.value) == "Unknown faithfulness score ['blur']: choose from deletion, insertion, road."
    with pytest.raises(base.ExplainError, match="Unknown faithfulness score"):
        faithfulness.score(model, pixels, patch_map(2, 2), 0, kinds=())
    with pytest.raises(base.ExplainError) as err:
        faithfulness.score(model, pixels, np.zeros((8, 8), np.float32), 0)
    assert str(err.value) == "The heatmap (8, 8) does not match the image (32, 32)."


def test_progress_names_the_step_and_the_images(stub, monkeypatch):
    pixels, model = stub
    monkeypatch.setattr(base, "images_per_call", lambda size: 20)
    seen = []
    faithfulness.score(model, pixels, patch_map(2, 2), 0, steps=8, random_count=1,
                       progress=lambda f, m: seen.append((f, m)))
    total = 3 + 2 * 2 * 7
    assert seen == [(20 / total, f"Faithfulness: 20 of {total} images"),
                    (1.0, f"Faithfulness: {total} of {total} images")]


def test_an_explanation_is_scored_on_the_pixels_the_model_saw(stub):
    pixels, model = stub
    wide = np.repeat(np.repeat(pixels, 2, axis=1), 1, axis=0)  # 32×64: the policy matters
    image = images.from_array(wide)
    explanation = SimpleNamespace(heatmap=patch_map(2, 2), class_index=1)
    seen = []
    real_run = model.run
    model.run = lambda batch: (seen.append(batch[0].copy()), real_run(batch))[1]
    s = faithfulness.score_explanation(model, image, explanation, steps=4, random_count=1)
    np.testing.assert_array_equal(seen[0], images.model_input(wide, SIZE, "stretch").pixels)
    assert s.class_index == 1 and len(s.curves["deletion"].fractions) == 5
    seen.clear()
    faithfulness.score_explanation(model, image, explanation, policy="crop", steps=4, random_count=1)
    np.testing.assert_array_equal(seen[0], images.model_input(wide, SIZE, "crop").pixels)
    assert not np.array_equal(seen[0], images.model_input(wide, SIZE, "stretch").pixels)


def test_the_json_rounds_areas_and_fractions_to_5_digits_scores_to_6():
    third = np.array([0.0, 1 / 3, 1.0])
    curve = Curve("deletion", third, np.array([1.0, 1 / 7, 0.0]))
    randoms = [Curve("deletion", third, np.array([1.0, 2 / 7, 1 / 9])),
               Curve("deletion", third, np.array([1.0, 3 / 7, 1 / 11]))]
    s = Faithfulness(0, 2, {"deletion": curve}, {"deletion": randoms}, 1.0, 0.0)
    d = s.to_dict()["deletion"]
    for key, value, digits in (("area", curve.area, 5), ("random_area", s.random_area("deletion"), 5),
                               ("random_spread", s.random_spread("deletion"), 5)):
        assert d[key] == round(value, digits) != round(value, digits + 1), key
    assert d["fractions"] == [0.0, 0.33333, 1.0]
    assert d["scores"] == [1.0, 0.142857, 0.0]
    assert d["random_scores"] == [1.0, round((2 / 7 + 3 / 7) / 2, 6), round((1 / 9 + 1 / 11) / 2, 6)]
    assert d["random_scores"][1] != round((2 / 7 + 3 / 7) / 2, 7)
