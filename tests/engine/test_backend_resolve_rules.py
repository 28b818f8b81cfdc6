"""engine.backends.select: what each backend choice runs, the words that say why, and the CPU's flags.

A user who asks for bf16 on a CPU without it, or for OpenVINO where it is not installed, must
get a backend that works and a sentence (in their language: the message code) saying what
ran instead; bf16 must be offered only where both the CPU and OpenVINO have it.
"""

from __future__ import annotations

import io

import pytest

from engine.backends import openvino_backend, select
from engine.messages import code_of

CPUINFO = (
    "processor\t: 0\n"
    "vendor_id\t: GenuineIntel\n"
    "flags\t\t: fpu sse2 avx2 amx_bf16\n"
    "vmx flags\t: vnmi\n"
    "processor\t: 1\n"
    "flags\t\t: fpu other\n"
)


@pytest.fixture
def fresh_caches():
    cached = (select.cpu_flags, select.openvino_installed, select.bf16_available)
    for f in cached:
        f.cache_clear()
    yield
    for f in cached:  # the real flags again for the tests that follow
        f.cache_clear()


def _fake_open(text=None, error=None, seen=None):
    def fake(path, *args, **kwargs):
        if seen is not None:
            seen.append((path, args, kwargs))
        if error is not None:
            raise error
        return io.StringIO(text)
    return fake


def test_cpu_flags_are_the_first_flags_line_of_proc_cpuinfo(monkeypatch, fresh_caches):
    seen = []
    monkeypatch.setattr(select, "open", _fake_open(CPUINFO, seen=seen), raising=False)
    assert select.cpu_flags() == frozenset({"fpu", "sse2", "avx2", "amx_bf16"})
    assert seen[0][0] == "/proc/cpuinfo"
    assert seen[0][2].get("encoding") == "utf-8"


def test_no_cpuinfo_or_no_flags_line_means_no_flags(monkeypatch, fresh_caches):
    monkeypatch.setattr(select, "open", _fake_open(error=FileNotFoundError(2, "absent")), raising=False)
    assert select.cpu_flags() == frozenset()
    select.cpu_flags.cache_clear()
    monkeypatch.setattr(select, "open", _fake_open("processor\t: 0\nvmx flags\t: vnmi\n"), raising=False)
    assert select.cpu_flags() == frozenset()


def test_openvino_installed_asks_for_the_openvino_package(monkeypatch, fresh_caches):
    asked = []
    monkeypatch.setattr(select.importlib.util, "find_spec", lambda name: asked.append(name) or object())
    assert select.openvino_installed() is True
    assert asked == ["openvino"]
    select.openvino_installed.cache_clear()
    monkeypatch.setattr(select.importlib.util, "find_spec", lambda name: None)
    assert select.openvino_installed() is False


def test_without_cpu_flags_openvinos_own_report_decides_bf16(monkeypatch, fresh_caches):
    monkeypatch.setattr(select, "cpu_flags", lambda: frozenset())
    monkeypatch.setattr(select, "openvino_installed", lambda: True)
    asked = []

    class Core:
        def __init__(self, caps):
            self.caps = caps

        def get_property(self, device, name):
            asked.append((device, name))
            if isinstance(self.caps, Exception):
                raise self.caps
            return self.caps

    monkeypatch.setattr(openvino_backend, "core", lambda: Core(["FP32", "BF16", "INT8"]))
    assert select.bf16_available() is True
    assert asked == [("CPU", "OPTIMIZATION_CAPABILITIES")]
    select.bf16_available.cache_clear()
    monkeypatch.setattr(openvino_backend, "core", lambda: Core(["FP32", "FP16", "INT8"]))
    assert select.bf16_available() is False
    select.bf16_available.cache_clear()
    monkeypatch.setattr(openvino_backend, "core", lambda: Core(RuntimeError("no CPU plugin")))
    assert select.bf16_available() is False  # a failed query never stops the app
    select.bf16_available.cache_clear()
    monkeypatch.setattr(select, "openvino_installed", lambda: False)
    monkeypatch.setattr(openvino_backend, "core", lambda: Core(["BF16"]))
    assert select.bf16_available() is False  # not asked without OpenVINO


def test_cpu_flags_decide_bf16_without_asking_openvino(monkeypatch, fresh_caches):
    monkeypatch.setattr(select, "openvino_installed", lambda: True)
    monkeypatch.setattr(openvino_backend, "core", lambda: pytest.fail("OpenVINO asked though the CPU's flags were known"))
    monkeypatch.setattr(select, "cpu_flags", lambda: frozenset({"avx2", "avx512_bf16"}))
    assert select.bf16_available() is True
    select.bf16_available.cache_clear()
    monkeypatch.setattr(select, "cpu_flags", lambda: frozenset({"avx2", "avx512f"}))
    assert select.bf16_available() is False


def test_bf16_is_offered_only_with_both_the_cpu_and_openvino(monkeypatch):
    for installed, native, offered in [(True, True, ["auto", "keras", "openvino", "openvino-bf16"]),
                                       (True, False, ["auto", "keras", "openvino"]),
                                       (False, True, ["auto", "keras", "openvino"])]:
        monkeypatch.setattr(select, "openvino_installed", lambda: installed)
        monkeypatch.setattr(select, "bf16_available", lambda: native)
        assert select.offered_choices() == offered


def test_each_choice_runs_where_promised_and_says_why_when_it_falls_back(monkeypatch):
    monkeypatch.setattr(select, "openvino_installed", lambda: True)
    monkeypatch.setattr(select, "bf16_available", lambda: False)
    S = select.Selection
    assert select.resolve("keras") == S("keras", "f32", "CPU", "")
    assert select.resolve("keras", gpu_in_use=True) == S("keras", "f32", "GPU", "")
    gpu = select.resolve("auto", gpu_in_use=True)
    assert gpu == S("keras", "f32", "GPU", "a GPU is in use: TensorFlow runs the model there")
    assert code_of(gpu.notice) == "backend.gpu"
    assert select.resolve("auto") == S("openvino", "f32", "CPU", "")
    assert select.resolve("openvino") == S("openvino", "f32", "CPU", "")
    no_bf16 = select.resolve("openvino-bf16")
    assert no_bf16 == S("openvino", "f32", "CPU", "this CPU has no native bf16 (AVX512-BF16 or AMX): f32 instead")
    assert code_of(no_bf16.notice) == "backend.no_bf16"

    monkeypatch.setattr(select, "openvino_installed", lambda: False)
    assert select.resolve("auto") == S("keras", "f32", "CPU", "")  # nothing to say: auto made no promise
    for choice in ("openvino", "openvino-bf16"):
        for gpu_in_use, device in ((False, "CPU"), (True, "GPU")):
            fallback = select.resolve(choice, gpu_in_use=gpu_in_use)
            assert fallback == S("keras", "f32", device, "OpenVINO is not installed; Keras runs the model")
            assert code_of(fallback.notice) == "backend.no_openvino"


def test_an_unknown_choice_is_refused_with_the_choices_named():
    with pytest.raises(ValueError) as err:
        select.resolve("tflite")
    assert str(err.value) == "unknown backend 'tflite'; choose one of auto, keras, openvino, openvino-bf16"
