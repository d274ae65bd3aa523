# Written by `edgesim report`; loaded by the figure's script.
scenario = "store-partition"
figure = "replication-over-time"
arms = "edge_hybrid cloud_only"
npanels = 2
ncols = 2
nrows = 1
array panel_title[2]
panel_title[1] = "hint backlog at each bucket end"
panel_title[2] = "stale reads per 1 min bucket"
array panel_note[2]
panel_note[1] = ""
panel_note[2] = ""
logscale = 0
t_unit = "min"
xmin = 2.0
xmax = 25.0
has_faults = 1
ylabel = "count"
