"""The Compare tab: the model table, charts and on-machine benchmark (panel, controller, job)."""
