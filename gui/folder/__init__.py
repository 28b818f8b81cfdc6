"""The Folder tab: the batch results table and its job (started by gui.predict's controller)."""
