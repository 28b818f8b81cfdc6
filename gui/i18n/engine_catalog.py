"""Every coded engine message (engine.messages) with its English template, marked for
``pyside6-lupdate`` in the ``EngineText`` context.  Written by ``python build/translations.py
update`` from the engine's own ``msg(...)`` calls: do not edit by hand (the translations test
fails when it no longer matches the engine)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

TEMPLATES = {
    "advice.download_again": QT_TRANSLATE_NOOP("EngineText", "The next download replaces it: `python main.py "
        "weights download {model}`."),
    "advice.import_again": QT_TRANSLATE_NOOP("EngineText", "Import the file again, or remove the import with "
        "`python main.py weights remove {model}`."),
    "advice.not_ours": QT_TRANSLATE_NOOP("EngineText", "This app did not create it, so it was left alone: delete "
        "or move it, then run `python main.py weights download {model}`."),
    "advice.pack": QT_TRANSLATE_NOOP("EngineText", "The pack is damaged: copy it again, or make it again with "
        "`python main.py weights pack`."),
    "advice.replace": QT_TRANSLATE_NOOP("EngineText", "Replace it with a good copy, or remove it from that folder."),
    "backend.bf16": QT_TRANSLATE_NOOP("EngineText", "bf16: {summary}"),
    "backend.cache_disagrees": QT_TRANSLATE_NOOP("EngineText", "The converted {model} on disk disagrees with Keras "
        "({why}); converting again"),
    "backend.check_features": QT_TRANSLATE_NOOP("EngineText", "features within {error:.2g} (relative) of Keras on "
        "{images} check images"),
    "backend.check_probabilities": QT_TRANSLATE_NOOP("EngineText", "top-1 agrees on {agree} of {images} check "
        "images, max probability difference {difference:.2g}"),
    "backend.checking": QT_TRANSLATE_NOOP("EngineText", "Checking {model} on OpenVINO against Keras"),
    "backend.converting": QT_TRANSLATE_NOOP("EngineText", "Converting {model} for OpenVINO (first use only: the "
        "result is kept)"),
    "backend.gpu": QT_TRANSLATE_NOOP("EngineText", "a GPU is in use: TensorFlow runs the model there"),
    "backend.keras": QT_TRANSLATE_NOOP("EngineText", "Keras (TensorFlow, {device})"),
    "backend.no_bf16": QT_TRANSLATE_NOOP("EngineText", "this CPU has no native bf16 (AVX512-BF16 or AMX): f32 "
        "instead"),
    "backend.no_openvino": QT_TRANSLATE_NOOP("EngineText", "OpenVINO is not installed; Keras runs the model"),
    "backend.openvino_bf16": QT_TRANSLATE_NOOP("EngineText", "OpenVINO fast (bf16)"),
    "backend.openvino_failed": QT_TRANSLATE_NOOP("EngineText", "OpenVINO could not run this model ({why}); Keras "
        "runs it"),
    "backend.outputs_differ": QT_TRANSLATE_NOOP("EngineText", "OpenVINO's outputs differ from Keras' ({why}); "
        "Keras runs the model"),
    "backend.preparing": QT_TRANSLATE_NOOP("EngineText", "Preparing {model} for OpenVINO"),
    "backend.random_weights": QT_TRANSLATE_NOOP("EngineText", "random weights: not worth converting (ask for "
        "openvino to convert anyway)"),
    "backend.ready": QT_TRANSLATE_NOOP("EngineText", "{model} runs on OpenVINO"),
    "backend.with_notice": QT_TRANSLATE_NOOP("EngineText", "{label} — {notice}"),
    "bench.batch": QT_TRANSLATE_NOOP("EngineText", "{model}: batch {batch}"),
    "bench.batch1": QT_TRANSLATE_NOOP("EngineText", "{model}: batch 1 {ms:.1f} ms"),
    "bench.building": QT_TRANSLATE_NOOP("EngineText", "{model} on {device} ({backend}): building"),
    "check.derived": QT_TRANSLATE_NOOP("EngineText", "recorded when it was derived"),
    "check.hash": QT_TRANSLATE_NOOP("EngineText", "{kind} {source}"),
    "check.imported": QT_TRANSLATE_NOOP("EngineText", "recorded when it was imported"),
    "check.keras_hash": QT_TRANSLATE_NOOP("EngineText", "published by Keras"),
    "check.manifest_hash": QT_TRANSLATE_NOOP("EngineText", "of the official file, in the app's manifest"),
    "check.no_hash": QT_TRANSLATE_NOOP("EngineText", "Keras publishes no hash for this file"),
    "check.nothing": QT_TRANSLATE_NOOP("EngineText", "nothing to check against"),
    "check.official_size": QT_TRANSLATE_NOOP("EngineText", "recorded from the official file"),
    "check.pack": QT_TRANSLATE_NOOP("EngineText", "in the pack's manifest"),
    "check.readable": QT_TRANSLATE_NOOP("EngineText", "readable (nothing known to check it against)"),
    "check.reported": QT_TRANSLATE_NOOP("EngineText", "matching the official file's as reported in public sources"),
    "check.server_listing": QT_TRANSLATE_NOOP("EngineText", "from the server's listing"),
    "check.structure": QT_TRANSLATE_NOOP("EngineText", "structure checked"),
    "check.structure_from": QT_TRANSLATE_NOOP("EngineText", "structure checked ({source})"),
    "dataset.checking": QT_TRANSLATE_NOOP("EngineText", "Checking images: {done} of {total}"),
    "dataset.class_empty": QT_TRANSLATE_NOOP("EngineText", "Class '{name}' has no images and was left out."),
    "dataset.class_unreadable": QT_TRANSLATE_NOOP("EngineText", "Class '{name}' has no readable images and was "
        "left out."),
    "dataset.imbalanced": QT_TRANSLATE_NOOP("EngineText", "Classes are imbalanced ({low} to {high} images); "
        "accuracy can hide a poor small class — check per-class recall."),
    "dataset.no_classes": QT_TRANSLATE_NOOP("EngineText", "'{folder}' has no class subfolders. Put each class's "
        "images in its own subfolder, e.g. data/cat/*.jpg and data/dog/*.jpg."),
    "dataset.not_a_folder": QT_TRANSLATE_NOOP("EngineText", "'{folder}' is not a folder."),
    "dataset.skipped": QT_TRANSLATE_NOOP("EngineText", "{count} unreadable files or folders were skipped (listed "
        "in the report)."),
    "dataset.split": QT_TRANSLATE_NOOP("EngineText", "{train} training and {val} validation images"),
    "dataset.tiny_class": QT_TRANSLATE_NOOP("EngineText", "Class '{name}' has only {count} readable images; "
        "results will be unreliable."),
    "dataset.too_few_classes": QT_TRANSLATE_NOOP("EngineText", "Training needs at least two classes with images; "
        "'{folder}' has {count}."),
    "dataset.unreadable_folder": QT_TRANSLATE_NOOP("EngineText", "The folder '{folder}' cannot be read ({why})."),
    "device.cpu_build": QT_TRANSLATE_NOOP("EngineText", "This TensorFlow is built without GPU support (a CPU-only "
        "build); using the CPU."),
    "device.detection_failed": QT_TRANSLATE_NOOP("EngineText", "GPU detection failed ({error}); using the CPU."),
    "device.gpu_failed": QT_TRANSLATE_NOOP("EngineText", "The GPU failed to initialise ({error}); using the CPU."),
    "device.no_gpu": QT_TRANSLATE_NOOP("EngineText", "No GPU visible to TensorFlow; using the CPU."),
    "download.already_here": QT_TRANSLATE_NOOP("EngineText", "Already here: {path}"),
    "download.checking": QT_TRANSLATE_NOOP("EngineText", "Checking {file}"),
    "download.connecting": QT_TRANSLATE_NOOP("EngineText", "Connecting to {url}"),
    "download.progress": QT_TRANSLATE_NOOP("EngineText", "Downloading {file}: {done:.1f} MB"),
    "download.progress_of": QT_TRANSLATE_NOOP("EngineText", "Downloading {file}: {done:.1f} of {total:.1f} MB"),
    "download.saved": QT_TRANSLATE_NOOP("EngineText", "Saved {path}"),
    "explain.faithfulness_images": QT_TRANSLATE_NOOP("EngineText", "Faithfulness: {done} of {count} images"),
    "explain.flat_occlusion": QT_TRANSLATE_NOOP("EngineText", "no patch lowers this class's probability "
        "({probability:.2g}%) by even {drop:.1f} percentage point: nothing the patch covers matters to it"),
    "explain.flat_uniform": QT_TRANSLATE_NOOP("EngineText", "the map is nearly uniform: no region stands out for "
        "this class"),
    "explain.flat_zero": QT_TRANSLATE_NOOP("EngineText", "nothing in the image raises this class's score here: the "
        "map is zero everywhere"),
    "explain.occlusion_images": QT_TRANSLATE_NOOP("EngineText", "Occlusion: {done} of {count} images"),
    "explain.scorecam_channels": QT_TRANSLATE_NOOP("EngineText", "Score-CAM: {done} of {count} channels"),
    "export.deploy": QT_TRANSLATE_NOOP("EngineText", "Writing the SavedModel and converting to TFLite (a minute or "
        "so)"),
    "export.done": QT_TRANSLATE_NOOP("EngineText", "Exported to {folder}"),
    "export.keras": QT_TRANSLATE_NOOP("EngineText", "Saving the Keras model"),
    "export.loading": QT_TRANSLATE_NOOP("EngineText", "Loading the trained model"),
    "guess.default": QT_TRANSLATE_NOOP("EngineText", "the file does not say; −1…1 is the most common for model "
        "files (a guess)"),
    "guess.exported": QT_TRANSLATE_NOOP("EngineText", "exported by this app: the model preprocesses its pixels "
        "itself"),
    "guess.mobilenet": QT_TRANSLATE_NOOP("EngineText", "a MobileNet base without a scaling layer: MobileNet takes "
        "−1…1"),
    "guess.ours": QT_TRANSLATE_NOOP("EngineText", "the model preprocesses its pixels itself (trained in this app)"),
    "guess.scaling": QT_TRANSLATE_NOOP("EngineText", "the model starts with a {layer} layer: it scales its own "
        "pixels"),
    "guess.teachable_labels": QT_TRANSLATE_NOOP("EngineText", "a Teachable Machine export (labels.txt numbered '0 "
        "name' beside a 224 × 224 model)"),
    "guess.teachable_layout": QT_TRANSLATE_NOOP("EngineText", "a Teachable Machine export (a MobileNet base and a "
        "Dense head in Teachable Machine's layout)"),
    "image.16bit": QT_TRANSLATE_NOOP("EngineText", "16-bit reduced to 8-bit"),
    "image.array_shape": QT_TRANSLATE_NOOP("EngineText", "unsupported array shape {shape}."),
    "image.bomb": QT_TRANSLATE_NOOP("EngineText", "it is too large to open safely ({detail}). Files this size can "
        "exhaust memory (a 'decompression bomb'); scale it down first."),
    "image.cannot_open": QT_TRANSLATE_NOOP("EngineText", "the file cannot be opened ({why})."),
    "image.cannot_read": QT_TRANSLATE_NOOP("EngineText", "Cannot read image '{path}': {reason}"),
    "image.cmyk": QT_TRANSLATE_NOOP("EngineText", "CMYK converted to RGB"),
    "image.damaged": QT_TRANSLATE_NOOP("EngineText", "the file is damaged and cannot be decoded ({error}: "
        "{detail})."),
    "image.dangling_link": QT_TRANSLATE_NOOP("EngineText", "it is a link to '{target}', which does not exist (a "
        "dangling link)."),
    "image.decoder_error": QT_TRANSLATE_NOOP("EngineText", "unexpected decoder error ({error}: {detail})."),
    "image.draft": QT_TRANSLATE_NOOP("EngineText", "large JPEG decoded at {width}×{height} (from "
        "{full_width}×{full_height})"),
    "image.empty": QT_TRANSLATE_NOOP("EngineText", "it is empty (0 bytes)."),
    "image.empty_file": QT_TRANSLATE_NOOP("EngineText", "the file is empty (0 bytes)."),
    "image.exif_applied": QT_TRANSLATE_NOOP("EngineText", "EXIF orientation applied"),
    "image.exif_unreadable": QT_TRANSLATE_NOOP("EngineText", "EXIF orientation unreadable, ignored"),
    "image.first_frame": QT_TRANSLATE_NOOP("EngineText", "first of {frames} frames"),
    "image.float": QT_TRANSLATE_NOOP("EngineText", "floating-point image scaled to 8-bit"),
    "image.folder": QT_TRANSLATE_NOOP("EngineText", "it is a folder, not an image file."),
    "image.integer": QT_TRANSLATE_NOOP("EngineText", "integer image"),
    "image.link_loop": QT_TRANSLATE_NOOP("EngineText", "it is a symbolic link that points to itself (a link loop)."),
    "image.missing": QT_TRANSLATE_NOOP("EngineText", "the file does not exist."),
    "image.no_pixels": QT_TRANSLATE_NOOP("EngineText", "it has no pixels (zero width or height)."),
    "image.not_an_image": QT_TRANSLATE_NOOP("EngineText", "it is not an image the app can read (expected JPEG, "
        "PNG, BMP, GIF, WebP or TIFF)."),
    "image.not_regular": QT_TRANSLATE_NOOP("EngineText", "it is not a regular file (a device, pipe or socket); "
        "only image files are read."),
    "image.path_too_long": QT_TRANSLATE_NOOP("EngineText", "the path is too long for this system."),
    "image.permission": QT_TRANSLATE_NOOP("EngineText", "permission denied: the file cannot be opened for reading."),
    "image.too_many_bytes": QT_TRANSLATE_NOOP("EngineText", "the file is {size:.1f} GiB, over the limit of "
        "{limit:.0f} GiB for an image; it was not opened."),
    "image.too_many_pixels": QT_TRANSLATE_NOOP("EngineText", "it is {width}×{height} pixels ({megapixels:.0f} "
        "megapixels), over the limit of {limit:.0f} megapixels; such files can exhaust memory (a 'decompression "
        "bomb'). Scale it down first."),
    "image.too_small": QT_TRANSLATE_NOOP("EngineText", "the file ({size:,} bytes) is far too small for the "
        "{width}×{height} pixels its header claims: it is truncated or forged."),
    "image.transparency": QT_TRANSLATE_NOOP("EngineText", "transparency composited on white"),
    "image.truncated": QT_TRANSLATE_NOOP("EngineText", "the file is truncated (incomplete download or copy?); "
        "re-save or re-download it."),
    "inside.filter_step": QT_TRANSLATE_NOOP("EngineText", "Filter patterns: step {step} of {steps}"),
    "model.building": QT_TRANSLATE_NOOP("EngineText", "Building {model}"),
    "model.compiling": QT_TRANSLATE_NOOP("EngineText", "Compiling the inference function"),
    "model.opening": QT_TRANSLATE_NOOP("EngineText", "Opening {file}"),
    "model.reading_openvino": QT_TRANSLATE_NOOP("EngineText", "Reading {file} with OpenVINO"),
    "model.ready": QT_TRANSLATE_NOOP("EngineText", "{model} ready"),
    "predict.files": QT_TRANSLATE_NOOP("EngineText", "{done} of {total} images, {rate:.1f} img/s"),
    "predict.not_numbers": QT_TRANSLATE_NOOP("EngineText", "{model} gave no numbers for '{file}' (NaN or infinite "
        "scores): its weights are damaged or it overflowed on this image, so there is nothing to show."),
    "preprocess.family": QT_TRANSLATE_NOOP("EngineText", "{family}'s preprocess_input ({module})"),
    "preprocess.minus1to1": QT_TRANSLATE_NOOP("EngineText", "scale to −1…1 (x / 127.5 − 1, as MobileNet)"),
    "preprocess.none": QT_TRANSLATE_NOOP("EngineText", "none (the model takes raw 0–255 pixels)"),
    "preprocess.teachable": QT_TRANSLATE_NOOP("EngineText", "Teachable Machine's own (centre fit with LANCZOS, "
        "then −1…1)"),
    "preprocess.zero_to_one": QT_TRANSLATE_NOOP("EngineText", "scale to 0…1 (x / 255)"),
    "sanity.done": QT_TRANSLATE_NOOP("EngineText", "Sanity check done"),
    "sanity.draw": QT_TRANSLATE_NOOP("EngineText", "Sanity check: {layer}, draw {draw}"),
    "sanity.fails": QT_TRANSLATE_NOOP("EngineText", "Fails: with the top layer ({layer}) randomised {draws} times "
        "the map stays alike (mean rank correlation {r:+.2f}, {high} or more): it shows where the network is "
        "active or the image's edges, not this class's evidence."),
    "sanity.flat": QT_TRANSLATE_NOOP("EngineText", "Not applicable: the map itself is flat (nothing stands out for "
        "this class), so there is nothing for a randomised model to change. A flat map never passes."),
    "sanity.map_flat": QT_TRANSLATE_NOOP("EngineText", "Sanity check: the map is flat"),
    "sanity.original": QT_TRANSLATE_NOOP("EngineText", "Sanity check: the original map"),
    "sanity.passes": QT_TRANSLATE_NOOP("EngineText", "Passes: with the top layer ({layer}) randomised {draws} "
        "times the map changes (mean rank correlation {r:+.2f}, below {low}): it depends on what the model learnt "
        "for this class."),
    "sanity.randomising": QT_TRANSLATE_NOOP("EngineText", "Sanity check: randomising {layer}"),
    "sanity.weak": QT_TRANSLATE_NOOP("EngineText", "Weak: with the top layer ({layer}) randomised {draws} times "
        "the map keeps part of its structure (mean rank correlation {r:+.2f}, between {low} and {high}): part of "
        "it comes from the image, not the model's reasoning."),
    "train.batch": QT_TRANSLATE_NOOP("EngineText", "epoch {epoch} of {total}, batch {batch} of {steps}, loss "
        "{loss:.3f}"),
    "train.batch_finetune": QT_TRANSLATE_NOOP("EngineText", "fine-tuning: epoch {epoch} of {total}, batch {batch} "
        "of {steps}, loss {loss:.3f}"),
    "train.batch_head": QT_TRANSLATE_NOOP("EngineText", "training the head: epoch {epoch} of {total}, batch "
        "{batch} of {steps}, loss {loss:.3f}"),
    "train.batch_where": QT_TRANSLATE_NOOP("EngineText", "{step} ({where})"),
    "train.caching": QT_TRANSLATE_NOOP("EngineText", "Caching features: {done} of {total}"),
    "train.chance_majority": QT_TRANSLATE_NOOP("EngineText", "This model is no better than chance: validation "
        "accuracy {accuracy:.0%}, and always answering '{name}' would score {baseline:.0%}. It has not learned to "
        "tell the classes apart. Try more epochs, more images per class, a higher learning rate, or the "
        "feature-extraction mode."),
    "train.chance_one_class": QT_TRANSLATE_NOOP("EngineText", "This model is no better than chance: validation "
        "accuracy {accuracy:.0%}, and it answers '{name}' for every validation image. It has not learned to tell "
        "the classes apart. Try more epochs, more images per class, a higher learning rate, or the "
        "feature-extraction mode."),
    "train.devices": QT_TRANSLATE_NOOP("EngineText", "Training on {count} devices (MirroredStrategy)"),
    "train.diverged": QT_TRANSLATE_NOOP("EngineText", "Training diverged: the loss became {loss} at epoch {epoch}, "
        "so no model was saved. Try a lower learning rate (--lr), and if it happens again clear the feature cache "
        "(`python main.py cache clear`)."),
    "train.evaluating_kept": QT_TRANSLATE_NOOP("EngineText", "Evaluating it on the validation images"),
    "train.loading_kept": QT_TRANSLATE_NOOP("EngineText", "Loading the kept checkpoint"),
    "train.nothing_readable": QT_TRANSLATE_NOOP("EngineText", "No training image could be read; nothing to train "
        "on."),
    "train.one_device": QT_TRANSLATE_NOOP("EngineText", "One device visible: training without MirroredStrategy"),
    "train.one_device_extract": QT_TRANSLATE_NOOP("EngineText", "Feature extraction trains on one device (its "
        "epochs run on cached features)"),
    "train.saving": QT_TRANSLATE_NOOP("EngineText", "Saving the model"),
    "weights.import_checking": QT_TRANSLATE_NOOP("EngineText", "Checking that {file} loads into {model}"),
    "weights.imported": QT_TRANSLATE_NOOP("EngineText", "Imported for {model}"),
    "weights.looking_full": QT_TRANSLATE_NOOP("EngineText", "Looking for {model}'s full weights to take the base "
        "from"),
}
