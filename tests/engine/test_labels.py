from __future__ import annotations

import numpy as np
import pytest

from engine import labels

from ..conftest import FIXTURES


def test_decode_returns_keras_style_triples():
    probs = np.zeros((2, 1000), np.float32)
    probs[0, 285], probs[0, 281] = 0.7, 0.2
    probs[1, 934] = 0.9
    out = labels.decode(probs, top=2)
    assert out[0] == [("n02124075", "Egyptian_cat", pytest.approx(0.7)), ("n02123045", "tabby", pytest.approx(0.2))]
    assert out[1][0][:2] == ("n07697537", "hotdog")
    with pytest.raises(ValueError):
        labels.decode(np.zeros((1, 10)))


def test_all_classes_have_unique_wnids():
    cls = labels.classes()
    assert len(cls) == 1000 and len({c.wnid for c in cls}) == 1000
    assert all(c.wnid.startswith("n") and len(c.wnid) == 9 for c in cls)


@pytest.mark.skipif(not (FIXTURES / "imagenet_labels.txt").is_file(), reason="fixture label file absent")
def test_names_agree_with_an_independent_label_file():
    lines = (FIXTURES / "imagenet_labels.txt").read_text().splitlines()[1:]  # line 1 is background
    for c, line in zip(labels.classes(), lines):
        assert c.synonyms[0] == line.split(",")[0].strip()


def test_search_by_name_synonym_and_index():
    assert labels.search("egyptian")[0].index == 285
    assert 281 in [c.index for c in labels.search("tabby")]
    assert labels.search("934")[0].keras_name == "hotdog"
    assert labels.search("") == []
