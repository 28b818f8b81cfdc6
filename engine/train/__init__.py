"""Transfer learning on the user's image folders: dataset report, feature cache, heads,
the three training modes, evaluation, and the saved bundle (.keras + metadata)."""
