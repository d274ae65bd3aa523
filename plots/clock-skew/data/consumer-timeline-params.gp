# Written by `edgesim report`; loaded by the figure's script.
scenario = "clock-skew"
figure = "consumer-timeline"
arms = "edge_hybrid cloud_only"
npanels = 6
ncols = 2
nrows = 3
array panel_title[6]
panel_title[1] = "p99 update latency at the store (s)"
panel_title[2] = "updates within the SLA at the store"
panel_title[3] = "p99 update latency at the regional dashboard (s)"
panel_title[4] = "updates within the SLA at the regional dashboard"
panel_title[5] = "p99 update latency at headquarters (s)"
panel_title[6] = "updates within the SLA at headquarters"
array panel_note[6]
panel_note[1] = ""
panel_note[2] = "the same in both arms"
panel_note[3] = ""
panel_note[4] = ""
panel_note[5] = ""
panel_note[6] = ""
logscale = 0
t_unit = "min"
xmin = 1.0
xmax = 20.0
has_faults = 0
ylabel = "per bucket"
