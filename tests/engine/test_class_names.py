"""Class names for a model file, each way they can come and each way they can be wrong: our
bundle's metadata, a ``labels.txt`` in either format (``0 cat`` or one name a line), numbered
classes, and a labels file that is too large, not UTF-8, out of order or the wrong length."""

from __future__ import annotations

import json

import pytest

from engine.errors import StudioError
from engine.sources import class_names


def test_indexed_lines_in_order_give_the_names():
    assert class_names.parse("0 cat\n1 dog\n2 hot dog\n") == ["cat", "dog", "hot dog"]
    assert class_names.parse("0\tcat  \r\n1  dog\r\n\r\n2 bird\r") == ["cat", "dog", "bird"]
    assert class_names.parse("\n  0 cat\n\n1 dog\n\n") == ["cat", "dog"]  # blank lines do not count


def test_plain_names_and_mixed_lines_are_read_as_names():
    assert class_names.parse("cat\ndog\n") == ["cat", "dog"]
    assert class_names.parse("0 cat\ndog\n2 bird") == ["0 cat", "dog", "2 bird"]  # the index is part of the name
    assert class_names.parse("7up\n0 zero") == ["7up", "0 zero"]


def test_indexes_out_of_order_are_refused_with_the_first_ones():
    with pytest.raises(StudioError) as err:
        class_names.parse("1 a\n0 b\n2 c\n3 d\n4 e\n5 f\n6 g\n7 h", where="my/labels.txt")
    assert str(err.value) == ("'my/labels.txt' numbers its classes out of order (1, 0, 2, 3, 4, 5 …): they must "
                              "be 0, 1, 2 … in order.")
    with pytest.raises(StudioError, match=r"\(1, 2 …\)"):
        class_names.parse("1 a\n2 b")


def test_no_names_at_all_is_refused():
    for text in ("", "\n\n", "  \r\n \t\n"):
        with pytest.raises(StudioError) as err:
            class_names.parse(text, where="x.txt")
        assert str(err.value) == "'x.txt' holds no class names. Write one name a line (or '0 cat' lines)."


def model_file(folder, name="model.keras"):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(b"zip")
    return path


def test_without_labels_the_classes_are_numbered(tmp_path):
    path = model_file(tmp_path / "m")
    assert class_names.for_model_file(path, 3) == (["class 0", "class 1", "class 2"],
                                                   "numbered (no labels.txt beside the file)")
    (tmp_path / "m" / "labels.txt").mkdir()  # a folder of that name is not a labels file
    assert class_names.for_model_file(path, 1)[0] == ["class 0"]
    assert class_names.beside(path) is None


def test_a_labels_file_beside_the_model_is_used_when_its_length_matches(tmp_path):
    path = model_file(tmp_path / "m", "keras_model.h5")
    labels = tmp_path / "m" / "labels.txt"
    labels.write_bytes("\ufeff0 Wasser\n1 Öl\n".encode("utf-8"))  # a BOM, as Windows editors write
    assert class_names.beside(path) == labels
    assert class_names.for_model_file(path, 2) == (["Wasser", "Öl"], str(labels))
    with pytest.raises(StudioError) as err:
        class_names.for_model_file(path, 3)
    assert str(err.value) == (f"'{labels}' names 2 classes but the model '{path}' has 3 outputs. Fix labels.txt "
                              "or move it away to use numbered classes.")


def test_a_labels_file_that_cannot_be_names_is_refused(tmp_path, monkeypatch):
    path = model_file(tmp_path / "m", "keras_model.h5")
    labels = tmp_path / "m" / "labels.txt"
    labels.write_bytes(b"0 caf\xe9\n")
    with pytest.raises(StudioError) as err:
        class_names.for_model_file(path, 1)
    assert str(err.value) == f"'{labels}' is not UTF-8 text; save it as UTF-8."
    labels.write_text("0 cat\n")
    monkeypatch.setattr(class_names, "MAX_BYTES", labels.stat().st_size)
    assert class_names.for_model_file(path, 1)[0] == ["cat"]  # exactly the limit is fine
    monkeypatch.setattr(class_names, "MAX_BYTES", labels.stat().st_size - 1)
    with pytest.raises(StudioError) as err:
        class_names.for_model_file(path, 1)
    assert str(err.value) == f"'{labels}' is far too large for a list of class names."
    monkeypatch.undo()

    def unreadable(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(class_names.Path, "read_bytes", unreadable)
    with pytest.raises(StudioError) as err:
        class_names.for_model_file(path, 1)
    assert str(err.value) == f"'{labels}' cannot be read (Permission denied)."


def bundle(folder, names):
    path = model_file(folder)
    (folder / "metadata.json").write_text(json.dumps({"created_by": "Pretrained Studio", "class_names": names}))
    return path


def test_our_bundles_metadata_comes_first_when_its_length_matches(tmp_path):
    path = bundle(tmp_path / "b", ["rose", "tulip"])
    (tmp_path / "b" / "labels.txt").write_text("a\nb\n")
    assert class_names.from_our_metadata(path) == ["rose", "tulip"]
    assert class_names.for_model_file(path, 2) == (["rose", "tulip"], "the trained model's metadata.json")
    assert class_names.for_model_file(path, 2)[1] != str(tmp_path / "b" / "labels.txt")
    with pytest.raises(StudioError, match="names 2 classes"):  # 3 outputs: the labels file is next, and wrong
        class_names.for_model_file(path, 3)


def test_metadata_is_ours_only_beside_a_bundles_model_file(tmp_path):
    other = model_file(tmp_path / "b", "other.keras")
    (tmp_path / "b" / "metadata.json").write_text(json.dumps({"class_names": ["x"]}))
    assert class_names.from_our_metadata(other) is None
    assert class_names.from_our_metadata(model_file(tmp_path / "c")) is None  # no metadata.json
    no_names = model_file(tmp_path / "d")
    (tmp_path / "d" / "metadata.json").write_text(json.dumps({"format": 1}))
    assert class_names.from_our_metadata(no_names) is None
    assert class_names.for_model_file(no_names, 1)[1].startswith("numbered")


def test_old_mac_line_ends_and_the_file_named_in_errors(tmp_path):
    assert class_names.parse("0 cat\r1 dog\r") == ["cat", "dog"]
    path = model_file(tmp_path / "m", "keras_model.h5")
    labels = tmp_path / "m" / "labels.txt"
    labels.write_text("1 a\n0 b\n")
    with pytest.raises(StudioError) as err:
        class_names.for_model_file(path, 2)
    assert str(err.value).startswith(f"'{labels}' numbers its classes out of order")
