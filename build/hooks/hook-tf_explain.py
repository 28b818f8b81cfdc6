"""tf-explain imports OpenCV at import time without declaring it."""

hiddenimports = ["cv2"]
