# Written by `edgesim report`; loaded by the figure's script.
scenario = "smoke"
array component_label[9]
component_label[1] = "store servers"
component_label[2] = "store sites"
component_label[3] = "regional aggregators"
component_label[4] = "regional sites"
component_label[5] = "store uplinks"
component_label[6] = "regional uplinks"
component_label[7] = "cloud inventory service"
component_label[8] = "cloud GPUs"
component_label[9] = "transfer"
ncomponents = 9
ymax = 24151.0609
