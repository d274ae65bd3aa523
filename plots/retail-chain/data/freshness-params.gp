# Written by `edgesim report`; loaded by the figure's script.
scenario = "retail-chain"
arms = "edge_hybrid cloud_only"
array consumer_label[3]
consumer_label[1] = "the store"
consumer_label[2] = "the regional dashboard"
consumer_label[3] = "headquarters"
ymin = 0.001
ymax = 1000.0
