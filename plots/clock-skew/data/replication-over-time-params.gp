# Written by `edgesim report`; loaded by the figure's script.
scenario = "clock-skew"
figure = "replication-over-time"
arms = "edge_hybrid cloud_only"
npanels = 2
ncols = 2
nrows = 1
array panel_title[2]
panel_title[1] = "hint backlog at each bucket end"
panel_title[2] = "stale reads per 1 min bucket"
array panel_note[2]
panel_note[1] = "the same in both arms"
panel_note[2] = "the same in both arms"
logscale = 0
t_unit = "min"
xmin = 1.0
xmax = 20.0
has_faults = 0
ylabel = "count"
