# Written by `edgesim report`; loaded by the figure's script.
scenario = "quorum-staleness"
base = "probe-curve"
ndelays = 5
array delay_label[5]
delay_label[1] = "0ms"
delay_label[2] = "1ms"
delay_label[3] = "10ms"
delay_label[4] = "100ms"
delay_label[5] = "1s"
nseries = 1
array series_label[1]
series_label[1] = "edge_hybrid"
array series_dash[1]
series_dash[1] = 1.0
array series_colour[1]
series_colour[1] = 1.0
