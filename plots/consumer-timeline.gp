# Figure: per-bucket p99 update latency and SLA fraction of each consumer
# (store, regional dashboard, headquarters), a line per arm, faults shaded.
#
#   gnuplot -e "dir='plots/<scenario>'" plots/consumer-timeline.gp
#
# Reads dir/data/consumer-timeline-params.gp, dir/data/consumer-timeline-<arm>.dat
# and dir/data/faults.dat; writes dir/consumer-timeline.png and .svg.
# `edgesim report` writes the data files from timeseries.csv.

here = ARG0[1:strlen(ARG0) - strlen("consumer-timeline.gp")]
load here."common.gp"
load dir."/data/consumer-timeline-params.gp"
figure_title = "what each consumer saw over time"
yformat = "%g"
load here."timeline-panels.gp"
