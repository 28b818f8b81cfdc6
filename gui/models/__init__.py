"""Choosing a model: picker, weights card and actions, variant options, model files, their dialogs and jobs."""
