# Written by `edgesim report`; loaded by the figure's script.
scenario = "retail-chain"
figure = "latency-cdf-region"
consumer = "the regional dashboard"
arms = "edge_hybrid cloud_only"
sla = 2.0
sla_label = "SLA 2 s"
xmin = 0.1
xmax = 10000.0
