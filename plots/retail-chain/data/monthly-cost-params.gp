# Written by `edgesim report`; loaded by the figure's script.
scenario = "retail-chain"
array component_label[10]
component_label[1] = "store servers"
component_label[2] = "store sites"
component_label[3] = "regional aggregators"
component_label[4] = "regional sites"
component_label[5] = "store uplinks"
component_label[6] = "regional uplinks"
component_label[7] = "cloud inventory service"
component_label[8] = "cloud GPUs"
component_label[9] = "transfer"
component_label[10] = "cloud egress"
ncomponents = 10
ymax = 670067.902
