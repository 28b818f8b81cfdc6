"""Compare: published figures, on-machine benchmark records, charts."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from engine import paths, zoo
from engine.compare import bench, charts, table
from engine.jobs import CancelToken, Cancelled


@pytest.fixture(scope="module")
def records():
    return bench.benchmark(["MobileNetV3Small", "MobileNetV2"], batch_sizes=(1, 32), protocol="quick")


def test_benchmark_records_are_sane_and_complete(records):
    assert [r.model for r in records] == ["MobileNetV3Small", "MobileNetV2"]
    for r in records:
        assert r.build_s > 0 and r.first_call_s > 0 and r.latency_ms > 0
        assert r.step_ms["32"] > r.latency_ms  # a batch of 32 takes longer than one image
        assert r.images_per_s["32"] > 0 and r.images_per_s["1"] > 0
        assert r.peak_memory_mb is not None and r.peak_memory_mb >= 0  # 0: memory a model freed was reused
        assert r.tensorflow and r.keras and r.machine and r.date and r.device == "CPU"


def test_records_are_saved_and_shown_beside_published_figures(records, tmp_path, monkeypatch):
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path))
    bench.save_records(records)
    bench.save_records(records[:1])  # newer record of the same model replaces the old one
    saved = json.loads(bench.records_file().read_text())["records"]
    assert sorted(r["model"] for r in saved) == ["MobileNetV2", "MobileNetV3Small"]
    rows = {r.model: r for r in table.rows(zoo.discover(), bench.latest_by_model(bench.load_records()))}
    assert rows["MobileNetV2"].here_latency_ms == pytest.approx(records[1].latency_ms, abs=0.01)
    assert rows["MobileNetV2"].cpu_ms == 25.9 and rows["ResNet50"].here_latency_ms is None


def test_table_matches_the_data_file():
    data = json.loads((paths.resources_dir() / "zoo_figures.json").read_text())["models"]
    rows = table.rows(zoo.discover())
    assert len(rows) == len(data) == 71  # 40 keras.applications + 24 RegNet + 7 ResNet-RS
    for r in rows:
        for key in ("size_mb", "top1", "top5", "params_millions", "depth", "cpu_ms", "gpu_ms"):
            assert r.value(key) == data[r.model][key]
    csv_text = table.to_csv(rows)
    assert csv_text.splitlines()[0].startswith("model,family,size_mb")
    convnext = next(l for l in csv_text.splitlines() if l.startswith("ConvNeXtTiny,"))
    assert ",," in convnext  # missing figures are empty, never 0
    assert table.fmt("cpu_ms", None) == "—"


def test_pareto_front():
    pts = [charts.Point("a", 10, 0.70), charts.Point("b", 20, 0.80), charts.Point("c", 30, 0.75),
           charts.Point("d", 40, 0.85)]
    assert [p.model for p in charts.pareto_front(pts)] == ["a", "b", "d"]


@pytest.mark.parametrize("kind", ["time", "size", "pareto"])
def test_chart_export_writes_valid_png_and_svg(kind, tmp_path):
    rows = table.rows(zoo.discover())
    fig = {"time": charts.time_chart, "size": charts.size_chart,
           "pareto": lambda r: charts.pareto_chart(r)[0]}[kind](rows)
    charts.save(fig, tmp_path / "c.png")
    charts.save(fig, tmp_path / "c.svg")
    assert (tmp_path / "c.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert ET.parse(tmp_path / "c.svg").getroot().tag.endswith("svg")


def test_cancel_stops_between_models():
    token = CancelToken()
    got = []

    def on_record(r):
        got.append(r)
        token.cancel()

    with pytest.raises(Cancelled):
        bench.benchmark(["MobileNetV3Small", "MobileNetV2"], batch_sizes=(1,), cancel=token, on_record=on_record)
    assert [r.model for r in got] == ["MobileNetV3Small"]
