# Written by `edgesim report`; loaded by the figure's script.
scenario = "quorum-staleness"
base = "sweep-probe-curve"
ndelays = 5
array delay_label[5]
delay_label[1] = "0ms"
delay_label[2] = "1ms"
delay_label[3] = "10ms"
delay_label[4] = "100ms"
delay_label[5] = "1s"
nseries = 8
array series_label[8]
series_label[1] = "latency=exponential, mean: 10ms, r=1, w=1"
series_label[2] = "latency=exponential, mean: 10ms, r=1, w=2"
series_label[3] = "latency=exponential, mean: 10ms, r=2, w=1"
series_label[4] = "latency=exponential, mean: 10ms, r=2, w=2"
series_label[5] = "latency=lognormal, median: 6ms, sigma: 1, r=1, w=1"
series_label[6] = "latency=lognormal, median: 6ms, sigma: 1, r=1, w=2"
series_label[7] = "latency=lognormal, median: 6ms, sigma: 1, r=2, w=1"
series_label[8] = "latency=lognormal, median: 6ms, sigma: 1, r=2, w=2"
array series_dash[8]
series_dash[1] = 1.0
series_dash[2] = 1.0
series_dash[3] = 1.0
series_dash[4] = 1.0
series_dash[5] = 2.0
series_dash[6] = 2.0
series_dash[7] = 2.0
series_dash[8] = 2.0
array series_colour[8]
series_colour[1] = 1.0
series_colour[2] = 2.0
series_colour[3] = 3.0
series_colour[4] = 4.0
series_colour[5] = 1.0
series_colour[6] = 2.0
series_colour[7] = 3.0
series_colour[8] = 4.0
