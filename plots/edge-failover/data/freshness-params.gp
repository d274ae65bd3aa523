# Written by `edgesim report`; loaded by the figure's script.
scenario = "edge-failover"
arms = "edge_hybrid cloud_only least_allocated"
array consumer_label[3]
consumer_label[1] = "the store"
consumer_label[2] = "the regional dashboard"
consumer_label[3] = "headquarters"
ymin = 0.001
ymax = 10000.0
