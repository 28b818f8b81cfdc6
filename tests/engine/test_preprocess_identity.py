"""A converted model embeds its pre- and postprocessing, so the conversion cache's key must
tell two such functions apart whenever they compute different things — also the ones that
share a name (lambdas, local functions, partials of one function) — and give the same key for
the same function every time."""

from __future__ import annotations

import functools

from engine.backends.convert import _preprocess_id
from engine.sources import preprocessing


def _scaled(x, scale=1.0, shift=0.0):
    return x * scale + shift


def _local(scale):
    def fn(x):
        return x * scale
    return fn


def test_named_functions_are_their_module_and_name():
    assert _preprocess_id(preprocessing.minus_one_to_one) == "engine.sources.preprocessing.minus_one_to_one"
    assert _preprocess_id(preprocessing.minus_one_to_one) != _preprocess_id(preprocessing.zero_to_one)


def test_partials_of_one_function_differ_by_their_arguments():
    a = functools.partial(_scaled, scale=1 / 127.5, shift=-1.0)
    ids = {_preprocess_id(p) for p in (a, functools.partial(_scaled, scale=1 / 255.0),
                                        functools.partial(_scaled, 2.0), functools.partial(_scaled, 3.0))}
    assert len(ids) == 4
    assert _preprocess_id(a) == _preprocess_id(functools.partial(_scaled, scale=1 / 127.5, shift=-1.0))
    assert "_scaled" in _preprocess_id(a)


def test_lambdas_and_local_functions_differ_by_code_and_captured_values():
    ids = {_preprocess_id(f) for f in (lambda x: x / 255.0, lambda x: x / 127.5 - 1.0, lambda x: x)}
    assert len(ids) == 3
    assert _preprocess_id(_local(2.0)) != _preprocess_id(_local(3.0))
    assert _preprocess_id(_local(2.0)) == _preprocess_id(_local(2.0))  # the same on every load


def test_grey_wrappers_are_named_by_their_choice():
    grey = {_preprocess_id(preprocessing.for_model(c, channels=1)) for c in ("minus1to1", "0to1")}
    assert len(grey) == 2


def _calling(inner):
    def fn(x):
        return inner(x)
    return fn


class _Halve:
    def __call__(self, x):
        return x / 2


class _Double:
    def __call__(self, x):
        return x * 2


def test_a_local_function_is_told_apart_by_the_function_it_calls():
    """A wrapper captures another function: its name, not its address, goes into the key."""
    a, b = _calling(preprocessing.minus_one_to_one), _calling(preprocessing.zero_to_one)
    assert _preprocess_id(a) != _preprocess_id(b)
    assert _preprocess_id(a) == _preprocess_id(_calling(preprocessing.minus_one_to_one))  # the same on every load
    # a new but identical inner function (as on the next load): the same key, not its address
    assert _preprocess_id(_calling(_local(2.0))) == _preprocess_id(_calling(_local(2.0)))
    assert _preprocess_id(_calling(_local(2.0))) != _preprocess_id(_calling(_local(3.0)))


def test_callable_objects_are_named_by_their_class():
    assert _preprocess_id(_Halve()) != _preprocess_id(_Double())
    assert _preprocess_id(_Halve()) == _preprocess_id(_Halve())
    assert _preprocess_id(_Halve()).endswith("._Halve")
