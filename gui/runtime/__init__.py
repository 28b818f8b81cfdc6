"""What every tab runs on: worker lanes, GUI-thread collector, shared jobs and model cache, remembered settings."""
