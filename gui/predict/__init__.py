"""The Predict tab: panel, thumbnails, top-k bars, job; its controller holds the current model and drives Folder."""
