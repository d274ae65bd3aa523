# Written by `edgesim report`; loaded by the figure's script.
scenario = "quorum-staleness"
xlabel = "topology.extra_links[0].latency"
numeric_axis = 0
array axis_label[2]
axis_label[1] = "{distribution: exponential, mean: 10ms}"
axis_label[2] = "{distribution: lognormal, median: 6ms, sigma: 1}"
naxis = 2
nmetrics = 12
array metric[12]
metric[1] = "t_visibility_probe_0ms"
metric[2] = "t_visibility_probe_1ms"
metric[3] = "t_visibility_probe_10ms"
metric[4] = "t_visibility_probe_100ms"
metric[5] = "read_latency_p50"
metric[6] = "read_latency_p99"
metric[7] = "write_latency_p50"
metric[8] = "write_latency_p99"
metric[9] = "stale_read_fraction"
metric[10] = "t_visibility_0ms"
metric[11] = "t_visibility_1ms"
metric[12] = "t_visibility_10ms"
array ylabel[12]
ylabel[1] = "t_visibility_probe_0ms (fraction)"
ylabel[2] = "t_visibility_probe_1ms (fraction)"
ylabel[3] = "t_visibility_probe_10ms (fraction)"
ylabel[4] = "t_visibility_probe_100ms (fraction)"
ylabel[5] = "read_latency_p50 (s)"
ylabel[6] = "read_latency_p99 (s)"
ylabel[7] = "write_latency_p50 (s)"
ylabel[8] = "write_latency_p99 (s)"
ylabel[9] = "stale_read_fraction (fraction)"
ylabel[10] = "t_visibility_0ms (fraction)"
ylabel[11] = "t_visibility_1ms (fraction)"
ylabel[12] = "t_visibility_10ms (fraction)"
array in_seconds[12]
in_seconds[1] = 0.0
in_seconds[2] = 0.0
in_seconds[3] = 0.0
in_seconds[4] = 0.0
in_seconds[5] = 1.0
in_seconds[6] = 1.0
in_seconds[7] = 1.0
in_seconds[8] = 1.0
in_seconds[9] = 0.0
in_seconds[10] = 0.0
in_seconds[11] = 0.0
in_seconds[12] = 0.0
nseries = 4
array series_label[4]
series_label[1] = "edge_hybrid, replication.r=1, replication.w=1"
series_label[2] = "edge_hybrid, replication.r=1, replication.w=2"
series_label[3] = "edge_hybrid, replication.r=2, replication.w=1"
series_label[4] = "edge_hybrid, replication.r=2, replication.w=2"
array series_arm[4]
series_arm[1] = "edge_hybrid"
series_arm[2] = "edge_hybrid"
series_arm[3] = "edge_hybrid"
series_arm[4] = "edge_hybrid"
array series_dash[4]
series_dash[1] = 1.0
series_dash[2] = 2.0
series_dash[3] = 3.0
series_dash[4] = 4.0
