"""Compare models: published figures beside figures measured on this machine.

:mod:`.bench` measures (build, first call, warm latency, batch step time, throughput, peak
memory) and keeps records; :mod:`.table` joins them with the published figures;
:mod:`.charts` draws the bar charts and the accuracy–latency Pareto plot with matplotlib,
with no Qt, so the GUI, exports and tests draw the same figures.
"""
