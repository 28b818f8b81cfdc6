"""Text that comes from files other than a model's class names — a bundle's name, a trained
model's folder, a pack's folder, an import record, a name inside an HDF5 file — reaches the
terminal, tables and the window escaped like file names: an ESC cannot clear the screen,
U+202E cannot turn the rest of a line around, a newline cannot forge a line."""

from __future__ import annotations

import json

import pytest

from engine.pathnames import printable, unprintable

pytestmark = pytest.mark.faults

HOSTILE = ["\x1b[2J\x1b[Hcleared", "evil\u202egnp.exe", "two\nlines", "nul\x00byte", "csi\u009b31m", "para\u2029x",
           "iso\u2066late\u2069", "bell\x07"]
RAW = ("\x1b", "\u202e", "\n", "\x00", "\u009b", "\u2029", "\u2066", "\x07")


def _clean(text: str, lines: bool = False) -> bool:
    """No raw control or direction character (``lines``: several lines of output, newlines apart)."""
    return not any(c in text for c in RAW if not (lines and c == "\n"))


@pytest.mark.parametrize("text", HOSTILE)
def test_printable_escapes_what_changes_a_line_and_gives_it_back(text):
    shown = printable(text)
    assert _clean(shown) and unprintable(shown) == text


@pytest.fixture
def tiny_bundle(tmp_path_factory):
    import keras

    from engine.train import bundle

    model = keras.Sequential([keras.Input((8, 8, 3)), keras.layers.Flatten(), keras.layers.Dense(2)])
    return lambda folder, name: bundle.save(model, {"class_names": ["a", "b"], "base_model": "x", "name": name},
                                            folder)


@pytest.mark.parametrize("name", HOSTILE)
def test_a_bundles_name_and_folder_are_shown_escaped(tiny_bundle, home, name):
    from engine import paths, sources
    from engine.sources import bundles

    folder = tiny_bundle(paths.user_models_dir() / ("m" + name.replace("\x00", "")), name)
    assert _clean(sources.display_name(sources.bundle_request(folder)))
    assert unprintable(sources.display_name(sources.bundle_request(folder))) == name
    (listed,) = bundles.user_models()
    assert _clean(listed[0]) and listed[1] == str(folder)  # shown escaped, opened exactly
    assert _clean(bundles.load_as_loaded_model(folder).spec.name)


def test_the_window_shows_a_bundles_name_escaped(tiny_bundle, home):
    pytest.importorskip("PySide6")
    from gui.predict.controller import bundle_name

    folder = tiny_bundle(home / "models" / "m1", "\x1b]0;owned\x07\u202eevil")
    assert _clean(bundle_name(str(folder)))


def test_pack_folders_and_import_records_are_printed_escaped(tmp_path, home, capsys, monkeypatch):
    from engine.cli import main
    from engine.weights import importing, packs

    pack = tmp_path / "lab\x1b[2Jpack\u202e"
    pack.mkdir()
    (pack / packs.PACK_MANIFEST).write_text(json.dumps({"format": 1, "files": []}))
    monkeypatch.setenv(packs.ENV_PACKS, str(pack))
    assert main(["weights", "where"]) == 0
    out = capsys.readouterr().out
    assert "lab\\x1b[2Jpack\\u202e" in out and _clean(out, lines=True), out
    record = {"filename": "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5",
              "file": "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5", "sha256": "0" * 64, "size": 1,
              "format": "legacy", "source": "/x/\x1b[31mred\u202e.h5", "imported_at": "2026\x1b[2J", "model": ""}
    importing.imported_dir().mkdir(parents=True)
    (importing.imported_dir() / record["file"]).write_bytes(b"x")
    (importing.imported_dir() / "imports.json").write_text(json.dumps({"version": 1, "imports": {
        record["filename"]: {"current": record}}}))
    assert main(["weights", "remove", "MobileNetV2"]) == 0
    out = capsys.readouterr().out
    assert "red\\u202e.h5" in out and _clean(out, lines=True), out


def test_names_inside_an_hdf5_file_are_escaped_in_its_refusal(tmp_path):
    import h5py

    from engine import hdf5check

    path = tmp_path / "w.h5"
    with h5py.File(path, "w") as f:
        f["layer\x1b[2J\u202e"] = h5py.ExternalLink("/tmp/\x1b]0;t\x07other.h5", "/x")
    with pytest.raises(hdf5check.HDF5Refused) as err:
        hdf5check.check(path)
    assert _clean(str(err.value)) and "another file" in str(err.value)
