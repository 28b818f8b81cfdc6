"""Continuing a model file (a Teachable Machine export or any pooling + Dense classifier): its
head is taken over only when it is one this app trains — global pooling or Flatten, ReLU Dense
and Dropout layers, a softmax Dense — found through nested Sequentials as Teachable Machine
nests them; anything else (a branching Functional, another layer, another activation) trains a
new head.  The continued model computes what the file's model computes, with the classes of
its labels.txt; a last Dense without a bias (Teachable Machine's) is taken over with zeros.
Tiny Keras models, no training."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from engine.train import layers, resume

SIZE = 16


def _distinct(model, seed=3):
    for w in model.weights:  # distinct values everywhere, so a weight left behind shows
        w.assign(np.random.default_rng(seed + abs(hash(w.path)) % 1000).normal(size=w.shape).astype("float32"))
    return model


def teachable_machine_like(classes=3, hidden=(5,), dropout=0.0):
    """Teachable Machine's nesting: Sequential[Sequential[Functional base, GAP], Sequential[head]];
    the feature layer is the last layer of the innermost base; the last Dense has no bias."""
    inputs = keras.Input((SIZE, SIZE, 3))
    x = keras.layers.Conv2D(4, 3, name="conv1")(inputs)
    base = keras.Model(inputs, keras.layers.Conv2D(4, 3, name="out_conv")(x), name="tm_base")
    body = keras.Sequential([base, keras.layers.GlobalAveragePooling2D(name="gap")], name="body")
    head = [keras.layers.Dense(u, activation="relu") for u in hidden]
    if dropout:
        head.append(keras.layers.Dropout(dropout))
    head.append(keras.layers.Dense(classes, activation="softmax", use_bias=False, name="classify"))
    model = keras.Sequential([keras.Input((SIZE, SIZE, 3)), body, keras.Sequential(head, name="head")])
    return _distinct(model)


def flat(*after):
    """A one-level Sequential: Conv2D, then ``after``."""
    return _distinct(keras.Sequential([keras.Input((SIZE, SIZE, 3)), keras.layers.Conv2D(4, 3, name="conv"), *after]))


def test_a_teachable_machine_head_is_found_through_its_nesting():
    model = teachable_machine_like(hidden=(5,))
    head, shape = resume.file_head(model)
    body, top = model.layers
    assert head == [body.layers[1], *top.layers]  # GAP, then the head's Dense layers, in order
    assert shape == {"pooling": "avg", "dense": [5], "dropout": 0.0}


def test_a_pooling_layer_inside_the_innermost_of_three_nested_models_is_part_of_the_head():
    base = keras.Sequential([keras.layers.Conv2D(4, 3, name="conv1"), keras.layers.Conv2D(4, 3, name="conv2"),
                             keras.layers.GlobalAveragePooling2D(name="gap")], name="base")
    body = keras.Sequential([base], name="body")
    top = keras.Sequential([keras.layers.Dense(5, activation="relu"), keras.layers.Dense(3, activation="softmax")])
    model = _distinct(keras.Sequential([keras.Input((SIZE, SIZE, 3)), body, top]))
    head, shape = resume.file_head(model)
    assert head == [base.layers[-1], *top.layers]
    assert shape == {"pooling": "avg", "dense": [5], "dropout": 0.0}


def test_a_flatten_head_with_hidden_layers_and_dropout_keeps_their_sizes_in_order():
    model = flat(keras.layers.Flatten(), keras.layers.Dense(6, activation="relu"), keras.layers.Dropout(0.25),
                 keras.layers.Dense(4, activation="relu"), keras.layers.Dense(3, activation="softmax"))
    head, shape = resume.file_head(model)
    assert head == model.layers[1:]
    assert shape == {"pooling": "flatten", "dense": [6, 4], "dropout": 0.25}
    gap_only = flat(keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(3, activation="softmax"))
    assert resume.file_head(gap_only) == (gap_only.layers[1:], {"pooling": "avg", "dense": [], "dropout": 0.0})


def test_a_head_split_between_the_model_and_a_nested_sequential_is_found_whole():
    nested = keras.Sequential([keras.layers.Dense(5, activation="relu"), keras.layers.Dense(3, activation="softmax")])
    model = flat(keras.layers.GlobalAveragePooling2D(), nested)
    head, shape = resume.file_head(model)
    assert head == [model.layers[1], *nested.layers]
    assert shape == {"pooling": "avg", "dense": [5], "dropout": 0.0}


@pytest.mark.parametrize("after, why", [
    ([keras.layers.GlobalAveragePooling2D()], "no classifier after the pooling"),
    ([keras.layers.MaxPooling2D(2), keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(3, activation="softmax")],
     "not global pooling or Flatten first"),
    ([keras.layers.GlobalMaxPooling2D(), keras.layers.Dense(3, activation="softmax")], "max pooling"),
    ([keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(5, activation="tanh"),
      keras.layers.Dense(3, activation="softmax")], "a hidden layer that is not ReLU"),
    ([keras.layers.GlobalAveragePooling2D(), keras.layers.BatchNormalization(),
      keras.layers.Dense(3, activation="softmax")], "another kind of layer in between"),
    ([keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(3, activation="relu")], "a last layer that is not softmax"),
    ([keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(3), keras.layers.Softmax()],
     "a softmax that is not a Dense"),
])
def test_a_head_of_another_shape_is_not_taken_over(after, why):
    assert resume.file_head(flat(*after)) is None, why


def test_a_functional_classifier_is_not_taken_over_its_later_layers_may_branch():
    inputs = keras.Input((SIZE, SIZE, 3))
    x = keras.layers.GlobalAveragePooling2D()(keras.layers.Conv2D(4, 3)(inputs))
    model = keras.Model(inputs, keras.layers.Dense(3, activation="softmax")(x))
    assert resume.file_head(model) is None


def _save(model, folder, labels):
    folder.mkdir()
    path = folder / "keras_model.keras"
    model.save(path)
    (folder / "labels.txt").write_text("".join(f"{i} {name}\n" for i, name in enumerate(labels)))
    return path


def test_a_model_file_is_continued_with_its_own_base_head_and_classes(tmp_path):
    model = teachable_machine_like(classes=3, hidden=(5,), dropout=0.3)
    path = _save(model, tmp_path / "export", ["owl", "cat", "dog"])
    start = resume.from_model_file(path, "teachable_machine")
    assert start.classes == ["owl", "cat", "dog"]
    assert start.settings == {"model": "keras_model", "pooling": "avg", "dense": [5], "dropout": 0.3}
    assert (start.source, start.label, start.epochs_done) == (str(path), str(path), 0)
    x = np.random.default_rng(0).uniform(0, 1, (2, SIZE, SIZE, 3)).astype("float32")
    np.testing.assert_allclose(np.asarray(start.model(x)), np.asarray(model(x)), rtol=1e-5, atol=1e-6)
    other = tmp_path / "functional"
    inputs = keras.Input((SIZE, SIZE, 3))
    functional = keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(
        keras.layers.GlobalAveragePooling2D()(keras.layers.Conv2D(4, 3)(inputs))))
    assert resume.from_model_file(_save(functional, other, ["a", "b"]), "teachable_machine") is None


def test_a_last_dense_without_bias_is_taken_over_with_a_zero_bias(tmp_path):
    model = teachable_machine_like(classes=3, hidden=(2,))  # fewer hidden units than classes
    start = resume.from_model_file(_save(model, tmp_path / "export", ["cat", "dog", "owl"]), "teachable_machine")
    base = resume.saved_base(start.model)
    new_base = keras.models.clone_model(base)
    head = layers.head(tuple(base.output_shape[1:]), 3, "avg", [2], 0.0)
    _distinct(head, seed=11)
    _, fresh_bias = (np.array(w) for w in head.layers[-1].get_weights())
    assert resume.take_over(start, new_base, head, ["owl", "cow", "cat"]) == 2
    kernel, bias = head.layers[-1].get_weights()
    old_kernel = model.layers[-1].layers[-1].get_weights()[0]
    np.testing.assert_array_equal(kernel[:, 0], old_kernel[:, 2])  # owl
    np.testing.assert_array_equal(kernel[:, 2], old_kernel[:, 0])  # cat
    assert (bias[0], bias[2]) == (0.0, 0.0) and bias[1] == fresh_bias[1] != 0.0
    np.testing.assert_array_equal(head.layers[2].get_weights()[0], model.layers[-1].layers[0].get_weights()[0])
