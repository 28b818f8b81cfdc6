"""The Explain tab: panel, controller, method/class grids, trust scores, heatmap grid, score plots, jobs."""
