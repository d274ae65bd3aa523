# Written by `edgesim report`; loaded by the figure's script.
scenario = "uplink-outage"
figure = "bytes-over-time"
arms = "edge_hybrid cloud_only"
npanels = 6
ncols = 2
nrows = 3
array panel_title[6]
panel_title[1] = "device → store"
panel_title[2] = "store → region"
panel_title[3] = "region → cloud"
panel_title[4] = "WAN (everything leaving the stores)"
panel_title[5] = "cloud → region"
panel_title[6] = "region → store"
array panel_note[6]
panel_note[1] = "the same in both arms"
panel_note[2] = ""
panel_note[3] = ""
panel_note[4] = ""
panel_note[5] = ""
panel_note[6] = ""
logscale = 1
t_unit = "min"
xmin = 5.0
xmax = 60.0
has_faults = 1
ylabel = "bytes per 1 min bucket"
