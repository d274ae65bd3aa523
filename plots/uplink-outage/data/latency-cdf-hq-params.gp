# Written by `edgesim report`; loaded by the figure's script.
scenario = "uplink-outage"
figure = "latency-cdf-hq"
consumer = "headquarters"
arms = "edge_hybrid cloud_only"
sla = 2.0
sla_label = "SLA 2 s"
xmin = 0.01
xmax = 10000.0
