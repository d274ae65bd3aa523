# Written by `edgesim report`; loaded by the figure's script.
scenario = "clock-skew"
figure = "latency-cdf-hq"
consumer = "headquarters"
arms = "edge_hybrid cloud_only"
sla = 2.0
sla_label = "SLA 2 s"
xmin = 0.01
xmax = 1000.0
