"""The Inside tab: a model's layer tree, activations and filter patterns (panel, controller, jobs)."""
