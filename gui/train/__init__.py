"""The Train tab: form, panel and views, controller, review of the results, curves, texts and jobs."""
