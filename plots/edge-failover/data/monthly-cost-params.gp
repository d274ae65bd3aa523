# Written by `edgesim report`; loaded by the figure's script.
scenario = "edge-failover"
array component_label[2]
component_label[1] = "compute"
component_label[2] = "bandwidth"
ncomponents = 2
ymax = 19878.2736
