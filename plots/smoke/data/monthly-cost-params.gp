# Written by `edgesim report`; loaded by the figure's script.
scenario = "smoke"
array component_label[2]
component_label[1] = "compute"
component_label[2] = "bandwidth"
ncomponents = 2
ymax = 24151.0609
